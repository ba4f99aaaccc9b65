import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteMap, mapCounts } from "../server/db/maps.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import type { Database } from "../server/db/neo4j.js";
import { fixture } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

const MAP = "stored-rows";
let db: Database;
let api: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const mini = readSeedFile(fixture("mini.argmap.yaml"));
  ({ db, api, close } = await openApi([{ ...mini, map: { ...mini.map, id: MAP } }]));
});
afterAll(async () => {
  await deleteMap(db, MAP);
  await close();
});

describe("rows read from Neo4j are checked at the repository edge", () => {
  it("passes well-formed rows through as typed values", async () => {
    const mini = readSeedFile(fixture("mini.argmap.yaml"));
    const counts = await mapCounts(db, MAP);
    expect(counts).toMatchObject({ claims: mini.claims.length, citations: mini.citations.length, entities: mini.entities.length });
  });

  it("answers a claim stored with an unknown kind (edited by hand in the Neo4j browser) with a 500 naming the query, row and field", async () => {
    await db.write((tx) => tx.run("MATCH (c:Claim {mapId: $map, id: 'ferry-slow'}) SET c.kind = 'opinion'", { map: MAP }));
    const res = await api.get(`/api/maps/${MAP}/graph`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("stored_data_invalid");
    expect(body.error.message).toMatch(/^cypher\/map-graph\.cypher row 0: claims\.\d+\.kind: /);
  });
});
