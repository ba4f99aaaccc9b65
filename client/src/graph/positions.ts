/**
 * Where each node is drawn: the view's, not the data's. The positions live in the
 * view graph, a mirror of the data graph's topology holding only x/y, which is what
 * sigma draws (sigma 3 reads x/y from the graph it is given); the data graph never
 * carries them. Layouts write here in bulk and then ask for one redraw.
 */
import Graph from "graphology";
import type { MapGraph, NodeAttrs } from "../map/types.js";

export type Point = { x: number; y: number };

/** mulberry32: a tiny seeded PRNG, so layouts are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Above this many nodes the start is a radial tree rather than a random disc. */
const RADIAL_ABOVE = 1000;

const ORIGIN: Point = Object.freeze({ x: 0, y: 0 });

/** Untyped for sigma, which draws it; its nodes hold x/y only. */
export type ViewGraph = Graph;

/** x/y of the view graph's nodes; writes go straight to the attribute objects (no event per node). */
class PointStore {
  constructor(private readonly graph: ViewGraph) {}
  get(node: string): Point | undefined {
    return this.graph.hasNode(node) ? (this.graph.getNodeAttributes(node) as Point) : undefined;
  }
  set(node: string, p: Point): void {
    if (!this.graph.hasNode(node)) this.graph.addNode(node, { x: p.x, y: p.y });
    else {
      const a = this.graph.getNodeAttributes(node);
      a.x = p.x;
      a.y = p.y;
    }
  }
  has(node: string): boolean {
    return this.graph.hasNode(node);
  }
  delete(node: string): void {
    if (this.graph.hasNode(node)) this.graph.dropNode(node);
  }
  keys(): string[] {
    return this.graph.nodes();
  }
  entries(): [string, Point][] {
    return this.graph.mapNodes((n, a) => [n, a as Point] as [string, Point]);
  }
}

/**
 * A start for ForceAtlas2 that already has the map's shape, in O(nodes + edges): a radial tree.
 * Breadth-first from the best-connected node (then from each component's, for what it did not
 * reach), each node gets a wedge of its parent's angle in proportion to the size of its subtree,
 * at a radius growing with its depth. ForceAtlas2 then has clusters to refine rather than a
 * random disc to untangle, and settles in far fewer iterations.
 */
