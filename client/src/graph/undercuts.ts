/**
 * Undercuts drawn as what they are: an attack on an inference, so an arrow from the
 * undercutting claim onto the middle of the support edge it attacks. Sigma edges join
 * two nodes only, so the UNDERCUTS edge itself stays hidden (the edge reducer marks
 * whether it would be shown, and in which colour) and this overlay canvas draws the
 * arrow after every render, from display data only: nothing is added to the graph.
 */
import type Graph from "graphology";
import type Sigma from "sigma";
import { drawOverlay, fillArrowHead, strokeLine } from "./overlay.js";
import { edgeKey } from "../../../contract/keys.js";

const LAYER = "undercuts";

/** What the edge reducer leaves on an UNDERCUTS edge's display data for this overlay. */
export interface UndercutDisplay {
  undercutShown?: boolean;
  undercutColor?: string;
}

export function drawUndercuts(renderer: Sigma, graph: Graph): void {
  drawOverlay(renderer, LAYER, (ctx) => {
    graph.forEachEdge((edge, attrs, source, target) => {
      if (attrs.type !== "UNDERCUTS") return;
      const display = renderer.getEdgeDisplayData(edge) as (UndercutDisplay & object) | undefined;
      const inference = attrs.inference as string | null;
      const support = inference ? edgeKey("SUPPORTS", inference, target) : null;
      if (!display?.undercutShown || !support || !graph.hasEdge(support) || renderer.getEdgeDisplayData(support)?.hidden) return;
      const at = (node: string) => {
        const d = renderer.getNodeDisplayData(node);
        return d && !d.hidden ? renderer.framedGraphToViewport(d) : null;
      };
      const [from, s, t] = [at(source), at(inference!), at(target)];
      if (!from || !s || !t) return;
      const mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
      const angle = Math.atan2(mid.y - from.y, mid.x - from.x);
      const tip = { x: mid.x - 3 * Math.cos(angle), y: mid.y - 3 * Math.sin(angle) };
      ctx.strokeStyle = ctx.fillStyle = display.undercutColor ?? "#D55E00";
      ctx.lineWidth = 2;
      strokeLine(ctx, from, tip, [6, 4]);
      fillArrowHead(ctx, tip, angle, 10);
      // A short bar across the support edge marks the inference as the thing attacked.
      const across = Math.atan2(t.y - s.y, t.x - s.x) + Math.PI / 2;
      ctx.beginPath();
      ctx.moveTo(mid.x - 6 * Math.cos(across), mid.y - 6 * Math.sin(across));
      ctx.lineTo(mid.x + 6 * Math.cos(across), mid.y + 6 * Math.sin(across));
      ctx.stroke();
    });
  }, { active: () => graph.someEdge((_e, attrs) => attrs.type === "UNDERCUTS") });
}
