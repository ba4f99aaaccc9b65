/**
 * Layouts, written into the view's positions (never into the data graph).
 * Force: ForceAtlas2 in a web worker, started from seeded positions (the same map
 * always starts the same way) and stopped once it settles. Layered: reasons below
 * what they are reasons for, for focused views. Chain: the chain's steps in order.
 */
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2_DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import { must } from "../../../contract/errors.js";
import type { MapGraph } from "../map/types.js";
import type { Point, Positions } from "./positions.js";

export { seededRandom } from "./positions.js";

export interface ForceLayoutRun {
  /** Resolves when the layout stopped (settled, timed out or stopped by hand). */
  done: Promise<{ settledMs: number; reason: "settled" | "timeout" | "stopped"; iterations: number }>;
  stop(): void;
  kill(): void;
  isRunning(): boolean;
}

const PPN = 10; // floats per node in ForceAtlas2's node matrix (x, y first)

/**
 * ForceAtlas2 in our own web worker (fa2.worker.ts): it iterates in ~12 ms slices and posts
 * positions; the page copies them into the displayed graph four times a second, so sigma
 * redraws a few times a second instead of after every iteration. Stops by itself once settled.
 */
export function forceSettings(graph: MapGraph): Record<string, unknown> {
  const big = graph.order > 1000;
  return {
    ...FA2_DEFAULTS,
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: big,
    // Coarser Barnes-Hut cells (0.5 by default): an iteration at 5,000 nodes costs about a third.
    barnesHutTheta: big ? 1.2 : 0.5,
    adjustSizes: false,
    scalingRatio: big ? 10 : 4,
    gravity: 1,
    slowDown: big ? 5 : 2,
  };
}

/**
 * Settled once nodes move on average less than this share of the layout's extent per iteration. A
 * large map's layout keeps drifting slowly for hundreds of iterations on a graph with many crossing
 * attacks; at 0.2 % per iteration (about a pixel on a fitted screen) its shape no longer changes.
 */
export const settleThreshold = (order: number) => (order > 1000 ? 0.002 : 0.0005);

/** The iteration budget: ForceAtlas2 keeps trembling long after the shape is found. */
export const iterationBudget = (order: number) => Math.round(Math.min(1500, Math.max(120, 600_000 / Math.max(1, order))));

export function runForceAtlas2(
  graph: MapGraph,
  positions: Positions,
  options: { maxMs?: number; onPublish?: () => void; onProgress?: (share: number) => void } = {},
): ForceLayoutRun {
  const big = graph.order > 1000;
  const settings = forceSettings(graph);
  const { nodes, edges } = toMatrices(graph, positions);
  const order = graph.nodes();
  let latest: Float32Array = nodes;
  let iterations = 0;
  const worker = new Worker(new URL("./fa2.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<{ nodes: Float32Array; iterations: number; settled: boolean }>) => {
    latest = event.data.nodes;
    iterations += event.data.iterations;
    if (event.data.settled) finish("settled");
  };
  let killed = false;
  const publish = () => {
    if (killed) return; // nothing reaches a renderer that may already be gone
    const matrix = latest;
    order.forEach((node, i) => {
      const [x, y] = [matrix[i * PPN], matrix[i * PPN + 1]];
      if (x !== undefined && y !== undefined) positions.set(node, { x, y });
    });
    options.onPublish?.();
  };
  const started = performance.now();
  const maxMs = options.maxMs ?? (big ? 15_000 : 6_000);
  type Result = { settledMs: number; reason: "settled" | "timeout" | "stopped"; iterations: number };
  let resolve!: (v: Result) => void;
  const done = new Promise<Result>((r) => (resolve = r));
  let finished = false;

  const finish = (reason: "settled" | "timeout" | "stopped") => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    worker.postMessage({ type: "stop" });
    publish();
    resolve({ settledMs: Math.round(performance.now() - started), reason, iterations });
  };

  // The worker says when the layout has settled (settle.ts) or spent its iteration budget. Large
  // maps are drawn once, when settled: each intermediate frame of thousands of nodes is costly to
  // rasterize without a GPU and would block the page while the layout runs.
  const maxIterations = iterationBudget(graph.order);
  const animate = graph.order <= 2000;
  let iterationsSeen = 0;
  const timer = setInterval(() => {
    if (iterations === iterationsSeen) return; // nothing new from the worker yet
    iterationsSeen = iterations;
    if (animate) publish();
    options.onProgress?.(Math.min(1, iterations / maxIterations));
    if (performance.now() - started > maxMs) finish("timeout");
  }, 250);

  // `nodes` stays ours (the first positions until the worker answers), so it is cloned; `edges` is handed over.
  worker.postMessage(
    { type: "start", nodes, edges, settings, threshold: settleThreshold(graph.order), maxIterations, publishMs: animate ? 0 : 250 },
    [edges.buffer],
  );
  return {
    done,
    stop: () => finish("stopped"),
    kill: () => {
      killed = true;
      finish("stopped");
      worker.terminate();
    },
    isRunning: () => !finished,
  };
}

