import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateMap } from "../server/argumentation/map-evaluation.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { structuredGrounded } from "./helpers/aspic.js";
import { articleSeed, fixture, root } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let api: TestServer;
const article = readSeedFile(articleSeed);

let close: () => Promise<void>;
beforeAll(async () => ({ api, close } = await openApi([article])));
afterAll(() => close());

const get = async (p: string) => {
  const res = await api.get(p);
  return { status: res.status, body: await res.json() };
};
const post = async (body: unknown) => {
  const res = await fetch(`${api.url}/api/evaluate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

describe("GET /api/maps/:map/evaluation", () => {
  it("labels every claim of the article as a careful reader does: the thesis stands, the unanswered CAATSA challenge defeats the remedy", async () => {
    const { status, body } = await get(`/api/maps/${MAP}/evaluation`);
    expect(status).toBe(200);
    expect(body.semantics).toBe("grounded");
    expect(Object.keys(body.labels).sort()).toEqual(article.claims.map((c) => c.id).sort());
    expect(body.labels.thesis).toBe("in");
    // The article raises CAATSA and never answers it.
    expect(body.labels["challenge-caatsa"]).toBe("in");
    expect(body.labels.remedy).toBe("out");
    expect(body.defeatedBy.remedy).toEqual(["challenge-caatsa"]);
    // The acceptable-risk challenge is answered by the author's weighing, which grants the testimony.
    expect(body.labels["challenge-acceptable-risk"]).toBe("out");
    expect(body.defeatedBy["challenge-acceptable-risk"]).toEqual(expect.arrayContaining(["vulnerability-matched"]));
    expect(body.labels["f35-exposure"]).toBe("in");
    // The central mechanism and the reported prevailing wisdom are not defeated.
    expect(body.labels["turkey-ties-assure-kremlin"]).toBe("in");
    expect(body.labels["inf-widely-seen-lost"]).toBe("in");
    expect(body.labels["option-expire"]).toBe("out");
    // Russia's counter-accusation is never rebutted; its denial is.
    expect(body.labels["russia-accuses-us"]).toBe("in");
    expect(body.labels["russia-denies-violation"]).toBe("out");
    expect(body.extensions).toHaveLength(1);
    expect(body.extensions[0]).not.toContain("remedy");
  });

  it("reads options and the remedy as proposals: acceptable, not acceptable or undecided", async () => {
    const { body } = await get(`/api/maps/${MAP}/evaluation`);
    expect(body.proposals).toEqual({
      remedy: "not acceptable",
      "option-mutual-compliance": "acceptable",
      "option-new-treaty": "acceptable",
      "option-expire": "not acceptable",
    });
    expect(Object.keys(body.proposals).sort()).toEqual(article.claims.filter((c) => c.kind === "option" || c.kind === "remedy").map((c) => c.id).sort());
    const preferred = (await get(`/api/maps/${MAP}/evaluation?semantics=preferred&without=us-discovered-violation`)).body;
    expect(preferred.proposals.remedy).toBe("not acceptable");
    expect(preferred.labels.remedy).toBe("out");
  });

  it("agrees with the structured (ASPIC+) reading built from the definitions: every claim's label is its premise argument's, and no chain of supports does better", async () => {
    for (const without of [[], ["challenge-caatsa"], ["vulnerability-matched", "russia-also-exposed"]]) {
      const query = without.length ? `?without=${without.join(",")}` : "";
      const { body } = await get(`/api/maps/${MAP}/evaluation${query}`);
      const structured = structuredGrounded(article.claims.map((c) => c.id), article.edges, without);
      // The support chains make this a real structured framework, not the claims again.
      expect(structured.arguments.length).toBeGreaterThan(article.claims.length * 3);
      expect(body.labels).toEqual(structured.premiseLabel);
      expect(structured.bestLabel).toEqual(structured.premiseLabel);
    }
  });

  it("labels an undercut inference as the structured reading labels the argument that applies the rule", () => {
    const map = readSeedFile(fixture("interchange/undercut.argmap.yaml"));
    const claims = map.claims.map((c) => c.id);
    const attacks = map.edges.filter((e) => e.type === "ATTACKS");
    const undercuts = map.edges.filter((e) => e.type === "UNDERCUTS").map((e) => ({ source: e.source, inference: e.inference as string, target: e.target }));
    expect(undercuts).not.toHaveLength(0);
    for (const without of [[], ["strike-lasts"]]) {
      const evaluated = evaluateMap({ claims, attacks, undercuts, without, semantics: "grounded" });
      const structured = structuredGrounded(claims, map.edges, without);
      expect(evaluated.labels).toEqual(structured.premiseLabel);
      for (const inference of evaluated.inferences) expect(inference.label).toBe(structured.ruleLabel[`${inference.inference}=>${inference.target}`]);
    }
    // Withdrawing the union's answer lets the strike stand, and the ferry's slowness is no longer a reason.
    const cut = evaluateMap({ claims, attacks, undercuts, without: ["strike-lasts"], semantics: "grounded" });
    expect(cut.inferences.find((i) => i.inference === "ferry-slow")?.label).toBe("out");
  });

  it("answers what-if: were the CAATSA challenge answered (withdrawn), the remedy would stand", async () => {
    const { body } = await get(`/api/maps/${MAP}/evaluation?without=challenge-caatsa`);
    expect(body.without).toEqual(["challenge-caatsa"]);
    expect(body.labels).not.toHaveProperty("challenge-caatsa");
    expect(body.labels.remedy).toBe("in");
    expect(body.proposals.remedy).toBe("acceptable");
    expect(body.defeatedBy).not.toHaveProperty("remedy");
  });

  it("shows the Russian range claim and the 9M729 accusation in an unresolved even cycle", async () => {
    const grounded = (await get(`/api/maps/${MAP}/evaluation?without=us-discovered-violation`)).body;
    expect(grounded.labels["russia-range-claim"]).toBe("undec");
    const preferred = (await get(`/api/maps/${MAP}/evaluation?semantics=preferred&without=us-discovered-violation`)).body;
    expect(preferred.extensions.length).toBeGreaterThanOrEqual(2);
    expect(preferred.acceptance["russia-range-claim"]).toEqual({ credulous: true, sceptical: false });
  });

  it("rejects bad input with a message naming the parameter", async () => {
    expect(await get(`/api/maps/${MAP}/evaluation?semantics=ideal`)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/query parameter semantics: must be one of/) } } });
    expect(await get(`/api/maps/${MAP}/evaluation?without=no-such-claim`)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/query parameter without: no claim "no-such-claim"/) } } });
    expect(await get(`/api/maps/${MAP}/evaluation?without=Bad!`)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/query parameter without/) } } });
    expect((await get(`/api/maps/no-map/evaluation`)).status).toBe(404);
  });
});

describe("POST /api/evaluate", () => {
  it("returns all extensions, each sorted", async () => {
    const { status, body } = await post({ arguments: ["b", "a", "c", "d"], attacks: [["a", "b"], ["b", "a"], ["a", "c"], ["b", "c"], ["c", "d"]], semantics: "preferred" });
    expect(status).toBe(200);
    expect(body).toEqual({ extensions: [["a", "d"], ["b", "d"]] });
  });

  it("says which attack names an unknown argument, and which field is malformed", async () => {
    expect(await post({ arguments: ["a"], attacks: [["a", "zz"]], semantics: "grounded" })).toMatchObject({ status: 400, body: { error: { message: 'body attacks[0]: "zz" is not among the arguments' } } });
    expect(await post({ arguments: ["a"], attacks: [["a"]], semantics: "grounded" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^body attacks\[0\]/) } } });
    expect(await post({ arguments: ["a"], attacks: [], semantics: "naive" })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/body semantics: must be one of/) } } });
    const res = await fetch(`${api.url}/api/evaluate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_json");
  });

  it("gives up on a hopeless exhaustive search with 422 instead of hanging", async () => {
    // 40 disjoint even cycles: 3^40 complete labellings.
    const args = Array.from({ length: 80 }, (_, i) => `a${i}`);
    const attacks = Array.from({ length: 40 }, (_, i) => [[`a${2 * i}`, `a${2 * i + 1}`], [`a${2 * i + 1}`, `a${2 * i}`]]).flat();
    const started = Date.now();
    const { status, body } = await post({ arguments: args, attacks, semantics: "complete" });
    expect(status).toBe(422);
    expect(body.error.code).toBe("search_limit");
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("argmap solve (command line, no database)", () => {
  const argmap = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });

  it.each([
    ["grounded", "floating.i23", [[]]],
    ["complete", "floating.i23", [[], ["1", "4"], ["2", "4"]]],
    ["preferred", "floating.i23", [["1", "4"], ["2", "4"]]],
    ["stable", "floating.i23", [["1", "4"], ["2", "4"]]],
    ["preferred", "floating.apx", [["a", "d"], ["b", "d"]]],
  ])("--semantics %s %s", (semantics, file, extensions) => {
    const result = argmap("solve", "--semantics", semantics, fixture(`af/${file}`));
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ extensions });
  });

  it("names the lines of a malformed file", () => {
    const i23 = argmap("solve", "--semantics", "grounded", fixture("af/broken.i23"));
    expect(i23.status).toBe(1);
    expect(i23.stderr).toMatch(/broken\.i23:3: expected an attack "a b"/);
    expect(i23.stderr).toMatch(/broken\.i23:4: argument 4 is outside 1\.\.3/);
    const apx = argmap("solve", "--semantics", "grounded", fixture("af/broken.apx"));
    expect(apx.stderr).toMatch(/broken\.apx:2: att\(a,b\): "b" is not declared/);
    expect(apx.stderr).toMatch(/broken\.apx:3: a fact must end with "\."/);
  });

  it("explains a bad --semantics", () => {
    const result = argmap("solve", "--semantics", "ideal", fixture("af/floating.i23"));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--semantics must be one of grounded, complete, preferred, stable/);
  });
});
