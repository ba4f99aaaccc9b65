/**
 * Relations a discourse marker suggests between claims already on the map, drawn dashed and
 * marked "?" until an analyst accepts or dismisses them in the suggestions list. Like undercuts,
 * an overlay canvas drawn after every render from display data: a suggestion is not the map's
 * data and never enters the graph.
 */
import type Sigma from "sigma";
import { drawOverlay, strokeLine } from "./overlay.js";
import type { Claim } from "../../../contract/model.js";

const LAYER = "suggested-relations";
const COLOURS = { SUPPORTS: "#0072B2", ATTACKS: "#D55E00" } as const;

export interface SuggestedRelation {
  /** Claim keys on the map. */
  source: string;
  target: string;
  type: "SUPPORTS" | "ATTACKS";
}

type Span = { start: number; end: number };
const overlap = (c: Span, s: Span) => Math.max(0, Math.min(c.end, s.end) - Math.max(c.start, s.start));

/**
 * For each suggestion, the claims whose quotes overlap its two passages most (one each), when both
 * exist, are different, and the map does not already relate them that way.
 */
export function suggestedRelations(
  claims: Claim[],
  suggestions: { type: "SUPPORTS" | "ATTACKS"; source: Span; target: Span }[],
  related: (type: "SUPPORTS" | "ATTACKS", source: string, target: string) => boolean,
): SuggestedRelation[] {
  const best = (span: Span) => {
    let chosen: Claim | null = null;
    for (const c of claims) if (overlap(c, span) > (chosen ? overlap(chosen, span) : 0)) chosen = c;
    return chosen;
  };
  const out = new Map<string, SuggestedRelation>();
  for (const s of suggestions) {
    const source = best(s.source);
    const target = best(s.target);
    if (!source || !target || source.id === target.id || related(s.type, source.id, target.id)) continue;
    out.set(`${s.type}:${source.id}->${target.id}`, { source: source.id, target: target.id, type: s.type });
  }
  return [...out.values()];
}

export function drawSuggestedRelations(renderer: Sigma, relations: () => SuggestedRelation[]): void {
  drawOverlay(renderer, LAYER, (ctx) => {
    const at = (node: string) => {
      const d = renderer.getNodeDisplayData(node);
      return d && !d.hidden ? renderer.framedGraphToViewport(d) : null;
    };
    for (const r of relations()) {
      const [from, to] = [at(r.source), at(r.target)];
      if (!from || !to) continue;
      ctx.strokeStyle = ctx.fillStyle = COLOURS[r.type];
      ctx.globalAlpha = 0.75;
      ctx.lineWidth = 1.5;
      strokeLine(ctx, from, to, [3, 5]);
      ctx.globalAlpha = 1;
      ctx.font = "bold 13px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText("?", (from.x + to.x) / 2, (from.y + to.y) / 2 - 8);
    }
  }, { active: () => relations().length > 0 });
}
