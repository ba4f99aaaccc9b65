/** Every footnote: its text, date, link, the editors' flags on it and the claims that carry it. */
import type { CoverageReport } from "../api.js";
import { h, safeHref } from "../dom.js";
import { claimRef, type ClaimRef } from "../map/arguments.js";
import type { MapGraph } from "../map/types.js";

export interface CitationEntry {
  n: number;
  text: string;
  date: string | null;
  url: string | null;
  flags: string[];
  claims: ClaimRef[];
}

/** Read from the loaded graph (citation nodes and CITES edges) and the coverage findings. */
export function citationEntries(graph: MapGraph, report: CoverageReport | null): CitationEntry[] {
  const entries: CitationEntry[] = [];
  graph.forEachNode((node, a) => {
    if (a.nodeType !== "citation" || typeof a.n !== "number") return;
    const n = a.n;
    const text = [a.authors, a.title ? `“${a.title}”` : null, a.publisher].filter(Boolean).join(", ") || String(a.label ?? `[${n}]`);
    const claims = graph
      .inEdges(node)
      .filter((e) => graph.getEdgeAttribute(e, "type") === "CITES")
      .map((e) => claimRef(graph, graph.source(e)));
    const flags = (report?.findings ?? []).filter((f) => f.citations?.includes(n)).map((f) => f.kind);
    entries.push({ n, text, date: (a.date as string | null) ?? null, url: (a.url as string | null) ?? null, flags: [...new Set(flags)], claims });
  });
  return entries.sort((x, y) => x.n - y.n);
}

export function renderCitations(
  el: HTMLElement,
  entries: CitationEntry[],
  selected: number | null,
  actions: { choose(n: number | null): void; openClaim(id: string): void; close(): void },
): void {
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close citations", onclick: () => actions.close() }, "×"),
    h("h2", {}, `Citations (${entries.length})`),
    h("p", {}, "Choose a footnote to highlight the claims that carry it."),
    h(
      "ul",
      { class: "citations-list", "data-testid": "citations-list" },
      entries.map((c) => {
        const href = safeHref(c.url);
        return h(
          "li",
          { "data-n": c.n, class: c.n === selected ? "active" : "" },
          h("button", { type: "button", class: "link", "aria-pressed": String(c.n === selected), "data-testid": "citation-choose", onclick: () => actions.choose(c.n === selected ? null : c.n) }, `[${c.n}] ${c.text}`),
          h("div", {}, c.date ? `Date: ${c.date}` : h("span", { class: "flag" }, "no date"), " ", href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, "link") : c.url ? `link: ${c.url}` : "no link"),
          c.flags.length ? h("div", {}, c.flags.map((f) => h("span", { class: "flag" }, f))) : null,
          h(
            "details",
            { ...(c.n === selected ? { open: true } : {}) },
            h("summary", {}, `${c.claims.length} claim${c.claims.length === 1 ? "" : "s"} carry it`),
            h("ul", {}, c.claims.map((claim) => h("li", {}, h("button", { type: "button", class: "link", "data-claim": claim.id, onclick: () => actions.openClaim(claim.id) }, claim.text)))),
          ),
        );
      }),
    ),
  );
}
