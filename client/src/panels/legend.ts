import { CLAIM_KINDS, type ClaimKind } from "../api.js";
import { h } from "../dom.js";
import { CITATION_STYLE, EDGE_STYLE, ENTITY_STYLE, KIND_STYLE, LABEL_STYLE, UNCITED_STYLE, type LabelStyleKey, type Shape } from "../graph/appearance.js";

export const swatch = (color: string, shape: Shape) => h("span", { class: `swatch ${shape}`, style: `background:${color}`, "aria-hidden": "true" });

export const verdictIcon = (key: LabelStyleKey, cls = "icon") =>
  h("span", { class: cls, style: `background:${LABEL_STYLE[key].color};color:${LABEL_STYLE[key].iconColor}`, "aria-hidden": "true" }, LABEL_STYLE[key].glyph);

/** A kind's name in dark text on white, marked by its colour and shape: readable whatever the kind's colour. */
export const kindBadge = (kind: ClaimKind) =>
  h("span", { class: "kind-badge", style: `border-color:${KIND_STYLE[kind].color}` }, swatch(KIND_STYLE[kind].color, KIND_STYLE[kind].shape), KIND_STYLE[kind].label);

export interface LegendOptions {
  citations: boolean;
  entities: boolean;
  evaluate?: boolean;
  coverage?: boolean;
}

/** The legend's entries as (colour, shape or edge, text): the page legend and the PNG export draw the same. */
export function legendEntries(opts: LegendOptions): { kind: "swatch" | "ring" | "double" | "edge" | "verdict"; color: string; shape?: Shape; text: string; dashed?: boolean; glyph?: string; ink?: string }[] {
  if (opts.evaluate)
    return (Object.keys(LABEL_STYLE) as LabelStyleKey[]).map((k) => ({ kind: "verdict" as const, color: LABEL_STYLE[k].color, text: LABEL_STYLE[k].text, glyph: LABEL_STYLE[k].glyph, ink: LABEL_STYLE[k].iconColor }));
  return [
    ...CLAIM_KINDS.map((k) => ({ kind: "swatch" as const, color: KIND_STYLE[k].color, shape: KIND_STYLE[k].shape, text: KIND_STYLE[k].label })),
    ...(opts.citations ? [{ kind: "swatch" as const, color: CITATION_STYLE.color, shape: CITATION_STYLE.shape, text: CITATION_STYLE.label }] : []),
    ...(opts.entities ? [{ kind: "swatch" as const, color: ENTITY_STYLE.color, shape: ENTITY_STYLE.shape, text: ENTITY_STYLE.label }] : []),
    ...(opts.coverage ? [{ kind: "double" as const, color: UNCITED_STYLE.borderColor, text: UNCITED_STYLE.label }] : []),
    { kind: "edge" as const, color: EDGE_STYLE.SUPPORTS.color, text: "supports (straight arrow)" },
    { kind: "edge" as const, color: EDGE_STYLE.ATTACKS.color, text: "attacks (curved arrow)", dashed: true },
    { kind: "edge" as const, color: EDGE_STYLE.UNDERCUTS.color, text: "undercuts (dashed arrow onto a support)", dashed: true },
  ];
}

export function renderLegend(el: HTMLElement, opts: LegendOptions): void {
  el.replaceChildren(
    h(
      "ul",
      {},
      legendEntries(opts).map((e) =>
        h(
          "li",
          {},
          e.kind === "verdict"
            ? h("span", { class: "icon", style: `background:${e.color};color:${e.ink}`, "aria-hidden": "true" }, e.glyph ?? "")
            : e.kind === "edge"
              ? h("span", { class: `edge${e.dashed ? " attack" : ""}`, style: `border-color:${e.color}`, "aria-hidden": "true" })
              : e.kind === "double"
                ? h("span", { class: "swatch double", "aria-hidden": "true" })
                : swatch(e.color, e.shape ?? "circle"),
          e.text,
        ),
      ),
    ),
    ...(opts.evaluate ? [h("p", { class: "note" }, "Options and the remedy are proposals: IN reads acceptable, OUT not acceptable, UNDEC undecided.")] : []),
  );
}
