import fs from "node:fs";
import Graph from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationKey, edgeKey, entityKey, parseNodeKey } from "../contract/keys.js";
import { deleteMap, loadMap, mapCounts } from "../server/db/maps.js";
import { listMaps } from "../server/db/queries.js";
import type { Database } from "../server/db/neo4j.js";
import { parseSeed } from "../server/import/seed.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { fixture } from "./helpers/paths.js";
import { openApi, TEST_TOKEN, type TestServer } from "./helpers/server.js";

const read = (name: string) => fs.readFileSync(fixture(`interchange/${name}`), "utf8");

let api: TestServer;
let db: Database;
let close: () => Promise<void>;

// Maps this file makes are removed afterwards: other files count the maps and entities they see.
let mapsBefore: Set<string>;
beforeAll(async () => {
  const { testDatabase } = await import("./helpers/db.js");
  const probe = testDatabase();
  mapsBefore = new Set((await listMaps(probe)).map((m) => m.id));
  await probe.close();
  const opened = await openApi([readSeedFile(fixture("interchange/collision.argmap.yaml")), readSeedFile(fixture("interchange/undercut.argmap.yaml"))]);
  api = opened.api;
  db = opened.db;
  close = opened.close;
});
afterAll(async () => {
  for (const m of await listMaps(db)) if (!mapsBefore.has(m.id)) await deleteMap(db, m.id);
  await close?.();
});

