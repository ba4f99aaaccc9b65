/**
 * Issue 10, failure 8: `max` on /paths must bound the work, not only the output. A dense map
 * (every claim of a layer supporting every claim of the next) has millions of chains between
 * its first and last layer; enumerating them all to keep the shortest `max` ran every request
 * into the query timeout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stringify } from "yaml";
import { loadMap } from "../server/db/maps.js";
import { Database } from "../server/db/neo4j.js";
import { parseSeed } from "../server/import/seed.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

const LAYERS = 10;
const WIDTH = 8; // 8^8 ≈ 16.8 million chains of 9 steps from the first layer to the last
const id = (layer: number, i: number) => `c${layer}-${i}`;

/** The dense map as a seed: each claim quotes its own sentence; a few supports go back a layer, so there are cycles too. */
function denseSeed() {
  const sentences: string[] = [];
  const claims = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    for (let i = 0; i < WIDTH; i++) {
      const sentence = `Claim ${layer} ${i} holds.`;
      sentences.push(sentence);
      const next = layer + 1 < LAYERS ? Array.from({ length: WIDTH }, (_, j) => id(layer + 1, j)) : [];
      const back = layer > 1 && i === 0 ? [id(layer - 1, 1)] : [];
      claims.push({ id: id(layer, i), kind: layer === LAYERS - 1 ? "thesis" : "claim", text: sentence, quote: sentence, supports: [...next, ...back] });
    }
  }
  const yaml = stringify({
    map: { id: "dense-paths", title: "A dense map", author: "Test Fixture", date: "2026", venue: "argmap tests", text: sentences.join(" ") },
    claims,
  });
  return parseSeed({ text: yaml, file: "dense-paths.argmap.yaml" });
}

describe("paths on a dense map", () => {
  const target = inject("neo4j");
  let db: Database;
  let api: TestServer;

  beforeAll(async () => {
    // A short query timeout: an answer that enumerates every chain cannot come within it.
    db = new Database({ ...target, queryTimeoutMs: 3_000 });
    await loadMap(db, denseSeed(), { force: true });
    api = await startTestServer(db, null, { responseCacheBytes: 0 });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const paths = async (from: string, to: string, max: number) => {
    const res = await api.get(`/api/maps/dense-paths/paths?from=${from}&to=${to}&max=${max}`);
    return { status: res.status, body: (await res.json()) as { paths?: string[][]; error?: { code: string; message: string } } };
  };

  it("answers the `max` shortest chains between its first and last layer within the query timeout, for every max", async () => {
    for (const max of [1, 10, 100]) {
      const { status, body } = await paths(id(0, 0), id(LAYERS - 1, 0), max);
      expect(status, JSON.stringify(body.error)).toBe(200);
      expect(body.paths).toHaveLength(max);
      for (const chain of body.paths!) {
        expect(chain[0]).toBe(id(0, 0));
        expect(chain[chain.length - 1]).toBe(id(LAYERS - 1, 0));
        // Consecutive claims are joined by a support: one layer on (or one back, along a cycle).
        const layers = chain.map((c) => Number(c.split("-")[0]?.slice(1)));
        for (const [k, b] of layers.slice(1).entries()) expect([1, -1]).toContain(b - (layers[k] ?? NaN));
      }
      // Shortest first, and distinct.
      const lengths = body.paths!.map((c) => c.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(lengths[0]).toBe(LAYERS);
      expect(new Set(body.paths!.map((c) => c.join(">"))).size).toBe(max);
    }
  });

  it("says at once when there is no chain, however dense the map around it", async () => {
    const { status, body } = await paths(id(LAYERS - 1, 3), id(0, 0), 100);
    expect(status).toBe(200);
    expect(body.paths).toEqual([]);
  });

  it("answers the same chains twice (the order among equally short chains is by their ids)", async () => {
    const first = await paths(id(0, 0), id(LAYERS - 1, 0), 10);
    const second = await paths(id(0, 0), id(LAYERS - 1, 0), 10);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });
});
