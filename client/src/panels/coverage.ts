/**
 * The editors' view: totals; every uncited claim in a table filterable by kind; the findings
 * sorted by severity in a sortable table whose rows show the claims involved; CSV of both.
 */
import { CLAIM_KINDS, type CoverageReport, type Finding } from "../api.js";
import { h } from "../dom.js";
import { KIND_STYLE } from "../graph/appearance.js";
import { kindBadge } from "./legend.js";

export interface CoverageActions {
  /** A finding row was chosen (its index in the report), or cleared. */
  chooseFinding(index: number | null): void;
  openClaim(id: string): void;
  downloadCsv(): void;
  close(): void;
}

/** How much a finding undermines the map: unsupported reasoning first, bookkeeping last. */
export const SEVERITY: Record<string, { rank: number; label: string }> = {
  "dangling-support": { rank: 3, label: "high" },
  "uncited-figure": { rank: 2, label: "medium" },
  "repeated-figure": { rank: 2, label: "medium" },
  "uncited-claim": { rank: 2, label: "medium" },
  "self-citation": { rank: 2, label: "medium" },
  "marker-without-note": { rank: 2, label: "medium" },
  "duplicate-citation": { rank: 1, label: "low" },
  "missing-date": { rank: 1, label: "low" },
  "unused-citation": { rank: 1, label: "low" },
  "note-without-marker": { rank: 1, label: "low" },
  "unparsed-note": { rank: 1, label: "low" },
};
const severityOf = (f: Finding) => SEVERITY[f.kind] ?? { rank: 0, label: "info" };

type SortKey = "severity" | "kind" | "message" | "citations" | "claims";
export interface CoverageUi {
  sort: { key: SortKey; ascending: boolean };
  kindFilter: string;
}

/** The findings and one row per uncited claim: the CSV has everything the panel lists. */
export function coverageRowsForCsv(report: CoverageReport): CoverageReport {
  const uncitedRows = report.uncited.map((c) => ({ kind: "uncited" as Finding["kind"], message: `${c.kind}: ${c.text}`, citations: [], claims: [c.id] }));
  return { ...report, findings: [...report.findings, ...uncitedRows] };
}

export function renderCoverage(el: HTMLElement, report: CoverageReport, selected: number | null, actions: CoverageActions, ui: CoverageUi = { sort: { key: "severity", ascending: false }, kindFilter: "" }): void {
  const rerender = (patch: Partial<CoverageUi>) => renderCoverage(el, report, selected, actions, Object.assign(ui, patch));
  const { sort } = ui;
  const value = (f: Finding, key: SortKey): string | number =>
    key === "severity" ? severityOf(f).rank : key === "citations" ? (f.citations?.[0] ?? Infinity) : key === "claims" ? (f.claims?.length ?? 0) : f[key];
  const rows = report.findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => {
      const [x, y] = [value(a.f, sort.key), value(b.f, sort.key)];
      const order = x < y ? -1 : x > y ? 1 : a.index - b.index;
      return sort.ascending ? order : -order;
    });
  const header = (key: SortKey, title: string) =>
    h(
      "th",
      { scope: "col", "aria-sort": sort.key === key ? (sort.ascending ? "ascending" : "descending") : "none" },
      h("button", { type: "button", class: "link", "data-sort": key, onclick: () => rerender({ sort: { key, ascending: sort.key === key ? !sort.ascending : key !== "severity" } }) }, title, sort.key === key ? (sort.ascending ? " ▲" : " ▼") : ""),
    );
  const activate = (tr: HTMLElement, go: () => void) => {
    tr.addEventListener("click", go);
    tr.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        go();
      }
    });
    return tr;
  };
  // A map made from a document has no claims until someone analyses it: no column of zeros.
  const withClaims = report.totals.claims > 0;
  const uncited = report.uncited.filter((c) => !ui.kindFilter || c.kind === ui.kindFilter);
  const filter = h(
    "select",
    { id: "uncited-kind", "data-testid": "uncited-kind", onchange: (ev: Event) => rerender({ kindFilter: (ev.target as HTMLSelectElement).value }) },
    h("option", { value: "" }, "all kinds"),
    CLAIM_KINDS.map((k) => h("option", { value: k, ...(ui.kindFilter === k ? { selected: true } : {}) }, KIND_STYLE[k].label)),
  );
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close coverage", onclick: () => actions.close() }, "×"),
    h("h2", {}, "Citation coverage"),
    h("p", { "data-testid": "coverage-totals" }, totalsLine(report)),
    h("div", { class: "row" }, h("button", { type: "button", "data-testid": "coverage-csv", onclick: () => actions.downloadCsv() }, "Download CSV (findings and uncited claims)")),
    h("h3", {}, `Findings (${report.findings.length}), most severe first`),
    h(
      "table",
      { class: "findings", "data-testid": "findings" },
      h("thead", {}, h("tr", {}, header("severity", "Severity"), header("kind", "Kind"), header("message", "Finding"), header("citations", "Notes"), withClaims && header("claims", "Claims"), h("th", { scope: "col" }, "Figures"))),
      h(
        "tbody",
        {},
        rows.map(({ f, index }) =>
          activate(
            h(
              "tr",
              {
                tabindex: "0",
                "data-kind": f.kind,
                "data-index": index,
                class: index === selected ? "active" : "",
                "aria-selected": String(index === selected),
                title: f.sentences?.length ? "Show the sentence in the text" : "Show the claims involved",
              },
              h("td", {}, severityOf(f).label),
              h("td", { class: "kind" }, f.kind),
              h("td", {}, f.message),
              h("td", {}, (f.citations ?? []).join(", ")),
              withClaims && h("td", {}, String(f.claims?.length ?? 0)),
              h("td", { class: "figures" }, (f.figures ?? []).join("; ")),
            ),
            () => actions.chooseFinding(index === selected ? null : index),
          ),
        ),
      ),
    ),
    ...(!withClaims ? [] : uncitedSection(uncited, report, filter, activate, actions)),
  );
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

function totalsLine(report: CoverageReport): string {
  const { totals, sentences } = report;
  const bySentence = sentences ? `${sentences.cited} of ${sentences.sentences} sentences carry a footnote (${percent(sentences.ratio)})` : "";
  // A map made from a document has no claims until someone analyses it: its sentences are what is covered.
  if (sentences && totals.claims === 0) return `${bySentence}; no claims yet. Choose a finding to see its sentence in the text.`;
  const byClaim = `${totals.cited} of ${totals.claims} claims cite a source (${percent(totals.ratio)}); ${totals.uncited} do not, drawn with a double black ring.`;
  return sentences ? `${byClaim} ${bySentence}.` : byClaim;
}

function uncitedSection(
  uncited: CoverageReport["uncited"],
  report: CoverageReport,
  filter: HTMLElement,
  activate: (tr: HTMLElement, go: () => void) => HTMLElement,
  actions: CoverageActions,
): HTMLElement[] {
  return [
    h("h3", { id: "uncited-heading" }, `Uncited claims (${uncited.length} of ${report.uncited.length})`),
    h("div", { class: "row" }, h("label", { for: "uncited-kind" }, "Kind "), filter),
    h(
      "table",
      { class: "claims-table", "data-testid": "uncited", "aria-labelledby": "uncited-heading" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Claim"))),
      h(
        "tbody",
        {},
        uncited.map((c) =>
          activate(h("tr", { tabindex: "0", "data-claim": c.id, title: "Open this claim" }, h("td", {}, kindBadge(c.kind)), h("td", {}, c.text)), () => actions.openClaim(c.id)),
        ),
      ),
    ),
  ];
}
