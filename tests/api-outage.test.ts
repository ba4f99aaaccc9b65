import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../neo4j/embedded.js";
import { loadMap } from "../server/db/maps.js";
import { Database, type DatabaseOptions } from "../server/db/neo4j.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { steppedClock } from "./helpers/clock.js";
import { fixture } from "./helpers/paths.js";
import { Outage } from "./helpers/proxy.js";
import { startTestServer, TEST_TOKEN, type TestServer } from "./helpers/server.js";

/** A database reached through a proxy that can cut or freeze its connection to the test Neo4j, with the mini map loaded. */
async function behindOutage(options: Partial<DatabaseOptions> = {}): Promise<{ outage: Outage; db: Database }> {
  const target = inject("neo4j");
  const { hostname, port } = new URL(target.uri.replace(/^neo4j(\+s)?:/, "bolt:"));
  const outage = new Outage({ host: hostname, port: Number(port) }, await freePort());
  await outage.up();
  const db = new Database({ ...target, uri: `bolt://127.0.0.1:${outage.port}`, ...options });
  await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
  return { outage, db };
}

describe("when Neo4j is unreachable", () => {
  let outage: Outage;
  let db: Database;
  let api: TestServer;

  beforeAll(async () => {
    ({ outage, db } = await behindOutage());
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
    expect(await health.json()).toEqual({ status: "degraded", neo4j: "down", message: expect.stringMatching(/Neo4j did not answer a ping .*down for \d+ s/) });

    started = Date.now();
    const claims = await api.get("/api/maps/mini/claims/build-bridge");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(claims.status).toBe(503);
    expect(claims.headers.get("retry-after")).toBe("5");
    const body = await claims.json();
    expect(body.error.code).toBe("database_unavailable");
    expect(body.error.message).toMatch(/Neo4j is unreachable.*retry/);

    await outage.up();
    await expect.poll(async () => (await api.get("/api/maps/mini/claims/build-bridge")).status, { timeout: 15_000, interval: 500 }).toBe(200);
    expect(await (await api.get("/api/health")).json()).toEqual({ status: "ok", neo4j: "up" });
  }, 60_000);
});

describe("when Neo4j hangs (a stopped JVM: connections accepted, nothing answered)", () => {
  let outage: Outage;
  let db: Database;
  let api: TestServer;
  const logged: string[] = [];
  const clock = steppedClock();

  beforeAll(async () => {
    // Our deadline is the query timeout plus 2 s of grace: 3 s here.
    ({ outage, db } = await behindOutage({ queryTimeoutMs: 1_000, log: (line) => logged.push(line) }));
    api = await startTestServer(db, null, { now: clock.now });
  });
  afterAll(async () => {
    outage.thaw();
    await api.close();
    await db.close();
    await outage.down();
  });

  it("answers 503 with Retry-After within one deadline to every request, logs one line per state change, and recovers", async () => {
    expect((await api.get("/api/maps/mini/claims/build-bridge")).status).toBe(200);
    // A user's token is looked up in Neo4j too: its requests make three calls in turn (who, which map, the answer).
    const created = await fetch(`${api.url}/api/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `outage-${Date.now()}`, role: "reader" }),
    });
    expect(created.status).toBe(201);
    const asUser = { authorization: `Bearer ${((await created.json()) as { token: string }).token}` };
    clock.step(1_001); // past the revision and token caches, so requests must ask Neo4j
    outage.freeze();

    const started = Date.now();
    const anonymous = ["/api/maps/mini/claims/build-bridge", "/api/maps/mini/claims", "/api/maps/mini/graph", "/api/maps", ...Array(6).fill("/api/maps/mini/claims/ferry-slow")];
    const answers = await Promise.all(
      [...anonymous.map((p) => [p, {}] as const), ...["/api/maps/mini/claims/build-bridge", "/api/maps/mini/text"].map((p) => [p, asUser] as const)].map(async ([p, headers]) => {
        const res = await api.get(p, headers);
        return { path: p, status: res.status, retryAfter: res.headers.get("retry-after"), ms: Date.now() - started };
      }),
    );
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.retryAfter).toBe("5");
      // One deadline (the 1 s query timeout + 2 s grace) per request, however many database calls it makes,
      // plus slack for a loaded machine; never one deadline per call.
      expect(a.ms, a.path).toBeLessThan(3_000 + 1_500);
    }
    const health = await api.get("/api/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "degraded", neo4j: "down", message: expect.stringMatching(/Neo4j did not answer a ping/) });
    // Known down: later requests are refused at once instead of waiting out another deadline.
    const quick = Date.now();
    expect((await api.get("/api/maps/mini/claims/ferry-slow")).status).toBe(503);
    expect(Date.now() - quick).toBeLessThan(1_000);

    outage.thaw();
    await expect.poll(async () => (await api.get("/api/maps/mini/claims/build-bridge")).status, { timeout: 20_000, interval: 250 }).toBe(200);
    expect((await api.get("/api/health")).status).toBe(200);
    expect(logged.filter((l) => /Neo4j is down/.test(l))).toHaveLength(1);
    expect(logged.filter((l) => /Neo4j is back/.test(l))).toHaveLength(1);
    expect(logged.join("\n")).not.toMatch(/\n\s+at /); // no stack traces for an expected outage
  }, 60_000);

  it("answers an import with 503 within one deadline too, and recovers", async () => {
    clock.step(1_001);
    outage.freeze();
    try {
      const started = Date.now();
      // replace=true: the import goes straight to its write transaction (no existence check before it).
      const res = await fetch(`${api.url}/api/maps?id=outage-import&replace=true`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "text/x-argdown" },
        body: "[Bridge]: Build a bridge.\n",
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(Date.now() - started).toBeLessThan(3_000 + 1_500);
    } finally {
      outage.thaw();
    }
    await expect.poll(async () => (await api.get("/api/maps/mini/claims/build-bridge")).status, { timeout: 20_000, interval: 250 }).toBe(200);
  }, 60_000);

  it("gives a request one deadline for all of its calls when Neo4j is slow, not one per call", async () => {
    const created = await fetch(`${api.url}/api/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `slow-${Date.now()}`, role: "reader" }),
    });
    const asUser = { authorization: `Bearer ${((await created.json()) as { token: string }).token}` };
    clock.step(1_001); // past the caches: who, which map and the answer are three calls
    // Each call answers within its own deadline (3 s), but three in turn would take longer than one.
    outage.slow(700);
    try {
      const started = Date.now();
      const res = await api.get("/api/maps/mini/claims/build-bridge", asUser);
      const ms = Date.now() - started;
      expect([200, 503]).toContain(res.status);
      expect(ms).toBeLessThan(3_000 + 1_500);
    } finally {
      outage.slow(0);
    }
    await expect.poll(async () => (await api.get("/api/maps/mini/claims/build-bridge")).status, { timeout: 20_000, interval: 250 }).toBe(200);
  }, 60_000);
});
