/**
 * The selected claim and the hovered node, drawn on a 2D layer above sigma's: a ring round the
 * node and its whole text on a light box (and, on large maps, the hovered node's relations). Moving
 * the selection or the hover repaints this one layer from the derived view and sigma's display
 * data; sigma itself does not render. Why: a sigma render re-uploads every node and edge program's
 * buffer (twice, with picking), and on software WebGL (no GPU) that upload waits for the previous
 * frame to be rasterized: at 5,000 nodes one render held the main thread for over a second.
 */
import type Sigma from "sigma";
import type { DerivedView } from "../map/view.js";
import type { MapGraph } from "../map/types.js";
import { drawOverlay, fillArrowHead, strokeLine } from "./overlay.js";
import { drawStep, FULL_LINES, placeLabelBox, verdictPrefix, wrap, type Hover } from "./renderer.js";

const LAYER = "emphasis";

export interface EmphasisSources {
  view(): DerivedView;
  hover(): Hover | null;
}

export function drawEmphasis(renderer: Sigma, graph: MapGraph, sources: EmphasisSources): { redraw(): void } {
  const onScreen = (node: string) => {
    const d = renderer.getNodeDisplayData(node);
    if (!d || d.hidden) return null;
    const p = renderer.framedGraphToViewport(d);
    return { x: p.x, y: p.y, size: renderer.scaleSize(d.size) };
  };

  /** A large map's hovered node: its relations drawn over the others, in their colours. */
  const drawRelations = (ctx: CanvasRenderingContext2D, node: string, view: DerivedView) => {
    const from = onScreen(node);
    if (!from) return;
    ctx.lineWidth = 2.5;
    graph.forEachEdge(node, (edge, _a, source, target) => {
      const look = view.edges.get(edge);
      const other = source === node ? target : source;
      const to = look && !look.hidden ? onScreen(other) : null;
      if (!look || !to) return;
      const [s, t] = source === node ? [from, to] : [to, from];
      const angle = Math.atan2(t.y - s.y, t.x - s.x);
      const tip = { x: t.x - t.size * Math.cos(angle), y: t.y - t.size * Math.sin(angle) };
      ctx.strokeStyle = ctx.fillStyle = look.color;
      strokeLine(ctx, s, tip);
      fillArrowHead(ctx, tip, angle, 9);
    });
  };

  /** A ring round the node and its whole text on a light box: beside it, or below in focused layouts. */
  const drawNode = (ctx: CanvasRenderingContext2D, node: string, view: DerivedView, ring: string) => {
    const p = onScreen(node);
    const look = view.nodes.get(node);
    if (!p || !look) return;
    const labelSize = renderer.getSetting("labelSize");
    ctx.font = `${renderer.getSetting("labelWeight")} ${labelSize}px ${renderer.getSetting("labelFont")}`;
    const below = view.inputs.labelPlacement === "below";
    const stage = renderer.getDimensions();
    const text = verdictPrefix(look) + look.fullLabel;
    // Wrapped to fit the stage (whose edge is the panel's on a desktop), never cut: on a narrow
    // stage the lines get shorter, the label more of them.
    const room = Math.max(stage.width - p.x, p.x) - p.size - 16;
    const fitChars = Math.max(12, Math.floor(room / (labelSize * 0.55)));
    const lines = wrap(text, Math.min(below ? 18 : 46, fitChars), FULL_LINES);
    const lineHeight = labelSize + (below ? 2 : 3);
    const width = Math.max(0, ...lines.map((l) => ctx.measureText(l).width));
    const box = placeLabelBox(p, { w: width + 8, h: lines.length * lineHeight + 6 }, below, labelSize, stage);
    ctx.fillStyle = "rgba(255,255,255,0.95)";
    ctx.shadowColor = "rgba(0,0,0,0.25)";
    ctx.shadowBlur = 6;
    ctx.fillRect(box.x, box.y, box.w, box.h);
    ctx.shadowBlur = 0;
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    ctx.beginPath();
    ctx.arc(p.x, p.y, p.size + 4, 0, Math.PI * 2);
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.strokeStyle = ring;
    ctx.beginPath();
    ctx.arc(p.x, p.y, p.size + 2.5, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = "#111";
    ctx.textAlign = below ? "center" : "left";
    lines.forEach((l, i) => ctx.fillText(l, below ? box.x + box.w / 2 : box.x + 4, box.y + 1 + labelSize + i * lineHeight));
    ctx.textAlign = "left";
    drawStep(ctx, { ...p, step: look.step });
  };

  return drawOverlay(
    renderer,
    LAYER,
    (ctx) => {
      const view = sources.view();
      const hover = sources.hover();
      const selected = view.inputs.selected;
      if (hover && !hover.dimOthers) drawRelations(ctx, hover.node, view);
      if (hover && hover.node !== selected) drawNode(ctx, hover.node, view, "#555555");
      if (selected && graph.hasNode(selected)) drawNode(ctx, selected, view, "#000000");
    },
    { afterLayer: "hoverNodes", active: () => sources.hover() !== null || sources.view().inputs.selected !== null },
  );
}

