/**
 * How kinds look. Colours from the Okabe–Ito palette (safe for colour-blind
 * readers), and every kind also differs by shape, so colour is never the only cue.
 */
import type { ClaimKind } from "../api.js";

export type Shape = "circle" | "square" | "ring";

export const KIND_STYLE: Record<ClaimKind, { color: string; shape: Shape; label: string }> = {
  thesis: { color: "#0072B2", shape: "square", label: "Thesis" },
  remedy: { color: "#009E73", shape: "square", label: "Remedy" },
  option: { color: "#56B4E9", shape: "square", label: "Option" },
  claim: { color: "#7a7a7a", shape: "circle", label: "Claim" },
  premise: { color: "#E69F00", shape: "circle", label: "Premise" },
  evidence: { color: "#F0E442", shape: "ring", label: "Evidence" },
  challenge: { color: "#D55E00", shape: "ring", label: "Challenge" },
  rebuttal: { color: "#CC79A7", shape: "ring", label: "Rebuttal" },
};

export const CITATION_STYLE = { color: "#b9b9b9", shape: "square" as Shape, label: "Citation" };
export const ENTITY_STYLE = { color: "#9ecae1", shape: "circle" as Shape, label: "Entity" };
export const RING_COLOR = "#303030";

export const EDGE_STYLE = {
  SUPPORTS: { color: "#2e8b57", type: "arrow", label: "supports" },
  ATTACKS: { color: "#D55E00", type: "curvedArrow", label: "attacks" },
  // Drawn by graph/undercuts.ts as a dashed arrow onto the support edge; "line" is only its hidden edge's program.
  UNDERCUTS: { color: "#D55E00", type: "line", label: "undercuts" },
  CITES: { color: "#cfcfcf", type: "line", label: "cites" },
  MENTIONS: { color: "#d6e6f2", type: "line", label: "mentions" },
} as const;

/** Claims picked from a list (a citation's, a finding's) get this outline. */
export const HIGHLIGHT_COLOR = "#000000";

export const DIM_NODE = "#e6e6e6";
export const DIM_EDGE = "#f0f0f0";

/** Sigma node program for a shape. */
export const programOf = (shape: Shape) => (shape === "square" ? "square" : shape === "ring" ? "ring" : "circle");

export function shortLabel(text: string, max = 42): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/** Evaluate mode: colour (Okabe–Ito, distinct for colour-blind readers) and an icon, never colour alone. */
const svg = (path: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="96" height="96"><path d="${path}" fill="none" stroke="black" stroke-width="3.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`)}`;

export const LABEL_STYLE = {
  in: { color: "#0072B2", icon: svg("M5 12.5l4.5 4.5L19 7"), iconColor: "#ffffff", text: "IN — stands", glyph: "✓" },
  out: { color: "#D55E00", icon: svg("M7 7l10 10M17 7L7 17"), iconColor: "#ffffff", text: "OUT — defeated", glyph: "✗" },
  undec: { color: "#F0E442", icon: svg("M9 9.2a3 3 0 1 1 4.4 2.7c-.9.5-1.4 1.1-1.4 2.1M12 17.6v.2"), iconColor: "#222222", text: "UNDEC — undecided", glyph: "?" },
  withdrawn: { color: "#d0d0d0", icon: svg("M7 12h10"), iconColor: "#555555", text: "withdrawn", glyph: "–" },
} as const;
export type LabelStyleKey = keyof typeof LABEL_STYLE;

/**
 * Coverage: an uncited claim keeps its kind's colour inside a black outer ring and a white gap (a
 * double ring), which no kind uses, so it cannot be read as a challenge or any other kind.
 */
export const UNCITED_STYLE = { color: "#ffffff", borderColor: "#000000", label: "uncited claim (double black ring)" } as const;
