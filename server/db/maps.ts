/** Writing whole maps: the one write path of seed, `argmap load`, import, restore and the bench. */
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

const rowCount = (data: MapData) =>
  data.claims.length + data.citations.length + data.entities.length + data.edges.length + data.cites.length + data.mentions.length;

/** A map to write whole, with what its head and history record besides its content. */
interface WholeMap {
  data: MapData;
  previous: Head | null;
  /** The revision of the file it was loaded from (the content-hash skip), null when it was not loaded from one. */
  contentHash: string | null;
  op: Op;
  user: string;
  owner: string | null;
}

/** The columns of one list of cypher/map-write.cypher: a list per property, all of one length. */
class Columns {
  readonly values: unknown[][];
  length = 0;
  constructor(readonly names: string[]) {
    this.values = names.map(() => []);
  }
  add(...row: unknown[]) {
    this.values.forEach((column, i) => column.push(row[i]));
    return this.length++;
  }
  into(params: Record<string, unknown>, prefix: string) {
    this.names.forEach((name, i) => (params[prefix + name] = this.values[i]));
  }
}

/**
 * One node kind in one statement: the nodes it creates (by position) and the nodes of earlier
 * statements its relationships join, each passed once by key. A relationship end is a position
 * in the concatenation of the two lists, which the statement builds (see map-write.cypher).
 */
class Nodes {
  readonly created: Columns;
  readonly refs = new Columns(["Map", "Key"]);
  private readonly local = new Map<string, number>();
  private readonly remote = new Map<string, number>();
  /** Positions of relationship ends that point into `refs`, fixed up by `into` once `created` is complete. */
  private readonly pending: { column: unknown[]; at: number }[] = [];
  constructor(
    readonly prefix: string,
    columns: string[],
    /** The keys (per map) written by earlier statements of the transaction. */
    private readonly earlier: Set<string>,
  ) {
    this.created = new Columns(columns);
  }
  create(map: number, key: string | number, ...row: unknown[]) {
    this.local.set(`${map}:${key}`, this.created.add(map, key, ...row));
  }
  /** Puts the position of node (map, key) into `column`. */
  end(column: unknown[], map: number, key: string | number, what: string) {
    const k = `${map}:${key}`;
    const here = this.local.get(k);
    if (here !== undefined) return void column.push(here);
    if (!this.earlier.has(k)) throw new Error(`${what} names ${this.prefix} "${key}", which the map does not have`);
    let ref = this.remote.get(k);
    if (ref === undefined) this.remote.set(k, (ref = this.refs.add(map, key)));
    this.pending.push({ column, at: column.length });
    column.push(ref);
  }
  into(params: Record<string, unknown>) {
    for (const { column, at } of this.pending) column[at] = this.created.length + (column[at] as number);
    this.created.into(params, this.prefix);
    this.refs.into(params, this.prefix + "Ref");
    for (const k of this.local.keys()) this.earlier.add(k);
  }
}

/** The parameters of one map-write statement, filled map by map. */
class Statement {
  rows = 0;
  readonly claims: Nodes;
  readonly citations: Nodes;
  readonly entities: Nodes;
  readonly supports = new Columns(["Source", "Target", "Quote"]);
  readonly attacks = new Columns(["Source", "Target", "Quote"]);
  readonly undercuts = new Columns(["Source", "Target", "Quote", "Inference"]);
  readonly cites = new Columns(["Claim", "Citation"]);
  readonly mentions = new Columns(["Claim", "Entity"]);
  constructor(
    private readonly mapIds: string[],
    readonly maps: unknown[],
    written: { claims: Set<string>; citations: Set<string>; entities: Set<string> },
  ) {
    this.claims = new Nodes("claim", ["Map", "Id", "Kind", "Text", "Quote", "Start", "End", "Speaker"], written.claims);
    this.citations = new Nodes("citation", ["Map", "N", "Authors", "Title", "Publisher", "Date", "Url"], written.citations);
    this.entities = new Nodes("entity", ["Map", "Id", "Name", "Type"], written.entities);
  }
  params(): Record<string, unknown> {
    const params: Record<string, unknown> = { mapIds: this.mapIds, maps: this.maps };
    for (const nodes of [this.claims, this.citations, this.entities]) nodes.into(params);
    this.supports.into(params, "support");
    this.attacks.into(params, "attack");
    this.undercuts.into(params, "undercut");
    this.cites.into(params, "cite");
    this.mentions.into(params, "mention");
    return params;
  }
}

