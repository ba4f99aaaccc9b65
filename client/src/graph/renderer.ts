/**
 * The sigma canvas. The graph holds data only; positions come from the map's
 * view (positions.ts) and every visual property from its derived view state
 * (map/view.ts). The reducers only look both up: nothing is rebuilt per call.
 */
import { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { createNodeBorderProgram } from "@sigma/node-border";
import { createNodeImageProgram } from "@sigma/node-image";
import { NodeSquareProgram } from "@sigma/node-square";
import Graph from "graphology";
import Sigma from "sigma";
import {
  createEdgeArrowHeadProgram,
  createEdgeClampedProgram,
  createEdgeCompoundProgram,
  createNodeCompoundProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
} from "sigma/rendering";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import type { DerivedView } from "../map/view.js";
import type { MapGraph } from "../map/types.js";
import { DIM_EDGE, DIM_NODE, LABEL_STYLE, shortLabel, type LabelStyleKey } from "./appearance.js";
import { plainVertices } from "./plain-programs.js";
import type { ViewGraph } from "./positions.js";

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & {
  wrap?: boolean;
  step?: number;
  verdict?: LabelStyleKey;
  changed?: boolean;
};
type LabelSettings = { labelSize: number; labelFont: string; labelWeight: string };
type Rect = { x: number; y: number; w: number; h: number };

/** A stage narrower than this (a phone's) has no room for a chain's texts beside its steps, nor height to spare below a drawing. */
export const NARROW_STAGE = 600;

/** Lines enough for any claim's whole text at the narrowest wrap (claims run to about 300 characters). */
export const FULL_LINES = 24;

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number, maxLines = 6): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), shortLabel(lines.slice(maxLines - 1).join(" "), width)];
  return lines;
}

/**
 * Where a label box of size `size` goes for a node at `p`: beside it on the right, or on the left
 * when the right has no room (the stage ends at the panel on a desktop), or below it in focused
 * layouts; then moved inside the stage, so no part of the text is cut off at its edges.
 */
