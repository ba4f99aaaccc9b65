/**
 * One loaded map: the data graph, its view (positions and layouts), the sigma
 * renderer and the view state derived once per change. Everything a map owns is
 * released by dispose(), and nothing scheduled by it runs afterwards.
 *
 * Hooks for features built on top (editing, intake, undercuts):
 *  - applyGraphChange(mutate?) changes the data graph (or, without `mutate`, takes note of a
 *    change already made), places new nodes next to their neighbours, re-derives the view and
 *    redraws; "graph-changed" then fires; stopLayout() first when the change is asynchronous;
 *  - update(patch) changes what the view emphasises; refresh() re-derives it;
 *  - on("node-click" | "stage-click" | "graph-changed" | "layout-settled", fn).
 */
import Graph from "graphology";
import type { SerializedGraph } from "graphology-types";
import type Sigma from "sigma";
import { chainDepths, chainPositions, layeredPositions, runForceAtlas2, type ForceLayoutRun } from "../graph/layout.js";
import { boundsOf, Positions, type Point } from "../graph/positions.js";
import { drawEmphasis } from "../graph/emphasis.js";
import { createRenderer, ensurePrograms, NARROW_STAGE, programSettings, type Hover } from "../graph/renderer.js";
import { drawSuggestedRelations, type SuggestedRelation } from "../graph/suggested.js";
import { drawUndercuts } from "../graph/undercuts.js";
import type { EdgeAttrs, GraphAttrs, MapGraph, NodeAttrs } from "./types.js";
import { inSlices, nextTask } from "./tasks.js";
import { DEFAULT_INPUTS, deriveView, deriveViewInSlices, type DerivedView, type ViewInputs } from "./view.js";

export type Arrangement = "force" | "layered" | "chain";

interface Events {
  "node-click": (node: string) => void;
  "stage-click": () => void;
  "graph-changed": () => void;
  "layout-settled": (result: { settledMs: number; reason: string; iterations: number }) => void;
  "layout-progress": (share: number) => void;
}

/** Above this many nodes a map shows no edges, no labels and one node shape until its layout settles. */
const QUIET_ABOVE = 1000;

/**
 * Above this many nodes a hover dims nothing: its relations are drawn on the emphasis layer
 * (graph/emphasis.ts), since dimming the rest costs a whole sigma render.
 */
const DIM_ON_HOVER_MAX = 3000;

export class LoadedMap {
  readonly id: string;
  readonly graph: MapGraph;
  readonly positions: Positions;
  readonly renderer: Sigma;
  readonly metrics: Record<string, number> = {};
  private inputs: ViewInputs;
  private derived: DerivedView;
  private hovered: Hover | null = null;
  private forceRun: ForceLayoutRun | null = null;
  /** The settled force layout, so focused views can go back to it. */
  private forcePositions: Map<string, Point> | null = null;
  private cancelTween: (() => void) | null = null;
  private arrangement: Arrangement = "force";
  private disposed = false;
  private suggested: SuggestedRelation[] = [];
  private readonly listeners: { [K in keyof Events]: Set<Events[K]> } = {
    "node-click": new Set(),
    "stage-click": new Set(),
    "graph-changed": new Set(),
    "layout-settled": new Set(),
    "layout-progress": new Set(),
  };
  private readonly resizeObserver: ResizeObserver;
  private readonly emphasis: { redraw(): void };

  /**
   * Builds a map in steps, yielding to the browser between them, so no single task holds the
   * page for the whole load of a large map.
   */
  static async load(serialized: SerializedGraph, container: HTMLElement, inputs: Partial<ViewInputs> = {}): Promise<LoadedMap> {
    const data = serialized as SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;
    // Graph.from(data) in one go is a task of most of a second at 5,000 nodes on a busy machine.
    const graph: MapGraph = new Graph<NodeAttrs, EdgeAttrs, GraphAttrs>(data.options);
    if (data.attributes) graph.replaceAttributes(data.attributes);
    await inSlices(data.nodes, (n) => graph.addNode(n.key, n.attributes));
    await inSlices(data.edges, (e) => (e.key === undefined ? graph.addEdge(e.source, e.target, e.attributes) : graph.addEdgeWithKey(e.key, e.source, e.target, e.attributes)));
    // A large map's edges stay out of what sigma draws until its layout settles (they are hidden
    // meanwhile): sigma's first indexation and frame then cost half as much.
    const positions = await Positions.build(graph, inSlices, graph.order <= QUIET_ABOVE);
    await nextTask();
    const map = new LoadedMap(graph, positions, container, inputs);
    await nextTask();
    map.renderer.setGraph(positions.viewGraph); // sigma's first indexation and frame
    return map;
  }

