/** Writing whole maps: one transaction per map, batched UNWIND writes. */
import type { Op } from "../../contract/workbench.js";
import type { MapData } from "../../contract/model.js";
import { must } from "../../contract/errors.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { ensureSnapshot, nextRevision, type Head } from "../history/store.js";
import { toMapData, toStored, type MapState } from "../history/state.js";
import type { Workbench } from "../history/workbench.js";
import { cypher } from "./cypher.js";
import { int, type Database, type WriteTx } from "./neo4j.js";
import { HeadRow, MapCountsRow, rowsAs, type MapCounts } from "./rows.js";

export type { MapCounts };

export type LoadStatus = "created" | "replaced" | "unchanged";

export interface LoadResult {
  mapId: string;
  status: LoadStatus;
  revision: string;
}

export interface LoadOptions {
  /** Rewrite even when the stored revision equals the new one. */
  force?: boolean;
  /** Refuse (ConflictError, nothing written) when the map exists: checked inside the write transaction. */
  createOnly?: boolean;
  batchSize?: number;
  onProgress?: (written: number, total: number) => void;
  /** Who loads it, for the map's history (default "cli"). */
  user?: string;
  /** Owner of a new map (its creator); a replaced map keeps its owner and access. */
  owner?: string | null;
}

async function unwindInBatches(tx: WriteTx, query: string, mapId: string, rows: unknown[], batchSize: number, progress: (rows: number) => void) {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await tx.run(query, { mapId, rows: batch });
    progress(batch.length);
  }
}

const rowCount = (data: MapData) =>
  data.claims.length + data.citations.length + data.entities.length + data.edges.length + data.cites.length + data.mentions.length;

/** One statement for the whole map: relationships refer to nodes by their position in the node lists. */
function singleStatementParams(data: MapData) {
  const claimAt = new Map(data.claims.map((c, i) => [c.id, i]));
  const citationAt = new Map(data.citations.map((c, i) => [c.n, i]));
  const entityAt = new Map(data.entities.map((e, i) => [e.id, i]));
  const relation = (e: MapData["edges"][number]) => ({ source: claimAt.get(e.source), target: claimAt.get(e.target), quote: e.quote });
  return {
    mapId: data.map.id,
    map: data.map,
    revision: data.revision,
    claims: data.claims,
    citations: data.citations,
    entities: data.entities,
    supports: data.edges.filter((e) => e.type === "SUPPORTS").map(relation),
    attacks: data.edges.filter((e) => e.type === "ATTACKS").map(relation),
    undercuts: data.edges.filter((e) => e.type === "UNDERCUTS").map((e) => ({ ...relation(e), inference: e.inference })),
    cites: data.cites.map((c) => ({ claim: claimAt.get(c.claim), citation: citationAt.get(c.n) })),
    mentions: data.mentions.map((m) => ({ claim: claimAt.get(m.claim), entity: entityAt.get(m.entity) })),
  };
}

/** Large maps: node and relationship rows in batches, relationships found by their keys. */
async function writeInBatches(tx: WriteTx, data: MapData, batchSize: number, progress: (rows: number) => void) {
  const mapId = data.map.id;
  await tx.run(cypher("map-create"), { map: data.map, revision: data.revision });
  const plan: [string, unknown[]][] = [
    ["claims-create", data.claims],
    ["citations-create", data.citations],
    ["entities-create", data.entities],
    ["supports-create", data.edges.filter((e) => e.type === "SUPPORTS")],
    ["attacks-create", data.edges.filter((e) => e.type === "ATTACKS")],
    ["undercuts-create", data.edges.filter((e) => e.type === "UNDERCUTS")],
    ["cites-create", data.cites],
    ["mentions-create", data.mentions],
  ];
  for (const [name, rows] of plan) await unwindInBatches(tx, cypher(name), mapId, rows, batchSize, progress);
}

/** Writes the graph of `data` (nodes and relationships), replacing what `previous` had. */
async function writeGraph(tx: WriteTx, data: MapData, previous: Head | null, options: LoadOptions) {
  const mapId = data.map.id;
  const batchSize = options.batchSize ?? 5_000;
  const total = rowCount(data);
  // The content being replaced stays reachable through history.
  if (previous?.logged && !previous.snapshotted) await ensureSnapshot(tx, mapId, previous);
  if (previous !== null) await tx.run(cypher("map-delete"), { mapId });
  let written = 0;
  const progress = (rows: number) => {
    written += rows;
    options.onProgress?.(Math.min(written, total), total);
  };
  if (total <= batchSize) {
    await tx.run(cypher("map-write"), singleStatementParams(data));
    progress(total);
  } else {
    await writeInBatches(tx, data, batchSize, progress);
  }
}

/** The map's new head after a whole-map write, and the operation in its history. */
async function logWholeMap(tx: WriteTx, mapId: string, previous: Head | null, entry: { revision: string; contentHash: string | null; op: Op; user: string; owner: string | null }) {
  await tx.run(cypher("map-after-load"), {
    mapId,
    seq: int(previous ? previous.seq + 1 : 1),
    revision: entry.revision,
    contentHash: entry.contentHash,
    parent: previous?.revision ?? null,
    user: entry.user,
    at: new Date().toISOString(),
    op: JSON.stringify(entry.op),
    visibility: previous?.visibility ?? "public",
    owner: previous ? previous.owner : entry.owner,
    members: previous?.members ?? [],
  });
}