/** The rows of one map in the order a statement needs them: nodes before the relationships joining them. */
function rowsOf(data: MapData, k: number): ((s: Statement) => void)[] {
  const edge = (e: MapData["edges"][number]) => (s: Statement) => {
    const what = `${e.type} ${e.source} -> ${e.target}`;
    const list = e.type === "SUPPORTS" ? s.supports : e.type === "ATTACKS" ? s.attacks : s.undercuts;
    const [source, target] = list.values as [unknown[], unknown[], ...unknown[][]];
    s.claims.end(source, k, e.source, what);
    s.claims.end(target, k, e.target, what);
    list.values[2]?.push(e.quote);
    if (e.type === "UNDERCUTS") list.values[3]?.push(e.inference ?? null);
    list.length++;
  };
  const pair = (columns: (s: Statement) => Columns, a: (s: Statement) => Nodes, aKey: string | number, b: (s: Statement) => Nodes, bKey: string | number, what: string) =>
    (s: Statement) => {
      const list = columns(s);
      const [first, second] = list.values as [unknown[], unknown[]];
      a(s).end(first, k, aKey, what);
      b(s).end(second, k, bKey, what);
      list.length++;
    };
  return [
    ...data.claims.map((c) => (s: Statement) => s.claims.create(k, c.id, c.kind, c.text, c.quote, c.start, c.end, c.speaker ?? null)),
    ...data.citations.map((x) => (s: Statement) => s.citations.create(k, x.n, x.authors, x.title, x.publisher, x.date, x.url)),
    ...data.entities.map((e) => (s: Statement) => s.entities.create(k, e.id, e.name, e.type)),
    ...data.edges.map(edge),
    ...data.cites.map((c) => pair((s) => s.cites, (s) => s.claims, c.claim, (s) => s.citations, c.n, `citation [${c.n}] of ${c.claim}`)),
    ...data.mentions.map((m) => pair((s) => s.mentions, (s) => s.claims, m.claim, (s) => s.entities, m.entity, `mention of ${m.entity} by ${m.claim}`)),
  ];
}

/** The Map node and its history entry, as map-write.cypher creates them. */
function mapRow({ data, previous, contentHash, op, user, owner }: WholeMap, at: string) {
  return {
    id: data.map.id, title: data.map.title, author: data.map.author, date: data.map.date, venue: data.map.venue, text: data.map.text,
    revision: data.revision, seq: previous ? previous.seq + 1 : 1, contentHash,
    // A replaced map keeps its access settings.
    visibility: previous?.visibility ?? "public", owner: previous ? previous.owner : owner, members: previous?.members ?? [],
    parent: previous?.revision ?? null, user, at, op: JSON.stringify(op),
  };
}

/**
 * The parameters of map-write.cypher for `maps`, in statements of at most `batchSize` rows cut
 * at map boundaries: a map goes whole into the current statement if it fits, else it starts a
 * new one. Only a map larger than `batchSize` is split, in its row order (nodes before
 * relationships), and its later statements name the nodes of the earlier ones by key.
 * Why positions (README "Ingest figures"): two index seeks per relationship cost more JVM time than
 * the list lookups, and cutting at map boundaries keeps the by-key path out of the normal case.
 */
function* writeStatements(maps: WholeMap[], batchSize: number): Generator<{ params: Record<string, unknown>; rows: number }> {
  const at = new Date().toISOString();
  const mapIds = maps.map((m) => m.data.map.id);
  const written = { claims: new Set<string>(), citations: new Set<string>(), entities: new Set<string>() };
  let statement = new Statement(mapIds, maps.map((m) => mapRow(m, at)), written);
  for (const [k, m] of maps.entries()) {
    const rows = rowsOf(m.data, k);
    if (statement.rows > 0 && statement.rows + rows.length > batchSize) {
      yield { params: statement.params(), rows: statement.rows };
      statement = new Statement(mapIds, [], written);
    }
    for (const row of rows) {
      if (statement.rows === batchSize) {
        yield { params: statement.params(), rows: statement.rows };
        statement = new Statement(mapIds, [], written);
      }
      row(statement);
      statement.rows++;
    }
  }
  if (statement.rows > 0 || statement.maps.length > 0) yield { params: statement.params(), rows: statement.rows };
}

/**
 * Writes `maps` whole inside the caller's transaction, replacing what their `previous` heads had.
 * The replaced content stays reachable through history.
 */