  constructor(graph: MapGraph, positions: Positions, container: HTMLElement, inputs: Partial<ViewInputs> = {}) {
    this.graph = graph;
    this.id = String(this.graph.getAttribute("id") ?? "");
    this.positions = positions;
    // Large maps show neither edges nor labels until the layout settles: the first frame stays cheap.
    this.inputs = { ...DEFAULT_INPUTS, ...inputs, quiet: this.graph.order > QUIET_ABOVE, large: this.graph.order > QUIET_ABOVE };
    this.derived = deriveView(this.graph, this.inputs);
    this.renderer = createRenderer(
      this.positions.viewGraph,
      this.graph,
      container,
      { view: () => this.derived, hover: () => this.hovered },
      { renderLabels: !this.inputs.quiet },
    );
    drawUndercuts(this.renderer, this.graph);
    this.emphasis = drawEmphasis(this.renderer, this.graph, { view: () => this.derived, hover: () => this.hovered });
    drawSuggestedRelations(this.renderer, () => this.suggested);
    this.renderer.on("enterNode", ({ node }) => this.setHover(node));
    this.renderer.on("leaveNode", () => this.setHover(null));
    this.renderer.on("clickNode", ({ node }) => this.emit("node-click", node));
    this.renderer.on("clickStage", () => this.emit("stage-click"));
    // Panels and sheets change the stage's size; sigma only watches the window. The observer's
    // first call (on observe) reports the size sigma already drew at: no second render for it.
    let size = `${container.clientWidth}x${container.clientHeight}`;
    this.resizeObserver = new ResizeObserver(() => {
      const now = `${container.clientWidth}x${container.clientHeight}`;
      if (this.disposed || now === size) return;
      size = now;
      this.renderer.resize();
      this.renderer.refresh({ skipIndexation: true });
    });
    this.resizeObserver.observe(container);
  }

  /** Relations suggested by discourse markers between claims on the map, drawn dashed (graph/suggested.ts). */
  get suggestedRelations(): readonly SuggestedRelation[] {
    return this.suggested;
  }

  setSuggestedRelations(relations: SuggestedRelation[]): void {
    if (this.disposed || (relations.length === 0 && this.suggested.length === 0)) return;
    this.suggested = relations;
    this.renderer.refresh({ skipIndexation: true });
  }

  get title(): string {
    return String(this.graph.getAttribute("title") ?? this.id);
  }

  get view(): DerivedView {
    return this.derived;
  }

  get layout(): Arrangement {
    return this.arrangement;
  }

