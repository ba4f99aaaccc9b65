/** The side panel of a selected claim. Every piece of text goes in as text. */
import type { Citation, Claim, ClaimDetail } from "../api.js";
import { h, safeHref } from "../dom.js";
import { KIND_STYLE } from "../graph/appearance.js";

export interface DetailActions {
  select(id: string): void;
  showInArticle(claim: Claim): void;
  trace(mode: "support" | "attack"): void;
  close(): void;
}

function claimList(title: string, claims: Claim[], actions: DetailActions, testId: string) {
  return [
    h("h3", {}, title),
    claims.length === 0
      ? h("p", { class: "empty" }, "none")
      : h(
          "ul",
          { "data-testid": testId },
          claims.map((c) =>
            h("li", {}, h("button", { type: "button", class: "link", "data-claim": c.id, onclick: () => actions.select(c.id) }, c.text)),
          ),
        ),
  ];
}

function citationItem(c: Citation) {
  const href = safeHref(c.url);
  const title = c.title ?? "(untitled)";
  return h(
    "li",
    {},
    `[${c.n}] `,
    c.authors ? `${c.authors}. ` : "",
    href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, title) : title,
    c.publisher ? `, ${c.publisher}` : "",
    c.date ? `, ${c.date}` : ", no date",
    !href && c.url ? ` (${c.url})` : "",
  );
}

export function renderDetail(el: HTMLElement, detail: ClaimDetail, actions: DetailActions): void {
  const { claim } = detail;
  const style = KIND_STYLE[claim.kind];
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close details", onclick: () => actions.close() }, "×"),
    h("span", { class: "kind-badge", style: `background:${style.color};color:${claim.kind === "evidence" ? "#222" : "#fff"}` }, style.label),
    h("h2", { "data-testid": "claim-text" }, claim.text),
    h("blockquote", { "data-testid": "claim-quote" }, claim.quote),
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", onclick: () => actions.showInArticle(claim) }, "Show in article"),
      h("button", { type: "button", onclick: () => actions.trace("support") }, "What supports this"),
      h("button", { type: "button", onclick: () => actions.trace("attack") }, "What attacks this"),
    ),
    ...claimList("Supported by", detail.supportedBy, actions, "supported-by"),
    ...claimList("Attacked by", detail.attackedBy, actions, "attacked-by"),
    ...claimList("Supports", detail.supports, actions, "supports"),
    ...claimList("Attacks", detail.attacks, actions, "attacks"),
    h("h3", {}, "Citations"),
    detail.citations.length ? h("ul", { "data-testid": "citations" }, detail.citations.map(citationItem)) : h("p", { class: "empty" }, "uncited"),
    h("h3", {}, "Mentions"),
    detail.entities.length
      ? h("ul", {}, detail.entities.map((e) => h("li", {}, `${e.name} `, h("span", { class: "kind" }, `(${e.type})`))))
      : h("p", { class: "empty" }, "none"),
  );
}

export function renderChainSummary(el: HTMLElement, title: string, claims: Claim[], actions: Pick<DetailActions, "select" | "close">): void {
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => actions.close() }, "×"),
    h("h2", {}, title),
    h("p", {}, `${claims.length} claims highlighted, in reading order:`),
    h(
      "ol",
      { class: "chain-list", "data-testid": "chain-claims" },
      claims.map((c) => h("li", {}, h("button", { type: "button", class: "link", onclick: () => actions.select(c.id) }, c.text))),
    ),
  );
}
