/**
 * The view state of one loaded map, derived ONCE per change: what each node and
 * edge looks like (kind style, emphasis, evaluation, coverage, chain steps). The
 * sigma reducers only look these up, so a redraw never rebuilds a set.
 */
import type { ClaimKind } from "../api.js";
import {
  CITATION_STYLE,
  DIM_EDGE,
  DIM_NODE,
  EDGE_STYLE,
  ENTITY_STYLE,
  HIGHLIGHT_COLOR,
  KIND_STYLE,
  LABEL_STYLE,
  programOf,
  RING_COLOR,
  UNCITED_STYLE,
  type LabelStyleKey,
} from "../graph/appearance.js";
import { must } from "../../../contract/errors.js";
import type { EdgeAttrs, MapGraph, NodeAttrs } from "./types.js";
import { inSlices } from "./tasks.js";

/** A set of claims the view concentrates on (support tree, attack view, chain, a finding's claims). */
export interface Focus {
  nodes: Set<string>;
  edges: Set<string>;
  roots: string[];
  title: string;
  /** Chain view: each step's number, in chain order. */
  steps?: Map<string, number>;
}

export interface ViewInputs {
  selected: string | null;
  kinds: ReadonlySet<ClaimKind>;
  showCitations: boolean;
  showEntities: boolean;
  focus: Focus | null;
  /** Focused views laid out on their own hide what is outside the focus instead of dimming it. */
  hideOutsideFocus: boolean;
  /** Labels beside nodes (force layout) or centred below them, wrapped (layered and chain layouts). */
  labelPlacement: "side" | "below";
  /** The evaluation overlay: each claim's label (or "withdrawn"); null when off. */
  evaluation: ReadonlyMap<string, LabelStyleKey> | null;
  /** Claims whose label the last what-if changed. */
  changed: ReadonlySet<string> | null;
  /** Coverage: the uncited claims; null outside the coverage view. */
  uncited: ReadonlySet<string> | null;
  /** Claims picked from a list (a citation's claims, a finding's claims). */
  highlight: ReadonlySet<string> | null;
  /** Large maps draw no edges, no labels and one node shape while the layout moves them. */
  quiet: boolean;
  /**
   * Large maps draw attacks as straight arrows (told apart by colour): a curve's fragment shader is
   * the costliest part of a frame without a GPU, and thousands of them cost seconds a frame.
   */
  large: boolean;
}

export const DEFAULT_INPUTS: ViewInputs = {
  selected: null,
  kinds: new Set(),
  showCitations: false,
  showEntities: false,
  focus: null,
  hideOutsideFocus: false,
  labelPlacement: "side",
  evaluation: null,
  changed: null,
  uncited: null,
  highlight: null,
  quiet: false,
  large: false,
};

/** What a node looks like, minus its position (which the layout owns). */
export interface NodeLook {
  type: string;
  color: string;
  borderColor: string;
  innerColor?: string;
  size: number;
  label: string;
  /** The whole text, shown on hover, selection (graph/emphasis.ts), chain steps and focused views. */
  fullLabel: string;
  hidden: boolean;
  zIndex: number;
  forceLabel?: boolean;
  /** Draw the label wrapped on several lines. */
  wrap?: boolean;
  /** Chain step number, drawn beside the node. */
  step?: number;
  /** Evaluation glyph for the label ("✓", "✗", "?"), and whether a what-if changed it. */
  verdict?: LabelStyleKey;
  changed?: boolean;
  image?: string;
  iconColor?: string;
  dimmed?: boolean;
}

export interface EdgeLook {
  type: string;
  color: string;
  size: number;
  hidden: boolean;
  zIndex: number;
  /** UNDERCUTS: sigma hides the edge itself; graph/undercuts.ts draws it onto the support it attacks. */
  undercutShown?: boolean;
  undercutColor?: string;
}

export interface DerivedView {
  inputs: ViewInputs;
  nodes: Map<string, NodeLook>;
  edges: Map<string, EdgeLook>;
  /** Every node and edge key, for partial refreshes that touch all of them. */
  nodeKeys: string[];
  edgeKeys: string[];
}

const styleOf = (a: NodeAttrs) =>
  a.nodeType === "claim" ? KIND_STYLE[a.kind as ClaimKind] ?? KIND_STYLE.claim : a.nodeType === "citation" ? CITATION_STYLE : ENTITY_STYLE;

