/**
 * Query plans at corpus scale: every query in cypher/ that is about one map reaches that map's
 * nodes through an index, never by reading every node of a kind. schema.cypher keeps no index on
 * mapId alone (ingest speed), so a query that forgets "AND <second key> IS NOT NULL" would scan
 * every map's claims; this catches it before a 1,000-map database does. A scan of a whole index is
 * as bad as a scan of the label. So is a scan of every relationship of a type (every relationship
 * belongs to one map): the planner starts from a rare type (UNDERCUTS, none in this corpus) by
 * cost, and queries that meet one carry an index hint.
 */
import fs from "node:fs";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { syntheticMap } from "../bench/corpus.js";
import { cypherStatements } from "../server/db/cypher.js";
import { deleteMap, loadMaps } from "../server/db/maps.js";
import { applySchema } from "../server/db/schema.js";
import type { Database } from "../server/db/neo4j.js";
import { testDatabase } from "./helpers/db.js";
import { root } from "./helpers/paths.js";

/** Node kinds that belong to one map: no query may read all of them. */
const MAP_SCOPED = ["Claim", "Citation", "Entity", "Op", "Snapshot"];
/** Queries that list every map the user may read: reading all Map nodes is what they are for. */
const ALL_MAPS = new Set(["maps-list", "entities-search"]);
/** Schema statements, not queries. */
const NOT_QUERIES = new Set(["schema"]);

type Plan = { operatorType: string; arguments: { Details?: string }; children: Plan[] };
const operators = (p: Plan): { operator: string; details: string }[] => [
  { operator: p.operatorType.replace(/@.*$/, ""), details: p.arguments.Details ?? "" },
  ...p.children.flatMap(operators),
];

const queryNames = fs
  .readdirSync(`${root}/cypher`)
  .filter((f) => f.endsWith(".cypher"))
  .map((f) => f.replace(/\.cypher$/, ""))
  .filter((name) => !NOT_QUERIES.has(name))
  .sort();

const corpus = Array.from({ length: 40 }, (_, i) => {
  const m = syntheticMap(600_000 + i);
  return { ...m, map: { ...m.map, id: `plans-${i}` } };
});
let db: Database;
let driver: Driver;

beforeAll(async () => {
  db = testDatabase();
  // The schema as this version makes it (an interrupted spec may have left an older index behind).
  await applySchema(db);
  // Statistics of a many-map database: the planner's choices on an almost empty one mean little.
  await loadMaps(db, corpus, { force: true, concurrency: 2, mapsPerTransaction: 10 });
  await db.write((tx) => tx.run("CALL db.awaitIndexes(60)"));
  const target = inject("neo4j");
  driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user ?? "neo4j", target.password ?? ""));
});
afterAll(async () => {
  for (const m of corpus) await deleteMap(db, m.map.id);
  await driver.close();
  await db.close();
});

describe("every query reaches one map's nodes through an index", () => {
  it("has queries to check", () => {
    expect(queryNames.length).toBeGreaterThan(30);
    expect(queryNames).toContain("map-graph");
  });

  it.each(queryNames)("%s reads no kind of node, and no type of relationship, whole", async (name) => {
    for (const statement of cypherStatements(name)) {
      const { summary } = await driver.executeQuery(`EXPLAIN ${statement}`, {}, { database: inject("neo4j").database });
      const scans = operators(summary.plan as unknown as Plan).filter(({ operator }) => /AllNodesScan|LabelsScan|LabelScan|Node(Unique)?Index\w*Scan|RelationshipTypeScan/.test(operator));
      const forbidden = scans.filter(({ operator, details }) =>
        operator === "AllNodesScan" || /RelationshipTypeScan/.test(operator) || MAP_SCOPED.some((label) => new RegExp(`:(\\w+\\|)*${label}\\b`).test(details)) || !ALL_MAPS.has(name),
      );
      expect(forbidden.map(({ operator, details }) => `${operator} ${details}`)).toEqual([]);
    }
  });
});