  on<K extends keyof Events>(event: K, fn: Events[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  private emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    if (this.disposed) return;
    for (const fn of this.listeners[event]) (fn as (...a: unknown[]) => void)(...args);
  }

  /** Changes what the view emphasises; the view is derived once and the map redrawn. */
  update(patch: Partial<ViewInputs>): void {
    if (this.disposed) return;
    const previous = this.inputs;
    this.inputs = { ...previous, ...patch };
    const changed = (Object.keys(patch) as (keyof ViewInputs)[]).filter((k) => !sameValue(patch[k], previous[k]));
    if (changed.length === 0) return;
    if (changed.length === 1 && changed[0] === "selected") return this.moveSelection();
    this.refresh();
  }

  /** Only the selection moved: no node or edge changes look; the emphasis layer redraws alone. */
  private moveSelection(): void {
    this.derived = { ...this.derived, inputs: this.inputs };
    this.emphasis.redraw();
  }

  /** Re-derives the view from the graph and the inputs, and redraws. */
  refresh(): void {
    if (this.disposed) return;
    this.derived = deriveView(this.graph, this.inputs);
    ensurePrograms(this.renderer, this.derived);
    this.renderer.refresh();
  }

  /**
   * Applies a change to the data graph (add or drop claims and relations, edit attributes).
   * New nodes are placed next to their neighbours; the view is re-derived once.
   */
  applyGraphChange(mutate?: (graph: MapGraph) => void): void {
    if (this.disposed) return;
    this.forceRun?.stop();
    mutate?.(this.graph);
    const placed = this.positions.sync(this.graph);
    if (this.forcePositions) for (const n of placed) this.forcePositions.set(n, this.positions.get(n));
    this.refresh();
    this.emit("graph-changed");
  }

  /** Stops a running force layout (before the graph's data changes under it). */
  stopLayout(): void {
    this.forceRun?.stop();
  }

  setHover(node: string | null): void {
    if (this.disposed || this.hovered?.node === node) return;
    const dimOthers = this.graph.order <= DIM_ON_HOVER_MAX;
    this.hovered = node && this.graph.hasNode(node) ? { node, neighbours: new Set(this.graph.neighbors(node)), dimOthers } : null;
    if (dimOthers && !this.inputs.quiet) {
      // Colour and label change, not position, size or layer: no re-indexation needed (the
      // emphasis layer redraws after the render).
      this.renderer.refresh({ partialGraph: { nodes: this.derived.nodeKeys, edges: this.derived.edgeKeys }, skipIndexation: true });
    } else {
      this.emphasis.redraw();
    }
  }

  /** Starts ForceAtlas2 from the seeded positions. Large maps stay quiet (no edges, no labels) until settled. */
  startForceLayout(): Promise<{ settledMs: number; reason: string; iterations: number }> {
    const quiet = this.inputs.quiet;
    const run = runForceAtlas2(this.graph, this.positions, {
      // A quiet map is published once, at the end: drawInFull then draws it whole, once.
      onPublish: () => {
        if (this.arrangement === "force" && !quiet) this.renderer.refresh();
      },
      onProgress: (share) => this.emit("layout-progress", share),
    });
    this.forceRun = run;
    return run.done.then(async (result) => {
      if (this.disposed) return result;
      this.metrics.layoutEndAt = performance.now();
      this.forcePositions = this.positions.snapshot();
      if (quiet) await this.drawInFull();
      if (this.disposed) return result;
      if (this.arrangement !== "force") this.arrange(this.arrangement, { nodes: this.lastArranged, edges: this.lastEdges, roots: this.lastRoots, columns: this.lastColumns }, false);
      this.emit("layout-settled", result);
      return result;
    });
  }

  /**
   * A large map's edges, labels and shapes join the drawing once its layout has settled. Done in
   * steps so no task holds the page for long: the edges are copied into a new view graph and the
   * new view is derived in slices, the programs it needs are compiled (a re-indexation of the
   * quiet graph), and then sigma is handed the new graph (one indexation and frame).
   */
  private async drawInFull(): Promise<void> {
    const t0 = performance.now();
    const swap = await this.positions.withAllEdges(this.graph, inSlices);
    const t1 = performance.now();
    const asked = this.inputs;
    let derived = await deriveViewInSlices(this.graph, { ...asked, quiet: false }, inSlices);
    const t2 = performance.now();
    if (this.disposed) return;
    const programs = programSettings(this.renderer, derived, true);
    this.renderer.setSettings({ ...programs, renderLabels: true });
    await nextTask();
    if (this.disposed) return;
    const t3 = performance.now();
    // What was asked meanwhile (a selection moves nothing; anything else is derived again).
    const changed = (Object.keys(this.inputs) as (keyof ViewInputs)[]).filter((k) => k !== "selected" && k !== "quiet" && !sameValue(this.inputs[k], asked[k]));
    this.inputs = { ...this.inputs, quiet: false };
    derived = changed.length ? deriveView(this.graph, this.inputs) : { ...derived, inputs: this.inputs };
    this.derived = derived;
    const more = programSettings(this.renderer, derived, true);
    if (more) this.renderer.setSettings(more);
    this.renderer.setGraph(swap());
    Object.assign(this.metrics, { settleEdgesMs: t1 - t0, settleDeriveMs: t2 - t1, settleProgramsMs: t3 - t2, settleFrameMs: performance.now() - t3 });
  }

  private lastArranged: string[] = [];
  private lastEdges: { source: string; target: string }[] = [];
  private lastRoots: string[] = [];
  private lastColumns: string[][] = [];

  /**
   * Lays the map out as a whole (force) or a focused set of claims: layered (reasons below what they
   * support or attack) or as a chain (columns in the chain's order).
   */
  arrange(
    arrangement: Arrangement,
    focus: { nodes: string[]; edges: { source: string; target: string }[]; roots: string[]; columns?: string[][] } = { nodes: [], edges: [], roots: [] },
    animate = true,
  ): void {
    if (this.disposed) return;
    // While the force layout is still running, the map is already as it should be: nothing to move.
    if (arrangement === "force" && this.arrangement === "force" && !this.forcePositions && !this.renderer.getCustomBBox()) return;
    this.arrangement = arrangement;
    this.cancelTween?.();
    this.cancelTween = null;
    this.lastArranged = focus.nodes;
    this.lastEdges = focus.edges;
    this.lastRoots = focus.roots;
    this.lastColumns = focus.columns ?? [];
    let target: Map<string, Point>;
    if (arrangement === "force") {
      this.renderer.setCustomBBox(null);
      if (!this.forcePositions) return void this.renderer.getCamera().animatedReset({ duration: 300 });
      target = this.forcePositions;
    } else {
      this.forceRun?.stop();
      if (arrangement === "chain") {
        const container = this.renderer.getContainer();
        const orientation = container.clientWidth >= container.clientHeight ? "landscape" : "portrait";
        target = chainPositions(focus.columns ?? [], orientation);
      } else {
        target = layeredPositions(focus.roots, focus.nodes, focus.edges);
      }
      const b = boundsOf(target.values());
      if (b) {
        const pad = arrangement === "chain" ? 30 : 5;
        const box = { x: [b.x[0] - pad, b.x[1] + pad] as [number, number], y: [b.y[0] - pad, b.y[1] + pad] as [number, number] };
        // Labels hang below their claims in these views: the lowest row's must fit on the stage too.
        const lowest = [...target].filter(([, p]) => p.y - b.y[0] < 1).map(([n]) => n);
        box.y[0] -= this.roomBelow(box, lowest);
        this.renderer.setCustomBBox(box);
      }
    }
    if (animate && this.graph.order <= 2000) {
      this.cancelTween = this.positions.tween(target, 450, () => this.renderer.refresh());
    } else {
      this.positions.assign(target);
      this.renderer.refresh();
    }
    void this.renderer.getCamera().animatedReset({ duration: 300 });
  }

  /**
   * Graph units to add below a focused view's box so the wrapped labels of its lowest claims fit
   * on the stage once the camera fits the box (sigma fits the box within its stage padding).
   */
  private roomBelow(box: { x: [number, number]; y: [number, number] }, lowest: string[]): number {
    const container = this.renderer.getContainer();
    // A phone's stage has no height to spare: there the labels give way (renderer.ts), not the drawing.
    if (container.clientWidth < NARROW_STAGE) return 0;
    const stagePadding = this.renderer.getSetting("stagePadding");
    const width = Math.max(1, container.clientWidth - 2 * stagePadding);
    const height = Math.max(1, container.clientHeight - 2 * stagePadding);
    const longest = Math.max(0, ...lowest.map((n) => String(this.graph.hasNode(n) ? this.graph.getNodeAttribute(n, "label") ?? "" : "").length));
    // About 16 characters a line at the below-wrap's 18, 14 px a line, under the node.
    const pixels = Math.min(height * 0.4, Math.ceil(longest / 16) * 14 + 16);
    const [gw, gh] = [box.x[1] - box.x[0], box.y[1] - box.y[0]];
    const byWidth = pixels / (width / gw);
    // The box stays width-bound with the room added: the scale does not change.
    if ((gh + byWidth) * (width / gw) <= height) return byWidth;
    return (pixels * gh) / Math.max(1, height - pixels);
  }

  zoom(direction: "in" | "out" | "fit"): void {
    const camera = this.renderer.getCamera();
    if (direction === "in") void camera.animatedZoom({ duration: 200 });
    else if (direction === "out") void camera.animatedUnzoom({ duration: 200 });
    else void camera.animatedReset({ duration: 200 });
  }

  /**
   * Centres the camera on a node. Large maps jump (one render) rather than glide (a render per
   * frame, each costly at thousands of nodes), and only when the node and the text box beside it
   * are not already well inside the stage.
   */
  centreOn(node: string): void {
    if (this.disposed || !this.graph.hasNode(node) || this.arrangement !== "force") return;
    const d = this.renderer.getNodeDisplayData(node);
    if (!d) return;
    const camera = this.renderer.getCamera();
    if (this.graph.order <= DIM_ON_HOVER_MAX) return void camera.animate({ x: d.x, y: d.y }, { duration: 400 });
    const p = this.renderer.framedGraphToViewport(d);
    const { width, height } = this.renderer.getDimensions();
    if (p.x < width * 0.1 || p.x > width * 0.6 || p.y < height * 0.1 || p.y > height * 0.9) camera.setState({ x: d.x, y: d.y });
  }

  /** Releases everything: the layout worker, animations, the observer, the renderer and its listeners. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelTween?.();
    this.forceRun?.kill();
    this.resizeObserver.disconnect();
    for (const set of Object.values(this.listeners)) set.clear();
    this.renderer.kill();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}

export { chainDepths };

export { nextTask };

/** Equal inputs, also when rebuilt as new sets or maps with the same members (so a redraw is skipped). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
  return false;
}
