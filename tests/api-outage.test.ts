import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../neo4j/embedded.js";
import { loadMap } from "../server/db/maps.js";
import { Database } from "../server/db/neo4j.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { fixture } from "./helpers/paths.js";
import { Outage } from "./helpers/proxy.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

describe("when Neo4j is unreachable", () => {
  const target = inject("neo4j");
  const { hostname, port } = new URL(target.uri.replace(/^neo4j(\+s)?:/, "bolt:"));
  let outage: Outage;
  let db: Database;
  let api: TestServer;

  beforeAll(async () => {
    outage = new Outage({ host: hostname, port: Number(port) }, await freePort());
    await outage.up();
    db = new Database({ ...target, uri: `bolt://127.0.0.1:${outage.port}` });
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
    api = await startTestServer(db);
  });
  afterAll(async () => {
    await api.close();
    await db.close();
    await outage.down();
  });

  it("answers 503 with Retry-After within seconds, says neo4j is down, and recovers without a restart", async () => {
    expect((await api.get("/api/maps/mini/claims")).status).toBe(200);
    await outage.down();

    let started = Date.now();
    const health = await api.get("/api/health");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "degraded", neo4j: "down" });

    started = Date.now();
    const claims = await api.get("/api/maps/mini/claims/build-bridge");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(claims.status).toBe(503);
    expect(claims.headers.get("retry-after")).toBe("5");
    const body = await claims.json();
    expect(body.error.code).toBe("database_unavailable");
    expect(body.error.message).toMatch(/Neo4j is unreachable.*retry/);

    await outage.up();
    let status = 0;
    for (const deadline = Date.now() + 15_000; status !== 200 && Date.now() < deadline; ) {
      status = (await api.get("/api/maps/mini/claims/build-bridge")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    expect(await (await api.get("/api/health")).json()).toEqual({ status: "ok", neo4j: "up" });
  }, 60_000);
});