/** One node's look under the inputs (also used alone when only the selection moved). */
export function nodeLook(graph: MapGraph, inputs: ViewInputs, node: string, a: NodeAttrs): NodeLook {
    const { focus } = inputs;
    const visible =
      a.nodeType === "claim" ? inputs.kinds.has(a.kind as ClaimKind) : a.nodeType === "citation" ? inputs.showCitations && !inputs.hideOutsideFocus : inputs.showEntities && !inputs.hideOutsideFocus;
    const style = styleOf(a);
    const isClaim = a.nodeType === "claim";
    const degree = graph.degree(node);
    const baseSize = isClaim ? 4 + Math.min(10, Math.sqrt(degree) * 1.6) : 3;
    const important = a.kind === "thesis" || a.kind === "remedy";
    const text = String(a.text ?? a.label ?? node);
    const look: NodeLook = {
      type: programOf(style.shape),
      color: style.color,
      borderColor: RING_COLOR,
      size: important ? baseSize + 4 : baseSize,
      label: String(a.label ?? node),
      fullLabel: text,
      hidden: !visible || (inputs.hideOutsideFocus && focus !== null && !focus.nodes.has(node)),
      zIndex: 1,
    };
    const verdict = isClaim ? inputs.evaluation?.get(node) : undefined;
    if (verdict) {
      const v = LABEL_STYLE[verdict];
      Object.assign(look, { type: "evaluated", color: v.color, image: v.icon, iconColor: v.iconColor, size: look.size + 2, verdict });
      if (inputs.changed?.has(node)) Object.assign(look, { changed: true, forceLabel: true });
    }
    if (isClaim && inputs.uncited?.has(node)) {
      // Its kind's colour inside a black-and-white double ring: no kind is drawn like that.
      Object.assign(look, { type: "uncited", innerColor: look.color, color: UNCITED_STYLE.color, borderColor: UNCITED_STYLE.borderColor, size: look.size + 2 });
    }
    const inFocus = focus === null || focus.nodes.has(node);
    const inHighlight = inputs.highlight === null || inputs.highlight.has(node);
    if (!inFocus || !inHighlight) {
      Object.assign(look, { color: DIM_NODE, borderColor: DIM_NODE, innerColor: DIM_NODE, label: "", zIndex: 0, dimmed: true });
    } else if (focus !== null || inputs.highlight !== null) {
      look.zIndex = 2;
      if (inputs.labelPlacement === "below" || inputs.highlight !== null) Object.assign(look, { wrap: true, label: text });
      if (inputs.highlight !== null) look.forceLabel = true;
    }
    const step = focus?.steps?.get(node);
    if (step !== undefined) Object.assign(look, { step, wrap: true, forceLabel: true, label: text, zIndex: 3 });
    if (inputs.highlight?.has(node)) look.borderColor = HIGHLIGHT_COLOR;
    // While a large map is laid out, one plain program draws every node: each further program
    // is a shader to compile before the first frame, which costs most on software WebGL.
    if (inputs.quiet) look.type = "circle";
    return look;
}

/** One edge's look under the inputs, given its ends' looks. */
function edgeLook(inputs: ViewInputs, edge: string, a: EdgeAttrs, s: NodeLook, t: NodeLook): EdgeLook {
  const { focus } = inputs;
  const relation = a.type in EDGE_STYLE ? a.type : "SUPPORTS";
  const style = EDGE_STYLE[relation];
  const argument = relation === "SUPPORTS" || relation === "ATTACKS" || relation === "UNDERCUTS";
  const look: EdgeLook = { type: style.type, color: style.color, size: argument ? 1.6 : 0.6, hidden: false, zIndex: 1 };
  const inFocus = focus === null || focus.edges.has(edge);
  if (s.hidden || t.hidden || inputs.quiet || (inputs.hideOutsideFocus && !inFocus)) look.hidden = true;
  if (!inFocus || s.dimmed || t.dimmed) Object.assign(look, { color: DIM_EDGE, zIndex: 0 });
  else if (focus !== null) Object.assign(look, { size: look.size + 1, zIndex: 2 });
  if (relation === "UNDERCUTS") Object.assign(look, { undercutShown: !look.hidden, undercutColor: look.color, hidden: true });
  if (inputs.quiet || (inputs.large && look.type === EDGE_STYLE.ATTACKS.type)) look.type = EDGE_STYLE.SUPPORTS.type; // no program of its own to compile, and cheap
  return look;
}

export function deriveView(graph: MapGraph, inputs: ViewInputs): DerivedView {
  const nodes = new Map<string, NodeLook>();
  graph.forEachNode((node, a) => nodes.set(node, nodeLook(graph, inputs, node, a)));
  const edges = new Map<string, EdgeLook>();
  graph.forEachEdge((edge, a, source, target) => edges.set(edge, edgeLook(inputs, edge, a, must(nodes.get(source), "an edge's source look"), must(nodes.get(target), "an edge's target look"))));
  return { inputs, nodes, edges, nodeKeys: graph.nodes(), edgeKeys: graph.edges() };
}

/** The same, in slices of a few milliseconds (at 20,000 nodes the whole takes a second or more). */
export async function deriveViewInSlices(graph: MapGraph, inputs: ViewInputs, slices: typeof inSlices = inSlices): Promise<DerivedView> {
  const nodeKeys = graph.nodes();
  const edgeKeys = graph.edges();
  const nodes = new Map<string, NodeLook>();
  await slices(nodeKeys, (node) => {
    if (graph.hasNode(node)) nodes.set(node, nodeLook(graph, inputs, node, graph.getNodeAttributes(node)));
  });
  const edges = new Map<string, EdgeLook>();
  await slices(edgeKeys, (edge) => {
    if (!graph.hasEdge(edge)) return; // gone meanwhile
    const [s, t] = [nodes.get(graph.source(edge)), nodes.get(graph.target(edge))];
    if (s && t) edges.set(edge, edgeLook(inputs, edge, graph.getEdgeAttributes(edge), s, t));
  });
  return { inputs, nodes, edges, nodeKeys, edgeKeys };
}
