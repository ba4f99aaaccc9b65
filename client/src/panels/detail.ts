/** The side panel of a selected claim. Every piece of text goes in as text. */
import { PROPOSAL_KINDS, PROPOSAL_READINGS, type Citation, type Claim, type ClaimDetail, type ClaimKind, type Label } from "../api.js";
import { append, h, safeHref } from "../dom.js";
import { LABEL_STYLE } from "../graph/appearance.js";
import type { ClaimRef, Counter, ProCon } from "../map/arguments.js";
import { kindBadge, verdictIcon } from "./legend.js";

/** What the evaluation overlay adds to the panel: the verdict, why, and the what-if toggle. */
export interface VerdictInfo {
  label: Label | "withdrawn";
  semantics: string;
  defeatedBy: ClaimRef[];
  /** For a claim that stands: each attacker and what defeats it. */
  attackers: { claim: ClaimRef; label: string; defeatedBy: ClaimRef[] }[];
  acceptance: { credulous: boolean; sceptical: boolean } | null;
  /** Undercut inferences this claim takes part in (as the reason, the conclusion or the undercutter). */
  inferences: InferenceInfo[];
  toggleWithdrawn(): void;
}

/** An inference "reason ⇒ conclusion" (a SUPPORTS edge) that some claim undercuts, and its label. */
export interface InferenceInfo {
  inference: ClaimRef;
  target: ClaimRef;
  label: Label;
  undercutBy: { claim: ClaimRef; label: string; defeatedBy: ClaimRef[] }[];
}

/**
 * Why each undercut inference stands or falls: an undercut attacks the step from a reason to its
 * conclusion, not either claim, so it is named apart from the claim's own attackers.
 */
function whyInferences(v: VerdictInfo, actions: DetailActions) {
  if (v.inferences.length === 0) return [];
  const names = (refs: ClaimRef[]) => refs.flatMap((d, i) => [i ? "; " : "", link(d, actions)]);
  return [
    h("p", {}, "Undercuts (attacks on an inference, not on a claim):"),
    h(
      "ul",
      { class: "why-list", "data-testid": "why-undercuts" },
      v.inferences.map((f) => {
        const cutters = (label: string) => f.undercutBy.filter((u) => u.label === label);
        const because =
          f.label === "out"
            ? [": defeated by the undercut of ", ...names(cutters("in").map((u) => u.claim)), " (IN)"]
            : f.label === "undec"
              ? [": undecided, since its undercutter ", ...names(cutters("undec").map((u) => u.claim)), " is undecided"]
              : [
                  ": it holds, since every undercutter is defeated: ",
                  ...f.undercutBy.flatMap((u, i) => [
                    i ? "; " : "",
                    link(u.claim, actions),
                    ` (${u.label.toUpperCase()}${u.defeatedBy.length ? ", defeated by " : ""}`,
                    ...names(u.defeatedBy),
                    ")",
                  ]),
                ];
        return h(
          "li",
          { "data-inference": `${f.inference.id}->${f.target.id}`, "data-label": f.label },
          "The inference from ",
          link(f.inference, actions),
          " to ",
          link(f.target, actions),
          ` is ${f.label.toUpperCase()}`,
          ...because,
        );
      }),
    ),
  ];
}

function whyIn(v: VerdictInfo, actions: DetailActions) {
  if (v.attackers.length === 0) return [h("p", {}, "It stands because nothing in the map attacks it.")];
  return [
    h("p", {}, "It stands because every attacker is itself defeated:"),
    h(
      "ul",
      { class: "why-list" },
      v.attackers.map((a) =>
        h(
          "li",
          {},
          link(a.claim, actions),
          ` — ${a.label.toUpperCase()}`,
          a.defeatedBy.length ? [", defeated by ", ...a.defeatedBy.flatMap((d, i) => [i ? "; " : "", link(d, actions)])] : "",
        ),
      ),
    ),
  ];
}

const link = (c: { id: string; text: string }, actions: Pick<DetailActions, "select">) =>
  h("button", { type: "button", class: "link", "data-claim": c.id, onclick: () => actions.select(c.id) }, c.text);

/** A proposal (option, remedy) is acceptable or not; other claims stand or are defeated. */
function verdictText(v: VerdictInfo, kind: ClaimKind): string {
  if (v.label === "withdrawn" || !PROPOSAL_KINDS.includes(kind)) return LABEL_STYLE[v.label].text;
  const reading = PROPOSAL_READINGS[v.label];
  return `${reading.charAt(0).toUpperCase()}${reading.slice(1)} (proposal, ${v.label.toUpperCase()})`;
}

