import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { anchorOf, paraphraseOf, proposedCites, proposedId, suggestedEntities } from "../client/src/edit/anchor.js";
import { SseParser } from "../client/src/edit/live.js";
import { claimState, patchOf, relationsOf } from "../client/src/edit/ops.js";
import { applyChanges, isEmptyChange, reconcile } from "../client/src/edit/sync.js";

const TEXT = "The town should build a bridge. The ferry is slow and often cancelled.[1] A bridge would cost too much.[2][3] Yet “the state pays.”[4] The town should build a bridge.";

describe("a passage selected in the reading pane", () => {
  it("becomes an exact quote with UTF-16 offsets, trimmed of the whitespace around it", () => {
    const at = TEXT.indexOf("The ferry");
    const a = anchorOf(TEXT, at - 1, at + "The ferry is slow".length + 1)!;
    expect(a.quote).toBe("The ferry is slow");
    expect(TEXT.slice(a.start, a.end)).toBe(a.quote);
    expect(a.occurrences).toBe(1);
    expect(anchorOf(TEXT, 5, 5)).toBeNull();
    expect(anchorOf("  \n ", 0, 4)).toBeNull();
  });

  it("knows which occurrence of a repeated sentence was selected", () => {
    const quote = "The town should build a bridge.";
    const second = TEXT.lastIndexOf(quote);
    expect(anchorOf(TEXT, second, second + quote.length)).toMatchObject({ occurrence: 2, occurrences: 2 });
    expect(anchorOf(TEXT, 0, quote.length)).toMatchObject({ occurrence: 1, occurrences: 2 });
  });

  it("counts offsets in UTF-16 code units, as the server stores them", () => {
    const text = "Risk 🚀 ahead. Next sentence.";
    const a = anchorOf(text, text.indexOf("ahead"), text.indexOf("ahead") + 5)!;
    expect(a.start).toBe(8); // the rocket is two code units
    expect(text.slice(a.start, a.end)).toBe("ahead");
  });

  it("proposes the footnotes whose markers are inside it or close it, and only footnotes the map has", () => {
    const known = new Set([1, 2, 3, 4]);
    const ferry = TEXT.indexOf("The ferry");
    expect(proposedCites(TEXT, ferry, TEXT.indexOf("cancelled.") + "cancelled.".length, known)).toEqual([1]);
    const cost = TEXT.indexOf("A bridge");
    expect(proposedCites(TEXT, cost, TEXT.indexOf("too much") + "too much".length, known)).toEqual([2, 3]);
    expect(proposedCites(TEXT, TEXT.indexOf("the state"), TEXT.indexOf("pays") + 4, known)).toEqual([4]);
    expect(proposedCites(TEXT, ferry, TEXT.indexOf("[2]") + 3, new Set([1]))).toEqual([1]);
    expect(proposedCites(TEXT, 0, 10, known)).toEqual([]);
  });

  it("drafts a paraphrase without markers and a kebab-case id that is not taken", () => {
    expect(paraphraseOf("A bridge would cost too much.[2][3]")).toBe("A bridge would cost too much.");
    const taken = new Set(["bridge-would-cost-too-much"]);
    expect(proposedId("A bridge would cost too much.", (id) => taken.has(id))).toBe("bridge-would-cost-too-much-2");
    expect(proposedId("Ça coûte trop", () => false)).toBe("ca-coute-trop");
    expect(proposedId("!!!", () => false)).toBe("claim");
  });

  it("suggests the entities named in it, by whole words", () => {
    const entities = [
      { id: "ferry", name: "Ferry" },
      { id: "town", name: "The town" },
      { id: "s-400", name: "S-400" },
      { id: "art", name: "Art" },
    ];
    expect(suggestedEntities("The town's ferry, not the S-400 (particularly)", entities).sort()).toEqual(["ferry", "s-400", "town"]);
  });
});

function miniGraph() {
  const g = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  const claim = (id: string, text: string, extra: Record<string, unknown> = {}) =>
    g.addNode(id, { nodeType: "claim", kind: "claim", text, label: text, quote: text, start: 0, end: text.length, citations: [], x: 0, y: 0, ...extra });
  claim("a", "A");
  claim("b", "B", { citations: [1], x: 10, y: 10 });
  claim("c", "C", { x: 20, y: 0 });
  claim("d", "D");
  g.addNode("entity:ferry", { nodeType: "entity", label: "Ferry", entityType: "infrastructure" });
  g.addNode("citation:1", { nodeType: "citation", n: 1, title: "T" });
  g.addDirectedEdgeWithKey("SUPPORTS:b->a", "b", "a", { type: "SUPPORTS", quote: "because" });
  g.addDirectedEdgeWithKey("ATTACKS:c->a", "c", "a", { type: "ATTACKS", quote: null });
  g.addDirectedEdgeWithKey("SUPPORTS:d->c", "d", "c", { type: "SUPPORTS", quote: null });
  g.addDirectedEdgeWithKey("MENTIONS:b->entity:ferry", "b", "entity:ferry", { type: "MENTIONS" });
  return g;
}

