/**
 * Ingest: the real loader (server/db/maps.ts, the one write path) against two references taken in
 * the same run: per-row CREATE statements (the floor) and the same claims as bare nodes (the ceiling).
 */
import { cypher } from "../server/db/cypher.js";
import { loadMaps } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import type { MapData } from "../contract/model.js";
import { relationshipCount } from "./corpus.js";

export interface IngestResult {
  maps: number;
  claims: number;
  relationships: number;
  seconds: number;
  claimsPerSecond: number;
  relationshipsPerSecond: number;
}

const rate = (maps: MapData[], seconds: number): IngestResult => {
  const claims = maps.reduce((n, m) => n + m.claims.length, 0);
  const relationships = maps.reduce((n, m) => n + relationshipCount(m), 0);
  return {
    maps: maps.length,
    claims,
    relationships,
    seconds: Math.round(seconds * 100) / 100,
    claimsPerSecond: Math.round(claims / seconds),
    relationshipsPerSecond: Math.round(relationships / seconds),
  };
};

/**
 * claim_text is eventually consistent (Lucene takes committed claims on a background thread): each
 * measured phase starts once the phases before it are fully indexed and ends when its own claims
 * are, so no phase is charged for another's index work and none leaves its own unpaid.
 */
const indexed = (db: Database) => db.read("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()", {}, 120_000);

async function timed(db: Database, work: () => Promise<unknown>): Promise<number> {
  await indexed(db);
  const started = performance.now();
  await work();
  await indexed(db);
  return (performance.now() - started) / 1000;
}

export async function ingestWithLoader(db: Database, maps: MapData[], concurrency: number, mapsPerTransaction = 1): Promise<IngestResult> {
  return rate(maps, await timed(db, () => loadMaps(db, maps, { force: true, concurrency, mapsPerTransaction })));
}

/** Runs `write` on groups of `perTransaction` maps, `concurrency` transactions at a time, as loadMaps does. */
async function inGroups(maps: MapData[], concurrency: number, perTransaction: number, write: (group: MapData[]) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < maps.length) {
      const group = maps.slice(next, next + perTransaction);
      next += perTransaction;
      await write(group);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * The ceiling: the same claims written as bare nodes, one `UNWIND $rows AS r CREATE (:Claim {…})` per
 * transaction of the same maps at the same concurrency; no relationships, no other nodes, no history.
 */
export async function ingestCeiling(db: Database, maps: MapData[], concurrency: number, mapsPerTransaction: number): Promise<IngestResult> {
  const mapIdOf = (m: MapData) => `ceiling-${m.map.id}`;
  const seconds = await timed(db, () =>
    inGroups(maps, concurrency, mapsPerTransaction, (group) =>
      db.write((tx) =>
        tx.run(
          "UNWIND $rows AS r CREATE (:Claim {mapId: r.mapId, id: r.id, kind: r.kind, text: r.text, quote: r.quote, start: toInteger(r.start), end: toInteger(r.end), speaker: r.speaker})",
          { rows: group.flatMap((m) => m.claims.map((c) => ({ mapId: mapIdOf(m), ...c, speaker: c.speaker ?? null }))) },
        ),
      ),
    ),
  );
  const claims = maps.reduce((n, m) => n + m.claims.length, 0);
  await inGroups(maps, 1, 100, (group) =>
    db.write((tx) => tx.run("UNWIND $mapIds AS mapId MATCH (c:Claim {mapId: mapId}) WHERE c.id IS NOT NULL DELETE c", { mapIds: group.map(mapIdOf) })),
  );
  return { maps: maps.length, claims, relationships: 0, seconds: Math.round(seconds * 100) / 100, claimsPerSecond: Math.round(claims / seconds), relationshipsPerSecond: 0 };
}

/** The naive way: one CREATE (or MATCH … CREATE) statement per node and per relationship, one transaction per map. */
export async function ingestPerRow(db: Database, maps: MapData[]): Promise<IngestResult> {
  const seconds = await timed(db, async () => {
    for (const m of maps) {
      const mapId = `baseline-${m.map.id}`;
      await db.write(async (tx) => {
        await tx.run("CREATE (:Map {id: $id, title: $title, text: $text, revision: $revision})", { id: mapId, title: m.map.title, text: m.map.text, revision: m.revision });
        for (const c of m.claims) {
          await tx.run("CREATE (:Claim {mapId: $mapId, id: $id, kind: $kind, text: $text, quote: $quote, start: toInteger($start), end: toInteger($end)})", { mapId, ...c });
        }
        for (const c of m.citations) await tx.run("CREATE (:Citation {mapId: $mapId, n: toInteger($n), title: $title, url: $url})", { mapId, ...c });
        for (const e of m.entities) await tx.run("CREATE (:Entity {mapId: $mapId, id: $id, name: $name, type: $type})", { mapId, ...e });
        for (const e of m.edges) {
          const query =
            e.type === "SUPPORTS"
              ? "MATCH (a:Claim {mapId: $mapId, id: $source}), (b:Claim {mapId: $mapId, id: $target}) CREATE (a)-[:SUPPORTS]->(b)"
              : "MATCH (a:Claim {mapId: $mapId, id: $source}), (b:Claim {mapId: $mapId, id: $target}) CREATE (a)-[:ATTACKS]->(b)";
          await tx.run(query, { mapId, source: e.source, target: e.target });
        }
        for (const c of m.cites) await tx.run("MATCH (a:Claim {mapId: $mapId, id: $claim}), (x:Citation {mapId: $mapId, n: toInteger($n)}) CREATE (a)-[:CITES]->(x)", { mapId, ...c });
        for (const x of m.mentions) await tx.run("MATCH (a:Claim {mapId: $mapId, id: $claim}), (e:Entity {mapId: $mapId, id: $entity}) CREATE (a)-[:MENTIONS]->(e)", { mapId, ...x });
      });
    }
  });
  const result = rate(maps, seconds);
  await db.write((tx) => tx.run(cypher("map-delete"), { mapIds: maps.map((m) => `baseline-${m.map.id}`) }));
  return result;
}
