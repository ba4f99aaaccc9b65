/**
 * Brings the graph on screen to a newer state of the map without reloading:
 * nodes and edges are added, removed or updated in place, so positions,
 * the camera and the selection stay where the user left them. A new node
 * starts beside the claims it is connected to.
 *
 * Two ways in: `applyChanges` takes one operation's changes from the event
 * stream (no request at all), `reconcile` a whole serialized graph (after a
 * gap in the stream, a whole-map operation, or the user's own edit).
 */
import type Graph from "graphology";
import type { SerializedGraph } from "graphology-types";
import type { Changes } from "./server.js";
import { citationKey, edgeKey, entityKey } from "../../../contract/keys.js";

export interface GraphChange {
  added: string[];
  removed: string[];
  changed: string[];
  edgesAdded: string[];
  edgesRemoved: string[];
  edgesChanged: string[];
}

const emptyChange = (): GraphChange => ({ added: [], removed: [], changed: [], edgesAdded: [], edgesRemoved: [], edgesChanged: [] });
export const isEmptyChange = (c: GraphChange) =>
  [c.added, c.removed, c.changed, c.edgesAdded, c.edgesRemoved, c.edgesChanged].every((list) => list.length === 0);

/** Attributes the client adds for drawing; they are not part of the map. */
const LAYOUT_ATTRIBUTES = new Set(["x", "y"]);

function sameData(current: Record<string, unknown>, next: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)].filter((k) => !LAYOUT_ATTRIBUTES.has(k)));
  for (const k of keys) if (JSON.stringify(current[k] ?? null) !== JSON.stringify(next[k] ?? null)) return false;
  return true;
}

/** A small, stable direction per key, so two new nodes beside the same claim do not land on each other. */
function jitter(key: string): { dx: number; dy: number } {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const angle = ((h >>> 0) % 360) * (Math.PI / 180);
  return { dx: Math.cos(angle), dy: Math.sin(angle) };
}

/** Positions for nodes just added: the mean of their placed neighbours, or the drawing's edge. */
function place(graph: Graph, fresh: string[]): void {
  if (!fresh.length) return;
  const isFresh = new Set(fresh);
  let minX = Infinity, maxX = -Infinity;
  graph.forEachNode((n, a) => {
    if (!isFresh.has(n) && typeof a.x === "number") {
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
    }
  });
  const spread = Number.isFinite(minX) ? Math.max(1, (maxX - minX) * 0.04) : 1;
  for (const key of fresh) {
    const placed = graph.neighbors(key).filter((n) => !isFresh.has(n) && typeof graph.getNodeAttribute(n, "x") === "number");
    const { dx, dy } = jitter(key);
    let x = 0, y = 0;
    for (const n of placed) {
      x += graph.getNodeAttribute(n, "x") as number;
      y += graph.getNodeAttribute(n, "y") as number;
    }
    if (placed.length) {
      x /= placed.length;
      y /= placed.length;
    } else if (Number.isFinite(minX)) x = maxX; // unconnected: at the edge of the drawing, easy to find
    graph.mergeNodeAttributes(key, { x: x + dx * spread, y: y + dy * spread });
  }
}

function setEdge(graph: Graph, change: GraphChange, key: string, source: string, target: string, attributes: Record<string, unknown>): void {
  if (!graph.hasNode(source) || !graph.hasNode(target)) return;
  if (graph.hasEdge(key) && (graph.source(key) !== source || graph.target(key) !== target)) {
    graph.dropEdge(key);
    change.edgesRemoved.push(key);
  }
  if (graph.hasEdge(key)) {
    if (!sameData(graph.getEdgeAttributes(key), attributes)) {
      graph.replaceEdgeAttributes(key, attributes);
      change.edgesChanged.push(key);
    }
  } else {
    graph.addDirectedEdgeWithKey(key, source, target, attributes);
    change.edgesAdded.push(key);
  }
}

