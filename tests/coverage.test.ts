import { spawnSync } from "node:child_process";
import { must } from "../contract/errors.js";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FINDING_KINDS } from "../contract/coverage.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { articleSeed, articleText, fixture, root } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let api: TestServer;
const article = readSeedFile(articleSeed);
const text = fs.readFileSync(articleText, "utf8");
/** The footnote lines as printed at the end of the article. */
const footnote = (n: number) => text.split("\n").find((l) => l.startsWith(`[${n}] `))!;

let close: () => Promise<void>;
beforeAll(async () => ({ api, close } = await openApi([article, readSeedFile(fixture("coverage.argmap.yaml"))])));
afterAll(() => close());

const json = async (p: string) => {
  const res = await api.get(p);
  return { status: res.status, body: await res.json() };
};
type Finding = { kind: string; message: string; citations?: number[]; claims?: string[]; figures?: string[] };

describe("coverage of the article (GET /api/maps/:map/coverage)", () => {
  let report: { totals: Record<string, number>; uncited: { id: string }[]; findings: Finding[] };
  beforeAll(async () => {
    report = (await json(`/api/maps/${MAP}/coverage`)).body;
  });
  const of = (kind: string) => report.findings.filter((f) => f.kind === kind);

  it("counts cited and uncited claims", () => {
    const cited = new Set(article.cites.map((c) => c.claim));
    const n = article.claims.length;
    expect(report.totals).toEqual({ claims: n, cited: cited.size, uncited: n - cited.size, ratio: Number((cited.size / n).toFixed(4)) });
    expect(report.uncited.map((c) => c.id).sort()).toEqual(article.claims.filter((c) => !cited.has(c.id)).map((c) => c.id).sort());
  });

  it("finds that footnotes 3 and 4 are the same source, as printed", () => {
    expect(footnote(3).slice(4)).toBe(footnote(4).slice(4));
    expect(of("duplicate-citation")).toEqual([expect.objectContaining({ citations: [3, 4], claims: ["putin-munich-nato-provocation", "putin-nato-military-alliance"] })]);
    expect(of("duplicate-citation")[0]?.message).toMatch(/Footnotes 3 and 4 cite the same source/);
  });

  it("finds the author citing her own work in footnote 10", () => {
    expect(footnote(10)).toMatch(/^\[10\] Davidson, Anna J\./);
    expect(of("self-citation")).toEqual([expect.objectContaining({ citations: [10], claims: ["akkuyu-plant"] })]);
  });

  it("finds that footnote 14 is the only one without a date", () => {
    expect(footnote(14)).not.toMatch(/\d{4}\. https?:/);
    expect(of("missing-date").map((f) => f.citations)).toEqual([[14]]);
  });

  it("finds no unused footnote: every one of the 17 is carried by a claim", () => {
    for (let n = 1; n <= 17; n++) expect(text.indexOf(`[${n}]`)).toBeLessThan(text.lastIndexOf(`[${n}] `));
    expect(of("unused-citation")).toEqual([]);
  });

  it("flags evidence that carries no footnote, and only that", () => {
    const flagged = of("uncited-claim").flatMap((f) => f.claims!);
    const expected = article.claims.filter((c) => c.kind === "evidence" && !article.cites.some((x) => x.claim === c.id)).map((c) => c.id);
    expect(flagged.sort()).toEqual(expected.sort());
    expect(flagged).toContain("turkey-f35-purchase"); // "Turkey is planning to purchase one hundred F-35s …" has no footnote
    for (const id of flagged) {
      const c = article.claims.find((x) => x.id === id)!;
      expect(text.slice(c.end, c.end + 6)).not.toMatch(/^[”"]?\.?\[\d+\]/);
    }
  });

  it("flags every uncited figure of the article, whatever the claim's kind, with the claim and the figures", () => {
    const found = Object.fromEntries(of("uncited-figure").map((f) => [f.claims![0], f.figures]));
    expect(found).toEqual({
      "five-months-remain": ["Five months"],
      "inf-expiration-date": ["August 2019"],
      "nato-efforts-failed": ["Five years"],
      "russia-9m729-noncompliant": ["500-5,500 kilometers"],
      "russia-range-claim": ["480 kilometers"],
      "three-options": ["August", "three"],
      "russia-georgia-withdrawal": ["2007"],
      "nato-bucharest-welcomed": ["2008"],
      "timing-supports-theory": ["2008"],
      "nato-2008-intention": ["2008"],
      "turkey-pays-s400": ["$3.5bn"],
      "state-dept-patriot-offer": ["December 2018"],
      "patriot-negotiations": ["$3.5bn"],
      "turkey-reduces-conflict-risk": ["two"],
      "syria-talks": ["February"],
      "two-challenges": ["Two"],
      "turkey-f35-purchase": ["one hundred"],
    });
    const byId = new Map(article.claims.map((c) => [c.id, c]));
    for (const f of of("uncited-figure")) {
      const claim = byId.get(must(f.claims?.[0], "the finding's claim"))!;
      expect(article.cites.some((x) => x.claim === claim.id), claim.id).toBe(false);
      for (const figure of f.figures!) expect(claim.quote).toContain(figure);
      expect(f.message).toContain(f.figures![0]);
    }
    // Independently of the detector: every uncited quote with a digit in it is among the findings.
    const uncitedWithDigits = article.claims.filter((c) => !article.cites.some((x) => x.claim === c.id) && /\d/.test(c.quote.replace(/9M729|S-[45]00|F-35s?|Article 6/g, "")));
    for (const c of uncitedWithDigits) expect(found, c.id).toHaveProperty(c.id);
    expect(found["russia-range-claim"]).toEqual(["480 kilometers"]); // "Russian leaders claim … only 480 kilometers": no footnote
  });

  it("flags the $3.5bn given both as the S-400 price and as the Patriot package's cost", () => {
    expect(of("repeated-figure")).toEqual([
      expect.objectContaining({ claims: ["turkey-pays-s400", "patriot-negotiations"], figures: ["$3.5bn"] }),
    ]);
    expect(text).toContain("Turkey is prepared to pay $3.5bn for the Russian S-400");
    expect(text).toContain("Negotiations for the cost (an estimated $3.5bn), technology transfers, and a delivery period of the Patriot systems");
  });

  it("flags conclusions resting only on uncited claims, and not those with a cited claim below", () => {
    const dangling = of("dangling-support").map((f) => f.claims![0]);
    expect(dangling).toContain("dual-purchase-opportunity"); // on turkey-pays-s400, state-dept-patriot-offer, patriot-negotiations: none cited
    expect(dangling).not.toContain("remedy");
    expect(dangling).not.toContain("challenge-acceptable-risk"); // f35-exposure cites [15]
  });
});

describe("coverage findings on a fixture built to trigger each kind once", () => {
  it.each(FINDING_KINDS)("%s", async (kind) => {
    const { body } = await json(`/api/maps/coverage-check/coverage`);
    const found = body.findings.filter((f: Finding) => f.kind === kind);
    expect(found).toHaveLength(1);
    const expected: Record<string, Partial<Finding>> = {
      "duplicate-citation": { citations: [1, 2], claims: ["half", "second-count"] },
      "self-citation": { citations: [3], claims: ["own-study"] },
      "missing-date": { citations: [4], claims: ["own-study"] },
      "unused-citation": { citations: [5] },
      "uncited-claim": { claims: ["uptake-high"] },
      "dangling-support": { claims: ["demand-rising", "people-like-it"] },
      "uncited-figure": { claims: ["uptake-high"], figures: ["40%"] },
      "repeated-figure": { claims: ["half", "second-count"], figures: ["$2m"] },
    };
    const [finding] = found;
    expect(must(finding, `a ${kind} finding`)).toMatchObject(must(expected[kind], `what a ${kind} finding says`));
    expect(finding?.message.length).toBeGreaterThan(20);
  });
});

describe("source impact and chain coverage", () => {
  it("withdrawing footnote 15 leaves the acceptable-risk challenge with no cited support", async () => {
    const { status, body } = await json(`/api/maps/${MAP}/citations/15/impact`);
    expect(status).toBe(200);
    expect(body.citation).toMatchObject({ n: 15, publisher: "Defense News" });
    expect(body.conclusions.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(["challenge-acceptable-risk", "f35-exposure"]));
  });

  it("withdrawing footnote 3 leaves every conclusion with cited support (footnote 4 and others remain below it)", async () => {
    const { body } = await json(`/api/maps/${MAP}/citations/3/impact`);
    expect(body.conclusions).toEqual([]);
  });

  it("gives the cited share of a claim's support tree", async () => {
    const { body } = await json(`/api/maps/coverage-check/claims/plan-works/coverage`);
    expect(body).toEqual({
      claim: "plan-works",
      claims: 7,
      cited: 3,
      ratio: Number((3 / 7).toFixed(4)),
      uncited: ["plan-works", "costs-fall", "demand-rising", "people-like-it"],
    });
  });

  it("answers 404 for an unknown footnote and 400 for a malformed one", async () => {
    expect(await json(`/api/maps/${MAP}/citations/99/impact`)).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/no footnote 99/) } } });
    expect(await json(`/api/maps/${MAP}/citations/x/impact`)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/path parameter n: must be a footnote number/) } } });
  });

  it("is in the OpenAPI document", async () => {
    const { body } = await json(`/api/openapi.json`);
    expect(body.paths["/api/maps/{map}/citations/{n}/impact"].get).toBeDefined();
    expect(body.paths["/api/maps/{map}/coverage"].get).toBeDefined();
    expect(body.paths["/api/maps/{map}/claims/{id}/coverage"].get).toBeDefined();
  });
});

describe("argmap coverage (command line)", () => {
  const argmap = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });

  it("prints the report as JSON, and the findings as CSV for spreadsheets", async () => {
    const target = inject("neo4j");
    const env = { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user ?? "", NEO4J_PASSWORD: target.password ?? "" };
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000, env });
    const asJson = run("coverage", "--map", "coverage-check");
    expect(asJson.status, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout).totals).toEqual({ claims: 8, cited: 3, uncited: 5, ratio: 0.375 });
    const csv = run("coverage", "--map", "coverage-check", "--csv");
    const lines = csv.stdout.trim().split("\r\n");
    expect(lines[0]).toBe("kind,message,citations,claims,figures");
    expect(lines).toHaveLength(1 + 8);
    expect(lines.find((l) => l.startsWith("duplicate-citation,"))).toMatch(/,1 2,half second-count,$/);
    expect(lines.find((l) => l.startsWith("uncited-figure,"))).toMatch(/,,uptake-high,40%$/);
  });

  it("explains a missing or unknown map", () => {
    expect(argmap("coverage").stderr).toMatch(/--map ID is required/);
  });
});