describe("claims and relations read back from the graph on screen", () => {
  it("reads a claim in the shape the server takes it, entities by id", () => {
    expect(claimState(miniGraph(), "b")).toEqual({ id: "b", kind: "claim", text: "B", quote: "B", start: 0, end: 1, speaker: null, cites: [1], mentions: ["ferry"] });
  });

  it("lists the argument relations touching a claim, with their keys, and not its footnotes or entities", () => {
    expect(relationsOf(miniGraph(), "c").map((r) => r.key).sort()).toEqual(["ATTACKS:c->a", "SUPPORTS:d->c"]);
    expect(relationsOf(miniGraph(), "b")).toEqual([{ key: "SUPPORTS:b->a", type: "SUPPORTS", source: "b", target: "a", quote: "because" }]);
  });

  it("patches only the fields that change, start and end together", () => {
    const before = claimState(miniGraph(), "b");
    expect(patchOf(before, { text: "B", kind: "claim", cites: [1], mentions: ["ferry"] })).toBeNull();
    expect(patchOf(before, { text: "B2", kind: "evidence", cites: [1] })).toEqual({ text: "B2", kind: "evidence" });
    expect(patchOf(before, { start: 0, end: 5 })).toEqual({ start: 0, end: 5 });
  });
});

describe("applying a newer state of the map to the graph on screen", () => {
  it("adds, removes and updates in place, keeps positions, and places a new claim beside its neighbours", () => {
    const g = miniGraph();
    const next = miniGraph().export();
    next.attributes = { revision: "r2" };
    next.nodes = next.nodes.filter((n) => n.key !== "d").map((n) => (n.key === "a" ? { ...n, attributes: { ...n.attributes, text: "A, reworded", x: 999 } } : n));
    next.nodes.push({ key: "e", attributes: { nodeType: "claim", kind: "evidence", text: "E", label: "E", quote: "E", start: 0, end: 1, citations: [] } });
    next.edges = next.edges.filter((e) => e.key !== "SUPPORTS:d->c");
    next.edges.push({ key: "SUPPORTS:e->c", source: "e", target: "c", attributes: { type: "SUPPORTS", quote: null } });

    const change = reconcile(g, next);
    expect(change).toMatchObject({ added: ["e"], removed: ["d"], changed: ["a"], edgesAdded: ["SUPPORTS:e->c"], edgesRemoved: ["SUPPORTS:d->c"] });
    expect(g.getAttribute("revision")).toBe("r2");
    expect(g.getNodeAttributes("a")).toMatchObject({ text: "A, reworded", x: 0, y: 0 }); // positions are the client's
    const e = g.getNodeAttributes("e");
    expect(Math.hypot(e.x - 20, e.y - 0)).toBeLessThan(5); // beside c, its only neighbour
    expect(isEmptyChange(reconcile(g, next))).toBe(true);
  });
});

describe("the event stream's parser", () => {
  it("yields each event with its id and data, across chunks, CRLF and comments, and keeps the last id and retry", () => {
    const events: { id: string | null; data: string }[] = [];
    const p = new SseParser((e) => events.push(e));
    p.push(": hello\r\nretry: 2000\r\n");
    p.push('id: 7\ndata: {"revision":"r7",\ndata: "op":1}\n');
    p.push("\nid: 8\ndata: x\n\n");
    p.push("data: no id\n\n");
    expect(events).toEqual([
      { id: "7", data: '{"revision":"r7",\n"op":1}' },
      { id: "8", data: "x" },
      { id: "8", data: "no id" },
    ]);
    expect(p.lastEventId).toBe("8");
    expect(p.retry).toBe(2000);
  });
});

describe("applying one operation from the event stream", () => {
  it("adds a claim with its footnote and entity edges beside its neighbours, links it, and takes the revision", () => {
    const g = miniGraph();
    const change = applyChanges(
      g,
      {
        claims: { e: { id: "e", kind: "evidence", text: "E", quote: "E", start: 3, end: 4, citations: [1], speaker: null, mentions: ["ferry"] } },
        relations: { "SUPPORTS:e->c": { key: "SUPPORTS:e->c", type: "SUPPORTS", source: "e", target: "c", inference: null, quote: null } },
      },
      "r9",
    );
    expect(change).toMatchObject({ added: ["e"], edgesAdded: ["CITES:e->citation:1", "MENTIONS:e->entity:ferry", "SUPPORTS:e->c"] });
    expect(g.getAttribute("revision")).toBe("r9");
    expect(claimState(g, "e")).toMatchObject({ cites: [1], mentions: ["ferry"], kind: "evidence" });
    expect(g.getNodeAttribute("e", "x")).toBeGreaterThan(10); // beside c (x 20), not at the origin
  });

  it("removes a deleted claim with its relations, and a removed relation alone", () => {
    const g = miniGraph();
    const change = applyChanges(g, { claims: { d: null }, relations: { "ATTACKS:c->a": null } }, "r10");
    expect(change.removed).toEqual(["d"]);
    expect(change.edgesRemoved).toEqual(["ATTACKS:c->a"]);
    expect(g.hasEdge("SUPPORTS:d->c")).toBe(false);
    expect(g.hasNode("c")).toBe(true);
  });

  it("updates a changed claim in place, keeping its position, and drops entities it no longer mentions", () => {
    const g = miniGraph();
    const change = applyChanges(g, { claims: { b: { id: "b", kind: "claim", text: "B, reworded", quote: "B", start: 0, end: 1, citations: [1], speaker: null, mentions: [] } }, relations: {} }, "r11");
    expect(change.changed).toEqual(["b"]);
    expect(change.edgesRemoved).toEqual(["MENTIONS:b->entity:ferry"]);
    expect(g.getNodeAttributes("b")).toMatchObject({ text: "B, reworded", label: "B, reworded", x: 10, y: 10 });
  });
});