async function writeWholeMaps(tx: WriteTx, maps: WholeMap[], options: Pick<LoadOptions, "batchSize" | "onProgress">) {
  if (!maps.length) return;
  const replaced = maps.filter((m) => m.previous !== null);
  for (const { data, previous } of replaced) if (previous?.logged && !previous.snapshotted) await ensureSnapshot(tx, data.map.id, previous);
  if (replaced.length) await tx.run(cypher("map-delete"), { mapIds: replaced.map((m) => m.data.map.id) });
  const total = maps.reduce((n, m) => n + rowCount(m.data), 0);
  let written = 0;
  for (const { params, rows } of writeStatements(maps, options.batchSize ?? DEFAULT_BATCH)) {
    await tx.run(cypher("map-write"), params);
    written += rows;
    options.onProgress?.(written, total);
  }
}

/** Rows per statement: large enough that 25 maps of the bench's shape take one or two round trips. */
const DEFAULT_BATCH = 10_000;

const mapExists = (mapId: string) => new ConflictError(`a map "${mapId}" exists; add ?replace=true to replace it, or import under another id`);

/**
 * The body of a load of several maps, inside a write transaction the caller owns: their heads
 * (locking each map) in one query, then every map that changed written in one pass. Unchanged
 * means the file is the one last loaded and nothing was edited since (an edit clears contentHash).
 */
async function loadInTx(tx: WriteTx, maps: MapData[], options: LoadOptions): Promise<LoadResult[]> {
  const mapIds = maps.map((m) => m.map.id);
  if (new Set(mapIds).size < maps.length) {
    // The same map twice: each load must see the one before it.
    const results: LoadResult[] = [];
    for (const data of maps) results.push(...(await loadInTx(tx, [data], options)));
    return results;
  }
  const heads = new Map(rowsAs(HeadRow, await tx.run(cypher("map-head"), { mapIds }), "map-head").map((h) => [h.id, h]));
  const writes: WholeMap[] = [];
  const results = maps.map((data): LoadResult => {
    const previous = heads.get(data.map.id) ?? null;
    if (previous !== null && options.createOnly) throw mapExists(data.map.id);
    const loaded = previous ? (previous.contentHash ?? (previous.logged ? null : previous.revision)) : null;
    const result = { mapId: data.map.id, revision: data.revision };
    if (loaded === data.revision && !options.force) return { ...result, status: "unchanged" };
    const status = previous === null ? "created" : "replaced";
    writes.push({ data, previous, contentHash: data.revision, op: { type: "load", status }, user: options.user ?? "cli", owner: options.owner ?? null });
    return { ...result, status };
  });
  await writeWholeMaps(tx, writes, options);
  return results;
}

/** A revision whose document, footnotes or entities differ from now: the whole map is rewritten to it, as a new revision. */
export async function restoreWhole(workbench: Workbench, mapId: string, state: MapState, restored: string, user: string): Promise<{ revision: string }> {
  const result = await workbench.db.write(async (tx) => {
    const head = await workbench.history.lockHead(tx, mapId);
    if (!head) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
    const op: Op = { type: "restore", revision: restored };
    const revision = nextRevision(head.revision, head.seq + 1, JSON.stringify(op), null);
    await writeWholeMaps(tx, [{ data: toMapData(state, revision), previous: head, contentHash: null, op, user, owner: head.owner }], {});
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
 */
export async function loadMap(db: Database, data: MapData, options: LoadOptions = {}): Promise<LoadResult> {
  const write = async () => {
    const [result] = await db.write((tx) => loadInTx(tx, [data], options));
    return must(result, `load result of map ${data.map.id}`);
  };
  try {
    return await write();
  } catch (err) {
    // Two loads of a new id at once: both saw no map, the uniqueness constraint let one create it.
    if (!(err instanceof ConflictError)) throw err;
    if (options.createOnly) throw mapExists(data.map.id);
    return write(); // a replacing load goes again and now replaces: last writer wins
  }
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
  const groups: MapData[][] = [];
  for (let i = 0; i < maps.length; i += perTx) groups.push(maps.slice(i, i + perTx));
  const results = new Array<LoadResult[]>(groups.length);
  // The workers share one iterator: each takes the next group when it is free.
  const queue = groups.entries();
  const worker = async () => {
    for (const [g, group] of queue) results[g] = await db.write((tx) => loadInTx(tx, group, options));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, groups.length)) }, worker));
  return results.flat();
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
    await tx.run(cypher("map-delete"), { mapIds: [mapId] });
    await tx.run(cypher("map-history-delete"), { mapId });
    return true;
  });
}