/** The node and edge matrices ForceAtlas2 iterates on (its documented layout: 10 floats a node, 3 an edge). */
export function toMatrices(graph: MapGraph, positions: Positions): { nodes: Float32Array; edges: Float32Array } {
  const nodes = new Float32Array(graph.order * PPN);
  const edges = new Float32Array(graph.size * 3);
  const index = new Map<string, number>();
  let j = 0;
  graph.forEachNode((node) => {
    index.set(node, j);
    const p = positions.get(node);
    nodes[j] = p.x;
    nodes[j + 1] = p.y;
    nodes[j + 6] = 1; // mass: 1 + degree, filled below
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = 1; // size: adjustSizes is off
    j += PPN;
  });
  let k = 0;
  graph.forEachEdge((_edge, _attrs, source, target) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    nodes[s + 6] = must(nodes[s + 6], "a node's mass") + 1;
    nodes[t + 6] = must(nodes[t + 6], "a node's mass") + 1;
    edges[k] = s;
    edges[k + 1] = t;
    edges[k + 2] = 1;
    k += 3;
  });
  return { nodes, edges };
}




/**
 * Layered positions for a focused view: the roots on top, each claim one layer
 * below the highest claim it is a reason for (or against). Within a layer,
 * claims sit near the mean position of what they point at (barycentre ordering).
 */
export function layeredPositions(
  roots: string[],
  nodes: string[],
  edges: { source: string; target: string }[],
): Map<string, Point> {
  const targetsOf = new Map<string, string[]>();
  const sourcesOf = new Map<string, string[]>();
  for (const e of edges) {
    (targetsOf.get(e.source) ?? targetsOf.set(e.source, []).get(e.source)!).push(e.target);
    (sourcesOf.get(e.target) ?? sourcesOf.set(e.target, []).get(e.target)!).push(e.source);
  }
  const layer = new Map<string, number>(roots.map((r) => [r, 0]));
  const queue = [...roots];
  while (queue.length) {
    const current = queue.shift()!;
    for (const source of sourcesOf.get(current) ?? []) {
      if (!layer.has(source)) {
        layer.set(source, layer.get(current)! + 1);
        queue.push(source);
      }
    }
  }
  // Claims not reached from the root (e.g. chains that only meet it further up) go below the deepest layer.
  const deepest = Math.max(0, ...layer.values());
  for (const n of nodes) if (!layer.has(n)) layer.set(n, deepest + 1);

  const layers: string[][] = [];
  for (const n of nodes) (layers[layer.get(n)!] ??= []).push(n);
  const x = new Map<string, number>();
  layers.forEach((members, depth) => {
    if (depth > 0) {
      const bary = (n: string) => {
        const xs = (targetsOf.get(n) ?? []).map((t) => x.get(t)).filter((v): v is number => v !== undefined);
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      };
      members.sort((a, b) => bary(a) - bary(b) || (a < b ? -1 : 1));
    }
    members.forEach((n, i) => x.set(n, (i - (members.length - 1) / 2) * 20));
  });
  // Keep the drawing roughly as tall as it is wide, so layers stay apart on screen.
  const widest = Math.max(1, ...layers.map((m) => m?.length ?? 0));
  const yGap = Math.max(16, ((widest - 1) * 20) / Math.max(1, layers.length) * 0.8);
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of nodes) positions.set(n, { x: x.get(n)!, y: -layer.get(n)! * yGap });
  return positions;
}

/**
 * The chain view: each step one column further than the step it rests on (longest path from the
 * chain's first claims), the chain's conclusion last, its challenges one column beyond it and their
 * answers beyond those. Portrait screens get rows instead of columns.
 */
export function chainPositions(
  columns: string[][],
  orientation: "landscape" | "portrait",
): Map<string, Point> {
  const positions = new Map<string, Point>();
  // Wide enough apart for labels wrapped at 18 characters once the camera fits the chain.
  const along = orientation === "landscape" ? 100 : 90;
  const across = orientation === "landscape" ? 110 : 100;
  // A long column (many answers) folds into several, so the chain keeps its proportions on a phone.
  const most = orientation === "landscape" ? 4 : 2;
  const folded = columns.flatMap((members) => Array.from({ length: Math.ceil(members.length / most) }, (_v, i) => members.slice(i * most, (i + 1) * most)));
  folded.forEach((members, depth) => {
    members.forEach((n, i) => {
      const offset = (i - (members.length - 1) / 2) * across;
      positions.set(n, orientation === "landscape" ? { x: depth * along, y: -offset } : { x: offset, y: -depth * along });
    });
  });
  return positions;
}

/** Longest-path depth of every node of a DAG given by its edges (cycles are cut where met). */
export function chainDepths(nodes: string[], edges: { source: string; target: string }[]): Map<string, number> {
  const incoming = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) incoming.get(e.target)?.push(e.source);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (n: string): number => {
    if (depth.has(n)) return depth.get(n)!;
    if (visiting.has(n)) return 0;
    visiting.add(n);
    const d = Math.max(-1, ...(incoming.get(n) ?? []).map(visit)) + 1;
    visiting.delete(n);
    depth.set(n, d);
    return d;
  };
  for (const n of nodes) visit(n);
  return depth;
}
