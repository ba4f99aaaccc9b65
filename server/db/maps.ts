/** Writing whole maps: one transaction per map, batched UNWIND writes. */
import type { MapData } from "../domain/types.js";
import { cypher } from "./cypher.js";
import type { Database, WriteTx } from "./neo4j.js";

export interface MapCounts {
  claims: number;
  citations: number;
  entities: number;
  supports: number;
  attacks: number;
  cites: number;
  mentions: number;
}

export type LoadStatus = "created" | "replaced" | "unchanged";

export interface LoadResult {
  mapId: string;
  status: LoadStatus;
  revision: string;
}

export interface LoadOptions {
  /** Rewrite even when the stored revision equals the new one. */
  force?: boolean;
  batchSize?: number;
  onProgress?: (written: number, total: number) => void;
}

async function unwindInBatches(tx: WriteTx, query: string, mapId: string, rows: unknown[], batchSize: number, progress: () => void) {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await tx.run(query, { mapId, rows: batch });
    progress();
  }
}

export async function storedRevision(db: Database, mapId: string): Promise<string | null> {
  const rows = await db.read(cypher("map-revision"), { mapId });
  return rows.length ? (rows[0].revision as string) : null;
}

/**
 * Replaces the map with `data` atomically: the old version is deleted and the new
 * one written in the same transaction, so a failure leaves the old version intact.
 */
export async function loadMap(db: Database, data: MapData, options: LoadOptions = {}): Promise<LoadResult> {
  const mapId = data.map.id;
  const batchSize = options.batchSize ?? 5_000;
  const previous = await storedRevision(db, mapId);
  if (previous === data.revision && !options.force) return { mapId, status: "unchanged", revision: data.revision };

  const total =
    data.claims.length + data.citations.length + data.entities.length + data.edges.length + data.cites.length + data.mentions.length;
  let written = 0;
  await db.write(async (tx) => {
    written = 0;
    const step = (rows: number) => () => {
      written += rows;
      options.onProgress?.(Math.min(written, total), total);
    };
    await tx.run(cypher("map-delete"), { mapId });
    await tx.run(cypher("map-create"), { map: data.map, revision: data.revision });
    const supports = data.edges.filter((e) => e.type === "SUPPORTS");
    const attacks = data.edges.filter((e) => e.type === "ATTACKS");
    const plan: [string, unknown[]][] = [
      ["claims-create", data.claims],
      ["citations-create", data.citations],
      ["entities-create", data.entities],
      ["supports-create", supports],
      ["attacks-create", attacks],
      ["cites-create", data.cites],
      ["mentions-create", data.mentions],
    ];
    for (const [name, rows] of plan) {
      await unwindInBatches(tx, cypher(name), mapId, rows, batchSize, step(batchSize));
    }
  });
  return { mapId, status: previous === null ? "created" : "replaced", revision: data.revision };
}

export async function mapCounts(db: Database, mapId: string): Promise<MapCounts | null> {
  const rows = await db.read(cypher("map-counts"), { mapId });
  return rows.length ? (rows[0] as unknown as MapCounts) : null;
}

/**
 * Loads many maps, each in its own transaction (so each stays atomic), a few at
 * a time: Neo4j overlaps one map's commit with the next map's writes.
 */
export async function loadMaps(db: Database, maps: MapData[], options: LoadOptions & { concurrency?: number } = {}): Promise<LoadResult[]> {
  const results: LoadResult[] = new Array(maps.length);
  let next = 0;
  const worker = async () => {
    while (next < maps.length) {
      const i = next++;
      results[i] = await loadMap(db, maps[i], options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, maps.length)) }, worker));
  return results;
}
