/**
 * The sigma canvas. The graph holds data only; everything visual (colour,
 * shape, size, dimming, labels) is computed here by reducers from the view's
 * emphasis, so the data is never rewritten to change how it looks.
 */
import { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { createNodeBorderProgram } from "@sigma/node-border";
import { NodeSquareProgram } from "@sigma/node-square";
import type Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from "sigma/rendering";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import type { ClaimKind } from "../api.js";
import { createNodeImageProgram } from "@sigma/node-image";
import { createNodeCompoundProgram } from "sigma/rendering";
import {
  CITATION_STYLE,
  DIM_EDGE,
  DIM_NODE,
  EDGE_STYLE,
  ENTITY_STYLE,
  KIND_STYLE,
  LABEL_STYLE,
  programOf,
  RING_COLOR,
  shortLabel,
  type LabelStyleKey,
  UNCITED_STYLE,
} from "./appearance.js";

export interface Emphasis {
  selected: string | null;
  hovered: string | null;
  /** Nodes in focus (a support tree, an attack view, a chain); the rest is dimmed or hidden. */
  focus: Set<string> | null;
  focusEdges: Set<string> | null;
  hideOutsideFocus: boolean;
  kinds: Set<ClaimKind>;
  showCitations: boolean;
  showEntities: boolean;
  /** Evaluate mode: each claim's label (or "withdrawn"); null outside it. */
  evaluation: Map<string, LabelStyleKey> | null;
  /** Coverage mode: the uncited claims; null outside it. */
  uncited: Set<string> | null;
  /** Large maps draw no edges while the layout moves them: a frame stays cheap. */
  hideEdges: boolean;
}

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color">;
type LabelSettings = { labelSize: number; labelFont: string; labelWeight: string };

function wrap(text: string, width = 46): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if ((line + " " + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = (line + " " + word).trim();
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Labels are drawn on the canvas (never HTML): short, beside the node in the
 * force layout; centred below it, on up to three lines, in the layered layout.
 */
function labelDrawer(placement: () => "side" | "below") {
  return (context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void => {
    if (!data.label || data.highlighted) return; // the hover layer draws the selected claim in full
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = "#111";
    if (placement() === "side") {
      context.fillText(shortLabel(data.label), data.x + data.size + 3, data.y + size / 3);
      return;
    }
    let lines = wrap(data.label, 19);
    if (lines.length > 3) lines = [...lines.slice(0, 2), shortLabel(lines.slice(2).join(" "), 19)];
    context.textAlign = "center";
    lines.forEach((l, i) => context.fillText(l, data.x, data.y + data.size + size + 2 + i * (size + 2)));
    context.textAlign = "left";
  };
}

/** Hovered and selected claims: the whole text, wrapped, on a light box beside the node. */
function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const lines = data.label ? wrap(data.label) : [];
  const x = data.x + data.size + 4;
  const lineHeight = size + 3;
  const top = data.y - size / 2 - 4;
  const width = Math.max(0, ...lines.map((l) => context.measureText(l).width));
  context.fillStyle = "rgba(255,255,255,0.95)";
  context.shadowColor = "rgba(0,0,0,0.25)";
  context.shadowBlur = 6;
  context.beginPath();
  context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
  context.fill();
  if (lines.length) context.fillRect(x - 4, top, width + 8, lines.length * lineHeight + 6);
  context.shadowBlur = 0;
  context.fillStyle = "#111";
  lines.forEach((l, i) => context.fillText(l, x, top + 3 + size + i * lineHeight - 2));
}

/** Squares drawn with our label and hover drawers, like every other shape. */
class SquareProgram extends NodeSquareProgram {
  constructor(...args: ConstructorParameters<typeof NodeSquareProgram>) {
    super(...args);
    Object.assign(this, { drawLabel: undefined, drawHover: undefined });
  }
}

export function createRenderer(graph: Graph, container: HTMLElement, emphasis: () => Emphasis, labels: () => "side" | "below"): Sigma {
  const RingProgram = createNodeBorderProgram({
    borders: [
      { size: { value: 0.28 }, color: { attribute: "borderColor" } },
      { size: { fill: true }, color: { attribute: "color" } },
    ],
  });

  // A coloured disc with its label's icon drawn on top, for evaluate mode.
  const IconProgram = createNodeImageProgram({
    drawingMode: "color",
    colorAttribute: "iconColor",
    keepWithinCircle: true,
    padding: 0.18,
    size: { mode: "force", value: 96 },
  });
  const EvaluatedProgram = createNodeCompoundProgram([NodeCircleProgram, IconProgram]);
  Object.assign(EvaluatedProgram.prototype, { drawLabel: undefined, drawHover: undefined });

  const neighbours = (node: string) => new Set(graph.neighbors(node));
  let hoverSet: Set<string> | null = null;
  let hoverFor: string | null = null;

  return new Sigma(graph, container, {
    nodeProgramClasses: { circle: NodeCircleProgram, square: SquareProgram, ring: RingProgram, evaluated: EvaluatedProgram },
    edgeProgramClasses: { arrow: EdgeArrowProgram, curvedArrow: EdgeCurvedArrowProgram, line: EdgeRectangleProgram },
    defaultNodeType: "circle",
    defaultEdgeType: "arrow",
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.6,
    labelFont: "system-ui, sans-serif",
    labelSize: 12,
    zIndex: true,
    minCameraRatio: 0.05,
    maxCameraRatio: 20,
    defaultDrawNodeLabel: labelDrawer(labels),
    defaultDrawNodeHover: drawHover,
    nodeReducer: (node, attrs) => {
      const e = emphasis();
      if (e.hovered !== hoverFor) {
        hoverFor = e.hovered;
        hoverSet = e.hovered && graph.hasNode(e.hovered) ? neighbours(e.hovered) : null;
      }
      const nodeType = attrs.nodeType as "claim" | "citation" | "entity";
      const style =
        nodeType === "claim" ? KIND_STYLE[attrs.kind as ClaimKind] : nodeType === "citation" ? CITATION_STYLE : ENTITY_STYLE;
      const hidden =
        (nodeType === "claim" && !e.kinds.has(attrs.kind as ClaimKind)) ||
        (nodeType === "citation" && !e.showCitations) ||
        (nodeType === "entity" && !e.showEntities) ||
        (e.hideOutsideFocus && e.focus !== null && !e.focus.has(node));
      const degree = graph.degree(node);
      const baseSize = nodeType === "claim" ? 4 + Math.min(10, Math.sqrt(degree) * 1.6) : 3;
      const important = attrs.kind === "thesis" || attrs.kind === "remedy";
      const display: Record<string, unknown> = {
        x: attrs.x,
        y: attrs.y,
        type: programOf(style.shape),
        color: style.color,
        borderColor: RING_COLOR,
        size: important ? baseSize + 4 : baseSize,
        label: String(attrs.label ?? node),
        hidden,
        zIndex: 1,
      };
      const verdict: LabelStyleKey | undefined = nodeType === "claim" ? e.evaluation?.get(node) : undefined;
      if (verdict) {
        const look = LABEL_STYLE[verdict];
        Object.assign(display, { type: "evaluated", color: look.color, image: look.icon, iconColor: look.iconColor, size: (display.size as number) + 2 });
      }
      if (nodeType === "claim" && e.uncited?.has(node)) {
        Object.assign(display, { type: "ring", color: UNCITED_STYLE.color, borderColor: UNCITED_STYLE.borderColor, size: (display.size as number) + 1 });
      }
      const inFocus = e.focus === null || e.focus.has(node);
      const inHover = hoverSet === null || node === e.hovered || hoverSet.has(node);
      if (!inFocus || !inHover) {
        display.color = DIM_NODE;
        display.borderColor = DIM_NODE;
        display.label = "";
        display.zIndex = 0;
      } else if (e.focus !== null) {
        display.zIndex = 2;
      }
      if (node === e.hovered) display.label = String(attrs.text ?? attrs.label ?? node);
      if (node === e.selected) {
        display.highlighted = true;
        display.forceLabel = true;
        display.zIndex = 3;
        display.size = (display.size as number) + 3;
        display.label = String(attrs.text ?? attrs.label ?? node);
      }
      return display;
    },
    edgeReducer: (edge, attrs) => {
      const e = emphasis();
      const relation = attrs.type as keyof typeof EDGE_STYLE;
      const style = EDGE_STYLE[relation];
      const [source, target] = graph.extremities(edge);
      const display: Record<string, unknown> = {
        type: style.type,
        color: style.color,
        size: relation === "SUPPORTS" || relation === "ATTACKS" ? 1.6 : 0.6,
        zIndex: 1,
      };
      const visibleEnd = (n: string) => {
        const a = graph.getNodeAttributes(n);
        if (a.nodeType === "citation") return e.showCitations;
        if (a.nodeType === "entity") return e.showEntities;
        return e.kinds.has(a.kind as ClaimKind);
      };
      if (!visibleEnd(source) || !visibleEnd(target)) display.hidden = true;
      if (e.hideEdges) display.hidden = true;
      const inFocus = e.focusEdges === null || e.focusEdges.has(edge);
      const inHover = e.hovered === null || source === e.hovered || target === e.hovered;
      if (e.hideOutsideFocus && !inFocus) display.hidden = true;
      if (!inFocus || !inHover) {
        display.color = DIM_EDGE;
        display.zIndex = 0;
      } else if (e.focusEdges !== null || e.hovered !== null) {
        display.size = (display.size as number) + 1;
        display.zIndex = 2;
      }
      if (relation === "UNDERCUTS") {
        display.undercutShown = !display.hidden;
        display.undercutColor = display.color;
        display.hidden = true;
      }
      return display;
    },
  });
}
