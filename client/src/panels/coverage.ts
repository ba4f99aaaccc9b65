/** The editors' view: totals, and the findings as a sortable table whose rows select the claims involved. */
import type { CoverageReport, Finding } from "../api.js";
import { h } from "../dom.js";

export interface CoverageActions {
  focusFinding(finding: Finding): void;
  downloadCsv(): void;
  close(): void;
}

type SortKey = "kind" | "message" | "citations" | "claims";

export function renderCoverage(el: HTMLElement, report: CoverageReport, actions: CoverageActions, sort: { key: SortKey; ascending: boolean } = { key: "kind", ascending: true }): void {
  const value = (f: Finding, key: SortKey): string | number =>
    key === "citations" ? (f.citations?.[0] ?? Infinity) : key === "claims" ? (f.claims?.length ?? 0) : f[key];
  const rows = [...report.findings].sort((a, b) => {
    const [x, y] = [value(a, sort.key), value(b, sort.key)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.ascending ? order : -order;
  });
  const header = (key: SortKey, title: string) =>
    h(
      "th",
      { scope: "col", "aria-sort": sort.key === key ? (sort.ascending ? "ascending" : "descending") : "none" },
      h(
        "button",
        {
          type: "button",
          class: "link",
          "data-sort": key,
          onclick: () => renderCoverage(el, report, actions, { key, ascending: sort.key === key ? !sort.ascending : true }),
        },
        title,
        sort.key === key ? (sort.ascending ? " ▲" : " ▼") : "",
      ),
    );
  const pct = Math.round(report.totals.ratio * 100);
  el.replaceChildren(
    h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => actions.close() }, "×"),
    h("h2", {}, "Citation coverage"),
    h(
      "p",
      { "data-testid": "coverage-totals" },
      `${report.totals.cited} of ${report.totals.claims} claims cite a source (${pct}%); ${report.totals.uncited} do not, shown as hollow rings.`,
    ),
    h("div", { class: "row" }, h("button", { type: "button", "data-testid": "coverage-csv", onclick: () => actions.downloadCsv() }, "Download CSV")),
    h(
      "table",
      { class: "findings", "data-testid": "findings" },
      h("thead", {}, h("tr", {}, header("kind", "Kind"), header("message", "Finding"), header("citations", "Notes"), header("claims", "Claims"))),
      h(
        "tbody",
        {},
        rows.map((f) => {
          const tr = h(
            "tr",
            { tabindex: "0", "data-kind": f.kind, title: "Show the claims involved" },
            h("td", { class: "kind" }, f.kind),
            h("td", {}, f.message),
            h("td", {}, (f.citations ?? []).join(", ")),
            h("td", {}, String(f.claims?.length ?? 0)),
          );
          const choose = () => {
            for (const r of el.querySelectorAll("tr.active")) r.classList.remove("active");
            tr.classList.add("active");
            actions.focusFinding(f);
          };
          tr.addEventListener("click", choose);
          tr.addEventListener("keydown", (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              choose();
            }
          });
          return tr;
        }),
      ),
    ),
  );
}
