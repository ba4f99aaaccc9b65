/**
 * Issue 10, failure 3: two imports of the same id at once. Without replace the
 * second is 409 whatever the timing (never a 500, never a silent overwrite);
 * with replace the last writer wins and both answers say what they did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApi, TEST_TOKEN, type TestServer } from "./helpers/server.js";

let api: TestServer;
let close: () => Promise<void>;
beforeAll(async () => ({ api, close } = await openApi([])));
afterAll(async () => {
  for (let i = 0; i < 10; i++) await remove(`race-${i}`);
  await close();
});

const remove = (id: string) => fetch(`${api.url}/api/maps/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
const yaml = (id: string, title: string) =>
  `map: {id: ${id}, title: ${title}, text: "One claim. Another claim."}\nclaims:\n  - {id: one, kind: thesis, text: One., quote: One claim.}\n  - {id: two, kind: premise, text: Two., quote: Another claim., supports: [one]}\n`;
const importMap = async (body: string, query = "") => {
  const res = await fetch(`${api.url}/api/maps${query}`, { method: "POST", headers: { "Content-Type": "application/yaml", Authorization: `Bearer ${TEST_TOKEN}` }, body });
  return { status: res.status, body: await res.json() };
};

describe("concurrent imports of one id", () => {
  it("without replace: one 201, the other 409, in each of 10 pairs; the stored map is the acknowledged one", async () => {
    for (let i = 0; i < 10; i++) {
      const id = `race-${i}`;
      const [a, b] = await Promise.all([importMap(yaml(id, "First")), importMap(yaml(id, "Second"))]);
      expect([a.status, b.status].sort(), `pair ${i}: ${JSON.stringify([a.body, b.body])}`).toEqual([201, 409]);
      const winner = a.status === 201 ? "First" : "Second";
      const loser = a.status === 201 ? b : a;
      expect(loser.body.error.code).toBe("conflict");
      expect(loser.body.error.message).toMatch(/add \?replace=true/);
      const maps = (await (await api.get("/api/maps")).json()).maps as { id: string; title: string }[];
      expect(maps.find((m) => m.id === id)?.title).toBe(winner);
    }
  }, 120_000);

  it("with replace: both succeed, one created and one replaced, and the map is one of the two, whole", async () => {
    for (let i = 0; i < 5; i++) {
      const id = `race-${i}`;
      await remove(id);
      const [a, b] = await Promise.all([importMap(yaml(id, "First"), "?replace=true"), importMap(yaml(id, "Second"), "?replace=true")]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect([a.body.status, b.body.status].sort()).toEqual(["created", "replaced"]);
      const last = a.body.status === "replaced" ? "First" : "Second";
      const maps = (await (await api.get("/api/maps")).json()).maps as { id: string; title: string }[];
      expect(maps.find((m) => m.id === id)?.title).toBe(last);
    }
  }, 120_000);
});