/**
 * The body of a map load, inside a write transaction the caller owns. Unchanged means the
 * file is the one last loaded and nothing was edited since (an edit clears contentHash).
 */
const mapExists = (mapId: string) => new ConflictError(`a map "${mapId}" exists; add ?replace=true to replace it, or import under another id`);

async function writeMapInTx(tx: WriteTx, data: MapData, options: LoadOptions): Promise<LoadStatus> {
  const mapId = data.map.id;
  const [previous = null] = rowsAs(HeadRow, await tx.run(cypher("map-head"), { mapId }), "map-head");
  if (previous !== null && options.createOnly) throw mapExists(mapId);
  const loaded = previous ? (previous.contentHash ?? (previous.logged ? null : previous.revision)) : null;
  if (loaded === data.revision && !options.force) return "unchanged";
  await writeGraph(tx, data, previous, options);
  const status = previous === null ? "created" : "replaced";
  await logWholeMap(tx, mapId, previous, { revision: data.revision, contentHash: data.revision, op: { type: "load", status }, user: options.user ?? "cli", owner: options.owner ?? null });
  return status;
}

/** A revision whose document, footnotes or entities differ from now: the whole map is rewritten to it, as a new revision. */
export async function restoreWhole(workbench: Workbench, mapId: string, state: MapState, restored: string, user: string): Promise<{ revision: string }> {
  const result = await workbench.db.write(async (tx) => {
    const head = await workbench.history.lockHead(tx, mapId);
    if (!head) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
    const op: Op = { type: "restore", revision: restored };
    const revision = nextRevision(head.revision, head.seq + 1, JSON.stringify(op), null);
    await writeGraph(tx, toMapData(state, revision), head, {});
    await logWholeMap(tx, mapId, head, { revision, contentHash: null, op, user, owner: head.owner });
    await tx.run(cypher("snapshot-write"), { mapId, seq: int(head.seq + 1), revision, content: JSON.stringify(toStored(state)) });
    return { revision, seq: head.seq + 1 };
  });
  workbench.history.committed(mapId, result.seq, result.revision, state);
  workbench.revisions.invalidate(mapId);
  workbench.events.wake(mapId);
  return { revision: result.revision };
}

/**
 * Replaces the map with `data` atomically: the old version is deleted and the new
 * one written in the same transaction, so a failure leaves the old version intact.
 * Maps up to `batchSize` rows go in one statement; larger ones in batches of that size.
 */
export async function loadMap(db: Database, data: MapData, options: LoadOptions = {}): Promise<LoadResult> {
  const write = () => db.write((tx) => writeMapInTx(tx, data, options));
  let status: LoadStatus;
  try {
    status = await write();
  } catch (err) {
    // Two loads of a new id at once: both saw no map, the uniqueness constraint let one create it.
    if (!(err instanceof ConflictError)) throw err;
    if (options.createOnly) throw mapExists(data.map.id);
    status = await write(); // a replacing load goes again and now replaces: last writer wins
  }
  return { mapId: data.map.id, status, revision: data.revision };
}

/**
 * Bulk loading: `concurrency` transactions at a time, each writing `mapsPerTransaction`
 * maps (default 1: one transaction per map). Every map stays atomic; with several maps
 * per transaction a failure rolls back the whole group, leaving each map's previous
 * version intact, in exchange for fewer commits.
 */
export async function loadMaps(
  db: Database,
  maps: MapData[],
  options: LoadOptions & { concurrency?: number; mapsPerTransaction?: number } = {},
): Promise<LoadResult[]> {
  const perTx = Math.max(1, options.mapsPerTransaction ?? 1);
  const groups: { index: number; data: MapData }[][] = [];
  for (let i = 0; i < maps.length; i += perTx) groups.push(maps.slice(i, i + perTx).map((data, k) => ({ index: i + k, data })));
  const results = new Array<LoadResult>(maps.length);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++] ?? [];
      const statuses = await db.write(async (tx) => {
        const out: LoadStatus[] = [];
        for (const { data } of group) out.push(await writeMapInTx(tx, data, options));
        return out;
      });
      group.forEach(({ index, data }, k) => (results[index] = { mapId: data.map.id, status: must(statuses[k], `load status of map ${data.map.id}`), revision: data.revision }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, groups.length)) }, worker));
  return results;
}

export async function mapCounts(db: Database, mapId: string): Promise<MapCounts | null> {
  const [row] = rowsAs(MapCountsRow, await db.read(cypher("map-counts"), { mapId }), "map-counts");
  return row ?? null;
}


/** Removes one map and everything of it; false when there was no such map. */
export async function deleteMap(db: Database, mapId: string): Promise<boolean> {
  return db.write(async (tx) => {
    const found = await tx.run(cypher("map-exists"), { mapId });
    if (!found.length) return false;
    await tx.run(cypher("map-delete"), { mapId });
    await tx.run(cypher("map-history-delete"), { mapId });
    return true;
  });
}
