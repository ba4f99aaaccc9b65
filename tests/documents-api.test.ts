import { spawnSync } from "node:child_process";
import { must } from "../contract/errors.js";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deleteMap } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { INTAKE_LIMITS } from "../server/intake/intake.js";
import { articleText, fixture, root } from "./helpers/paths.js";
import { pdfOfText, pdfWithoutText } from "./helpers/pdf.js";
import { openApi, TEST_TOKEN, type TestServer } from "./helpers/server.js";

let db: Database;
let api: TestServer;
let close: () => Promise<void>;
const created = new Set<string>();
const auth = { Authorization: `Bearer ${TEST_TOKEN}` };

beforeAll(async () => ({ db, api, close } = await openApi([])));
afterAll(async () => {
  // Straight to the database: an idle keep-alive socket after the slow CLI tests can be reset under load.
  for (const id of created) await deleteMap(db, id);
  await close();
});

async function post(body: BodyInit, type: string, query = "", headers: Record<string, string> = auth) {
  const res = await fetch(`${api.url}/api/documents${query}`, { method: "POST", headers: { ...headers, "Content-Type": type }, body });
  const json = await res.json();
  if (res.status === 201) created.add(json.id);
  return { status: res.status, body: json };
}
const get = async (path: string) => {
  const res = await api.get(path);
  return { status: res.status, body: await res.json() };
};
/** Every node and relationship in the database: a refused document must leave this unchanged. */
const everything = async () => (await db.read("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels"))[0];

const article = fs.readFileSync(articleText);