describe("node keys of claims, citations and entities never collide", () => {
  it("keys a claim by its id, a footnote as citation:N and an entity as entity:ID, and reads them back", () => {
    expect(citationKey(1)).toBe("citation:1");
    expect(entityKey("bridge")).toBe("entity:bridge");
    expect(parseNodeKey("citation-1")).toEqual({ type: "claim", id: "citation-1" });
    expect(parseNodeKey("citation:1")).toEqual({ type: "citation", n: 1 });
    expect(parseNodeKey("entity:citation-1")).toEqual({ type: "entity", id: "citation-1" });
    expect(edgeKey("UNDERCUTS", "a", "c", "b")).toBe("UNDERCUTS:a->b->c");
  });

  it("serves a map with a claim named citation-1, footnote 1 and a claim and an entity both named bridge as one graph", async () => {
    const res = await api.get("/api/maps/key-collision/graph");
    expect(res.status).toBe(200);
    const graph = Graph.from(await res.json());
    expect(graph.getNodeAttributes("citation-1")).toMatchObject({ nodeType: "claim", text: "The bridge is needed." });
    expect(graph.getNodeAttributes("citation:1")).toMatchObject({ nodeType: "citation", n: 1, title: "Traffic count" });
    expect(graph.getNodeAttributes("bridge")).toMatchObject({ nodeType: "claim" });
    expect(graph.getNodeAttributes("entity:bridge")).toMatchObject({ nodeType: "entity", id: "bridge", label: "Bridge" });
    expect(graph.getNodeAttributes("entity:citation-1")).toMatchObject({ nodeType: "entity", label: "Citation One Street" });
    expect(graph.hasEdge("CITES:citation-1->citation:1")).toBe(true);
    expect(graph.hasEdge("MENTIONS:citation-1->entity:citation-1")).toBe(true);
    expect(graph.hasEdge("MENTIONS:bridge->entity:bridge")).toBe(true);
    expect(graph.hasEdge("SUPPORTS:bridge->citation-1")).toBe(true);
    expect(graph.order).toBe(5);
  });

  it("exports it as GraphML with five distinct nodes", async () => {
    const res = await api.get("/api/maps/key-collision/export?format=graphml");
    expect(res.status).toBe(200);
    const ids = [...(await res.text()).matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(["bridge", "citation-1", "citation:1", "entity:bridge", "entity:citation-1"]);
  });
});

describe("undercuts: attacks on an inference, not on its conclusion", () => {
  const seedWith = (undercuts: string) =>
    [
      "map: { id: u, title: U, text: 'a b c' }",
      "claims:",
      "  - { id: a, kind: claim, text: A, quote: a, supports: [b] }",
      "  - { id: b, kind: claim, text: B, quote: b }",
      `  - { id: c, kind: claim, text: C, quote: c, undercuts: [${undercuts}] }`,
    ].join("\n");

  it("are read from the seed as undercuts: [{target, inference}] and must name an existing support", () => {
    const ok = parseSeed({ text: seedWith("{ target: b, inference: a }"), file: "u.yaml" });
    expect(ok.edges).toContainEqual({ type: "UNDERCUTS", source: "c", target: "b", inference: "a", quote: null });
    expect(() => parseSeed({ text: seedWith("{ target: a, inference: b }"), file: "u.yaml" })).toThrow(
      /u\.yaml:5: claims\[2\]\(c\)\.undercuts\[0\]: "b" does not support "a", so there is no inference to undercut/,
    );
    expect(() => parseSeed({ text: seedWith("{ target: b, inference: z }"), file: "u.yaml" })).toThrow(/undercuts\[0\]\.inference: unknown claim "z"/);
  });

  it("are written the same in one statement and in batches", async () => {
    const data = readSeedFile(fixture("interchange/undercut.argmap.yaml"));
    await loadMap(db, { ...data, map: { ...data.map, id: "undercut-batched" } }, { batchSize: 2 });
    expect(await mapCounts(db, "undercut-batched")).toEqual({ ...(await mapCounts(db, "undercut-bridge")), undercuts: 1 });
  });

  it("are served in the graph as UNDERCUTS edges keyed by source, inference and target", async () => {
    const graph = Graph.from(await (await api.get("/api/maps/undercut-bridge/graph")).json());
    const key = "UNDERCUTS:strike->ferry-slow->build-bridge";
    expect(graph.hasEdge(key)).toBe(true);
    expect(graph.getEdgeAttributes(key)).toEqual({ type: "UNDERCUTS", inference: "ferry-slow", quote: "But the ferry is only slow because of a strike, which will end." });
    expect(graph.extremities(key)).toEqual(["strike", "build-bridge"]);
  });

  it("appear in the attack view of the conclusion with the support they attack", async () => {
    const view = await (await api.get("/api/maps/undercut-bridge/claims/build-bridge/attack")).json();
    expect(view.edges).toContainEqual({ source: "strike", target: "build-bridge", type: "UNDERCUTS", inference: "ferry-slow" });
    expect(view.edges).toContainEqual({ source: "ferry-slow", target: "build-bridge", type: "SUPPORTS" });
    expect(view.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(["strike", "ferry-slow", "build-bridge"]));
  });

  it("defeat the inference but leave its conclusion's label alone; withdrawing the undercutter's attacker shows it", async () => {
    const standing = await (await api.get("/api/maps/undercut-bridge/evaluation")).json();
    expect(standing.labels).toMatchObject({ "build-bridge": "in", "ferry-slow": "in", strike: "out", "strike-lasts": "in" });
    expect(standing.inferences).toEqual([{ inference: "ferry-slow", target: "build-bridge", label: "in", undercutBy: ["strike"], defeatedBy: [] }]);
    const whatIf = await (await api.get("/api/maps/undercut-bridge/evaluation?without=strike-lasts")).json();
    expect(whatIf.labels).toMatchObject({ "build-bridge": "in", strike: "in" });
    expect(whatIf.inferences).toEqual([{ inference: "ferry-slow", target: "build-bridge", label: "out", undercutBy: ["strike"], defeatedBy: ["strike"] }]);
  });

  it("are exported in the project's JSON and as AIF (a CA node attacking the RA node of the inference)", async () => {
    const json = await (await api.get("/api/maps/undercut-bridge/export?format=json")).json();
    expect(json.claims.find((c: { id: string }) => c.id === "strike").undercuts).toEqual([
      { target: "build-bridge", inference: "ferry-slow", quote: "But the ferry is only slow because of a strike, which will end." },
    ]);
    const aif = await (await api.get("/api/maps/undercut-bridge/export?format=aif")).json();
    const node = (pred: (n: { nodeID: string; text: string; type: string }) => boolean) => aif.nodes.find(pred);
    const into = (id: string) => aif.edges.filter((e: { toID: string }) => e.toID === id).map((e: { fromID: string }) => e.fromID);
    const outOf = (id: string) => aif.edges.filter((e: { fromID: string }) => e.fromID === id).map((e: { toID: string }) => e.toID);
    const [slow, bridge, strike] = ["The ferry is slow.", "The town should build a bridge.", "The ferry is slow only because of a strike that will end."].map((t) => node((n) => n.text === t)!.nodeID);
    const ra = aif.nodes.find((n: { nodeID: string; type: string }) => n.type === "RA" && into(n.nodeID).includes(slow) && outOf(n.nodeID).includes(bridge));
    const ca = aif.nodes.find((n: { nodeID: string; type: string }) => n.type === "CA" && into(n.nodeID).includes(strike));
    expect(outOf(ca.nodeID)).toEqual([ra.nodeID]);
  });
});

const post = (body: string, contentType: string, query = "") =>
  fetch(`${api.url}/api/maps${query}`, { method: "POST", headers: { "Content-Type": contentType, Authorization: `Bearer ${TEST_TOKEN}` }, body });
const exportOf = async (map: string, format: string) => {
  const res = await api.get(`/api/maps/${map}/export?format=${format}`);
  expect(res.status).toBe(200);
  return { body: await res.text(), warnings: JSON.parse(res.headers.get("x-argmap-warnings") ?? "null") as string[] };
};
/** The argument graph a user sees: claims with kind and text, relations by claim ids, citations, mentions. */
const argumentGraph = async (map: string) => {
  const graph = await (await api.get(`/api/maps/${map}/graph`)).json();
  return {
    claims: graph.nodes.filter((n: any) => n.attributes.nodeType === "claim").map((n: any) => `${n.key} ${n.attributes.kind} ${n.attributes.text} @${n.attributes.start}-${n.attributes.end}`).sort(),
    edges: graph.edges.map((e: any) => `${e.key} ${e.attributes.quote ?? ""}`).sort(),
    others: graph.nodes.filter((n: any) => n.attributes.nodeType !== "claim").map((n: any) => JSON.stringify(n)).sort(),
  };
};
const edgesOf = async (map: string) => (await argumentGraph(map)).edges.map((e: string) => e.split(" ")[0]).filter((k: string) => !/^(CITES|MENTIONS)/.test(k));

describe("Argdown, read by @argdown/core", () => {
  it("maps every relation type, a premise–conclusion structure and an undercut of its inference", async () => {
    const res = await post(read("relations.argdown"), "text/x-argdown", "?replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ id: "should-the-town-build-a-bridge", claims: 13 });
    expect(body.warnings).toContainEqual(expect.stringMatching(/names no document/));
    expect(await edgesOf(body.id)).toEqual(
      [
        "SUPPORTS:ferry-slow->bridge", // <+
        "ATTACKS:strike->ferry-slow", // nested <-
        "ATTACKS:strike-over->strike", // three levels deep
        "ATTACKS:cost->bridge",
        "SUPPORTS:estimate->cost",
        "ATTACKS:bridge->no-bridge", // >< contradiction: attacks both ways
        "ATTACKS:no-bridge->bridge",
        "SUPPORTS:bridge->trade", // +>
        "ATTACKS:cost->grants", // - (short incoming attack)
        "SUPPORTS:bridge->grants", // + (short incoming support)
        "SUPPORTS:commute->bridge", // PCS: premises support the conclusion
        "SUPPORTS:value->bridge",
        "UNDERCUTS:remote-work->commute->bridge", // <_ on the argument: its inference, premise by premise
        "UNDERCUTS:remote-work->value->bridge",
        "SUPPORTS:entailment->grants",
      ].sort(),
    );
    const graph = Graph.from(await (await api.get(`/api/maps/${body.id}/graph`)).json());
    expect(graph.getNodeAttributes("strike")).toMatchObject({ kind: "challenge" }); // {kind} data wins over the #rebuttal tag
    expect(graph.getNodeAttributes("bridge")).toMatchObject({ kind: "thesis", text: "The town should build a bridge." });
    expect(graph.getNodeAttribute("ferry-slow", "text")).toBe("The ferry is slow and often cancelled, see https://example.org/ferry-timetable.");
    expect(graph.getAttributes()).toMatchObject({ title: "Should the town build a bridge?", author: "Test Fixture", date: "2024-01" });
  });

  it("nests at any depth: [a] / <+ [b] / <- [c] makes c attack b, and URLs with // survive", async () => {
    const res = await post(read("nesting.argdown"), "text/x-argdown", "?id=nesting&replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await edgesOf("nesting")).toEqual(["ATTACKS:c->b", "SUPPORTS:b->a", "SUPPORTS:d->c"]);
    const graph = Graph.from(await (await api.get("/api/maps/nesting/graph")).json());
    expect(graph.getNodeAttribute("d", "text")).toBe("D is the case, per https://example.org/d//deep.");
  });

  it("reports syntax errors at the line and column of the user's Argdown, never of a converted YAML", async () => {
    const res = await post(read("broken.argdown"), "text/x-argdown", "?id=broken-argdown");
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message as string;
    expect(message).toMatch(/request body:4:\d+: Argdown syntax: Invalid paragraph start/);
    expect(message).not.toMatch(/YAML|converted|claims\[/);
    const unknown = await post("===\ncitations: [{n: 1, url: ftp-nowhere}]\n===\n\n[a]: A. {cites: [2]}\n", "text/x-argdown", "?id=bad-cite");
    const problem = (await unknown.json()).error.message as string;
    expect(problem).toMatch(/request body:5:1: \[a\]: footnote 2 is not among the citations/);
  });

  it("round-trips: import → export → import gives the same graph", async () => {
    for (const [file, id] of [["relations.argdown", "should-the-town-build-a-bridge"], ["nesting.argdown", "nesting"]] as const) {
      const exported = await exportOf(id, "argdown");
      expect(exported.warnings).toEqual([]);
      const res = await post(exported.body, "text/x-argdown", `?id=${id}-again&replace=true`);
      expect(res.status, `${file}: ${await res.clone().text()}`).toBe(201);
      expect((await res.json()).warnings).toEqual([]);
      expect(await argumentGraph(`${id}-again`)).toEqual(await argumentGraph(id));
    }
  });

  it("carries an undercut out and back as an argument whose inference is undercut", async () => {
    const exported = await exportOf("undercut-bridge", "argdown");
    expect(exported.body).toContain("<ferry-slow to build-bridge>\n\n(1) [ferry-slow]\n----\n(2) [build-bridge]\n\n<ferry-slow to build-bridge>\n  <_ [strike]");
    expect((await post(exported.body, "text/x-argdown", "?id=undercut-again&replace=true")).status).toBe(201);
    expect(await argumentGraph("undercut-again")).toEqual(await argumentGraph("undercut-bridge"));
  });
});

describe("AIF in its real shapes", () => {
  it("reads AIFdb JSON with mixed numeric and string ids: linked and convergent arguments, a rebut, an undercut, dialogue", async () => {
    const res = await post(read("aifdb.json"), "application/json", "?id=aifdb&replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body.claims).toBe(6);
    expect(await edgesOf("aifdb")).toEqual(
      [
        "SUPPORTS:the-ferry-is-slow->the-town-should-build-a-bridge", // linked: one RA, two premises
        "SUPPORTS:slow-crossings-cost-commuters-an-hour-a-day->the-town-should-build-a-bridge",
        "SUPPORTS:a-bridge-brings-trade->the-town-should-build-a-bridge", // convergent: a second RA
        "ATTACKS:the-town-should-not-build-a-bridge->the-town-should-build-a-bridge", // CA on an I-node: a rebut
        "UNDERCUTS:commuters-will-soon-work-from-home->the-ferry-is-slow->the-town-should-build-a-bridge", // CA on the RA
        "UNDERCUTS:commuters-will-soon-work-from-home->slow-crossings-cost-commuters-an-hour-a-day->the-town-should-build-a-bridge",
      ].sort(),
    );
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/node 4 \(RA\) links 2 premises/),
        expect.stringMatching(/dialogue nodes \(2 L, 3 YA, 1 TA\)/),
        expect.stringMatching(/carries no text/),
      ]),
    );
    const graph = Graph.from(await (await api.get("/api/maps/aifdb/graph")).json());
    expect(graph.getNodeAttributes("entity:alice-ng")).toMatchObject({ label: "Alice Ng" }); // a participant, kept as an actor
  });

  it("reads OVA3's xAIF: nested under AIF, quotes from the text's spans, map id and title from the file when ?id= is absent", async () => {
    const res = await post(read("ova3.xaif.json"), "application/json", "?replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    // No nodeset id, no ?id=: the id comes from the first line of the text.
    expect(body.id).toBe("alice-the-town-should-build-a-bridge-bec");
    const text = (await (await api.get(`/api/maps/${body.id}/text`)).json()).text;
    expect(text).toBe("Alice: The town should build a bridge because the ferry is slow.\nBob: it is only a strike & a bridge costs too much.\n");
    const graph = Graph.from(await (await api.get(`/api/maps/${body.id}/graph`)).json());
    const strike = graph.getNodeAttributes("the-slowness-is-only-a-strike");
    expect(strike).toMatchObject({ text: "the slowness is only a strike", quote: "it is only a strike" }); // I-text as claim, L-span as quote
    expect(text.slice(strike.start, strike.end)).toBe("it is only a strike");
    expect(await edgesOf(body.id)).toContain("UNDERCUTS:the-slowness-is-only-a-strike->the-ferry-is-slow->the-town-should-build-a-bridge");
    expect(body.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/OVA's layout/), expect.stringMatching(/1 MA node/)]));
  });

  it("names the node or edge at fault, never a converted YAML line", async () => {
    const bad = { AIF: { nodes: [{ nodeID: 7, text: "", type: "I" }, { nodeID: "x", text: "A", type: "I" }], edges: [{ edgeID: 3, fromID: "x", toID: 99 }] } };
    const res = await post(JSON.stringify(bad), "application/json", "?id=bad-aif");
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message as string;
    expect(message).toMatch(/edge 3: toID names no node: "99"/);
    expect(message).toMatch(/node 7 \(I\): an I-node \(a claim\) needs text/);
    expect(message).not.toMatch(/YAML|claims\[/);
  });

  it("round-trips AIFdb JSON and xAIF: the same graph again, and the loss report says what AIF cannot hold", async () => {
    for (const format of ["aif", "xaif"]) {
      const exported = await exportOf("aifdb", format);
      expect(exported.warnings).toContainEqual(expect.stringMatching(/claim ids/));
      const res = await post(exported.body, "application/json", `?id=aifdb-${format}&replace=true`);
      expect(res.status, await res.clone().text()).toBe(201);
      expect(await edgesOf(`aifdb-${format}`)).toEqual(await edgesOf("aifdb"));
    }
  });
});

describe("Kialo's discussion export", () => {
  it("maps the numbered pro/con outline, links and sources: pros support, cons attack, URLs become citations", async () => {
    const res = await post(read("debate.kialo.txt"), "text/x-kialo", "?id=kialo-bridge&replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    const graph = Graph.from(await (await api.get("/api/maps/kialo-bridge/graph")).json());
    expect(graph.getAttribute("title")).toBe("Should the town build a bridge?");
    expect(graph.getNodeAttributes("the-town-should-build-a-bridge")).toMatchObject({ kind: "thesis" });
    expect(await edgesOf("kialo-bridge")).toEqual(
      [
        "SUPPORTS:the-ferry-is-slow-and-often-cancelled-see->the-town-should-build-a-bridge",
        "ATTACKS:the-ferry-is-only-slow-because-of-a-strike->the-ferry-is-slow-and-often-cancelled-see",
        "ATTACKS:the-union-says-the-strike-will-last-for-years-union-statemen->the-ferry-is-only-slow-because-of-a-strike",
        "SUPPORTS:commuters-lose-an-hour-a-day-to-the-ferry->the-ferry-is-slow-and-often-cancelled-see",
        "ATTACKS:a-bridge-costs-too-much->the-town-should-build-a-bridge",
        "ATTACKS:the-state-pays-most-of-the-cost-according-to-the-grant-progr->a-bridge-costs-too-much", // a claim of two lines
        "SUPPORTS:a-bridge-brings-trade-with-the-mainland->the-town-should-build-a-bridge",
        "ATTACKS:a-bridge-brings-trade-with-the-mainland->a-bridge-costs-too-much", // -> See 1.3.
      ].sort(),
    );
    const citations = (await (await api.get("/api/maps/kialo-bridge/citations")).json()).citations;
    expect(citations.map((c: any) => [c.n, c.url, c.claims])).toEqual([
      [1, "https://example.org/ferry-timetable", ["the-ferry-is-slow-and-often-cancelled-see"]],
      [2, "https://example.org/union", ["the-union-says-the-strike-will-last-for-years-union-statemen"]],
    ]);
    // Mapped, so it can be evaluated and checked for sources.
    const evaluation = await (await api.get("/api/maps/kialo-bridge/evaluation")).json();
    expect(evaluation.labels["a-bridge-costs-too-much"]).toBe("out");
    const coverage = await (await api.get("/api/maps/kialo-bridge/coverage")).json();
    expect(coverage.totals).toMatchObject({ claims: 8, cited: 2 });
  });

  it("is recognised as text/plain, and a broken outline is reported at its line", async () => {
    expect((await post(read("debate.kialo.txt"), "text/plain", "?id=kialo-plain&replace=true")).status).toBe(201);
    const res = await post("Discussion Title: X\n\n1. A.\n1.2.1. Pro: B.\n1.3. Con: -> See 4.\n", "text/x-kialo", "?id=kialo-bad");
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message as string;
    expect(message).toMatch(/request body:4: claim 1\.2\.1 has no parent claim 1\.2/);
    expect(message).toMatch(/request body:5: "-> See 4\." names no claim/);
  });

  it("round-trips: export → import gives the same claims and relations", async () => {
    const exported = await exportOf("kialo-bridge", "kialo");
    expect(exported.body).toMatch(/^Discussion Title: Should the town build a bridge\?\n\n1\. The town should build a bridge\.\n1\.1\. Pro: /);
    expect(exported.body).toContain("Con: -> See ");
    const res = await post(exported.body, "text/x-kialo", "?id=kialo-again&replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await edgesOf("kialo-again")).toEqual(await edgesOf("kialo-bridge"));
  });
});

describe("the article in every format", () => {
  let article: Awaited<ReturnType<typeof argumentGraph>>;
  beforeAll(async () => {
    await loadMap(db, readSeedFile(fixture("../../seed/davidson-2019-inf.argmap.yaml")), { force: true });
    article = await argumentGraph("davidson-2019-inf");
  });
  const relations = (g: typeof article) => g.edges.filter((e: string) => /^(SUPPORTS|ATTACKS|UNDERCUTS)/.test(e));

  it("comes back from Argdown with every claim, relation, citation and anchor", async () => {
    const exported = await exportOf("davidson-2019-inf", "argdown");
    expect(exported.warnings).toEqual([]);
    expect((await post(exported.body, "text/x-argdown", "?id=article-via-argdown&replace=true")).status).toBe(201);
    expect(await argumentGraph("article-via-argdown")).toEqual(article);
  });

  it("comes back from xAIF with every claim text, relation and anchor but the overlapping quotes its loss report names", async () => {
    const exported = await exportOf("davidson-2019-inf", "xaif");
    expect(exported.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/claim kinds/), expect.stringMatching(/17 citation/), expect.stringMatching(/\d+ quote\(s\) overlap an earlier one/)]),
    );
    const overlapping = Number(/(\d+) quote\(s\) overlap an earlier one/.exec(exported.warnings.join("\n"))![1]);
    expect(overlapping).toBeGreaterThan(0);
    // ?id= absent: the map id is the xAIF's nodeset id, so the same map is recognised (and not overwritten).
    const again = await post(exported.body, "application/json");
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/a map "davidson-2019-inf" exists/);
    const res = await post(exported.body, "application/json", "?id=article-via-xaif&replace=true");
    expect(res.status, await res.clone().text()).toBe(201);
    const back = await argumentGraph("article-via-xaif");
    const anchored = (g: typeof article) => g.claims.map((c: string) => c.replace(/^\S+ \S+ /, "")).sort();
    const missing = anchored(article).filter((c: string) => !anchored(back).includes(c));
    expect(missing).toHaveLength(overlapping);
    expect(relations(back)).toHaveLength(relations(article).length);
  });

  it("comes back from AIFdb JSON and Kialo with every claim text and relation", async () => {
    for (const [format, type] of [["aif", "application/json"], ["kialo", "text/x-kialo"]] as const) {
      const exported = await exportOf("davidson-2019-inf", format);
      expect(exported.warnings.length).toBeGreaterThan(0);
      const res = await post(exported.body, type, `?id=article-via-${format}&replace=true`);
      expect(res.status, await res.clone().text()).toBe(201);
      const graph = Graph.from(await (await api.get(`/api/maps/article-via-${format}/graph`)).json());
      const texts = (g: Graph) => g.filterNodes((_n, a) => a.nodeType === "claim").map((n) => String(g.getNodeAttribute(n, "text")).replace(/ https?:\/\/\S+/g, "")).sort();
      const original = Graph.from(await (await api.get("/api/maps/davidson-2019-inf/graph")).json());
      expect(texts(graph)).toEqual(texts(original));
      expect(relations(await argumentGraph(`article-via-${format}`))).toHaveLength(relations(article).length);
    }
  });
});
