/** The chain as a chain: its steps numbered in the chain's order, and the challenges to its conclusion. */
import { h } from "../dom.js";
import type { ClaimRef, Counter } from "../map/arguments.js";
import { answerNote } from "./detail.js";

export interface ChainView {
  title: string;
  /** Steps in chain order; `step` is the number drawn on the map. */
  steps: (ClaimRef & { step: number })[];
  conclusion: ClaimRef | null;
  challenges: Counter[];
}

export function renderChain(el: HTMLElement, chain: ChainView, actions: { select(id: string): void; close(): void }): void {
  const link = (c: ClaimRef) => h("button", { type: "button", class: "link", "data-claim": c.id, onclick: () => actions.select(c.id) }, c.text);
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close the chain", onclick: () => actions.close() }, "×"),
    h("h2", {}, `Chain: ${chain.title}`),
    chain.steps.length
      ? h("p", {}, `${chain.steps.length} steps, in the chain's order (the numbers on the map):`)
      : h("p", { class: "empty" }, "No chain of supports joins these claims in this map."),
    h(
      "ol",
      { class: "steps", "data-testid": "chain-claims" },
      chain.steps.map((s) => h("li", { "data-claim": s.id }, h("span", { class: "step-no", "aria-hidden": "true" }, String(s.step)), h("span", { class: "visually-hidden" }, `Step ${s.step}: `), link(s))),
    ),
    ...(chain.conclusion
      ? [
          h("h3", {}, `Challenges to “${chain.conclusion.text.slice(0, 60)}${chain.conclusion.text.length > 60 ? "…" : ""}”`),
          chain.challenges.length
            ? h("ul", { "data-testid": "chain-challenges" }, chain.challenges.map((c) => h("li", { "data-claim": c.claim.id }, link(c.claim), " ", answerNote(c, actions))))
            : h("p", { class: "empty" }, "none"),
        ]
      : []),
  );
}
