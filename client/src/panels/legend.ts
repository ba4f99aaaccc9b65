import { CLAIM_KINDS } from "../api.js";
import { h } from "../dom.js";
import { CITATION_STYLE, EDGE_STYLE, ENTITY_STYLE, KIND_STYLE, type Shape } from "../graph/appearance.js";

export const swatch = (color: string, shape: Shape) => h("span", { class: `swatch ${shape}`, style: `background:${color}`, "aria-hidden": "true" });

export function renderLegend(el: HTMLElement, opts: { citations: boolean; entities: boolean }): void {
  const items = [
    ...CLAIM_KINDS.map((k) => h("li", {}, swatch(KIND_STYLE[k].color, KIND_STYLE[k].shape), KIND_STYLE[k].label)),
    opts.citations ? h("li", {}, swatch(CITATION_STYLE.color, CITATION_STYLE.shape), CITATION_STYLE.label) : null,
    opts.entities ? h("li", {}, swatch(ENTITY_STYLE.color, ENTITY_STYLE.shape), ENTITY_STYLE.label) : null,
    h("li", {}, h("span", { class: "edge support", style: `border-color:${EDGE_STYLE.SUPPORTS.color}`, "aria-hidden": "true" }), "supports (straight arrow)"),
    h("li", {}, h("span", { class: "edge attack", style: `border-color:${EDGE_STYLE.ATTACKS.color}`, "aria-hidden": "true" }), "attacks (curved arrow)"),
  ];
  el.replaceChildren(h("ul", {}, items));
}
