/**
 * Issue 10, failure 1: evaluation is bounded in time, memory and extensions,
 * runs off the event loop (health keeps answering), and a deep framework is a
 * 422, not a stack overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApi, type TestServer } from "./helpers/server.js";

let api: TestServer;
let close: () => Promise<void>;
/** A second server whose budget leaves plenty of time, so memory and extensions are what runs out. */
let roomy: TestServer;
let closeRoomy: () => Promise<void>;
beforeAll(async () => {
  ({ api, close } = await openApi([], null, { evaluationBudget: { timeMs: 3_000 } }));
  ({ api: roomy, close: closeRoomy } = await openApi([], null, { evaluationBudget: { timeMs: 120_000, memoryMb: 64, extensions: 500 } }));
});
afterAll(async () => {
  await close();
  await closeRoomy();
});

const post = async (body: unknown, server = api) => {
  const res = await fetch(`${server.url}/api/evaluate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

/** n disjoint two-cycles a_i ⇄ b_i: 2^n preferred and stable extensions, 3^n complete ones. */
function twoCycles(n: number) {
  const args: string[] = [];
  const attacks: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    args.push(`a${i}`, `b${i}`);
    attacks.push([`a${i}`, `b${i}`], [`b${i}`, `a${i}`]);
  }
  return { arguments: args, attacks };
}

describe("POST /api/evaluate within its budget", () => {
  it("still answers small frameworks exactly", async () => {
    expect(await post({ ...twoCycles(2), semantics: "preferred" })).toEqual({
      status: 200,
      body: { extensions: [["a0", "a1"], ["a0", "b1"], ["a1", "b0"], ["b0", "b1"]] },
    });
  });

  it("answers the 944-byte framework (20 two-cycles, preferred) with 422 naming the budget, while /api/health keeps answering", async () => {
    const framework = { ...twoCycles(20), semantics: "preferred" };
    const evaluation = post(framework);
    let settled = false;
    void evaluation.finally(() => (settled = true));
    // Health is answered while the search runs: it is not on the event loop.
    await new Promise((r) => setTimeout(r, 200));
    const health = await api.get("/api/health");
    expect(health.status).toBe(200);
    expect(settled).toBe(false);
    const { status, body } = await evaluation;
    expect(status).toBe(422);
    expect(body.error.code).toBe("search_limit");
    expect(body.error.message).toMatch(/more than 10,000 extensions|time budget of 3\.0 s/);
  });

  it("stops a search that outgrows its memory with 422 naming the memory budget", async () => {
    // 199,000 unattacked arguments beside 20 two-cycles: 3^20 complete extensions, each holding all 199,000.
    const cycles = twoCycles(20);
    const framework = { arguments: [...cycles.arguments, ...Array.from({ length: 199_000 }, (_, i) => `u${i}`)], attacks: cycles.attacks, semantics: "complete" };
    const { status, body } = await post(framework, roomy);
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/memory budget of 64 MB/);
  });

  it("searches a framework 6,000 branchings deep without overflowing the stack, and stops at the extension budget", async () => {
    const { status, body } = await post({ ...twoCycles(6_000), semantics: "stable" }, roomy);
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/more than 500 extensions/);
  });
});