export function reconcile(graph: Graph, next: SerializedGraph): GraphChange {
  const change = emptyChange();
  graph.replaceAttributes({ ...(next.attributes ?? {}) });
  const nextNodes = new Map(next.nodes.map((n) => [n.key, n.attributes ?? {}]));
  const nextEdges = new Map((next.edges ?? []).map((e) => [e.key ?? `${e.source}->${e.target}`, e]));

  for (const edge of graph.edges()) {
    if (!nextEdges.has(edge)) {
      graph.dropEdge(edge);
      change.edgesRemoved.push(edge);
    }
  }
  for (const node of graph.nodes()) {
    if (!nextNodes.has(node)) {
      graph.dropNode(node);
      change.removed.push(node);
    }
  }
  for (const [key, attributes] of nextNodes) {
    if (!graph.hasNode(key)) {
      graph.addNode(key, { ...attributes });
      change.added.push(key);
    } else if (!sameData(graph.getNodeAttributes(key), attributes)) {
      const { x, y }: { x?: unknown; y?: unknown } = graph.getNodeAttributes(key);
      graph.replaceNodeAttributes(key, { ...attributes, x, y });
      change.changed.push(key);
    }
  }
  for (const [key, e] of nextEdges) setEdge(graph, change, key, e.source, e.target, { ...(e.attributes ?? {}) });
  place(graph, change.added);
  return change;
}

/** Removes a node or edge the graph still has (an event may name one already gone), noting it in `removed`. */
function dropIfPresent(graph: Graph, kind: "node" | "edge", key: string, removed: string[]): void {
  if (kind === "node" ? !graph.hasNode(key) : !graph.hasEdge(key)) return;
  if (kind === "node") graph.dropNode(key);
  else graph.dropEdge(key);
  removed.push(key);
}

/**
 * One operation's changes (the events stream's `changes`): each touched
 * claim's value after the operation (null: removed), each touched relation's.
 * A claim's footnotes and entities are edges of the graph: they are redrawn
 * from its lists.
 */
export function applyChanges(graph: Graph, changes: Changes, revision: string): GraphChange {
  const change = emptyChange();
  for (const [id, claim] of Object.entries(changes.claims)) {
    if (claim === null) {
      dropIfPresent(graph, "node", id, change.removed);
      continue;
    }
    const attributes = {
      nodeType: "claim",
      label: claim.text,
      kind: claim.kind,
      text: claim.text,
      quote: claim.quote,
      start: claim.start,
      end: claim.end,
      citations: claim.citations,
      speaker: claim.speaker,
    };
    if (!graph.hasNode(id)) {
      graph.addNode(id, attributes);
      change.added.push(id);
    } else if (!sameData(graph.getNodeAttributes(id), { ...graph.getNodeAttributes(id), ...attributes })) {
      graph.mergeNodeAttributes(id, attributes);
      change.changed.push(id);
    }
    const wanted = new Map<string, { type: "CITES" | "MENTIONS"; target: string }>();
    for (const n of claim.citations) wanted.set(edgeKey("CITES", id, citationKey(n)), { type: "CITES", target: citationKey(n) });
    for (const e of claim.mentions) wanted.set(edgeKey("MENTIONS", id, entityKey(e)), { type: "MENTIONS", target: entityKey(e) });
    for (const edge of graph.outEdges(id)) {
      const type: unknown = graph.getEdgeAttribute(edge, "type");
      if ((type === "CITES" || type === "MENTIONS") && !wanted.has(edge)) {
        graph.dropEdge(edge);
        change.edgesRemoved.push(edge);
      }
    }
    for (const [key, { type, target }] of wanted) setEdge(graph, change, key, id, target, { type, quote: null });
  }

  for (const [key, relation] of Object.entries(changes.relations)) {
    if (relation === null) {
      dropIfPresent(graph, "edge", key, change.edgesRemoved);
      continue;
    }
    setEdge(graph, change, key, relation.source, relation.target, {
      type: relation.type,
      quote: relation.quote ?? null,
      ...(relation.inference ? { inference: relation.inference } : {}),
    });
  }
  graph.setAttribute("revision", revision);
  place(graph, change.added);
  return change;
}