export function radialPlacement(graph: MapGraph, radius = Math.sqrt(graph.order) * 10): Map<string, Point> {
  const nodes = graph.nodes();
  const byDegree = [...nodes].sort((a, b) => graph.degree(b) - graph.degree(a) || (a < b ? -1 : 1));
  const parent = new Map<string, string | null>();
  const order: string[] = [];
  const depth = new Map<string, number>();
  for (const root of byDegree) {
    if (parent.has(root)) continue;
    parent.set(root, null);
    depth.set(root, 1);
    const queue = [root];
    for (const current of queue) { // also visits what is pushed meanwhile
      order.push(current);
      graph.forEachNeighbor(current, (next) => {
        if (parent.has(next)) return;
        parent.set(next, current);
        depth.set(next, (depth.get(current) ?? 0) + 1);
        queue.push(next);
      });
    }
  }
  // Subtree sizes, leaves first (reverse breadth-first order).
  const size = new Map<string, number>(nodes.map((n) => [n, 1]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of [...order].reverse()) {
    const p = parent.get(n) ?? null;
    if (p === null) roots.push(n);
    else {
      size.set(p, (size.get(p) ?? 1) + (size.get(n) ?? 1));
      (children.get(p) ?? children.set(p, []).get(p)!).push(n);
    }
  }
  const deepest = Math.max(1, ...depth.values());
  const step = radius / deepest;
  const out = new Map<string, Point>();
  const place = (list: string[], from: number, to: number) => {
    const total = list.reduce((sum, n) => sum + (size.get(n) ?? 1), 0);
    let at = from;
    for (const n of list) {
      const span = ((to - from) * (size.get(n) ?? 1)) / total;
      const angle = at + span / 2;
      const r = (depth.get(n) ?? 1) * step;
      out.set(n, { x: Math.cos(angle) * r, y: Math.sin(angle) * r });
      const kids = children.get(n);
      if (kids) place(kids, at, at + span);
      at += span;
    }
  };
  place(roots, 0, Math.PI * 2);
  return out;
}

export class Positions {
  private graph: ViewGraph;
  private points: PointStore;

  constructor(data: MapGraph, withEdges = true) {
    this.graph = new Graph({ type: data.type, multi: data.multi, allowSelfLoops: true });
    this.points = new PointStore(this.graph);
    this.seed(data);
    if (withEdges) data.forEachEdge((edge, _a, source, target) => this.graph.addEdgeWithKey(edge, source, target));
  }

  /** What sigma draws: the data graph's nodes and edges with positions only. */
  get viewGraph(): ViewGraph {
    return this.graph;
  }

  /**
   * A view graph with every edge of the data, built in slices beside the one on screen (adding
   * edges to the graph sigma draws would have it index and redraw after each). The returned
   * function takes the current positions into it and makes it the view graph, to hand to sigma.
   */
  async withAllEdges(data: MapGraph, slices: <T>(items: readonly T[], each: (item: T) => void) => Promise<void>): Promise<() => ViewGraph> {
    const next: ViewGraph = new Graph({ type: data.type, multi: data.multi, allowSelfLoops: true });
    await slices(data.nodes(), (node) => {
      if (data.hasNode(node)) next.addNode(node, { x: 0, y: 0 });
    });
    await slices(data.edges(), (edge) => {
      if (!data.hasEdge(edge)) return; // dropped meanwhile
      const [source, target] = data.extremities(edge);
      if (next.hasNode(source) && next.hasNode(target)) next.addEdgeWithKey(edge, source, target);
    });
    return () => {
      next.forEachNode((node, a) => {
        const p = this.points.get(node);
        if (p) Object.assign(a, { x: p.x, y: p.y });
      });
      this.graph = next;
      this.points = new PointStore(next);
      this.sync(data); // what the data gained or lost while the edges were copied
      return next;
    };
  }

  /**
   * The same, with the edges copied by `inSlices` (a large map's load yields between slices), or
   * none yet: `sync` adds them later.
   */
  static async build(data: MapGraph, inSlices: <T>(items: readonly T[], each: (item: T) => void) => Promise<void>, withEdges: boolean): Promise<Positions> {
    const positions = new Positions(data, false);
    if (withEdges) await inSlices(data.edges(), (edge) => positions.graph.addEdgeWithKey(edge, data.source(edge), data.target(edge)));
    return positions;
  }

  get(node: string): Point {
    const p = this.points.get(node);
    return p ? { x: p.x, y: p.y } : ORIGIN;
  }

  set(node: string, p: Point): void {
    this.points.set(node, p);
  }

  has(node: string): boolean {
    return this.points.has(node);
  }

  /**
   * The same map always starts from the same positions: a large one as a radial tree (what
   * ForceAtlas2 starts from, so it settles sooner), a small one on a disc around the origin.
   */
  private seed(graph: MapGraph, seed = 42): void {
    if (graph.order > RADIAL_ABOVE) {
      for (const [node, p] of radialPlacement(graph)) this.points.set(node, p);
      return;
    }
    const random = seededRandom(seed);
    const radius = Math.sqrt(graph.order) * 10;
    graph.forEachNode((node) => {
      const angle = random() * Math.PI * 2;
      const r = radius * Math.sqrt(random());
      this.points.set(node, { x: Math.cos(angle) * r, y: Math.sin(angle) * r });
    });
  }

  /**
   * Brings the view graph in line with the data graph after an edit: new nodes appear next to
   * their neighbours (or at the origin), dropped nodes and edges leave. Returns the new nodes.
   */
  sync(graph: MapGraph): string[] {
    const placed: string[] = [];
    const random = seededRandom(graph.order);
    for (const edge of this.graph.edges()) if (!graph.hasEdge(edge)) this.graph.dropEdge(edge);
    for (const node of this.points.keys()) if (!graph.hasNode(node)) this.points.delete(node);
    const proposing: Graph<NodeAttrs & Partial<Point>> = graph;
    graph.forEachNode((node, attrs) => {
      if (this.points.has(node)) return;
      // A position proposed by whoever added the node (the live edit sync places new nodes) is taken
      // into the view, and leaves the data: the only moment a data node may carry x and y.
      const a: NodeAttrs & Partial<Point> = attrs;
      if (typeof a.x === "number" && typeof a.y === "number") {
        this.points.set(node, { x: a.x, y: a.y });
        proposing.removeNodeAttribute(node, "x");
        proposing.removeNodeAttribute(node, "y");
        placed.push(node);
        return;
      }
      const around = graph.neighbors(node).filter((n) => this.points.has(n)).map((n) => this.get(n));
      const cx = around.length ? around.reduce((s, p) => s + p.x, 0) / around.length : 0;
      const cy = around.length ? around.reduce((s, p) => s + p.y, 0) / around.length : 0;
      this.points.set(node, { x: cx + (random() - 0.5) * 10, y: cy + (random() - 0.5) * 10 });
      placed.push(node);
    });
    graph.forEachEdge((edge, _a, source, target) => {
      if (!this.graph.hasEdge(edge)) this.graph.addEdgeWithKey(edge, source, target);
    });
    return placed;
  }

  snapshot(): Map<string, Point> {
    return new Map(this.points.entries().map(([n, p]) => [n, { x: p.x, y: p.y }]));
  }

  assign(target: ReadonlyMap<string, Point>): void {
    for (const [n, p] of target) if (this.points.has(n)) this.points.set(n, p);
  }

  /**
   * Moves the given nodes to their targets over `duration` ms, calling `frame` after each step.
   * Returns a cancel function (the map's dispose calls it: no frame outlives the renderer).
   */
  tween(target: ReadonlyMap<string, Point>, duration: number, frame: () => void): () => void {
    const from = new Map([...target.keys()].map((n) => [n, { ...this.get(n) }]));
    const start = performance.now();
    let handle = 0;
    const step = () => {
      const t = Math.min(1, (performance.now() - start) / duration);
      const ease = t < 0.5 ? 2 * t * t : -1 + (4 - 2 * t) * t;
      for (const [n, to] of target) {
        const f = from.get(n)!;
        if (this.points.has(n)) this.points.set(n, { x: f.x + (to.x - f.x) * ease, y: f.y + (to.y - f.y) * ease });
      }
      frame();
      if (t < 1) handle = requestAnimationFrame(step);
    };
    handle = requestAnimationFrame(step);
    return () => cancelAnimationFrame(handle);
  }
}

export function boundsOf(points: Iterable<Point>): { x: [number, number]; y: [number, number] } | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
  }
  return minX === Infinity ? null : { x: [minX, maxX], y: [minY, maxY] };
}
