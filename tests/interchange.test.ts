import Graph from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationKey, edgeKey, entityKey, parseNodeKey } from "../contract/keys.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { fixture } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

let api: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const opened = await openApi([readSeedFile(fixture("interchange/collision.argmap.yaml"))]);
  api = opened.api;
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
