import Graph from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationKey, edgeKey, entityKey, parseNodeKey } from "../contract/keys.js";
import { loadMap, mapCounts } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { parseSeed } from "../server/import/seed.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { fixture } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

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
