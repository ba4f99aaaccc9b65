import { CLAIM_KINDS } from "../api.js";
import { h } from "../dom.js";
import { CITATION_STYLE, EDGE_STYLE, ENTITY_STYLE, KIND_STYLE, LABEL_STYLE, UNCITED_STYLE, type LabelStyleKey, type Shape } from "../graph/appearance.js";

export const swatch = (color: string, shape: Shape) => h("span", { class: `swatch ${shape}`, style: `background:${color}`, "aria-hidden": "true" });

export const verdictIcon = (key: LabelStyleKey, cls = "icon") =>
  h("span", { class: cls, style: `background:${LABEL_STYLE[key].color};color:${LABEL_STYLE[key].iconColor}`, "aria-hidden": "true" }, LABEL_STYLE[key].glyph);

export function renderLegend(el: HTMLElement, opts: { citations: boolean; entities: boolean; evaluate?: boolean; coverage?: boolean }): void {
  if (opts.evaluate) {
    el.replaceChildren(
      h("ul", {}, (Object.keys(LABEL_STYLE) as LabelStyleKey[]).map((k) => h("li", {}, verdictIcon(k), LABEL_STYLE[k].text))),
    );
    return;
  }
  const items = [
    ...CLAIM_KINDS.map((k) => h("li", {}, swatch(KIND_STYLE[k].color, KIND_STYLE[k].shape), KIND_STYLE[k].label)),
    opts.citations ? h("li", {}, swatch(CITATION_STYLE.color, CITATION_STYLE.shape), CITATION_STYLE.label) : null,
    opts.entities ? h("li", {}, swatch(ENTITY_STYLE.color, ENTITY_STYLE.shape), ENTITY_STYLE.label) : null,
    opts.coverage
      ? h("li", {}, h("span", { class: "swatch ring", style: `background:${UNCITED_STYLE.color};border-color:${UNCITED_STYLE.borderColor}`, "aria-hidden": "true" }), UNCITED_STYLE.label)
      : null,
    h("li", {}, h("span", { class: "edge support", style: `border-color:${EDGE_STYLE.SUPPORTS.color}`, "aria-hidden": "true" }), "supports (straight arrow)"),
    h("li", {}, h("span", { class: "edge attack", style: `border-color:${EDGE_STYLE.ATTACKS.color}`, "aria-hidden": "true" }), "attacks (curved arrow)"),
    h("li", {}, h("span", { class: "edge attack", style: `border-color:${EDGE_STYLE.UNDERCUTS.color};border-style:dashed`, "aria-hidden": "true" }), "undercuts (dashed arrow onto a support)"),
  ];
  el.replaceChildren(h("ul", {}, items));
}