function verdictSection(v: VerdictInfo, kind: ClaimKind, actions: DetailActions) {
  const proposal = PROPOSAL_KINDS.includes(kind);
  const why =
    v.label === "out"
      ? proposal
        ? "Not acceptable: these objections stand:"
        : "Defeated by these attackers, which stand:"
      : v.label === "undec"
        ? proposal
          ? "Undecided: no objection stands, but these objections are themselves undecided:"
          : "Undecided: no attacker stands, but these attackers are themselves undecided:"
        : null;
  const explanation =
    v.label === "in"
      ? whyIn(v, actions)
      : why
        ? [h("p", {}, why), h("ul", {}, v.defeatedBy.map((c) => h("li", {}, link(c, actions))))]
        : [h("p", {}, "Withdrawn: it and every argument built on it leave the map.")];
  return h(
    "section",
    { "data-testid": "verdict", "aria-label": "Evaluation" },
    h("div", { class: "verdict" }, verdictIcon(v.label), h("strong", { "data-testid": "verdict-label" }, verdictText(v, kind)), ` (${v.semantics})`),
    v.acceptance && v.semantics !== "grounded"
      ? h("p", {}, `Credulously ${v.acceptance.credulous ? "accepted" : "rejected"}, sceptically ${v.acceptance.sceptical ? "accepted" : "rejected"}.`)
      : null,
    h(
      "label",
      {},
      h("input", { type: "checkbox", "data-testid": "withdraw", ...(v.label === "withdrawn" ? { checked: true } : {}), onchange: () => v.toggleWithdrawn() }),
      " Withdraw this claim (what if it were answered?)",
    ),
    h("details", { open: true, "data-testid": "why" }, h("summary", {}, "Why?"), ...explanation, ...whyInferences(v, actions)),
  );
}

export interface DetailActions {
  select(id: string): void;
  showInArticle(claim: Claim): void;
  trace(mode: "support" | "attack"): void;
  toggleProCon(): void;
  close(): void;
  /** A way back to the list the claim was opened from (coverage table, citations list). */
  back?: { label: string; go(): void };
}

/** What the view adds to a claim's panel: counterarguments (attack view), pro/con columns. */
export interface DetailExtras {
  verdict: VerdictInfo | null;
  counters: Counter[] | null;
  procon: ProCon | null;
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

export function renderDetail(el: HTMLElement, detail: ClaimDetail, actions: DetailActions, extras: DetailExtras = { verdict: null, counters: null, procon: null }): void {
  const { verdict } = extras;
  const { claim } = detail;
  el.replaceChildren();
  append(
    el,
    [
      h("button", { type: "button", class: "close", "aria-label": "Close details", onclick: () => actions.close() }, "×"),
      actions.back ? h("button", { type: "button", class: "back", "data-testid": "back", onclick: () => actions.back!.go() }, `← ${actions.back.label}`) : null,
      kindBadge(claim.kind),
      // A report is shown as what its speaker says, apart from the author's own assertions.
      detail.speaker ? h("p", { class: "speaker", "data-testid": "claim-speaker" }, `${detail.speaker.name} claims:`) : null,
      h("h2", { "data-testid": "claim-text" }, claim.text),
      h("blockquote", { "data-testid": "claim-quote" }, claim.quote),
      verdict ? verdictSection(verdict, claim.kind, actions) : null,
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", onclick: () => actions.showInArticle(claim) }, "Show in article"),
        h("button", { type: "button", onclick: () => actions.trace("support") }, "What supports this"),
        h("button", { type: "button", onclick: () => actions.trace("attack") }, "What attacks this"),
        h("button", { type: "button", "aria-pressed": String(extras.procon !== null), "data-testid": "procon-toggle", onclick: () => actions.toggleProCon() }, "Pros & cons"),
      ),
      extras.procon ? proConSection(extras.procon, actions) : null,
      extras.counters ? counterSection(extras.counters, actions) : null,
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

function counterSection(counters: Counter[], actions: DetailActions) {
  return [
    h("h3", {}, "Counterarguments"),
    counters.length === 0
      ? h("p", { class: "empty" }, "Nothing in the map attacks it.")
      : h(
          "ul",
          { "data-testid": "counterarguments" },
          counters.map((c) => h("li", { "data-claim": c.claim.id }, link(c.claim, actions), " ", answerNote(c, actions))),
        ),
  ];
}

/** "answered by …" or "unanswered", with the evaluation's label when the overlay is on. */
export function answerNote(c: Counter, actions: Pick<DetailActions, "select">) {
  const label = c.label ? ` (${c.label.toUpperCase()})` : "";
  return c.answeredBy.length
    ? h("span", { class: "answer", "data-testid": "answer" }, `— answered by `, ...c.answeredBy.flatMap((a, i) => [i ? "; " : "", link(a, actions)]), label)
    : h("span", { class: "answer unanswered", "data-testid": "answer" }, `— unanswered${label}`);
}

function proConSection(tree: ProCon, actions: DetailActions) {
  const items = (list: ProCon[], side: "pro" | "con"): HTMLElement =>
    h(
      "ul",
      {},
      list.map((p) =>
        h(
          "li",
          { class: side },
          link(p.claim, actions),
          p.pros.length ? h("div", {}, h("span", { class: "visually-hidden" }, "Pros:"), items(p.pros, "pro")) : null,
          p.cons.length ? h("div", {}, h("span", { class: "visually-hidden" }, "Cons:"), items(p.cons, "con")) : null,
        ),
      ),
    );
  return h(
    "section",
    { class: "procon", "data-testid": "procon", "aria-label": "Pros and cons" },
    h("div", {}, h("h3", {}, `Pros (${tree.pros.length})`), tree.pros.length ? items(tree.pros, "pro") : h("p", { class: "empty" }, "none")),
    h("div", {}, h("h3", {}, `Cons (${tree.cons.length})`), tree.cons.length ? items(tree.cons, "con") : h("p", { class: "empty" }, "none")),
  );
}
