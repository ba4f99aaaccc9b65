/** The side panel of a selected claim. Every piece of text goes in as text. */
import type { Citation, Claim, ClaimDetail, Label } from "../api.js";
import { append, h, safeHref } from "../dom.js";
import { KIND_STYLE, LABEL_STYLE } from "../graph/appearance.js";
import { verdictIcon } from "./legend.js";

/** What evaluate mode adds to the panel: the verdict, why, and the what-if toggle. */
export interface VerdictInfo {
  label: Label | "withdrawn";
  semantics: string;
  defeatedBy: Claim[];
  acceptance: { credulous: boolean; sceptical: boolean } | null;
  toggleWithdrawn(): void;
}

function verdictSection(v: VerdictInfo, actions: DetailActions) {
  const why =
    v.label === "out"
      ? "Defeated by these attackers, which stand:"
      : v.label === "undec"
        ? "Undecided: no attacker stands, but these attackers are themselves undecided:"
        : null;
  return h(
    "section",
    { "data-testid": "verdict", "aria-label": "Evaluation" },
    h("div", { class: "verdict" }, verdictIcon(v.label), h("strong", { "data-testid": "verdict-label" }, LABEL_STYLE[v.label].text), ` (${v.semantics})`),
    v.acceptance && v.semantics !== "grounded"
      ? h("p", {}, `Credulously ${v.acceptance.credulous ? "accepted" : "rejected"}, sceptically ${v.acceptance.sceptical ? "accepted" : "rejected"}.`)
      : null,
    h(
      "label",
      {},
      h("input", { type: "checkbox", "data-testid": "withdraw", ...(v.label === "withdrawn" ? { checked: true } : {}), onchange: () => v.toggleWithdrawn() }),
      " Withdraw this claim (what if it were answered?)",
    ),
    why
      ? h(
          "details",
          { open: true, "data-testid": "why" },
          h("summary", {}, "Why?"),
          h("p", {}, why),
          h(
            "ul",
            {},
            v.defeatedBy.map((c) => h("li", {}, h("button", { type: "button", class: "link", onclick: () => actions.select(c.id) }, c.text))),
          ),
        )
      : null,
  );
}

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

export function renderDetail(el: HTMLElement, detail: ClaimDetail, actions: DetailActions, verdict: VerdictInfo | null = null): void {
  const { claim } = detail;
  const style = KIND_STYLE[claim.kind];
  el.replaceChildren();
  append(
    el,
    [
      h("button", { type: "button", class: "close", "aria-label": "Close details", onclick: () => actions.close() }, "×"),
      h("span", { class: "kind-badge", style: `background:${style.color};color:${claim.kind === "evidence" ? "#222" : "#fff"}` }, style.label),
      h("h2", { "data-testid": "claim-text" }, claim.text),
      h("blockquote", { "data-testid": "claim-quote" }, claim.quote),
      verdict ? verdictSection(verdict, actions) : null,
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
    ].flat(),
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
