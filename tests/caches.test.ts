import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMap } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { ResponseCache } from "../server/http/response-cache.js";
import { RevisionCache } from "../server/http/revisions.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { steppedClock } from "./helpers/clock.js";
import { testDatabase } from "./helpers/db.js";
import { fixture } from "./helpers/paths.js";

const mini = readSeedFile(fixture("mini.argmap.yaml"));
const MAP = "cache-test";
const asMap = (revision: string) => ({ ...mini, map: { ...mini.map, id: MAP }, revision });

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  await loadMap(db, asMap("rev-a"), { force: true });
});
afterAll(async () => {
  await db.close();
});

/**
 * The real database, with each read's answer held back until the test lets it through: a lookup
 * that has read the database but not yet returned, as when a write lands while it is on the wire.
 */
function heldReads(target: Database) {
  let reads = 0;
  const held: (() => void)[] = [];
  const db = new Proxy(target, {
    get(t, prop, receiver) {
      if (prop !== "read") return Reflect.get(t, prop, receiver);
      return async (...args: Parameters<Database["read"]>) => {
        reads++;
        const rows = await t.read(...args);
        await new Promise<void>((release) => held.push(release));
        return rows;
      };
    },
  });
  const waitForHeld = async (n: number) => {
    for (let i = 0; held.length < n; i++) {
      if (i > 500) throw new Error(`only ${held.length} of ${n} reads arrived`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { db, reads: () => reads, releaseAll: () => held.splice(0).forEach((release) => release()), waitForHeld };
}

describe("the revision cache (map revision and access, per process)", () => {
  it("never keeps what a lookup read before a write that invalidated the map while it was in flight", async () => {
    const gate = heldReads(db);
    const cache = new RevisionCache(gate.db);
    const before = cache.get(MAP);
    await gate.waitForHeld(1); // the lookup has read rev-a and is on its way back
    await loadMap(db, asMap("rev-b"), { force: true });
    cache.invalidate(MAP); // as this server's own writes do
    gate.releaseAll();
    expect((await before)?.revision).toBe("rev-a"); // asked before the write: may answer the old revision
    expect(cache.peek(MAP)).toBeNull(); // but must not keep it
    const after = cache.get(MAP);
    await gate.waitForHeld(1);
    gate.releaseAll();
    expect((await after)?.revision).toBe("rev-b");
    expect(cache.peek(MAP)?.revision).toBe("rev-b");
    await loadMap(db, asMap("rev-a"), { force: true });
  });

  it("moves on to the revision an edit made here without a lookup, for the rest of the window; a lookup older than the edit is not kept", async () => {
    const clock = steppedClock();
    const gate = heldReads(db);
    const cache = new RevisionCache(gate.db, { ttlMs: 1_000, now: clock.now });
    const first = cache.get(MAP);
    await gate.waitForHeld(1);
    gate.releaseAll();
    expect((await first)?.revision).toBe("rev-a");
    clock.step(400);
    cache.advance(MAP, "rev-edited");
    expect(cache.peek(MAP)).toMatchObject({ revision: "rev-edited", visibility: "public" });
    expect(gate.reads()).toBe(1);
    clock.step(600); // the window counts from the lookup: access is looked up again as often as before
    expect(cache.peek(MAP)).toBeNull();
    const stale = cache.get(MAP); // started before the next edit, answered after it
    await gate.waitForHeld(1);
    cache.advance(MAP, "rev-edited-again");
    gate.releaseAll();
    await stale;
    expect(cache.peek(MAP)).toBeNull();
  });

  it("lets concurrent requests for a stale map share one lookup", async () => {
    const gate = heldReads(db);
    const cache = new RevisionCache(gate.db);
    const answers = Promise.all(Array.from({ length: 20 }, () => cache.get(MAP)));
    await gate.waitForHeld(1);
    gate.releaseAll();
    expect(new Set((await answers).map((m) => m?.revision))).toEqual(new Set(["rev-a"]));
    expect(gate.reads()).toBe(1);
  });

  it("trusts a revision for its freshness window and looks again after it (another writer's change is seen)", async () => {
    const clock = steppedClock();
    const cache = new RevisionCache(db, { ttlMs: 1_000, now: clock.now });
    expect((await cache.get(MAP))?.revision).toBe("rev-a");
    await loadMap(db, asMap("rev-c"), { force: true }); // written by someone else: no invalidation here
    clock.step(999);
    expect(cache.peek(MAP)?.revision).toBe("rev-a");
    clock.step(1);
    expect(cache.peek(MAP)).toBeNull();
    expect((await cache.get(MAP))?.revision).toBe("rev-c");
    await loadMap(db, asMap("rev-a"), { force: true });
  });

  it("answers null for a map that does not exist, and remembers nothing for it", async () => {
    const cache = new RevisionCache(db);
    expect(await cache.get("no-such-map")).toBeNull();
    expect(cache.peek("no-such-map")).toBeNull();
  });
});

describe("the response cache (answers by revision and URL)", () => {
  it("never answers a new revision with an old revision's body", () => {
    const cache = new ResponseCache(1_000);
    cache.set("r1", "/api/maps/m/graph", "old");
    expect(cache.get("r1", "/api/maps/m/graph")).toBe("old");
    expect(cache.get("r2", "/api/maps/m/graph")).toBeUndefined();
  });

  it("stays within its byte budget by dropping the least recently used answers", () => {
    const cache = new ResponseCache(100); // 50 UTF-16 code units
    cache.set("r", "/a", "x".repeat(20));
    cache.set("r", "/b", "y".repeat(20));
    expect(cache.get("r", "/a")).toBeDefined(); // /a is now the most recently used
    cache.set("r", "/c", "z".repeat(20));
    expect(cache.get("r", "/b")).toBeUndefined();
    expect(cache.get("r", "/a")).toBe("x".repeat(20));
    expect(cache.get("r", "/c")).toBe("z".repeat(20));
    cache.set("r", "/huge", "h".repeat(60)); // more than half the budget: not kept at all
    expect(cache.get("r", "/huge")).toBeUndefined();
    expect(cache.get("r", "/a")).toBe("x".repeat(20));
  });

  it("computes an answer once for concurrent requests, and does not keep a failure", async () => {
    const cache = new ResponseCache(1_000);
    let computed = 0;
    let fail = true;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error("database went away");
      return "body";
    };
    const first = [cache.shared("r", "/x", compute), cache.shared("r", "/x", compute)];
    await expect(Promise.all(first.map((s) => s.body))).rejects.toThrow("database went away");
    expect(computed).toBe(1);
    fail = false;
    const retried = cache.shared("r", "/x", compute);
    expect(retried.hit).toBe(false);
    expect(await retried.body).toBe("body");
    expect(cache.shared("r", "/x", compute).hit).toBe(true);
    expect(computed).toBe(2);
  });

  it("keeps nothing when turned off (0 bytes)", () => {
    const cache = new ResponseCache(0);
    cache.set("r", "/a", "x");
    expect(cache.get("r", "/a")).toBeUndefined();
  });
});