describe("POST /api/documents: the article as a new map", () => {
  let answer: { status: number; body: any };
  beforeAll(async () => {
    answer = await post(article, "text/plain; charset=utf-8", "?id=doc-test-article");
  });

  it("answers 201 with the id, its sentences, the 17 parsed notes and the markers", () => {
    expect(answer.status).toBe(201);
    expect(answer.body.id).toBe("doc-test-article");
    expect(answer.body.citations.map((c: { n: number }) => c.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(answer.body.citations.filter((c: { date: string | null }) => c.date === null).map((c: { n: number }) => c.n)).toEqual([14]);
    expect(answer.body.markers.map((m: { n: number }) => m.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(answer.body.meta).toEqual({ title: "How to bring Russia into INF compliance — without triggering a war", author: "Anna J. Davidson", date: "2019-03", venue: "Journal of Political Risk" });
  });

  it("stores the text exactly, and the map lists with no claims and 17 citations", async () => {
    expect((await get("/api/maps/doc-test-article/text")).body.text).toBe(article.toString("utf8"));
    const listed = (await get("/api/maps")).body.maps.find((m: { id: string }) => m.id === "doc-test-article");
    expect(listed).toMatchObject({ claims: 0, citations: 17, author: "Anna J. Davidson" });
  });

  it("serves the sentences with their markers, as stored", async () => {
    const { status, body } = await get("/api/maps/doc-test-article/sentences");
    expect(status).toBe(200);
    expect(body.sentences).toEqual(answer.body.sentences);
    const seven = body.sentences.find((s: { markers: number[] }) => s.markers.includes(7));
    expect(article.toString("utf8").slice(seven.start, seven.end)).toMatch(/^American Director of National Intelligence, Dan Coats.*2008\.\[7\]$/);
  });

  it("serves the notes with note [7] joined and each field marked parsed", async () => {
    const { body } = await get("/api/maps/doc-test-article/notes");
    const seven = body.notes[6];
    expect(seven).toMatchObject({ n: 7, authors: "Coats, Dan", date: "30 November 2018", unparsed: false });
    expect(seven.url).toMatch(/^https:\/\/www\.dni\.gov\//);
    expect(Object.values(seven.fields)).toEqual(["parsed", "parsed", "parsed", "parsed", "parsed"]);
    expect(body.notes[13].fields.date).toBe("absent");
    expect(body.notes[3]).toMatchObject({ n: 4, source: 3 });
  });

  it("proposes relations from discourse markers, as spans of the stored text", async () => {
    const { status, body } = await get("/api/maps/doc-test-article/suggestions");
    expect(status).toBe(200);
    expect(body.suggestions.length).toBeGreaterThan(5);
    const text = article.toString("utf8");
    const therefore = body.suggestions.find((s: { marker: string; type: string }) => s.marker === "Therefore" && s.type === "SUPPORTS");
    expect(text.slice(therefore.target.start, therefore.target.end)).toMatch(/^Russia needs evidence that this perception is invalid/);
    for (const s of body.suggestions) expect(s.source.end).toBeLessThanOrEqual(text.length);
  });

  it("draws as a graph of citations and no claims", async () => {
    const { status, body } = await get("/api/maps/doc-test-article/graph");
    expect(status).toBe(200);
    expect(body.nodes.filter((n: { key: string }) => n.key.startsWith("citation:"))).toHaveLength(17);
    expect(body.edges).toEqual([]);
  });

  it("refuses a second document under the same id with 409 and changes nothing", async () => {
    const before = await everything();
    const again = await post("Another text.", "text/plain", "?id=doc-test-article");
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/a map "doc-test-article" exists/);
    expect(await everything()).toEqual(before);
  });
});

describe("POST /api/documents: ids, titles and formats", () => {
  it("derives the id from the title when none is given", async () => {
    const { status, body } = await post("# Ports of Call\n\nShips dock here.[^1]\n\n[^1]: Doe, Jane. “Docks,” Sea Press. 2020.\n", "text/markdown", "?title=Doc%20Test%20Ports%20of%20Call");
    expect(status).toBe(201);
    expect(body.id).toBe("doc-test-ports-of-call");
    expect(body.meta.title).toBe("Doc Test Ports of Call");
    expect(body.citations[0]).toMatchObject({ authors: "Doe, Jane", title: "Docks", publisher: "Sea Press", date: "2020" });
  });

  it("takes a PDF in and reads its text layer and metadata", async () => {
    const pdf = await pdfOfText(fs.readFileSync(fixture("documents/harbour.txt"), "utf8"), { title: "Harbour", author: "Jane Q. Public" });
    const { status, body } = await post(pdf, "application/pdf", "?id=doc-test-harbour-pdf");
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: "pdf", meta: { title: "Harbour", author: "Jane Q. Public" } });
    expect(body.citations.map((c: { n: number }) => c.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("still makes the map when a note cannot be parsed, keeping it raw and flagged", async () => {
    const { status, body } = await post("Ships dock here.[1]\n\n[1] see the harbour minutes\n", "text/plain", "?id=doc-test-raw-note");
    expect(status).toBe(201);
    expect(body.citations[0]).toMatchObject({ n: 1, raw: "see the harbour minutes", unparsed: true });
    expect((await get("/api/maps/doc-test-raw-note/notes")).body.notes[0].unparsed).toBe(true);
  });

  it("lets two simultaneous requests for one id make one map and answer the other 409", async () => {
    const [a, b] = await Promise.all([post("First.", "text/plain", "?id=doc-test-race"), post("Second.", "text/plain", "?id=doc-test-race")]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});

describe("POST /api/documents: documents that cannot become maps", () => {
  const cases: [string, () => Promise<[BodyInit, string]>, number, RegExp][] = [
    ["an empty document", async () => ["", "text/plain"], 400, /empty/],
    ["a binary file that is not a PDF", async () => [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), "application/octet-stream"], 415, /binary and not a PDF|not a document type/],
    ["a binary file labelled as text", async () => [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), "text/plain"], 415, /binary and not a PDF/],
    ["a PDF with no text layer", async () => [await pdfWithoutText(), "application/pdf"], 422, /no text layer.*needs OCR/],
    ["a document over the size limit", async () => [new Uint8Array(INTAKE_LIMITS.bytes + 10).fill(97), "text/plain"], 413, /larger than this route's limit of 10 MiB/],
  ];
  it.each(cases)("%s gets a clear error and nothing is written", async (_name, make, status, message) => {
    const before = await everything();
    const [body, type] = await make();
    const res = await post(body, type, "?id=doc-test-refused");
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it("needs the bearer token", async () => {
    const res = await post("Text.", "text/plain", "?id=doc-test-anonymous", {});
    expect(res.status).toBe(401);
    expect((await get("/api/maps/doc-test-anonymous/sentences")).status).toBe(404);
  });
});

describe("coverage of a new document, before any claim (GET /api/maps/:map/coverage)", () => {
  let report: any;
  let text: string;
  beforeAll(async () => {
    await post(fs.readFileSync(fixture("documents/harbour.txt")), "text/plain", "?id=doc-test-harbour");
    report = (await get("/api/maps/doc-test-harbour/coverage")).body;
    text = (await get("/api/maps/doc-test-harbour/text")).body.text;
  });
  const kinds = () => report.findings.map((f: { kind: string; citations?: number[] }) => [f.kind, f.citations]);

  it("counts the sentences that carry a footnote", () => {
    expect(report.totals).toEqual({ claims: 0, cited: 0, uncited: 0, ratio: 0 });
    expect(report.sentences).toEqual({ sentences: 11, cited: 6, ratio: 0.5455 });
  });

  it("finds the note problems an editor checks, at sentence level, and no claim-level noise", () => {
    expect(kinds()).toEqual([
      ["duplicate-citation", [2, 6]],
      ["self-citation", [4]],
      ["missing-date", [5]],
      ["marker-without-note", [7]],
      ["note-without-marker", [6]],
      ["uncited-figure", undefined],
    ]);
  });

  it("finds a figure stated in a sentence with no footnote, with the figure and the sentence", () => {
    const figure = report.findings.find((f: { kind: string }) => f.kind === "uncited-figure");
    expect(figure.figures).toEqual(["$3.5bn"]);
    expect(figure.sentences.map((s: { start: number; end: number }) => text.slice(s.start, s.end))).toEqual(["The city spent $3.5bn on new piers."]);
  });

  it("gives each finding the sentences to scroll to", () => {
    const self = report.findings.find((f: { kind: string }) => f.kind === "self-citation");
    expect(self.sentences.map((s: { start: number; end: number }) => text.slice(s.start, s.end))).toEqual(["However, the port authority says that waiting times fell in 2020.[4]"]);
    const orphan = report.findings.find((f: { kind: string }) => f.kind === "marker-without-note");
    expect(orphan.message).toMatch(/\[7\] has no note \(the notes run 1–6\)/);
    expect(text.slice(orphan.sentences[0].start, orphan.sentences[0].end)).toBe("The terminal would replace berth No. 3 by 2030.[7]");
  });

  it("finds the article's own duplicate ([3] and [4]), self-citation ([10]) and undated note ([14])", async () => {
    const article = (await get("/api/maps/doc-test-article/coverage")).body;
    const notes = article.findings.filter((f: { kind: string }) => f.kind !== "uncited-figure");
    expect(notes.map((f: { kind: string; citations?: number[] }) => [f.kind, f.citations])).toEqual([
      ["duplicate-citation", [3, 4]],
      ["self-citation", [10]],
      ["missing-date", [14]],
    ]);
  });

  it("finds the article's figures that no footnote backs, and none in its heading lines", async () => {
    const article = (await get("/api/maps/doc-test-article/coverage")).body;
    const figures = article.findings.filter((f: { kind: string }) => f.kind === "uncited-figure").map((f: { figures: string[] }) => f.figures.join("; "));
    expect(figures).toEqual(expect.arrayContaining(["480 kilometers", "500-5,500 kilometers", "$3.5bn", "one hundred", "December 2018"]));
    expect(figures).not.toContain("March 2019"); // "Journal of Political Risk, Vol. 7, No. 3, March 2019" is a dateline
  });
});

describe("PATCH /api/maps/:map: editable metadata", () => {
  const patch = (id: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${api.url}/api/maps/${id}`, { method: "PATCH", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  beforeAll(async () => {
    await post("# Draft\n\nA sentence.\n", "text/markdown", "?id=doc-test-meta");
  });

  it("changes title, author, date and venue, and readers see the change at once", async () => {
    const before = await api.get("/api/maps");
    const etag = (await api.get("/api/maps/doc-test-meta/sentences")).headers.get("etag")!;
    const res = await patch("doc-test-meta", { title: "Final", author: "Jane Q. Public", date: "2021-05", venue: "City Review" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: "doc-test-meta", title: "Final", author: "Jane Q. Public", date: "2021-05", venue: "City Review" });
    expect(before.status).toBe(200);
    expect((await get("/api/maps")).body.maps.find((m: { id: string }) => m.id === "doc-test-meta")).toMatchObject({ title: "Final", author: "Jane Q. Public" });
    expect((await api.get("/api/maps/doc-test-meta/sentences", { "If-None-Match": etag })).status).toBe(200);
  });

  it("clears a field with null", async () => {
    const res = await patch("doc-test-meta", { venue: null });
    expect(await res.json()).toMatchObject({ title: "Final", venue: null });
  });

  it("refuses without the token, for an unknown map, and with unknown fields", async () => {
    expect((await patch("doc-test-meta", { title: "X" }, {})).status).toBe(401);
    expect((await patch("doc-test-nowhere", { title: "X" })).status).toBe(404);
    const bad = await patch("doc-test-meta", { colour: "red" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/colour/);
  });
});

describe("argmap new FILE (command line)", () => {
  const argmap = (...args: string[]) => {
    const target = inject("neo4j");
    const env = { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user ?? "", NEO4J_PASSWORD: target.password ?? "" };
    return spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000, env });
  };

  it("makes a map from a Markdown file and says what it found", async () => {
    const result = argmap("new", fixture("documents/harbour.md"), "--id", "doc-test-cli-harbour");
    created.add("doc-test-cli-harbour");
    expect(result.stderr).toMatch(/map "doc-test-cli-harbour" \(markdown\): 11 sentences, 6 footnote markers, 6 notes/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: "doc-test-cli-harbour", format: "markdown", meta: { title: "Ferries and the Harbour Question", author: "Jane Q. Public" } });
    expect((await get("/api/maps/doc-test-cli-harbour/sentences")).body.sentences).toHaveLength(11);
  });

  it("refuses a binary file before starting any database, and a taken id", () => {
    const binary = argmap("new", fixture("documents/image.png"));
    expect(binary.status).toBe(1);
    expect(binary.stderr).toMatch(/binary and not a PDF/);
    const taken = argmap("new", fixture("documents/harbour.txt"), "--id", "doc-test-cli-harbour");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/a map "doc-test-cli-harbour" exists/);
  });

  it("explains a bad --id", () => {
    const result = argmap("new", fixture("documents/harbour.txt"), "--id", "Not An Id");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--id must be a kebab-case map id/);
  });
});

describe("POST /api/documents: who makes a map owns it", () => {
  const tokens: Record<string, string> = {};
  const suffix = Date.now().toString(36);
  beforeAll(async () => {
    for (const [name, role] of [["dora", "analyst"], ["rex", "reader"]] as const) {
      const res = await fetch(`${api.url}/api/users`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ name: `${name}-${suffix}`, role }) });
      tokens[name] = (await res.json()).token;
    }
  });

  it("makes an analyst's document a map the analyst owns, with its creation as the first revision", async () => {
    const made = await post("Ships dock here.[1]\n\n[1] Doe, Jane. “Docks,” Sea Press. 2020.\n", "text/plain", "?id=doc-test-owned", { Authorization: `Bearer ${tokens.dora}` });
    expect(made.status).toBe(201);
    const access = await api.get("/api/maps/doc-test-owned/access", { Authorization: `Bearer ${tokens.dora}` });
    expect(await access.json()).toMatchObject({ owner: `dora-${suffix}`, visibility: "public" });
    const history = await (await api.get("/api/maps/doc-test-owned/history")).json();
    expect(history.revisions).toEqual([expect.objectContaining({ seq: 1, revision: made.body.revision, user: `dora-${suffix}`, op: { type: "load", status: "created" } })]);
  });

  it("refuses a reader with 403, saying why, and writes nothing", async () => {
    const before = await everything();
    const res = await post("Ships dock here.", "text/plain", "?id=doc-test-readers", { Authorization: `Bearer ${tokens.rex}` });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/reader/);
    expect(await everything()).toEqual(before);
  });
});

describe("POST /api/documents: untitled documents", () => {
  it("gives two untitled documents two ids instead of refusing the second", async () => {
    const first = await post("Ships dock here. They leave at dawn.", "text/plain");
    const second = await post("Ferries wait outside. The port is full.", "text/plain");
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.meta.title).toBe("Untitled document");
    expect(first.body.id).toMatch(/^untitled-document(-\d+)?$/);
    expect(second.body.id).toMatch(/^untitled-document-\d+$/);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await get(`/api/maps/${first.body.id}/text`)).body.text).toBe("Ships dock here. They leave at dawn.");
    expect((await get(`/api/maps/${second.body.id}/text`)).body.text).toBe("Ferries wait outside. The port is full.");
  });

  it("still refuses an id that was asked for and is taken", async () => {
    const first = await post("Ships dock here.", "text/plain", "?id=doc-test-asked");
    const again = await post("Ships dock here.", "text/plain", "?id=doc-test-asked");
    expect([first.status, again.status]).toEqual([201, 409]);
  });
});

describe("suggestions: accepted, dismissed, open", () => {
  const MAP = "doc-test-suggest";
  let text: string;
  const suggestions = async () => (await get(`/api/maps/${MAP}/suggestions`)).body.suggestions as { id: string; type: string; marker: string; source: { start: number; end: number }; target: { start: number; end: number }; status: string }[];
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
    fetch(`${api.url}${path}`, { method, headers: { ...headers, ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
  beforeAll(async () => {
    await post(fs.readFileSync(fixture("documents/harbour.txt")), "text/plain", `?id=${MAP}`);
    text = (await get(`/api/maps/${MAP}/text`)).body.text;
  });

  it("starts with every suggestion open", async () => {
    const all = await suggestions();
    expect(all.map((s) => [s.marker, s.type])).toEqual(expect.arrayContaining([["However", "ATTACKS"], ["Therefore", "SUPPORTS"]]));
    expect(new Set(all.map((s) => s.status))).toEqual(new Set(["open"]));
  });

  it("remembers a dismissal for the map, and takes it back", async () => {
    const however = (await suggestions()).find((s) => s.marker === "However")!;
    const res = await call("POST", `/api/maps/${MAP}/suggestions/${however.id}/dismiss`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: however.id, status: "dismissed" });
    expect((await suggestions()).find((s) => s.id === however.id)!.status).toBe("dismissed");
    expect((await call("DELETE", `/api/maps/${MAP}/suggestions/${however.id}/dismiss`)).status).toBe(200);
    expect((await suggestions()).find((s) => s.id === however.id)!.status).toBe("open");
  });

  it("refuses a dismissal without a token, of a suggestion the map does not have, and of a malformed id", async () => {
    const first = must((await suggestions())[0], "a suggestion");
    expect((await call("POST", `/api/maps/${MAP}/suggestions/${first.id}/dismiss`, undefined, {})).status).toBe(401);
    const unknown = await call("POST", `/api/maps/${MAP}/suggestions/s-1-2-3-4/dismiss`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/has no suggestion "s-1-2-3-4"/);
    expect((await call("POST", `/api/maps/${MAP}/suggestions/nonsense/dismiss`)).status).toBe(400);
    expect(new Set((await suggestions()).map((s) => s.status))).toEqual(new Set(["open"]));
  });

  it("reads a suggestion as accepted once the map has the relation it proposes, made through the editing routes", async () => {
    const therefore = (await suggestions()).find((s) => s.marker === "Therefore")!;
    const claim = async (span: { start: number; end: number }) => {
      const res = await call("POST", `/api/maps/${MAP}/claims`, { kind: "claim", text: text.slice(span.start, span.end), start: span.start, end: span.end });
      expect(res.status).toBe(201);
      return (await res.json()).claim.id as string;
    };
    const [source, target] = [await claim(therefore.source), await claim(therefore.target)];
    expect((await call("POST", `/api/maps/${MAP}/relations`, { type: "SUPPORTS", source, target })).status).toBe(201);
    const after = await suggestions();
    expect(after.find((s) => s.id === therefore.id)!.status).toBe("accepted");
    expect(after.filter((s) => s.status === "accepted")).toHaveLength(1);
  });
});
