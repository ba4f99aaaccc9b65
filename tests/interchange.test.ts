import fs from "node:fs";
import Graph from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationKey, edgeKey, entityKey, parseNodeKey } from "../contract/keys.js";
import { loadMap, mapCounts } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { parseSeed } from "../server/import/seed.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { fixture } from "./helpers/paths.js";
import { openApi, TEST_TOKEN, type TestServer } from "./helpers/server.js";

const read = (name: string) => fs.readFileSync(fixture(`interchange/${name}`), "utf8");

let api: TestServer;
let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  const opened = await openApi([readSeedFile(fixture("interchange/collision.argmap.yaml")), readSeedFile(fixture("interchange/undercut.argmap.yaml"))]);
  api = opened.api;
  db = opened.db;
  close = opened.close;
});
afterAll(async () => close?.());

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
    for (const [file, id] of [["relations.argdown", "should-the-town-build-a-bridge"], ["nesting.argdown", "nesting"]]) {
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
