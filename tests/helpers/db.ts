import { inject } from "vitest";
import { Database } from "../../server/db/neo4j.js";

/** A driver on the test run's Neo4j (see tests/setup/neo4j.ts). */
export function testDatabase(): Database {
  const target = inject("neo4j");
  return new Database({ ...target, queryTimeoutMs: 20_000 });
}

/** Everything stored for one map, in a canonical order, to compare states of the database. */
export async function snapshot(db: Database, mapId: string) {
  const nodes = await db.read(
    `MATCH (n) WHERE (n:Map AND n.id = $mapId) OR ((n:Claim OR n:Citation OR n:Entity) AND n.mapId = $mapId)
     RETURN labels(n)[0] AS label, properties(n) AS props ORDER BY label, coalesce(n.id, toString(n.n))`,
    { mapId },
  );
  const rels = await db.read(
    `MATCH (a {mapId: $mapId})-[r]->(b)
     RETURN type(r) AS type, coalesce(a.id, toString(a.n)) AS source, coalesce(b.id, toString(b.n)) AS target, properties(r) AS props
     ORDER BY type, source, target`,
    { mapId },
  );
  // Bookkeeping of history and access, not content: which load or edit came last, who owns the map.
  for (const n of nodes) for (const key of ["loadedAt", "seq", "contentHash", "owner", "visibility", "members"]) delete (n.props as Record<string, unknown>)[key];
  // Neo4j does not promise an order of properties: sort them, so equal states serialize equally.
  const sorted = (props: unknown) => Object.fromEntries(Object.entries(props as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const x of [...nodes, ...rels]) x.props = sorted(x.props);
  return { nodes, rels };
}

/** The same database, counting read queries: to check that an answer came without Cypher. */
export function countingReads(db: Database): { db: Database; reads: () => number; reset: () => void } {
  let reads = 0;
  const counting = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "read") return (...args: Parameters<Database["read"]>) => (reads++, target.read(...args));
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: counting, reads: () => reads, reset: () => (reads = 0) };
}