export function placeLabelBox(
  p: { x: number; y: number; size: number },
  size: { w: number; h: number },
  below: boolean,
  labelSize: number,
  stage: { width: number; height: number },
): Rect {
  // Room for the box's shadow (graph/emphasis.ts blurs it 6 px): a box clamped any closer put
  // its shadow on the stage's edge, where it reads as text cut off by the edge.
  const margin = 8;
  let x: number;
  let y: number;
  if (below) {
    x = p.x - size.w / 2;
    y = p.y + p.size + 2;
    if (y + size.h > stage.height - margin) y = p.y - p.size - 2 - size.h; // above, when below has no room
  } else {
    const right = p.x + p.size + 4;
    const left = p.x - p.size - 4 - size.w;
    const rightRoom = stage.width - margin - right;
    const leftRoom = p.x - p.size - 4 - margin;
    // The left side when the right has no room and the left has more (the clamp below does the rest).
    x = rightRoom < size.w && leftRoom > rightRoom ? left : right;
    y = p.y - labelSize / 2 - 4;
  }
  x = Math.min(Math.max(x, margin), Math.max(margin, stage.width - margin - size.w));
  y = Math.min(Math.max(y, margin), Math.max(margin, stage.height - margin - size.h));
  return { x, y, w: size.w, h: size.h };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A chain step's number in a dark disc at the node's upper left. */
export function drawStep(context: CanvasRenderingContext2D, data: { x: number; y: number; size: number; step?: number }): void {
  if (data.step === undefined) return;
  const r = 9;
  const cx = data.x - data.size - r + 2;
  const cy = data.y - data.size - r + 2;
  context.fillStyle = "#111";
  context.beginPath();
  context.arc(cx, cy, r, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = "#fff";
  context.font = `bold 11px system-ui, sans-serif`;
  context.textAlign = "center";
  context.fillText(String(data.step), cx, cy + 4);
  context.textAlign = "left";
}

export const verdictPrefix = (data: { verdict?: LabelStyleKey; changed?: boolean }) => (data.verdict ? `${LABEL_STYLE[data.verdict].glyph}${data.changed ? " changed:" : ""} ` : "");

/**
 * Labels are drawn on the canvas (never HTML). Short beside the node in the force layout; whole and
 * wrapped for chain steps and focused claims (the selected and hovered ones are drawn whole by
 * graph/emphasis.ts). A label that would overlap one already drawn in this frame is skipped (a chain
 * step keeps its number), unless it is a claim a what-if changed.
 */
function labelDrawer(placement: () => "side" | "below", drawn: Rect[]) {
  return (context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void => {
    if (!data.label) return;
    const size = settings.labelSize;
    const lineHeight = size + 2;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const below = placement() === "below";
    const text = verdictPrefix(data) + data.label;
    // A chain step is read in full; other wrapped labels (a focused view's claims) stop at 8 lines.
    const lines = data.wrap ? wrap(text, below ? 18 : 34, data.step !== undefined ? FULL_LINES : 8) : [shortLabel(text)];
    const width = Math.max(...lines.map((l) => context.measureText(l).width));
    const ratio = window.devicePixelRatio || 1;
    const stage = { width: context.canvas.width / ratio, height: context.canvas.height / ratio };
    // Inside the stage: a label near its right edge (the panel's, on a desktop) goes to the left of its node.
    const rect = placeLabelBox(data, { w: width, h: lines.length * lineHeight + 2 }, below, size, stage);
    if (drawn.some((r) => overlaps(r, rect)) || (data.step !== undefined && stage.width < NARROW_STAGE)) {
      // A chain step keeps its number where its text has no room (always on a phone's stage): the
      // list beside the map has the text. A claim a what-if changed is labelled regardless.
      if (data.step !== undefined) return drawStep(context, data);
      if (!data.changed) return;
    }
    drawn.push(rect);
    drawStep(context, data);
    context.lineWidth = 3;
    context.strokeStyle = "rgba(255,255,255,0.9)";
    context.fillStyle = "#111";
    context.textAlign = below ? "center" : "left";
    lines.forEach((l, i) => {
      const x = below ? rect.x + rect.w / 2 : rect.x;
      const y = rect.y + size + i * lineHeight;
      context.strokeText(l, x, y);
      context.fillText(l, x, y);
    });
    context.textAlign = "left";
  };
}

/** The disc, drawn plainly: on its own and under the evaluation overlay's icons. */
const PlainCircleProgram = plainVertices(NodeCircleProgram);

/** Squares drawn with our label and hover drawers, like every other shape. */
class SquareProgram extends plainVertices(NodeSquareProgram) {
  constructor(...args: ConstructorParameters<typeof NodeSquareProgram>) {
    super(...args);
    Object.assign(this, { drawLabel: undefined, drawHover: undefined });
  }
}

/**
 * The hovered node and its neighbours, computed once per hover. `dimOthers` (small maps) dims the
 * rest through the reducers; large maps draw the hovered node's relations on the emphasis layer.
 */
export interface Hover {
  node: string;
  neighbours: Set<string>;
  dimOthers: boolean;
}

export interface RendererSources {
  view(): DerivedView;
  hover(): Hover | null;
}

/**
 * Sigma draws the view graph (topology and positions); what each node and edge looks like comes
 * from the derived view of the data graph.
 */
/**
 * Every program the view may ask for, each made on first use (the image program builds a texture
 * atlas) and compiled only once some node or edge needs it. All are drawn without instancing
 * (graph/plain-programs.ts): on software WebGL that is what makes a large map's frames cheap.
 */
function programCatalogue() {
  const factories: { nodes: Record<string, () => unknown>; edges: Record<string, () => unknown> } = {
    nodes: {
      circle: () => PlainCircleProgram,
      square: () => SquareProgram,
      ring: () =>
        plainVertices(
          createNodeBorderProgram({
            borders: [
              { size: { value: 0.28 }, color: { attribute: "borderColor" } },
              { size: { fill: true }, color: { attribute: "color" } },
            ],
          }),
        ),
      uncited: () =>
        plainVertices(
          createNodeBorderProgram({
            borders: [
              { size: { value: 0.22 }, color: { attribute: "borderColor" } },
              { size: { value: 0.16 }, color: { attribute: "color" } },
              { size: { fill: true }, color: { attribute: "innerColor" } },
            ],
          }),
        ),
      // A coloured disc with its label's icon drawn on top, for the evaluation overlay.
      evaluated: () => {
        const IconProgram = createNodeImageProgram({
          drawingMode: "color",
          colorAttribute: "iconColor",
          keepWithinCircle: true,
          padding: 0.18,
          size: { mode: "force", value: 96 },
        });
        const EvaluatedProgram = createNodeCompoundProgram([PlainCircleProgram, plainVertices(IconProgram)]);
        Object.assign(EvaluatedProgram.prototype, { drawLabel: undefined, drawHover: undefined });
        return EvaluatedProgram;
      },
    },
    edges: {
      // sigma's EdgeArrowProgram, made of the same two parts, each drawn plainly.
      arrow: () => createEdgeCompoundProgram([plainVertices(createEdgeClampedProgram()), plainVertices(createEdgeArrowHeadProgram())]),
      curvedArrow: () => plainVertices(EdgeCurvedArrowProgram),
      line: () => plainVertices(EdgeRectangleProgram),
    },
  };
  const made = { nodes: new Map<string, unknown>(), edges: new Map<string, unknown>() };
  /** The programs of these types (unknown types left out), made once. */
  return (kind: "nodes" | "edges", types: Iterable<string>): Record<string, unknown> =>
    Object.fromEntries(
      [...types]
        .filter((t) => t in factories[kind])
        .map((t) => {
          if (!made[kind].has(t)) made[kind].set(t, factories[kind][t]?.());
          return [t, made[kind].get(t)];
        }),
    );
}

/**
 * Sigma draws the view graph (topology and positions); what each node and edge looks like comes
 * from the derived view of the data graph. Only the programs the first view uses are compiled
 * up front (shader compilation is the costly part of a first frame without a GPU; a view graph
 * without edges needs no edge program); `ensurePrograms` adds the others when a view first needs
 * them. The renderer starts on an empty graph: `setGraph(viewGraph)` then indexes and draws, in a
 * task of its own.
 */
export function createRenderer(viewGraph: ViewGraph, graph: MapGraph, container: HTMLElement, sources: RendererSources, settings: { renderLabels: boolean }): Sigma {
  const catalogue = programCatalogue();
  const first = programsUsed(sources.view(), viewGraph.size > 0);
  const drawn: Rect[] = [];
  const renderer = new Sigma(new Graph(), container, {
    nodeProgramClasses: catalogue("nodes", first.nodes) as never,
    edgeProgramClasses: catalogue("edges", first.edges) as never,
    ...settings,
    defaultNodeType: "circle",
    defaultEdgeType: "arrow",
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.6,
    labelFont: "system-ui, sans-serif",
    labelSize: 12,
    zIndex: true,
    minCameraRatio: 0.05,
    maxCameraRatio: 20,
    // A panel or sheet may briefly leave the stage with no size: never throw for that.
    allowInvalidContainer: true,
    defaultDrawNodeLabel: labelDrawer(() => sources.view().inputs.labelPlacement, drawn),
    // The hovered and selected claims are drawn by graph/emphasis.ts, which needs no sigma render.
    defaultDrawNodeHover: () => {},
    nodeReducer: (node, p) => {
      const look = sources.view().nodes.get(node);
      const display: Record<string, unknown> = { ...look, x: p.x, y: p.y };
      const hover = sources.hover();
      if (hover?.dimOthers && look && !look.hidden && node !== hover.node && !hover.neighbours.has(node)) {
        Object.assign(display, { color: DIM_NODE, borderColor: DIM_NODE, innerColor: DIM_NODE, label: "" });
      }
      return display;
    },
    edgeReducer: (edge) => {
      const look = sources.view().edges.get(edge);
      const display: Record<string, unknown> = { ...look };
      const hover = sources.hover();
      if (hover && look && !look.hidden) {
        const [s, t] = graph.extremities(edge);
        if (s === hover.node || t === hover.node) display.size = look.size + 1;
        else if (hover.dimOthers) display.color = DIM_EDGE;
      }
      return display;
    },
  });
  renderer.on("beforeRender", () => (drawn.length = 0));
  catalogues.set(renderer, catalogue);
  return renderer;
}

const catalogues = new WeakMap<Sigma, ReturnType<typeof programCatalogue>>();

/**
 * The program types a view draws with. Sigma adds its own (instanced) "arrow" and "line" to any
 * edge programs it is not given, so those two are always ours; other edge programs only when
 * the graph drawn has edges.
 */
function programsUsed(view: DerivedView, withEdges: boolean) {
  return {
    nodes: new Set(["circle", ...[...view.nodes.values()].map((l) => l.type)]),
    // Hidden edges too: sigma indexes every edge of the view graph with its type's program.
    edges: new Set(["arrow", "line", ...(withEdges ? [...view.edges.values()].map((l) => l.type) : [])]),
  };
}

/**
 * The settings that add the programs a view needs and the renderer does not have yet (null when
 * it has them all), for the graph it draws or, with `withEdges`, one it is about to draw. Applied
 * together with other settings they cost sigma one re-indexation instead of one each.
 */
export function programSettings(renderer: Sigma, view: DerivedView, withEdges = renderer.getGraph().size > 0): Partial<Settings> | null {
  const catalogue = catalogues.get(renderer);
  if (!catalogue) return null;
  const need = programsUsed(view, withEdges);
  const nodes = renderer.getSetting("nodeProgramClasses") as Record<string, unknown>;
  const edges = renderer.getSetting("edgeProgramClasses") as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  // By identity: a type sigma filled in with its own program is not one of ours.
  const [wantedNodes, wantedEdges] = [catalogue("nodes", need.nodes), catalogue("edges", need.edges)];
  if (Object.entries(wantedNodes).some(([t, program]) => nodes[t] !== program)) patch.nodeProgramClasses = { ...nodes, ...wantedNodes };
  if (Object.entries(wantedEdges).some(([t, program]) => edges[t] !== program)) patch.edgeProgramClasses = { ...edges, ...wantedEdges };
  return Object.keys(patch).length ? patch : null;
}

/** Compiles the programs a view needs that the renderer does not have yet (call before refreshing). */
export function ensurePrograms(renderer: Sigma, view: DerivedView): void {
  const patch = programSettings(renderer, view);
  if (patch) renderer.setSettings(patch);
}
