/**
 * The map's history: every revision, newest first, with who made it, when
 * and what. Two revisions selected → their diff (claims and relations added,
 * removed and changed) and what it did to coverage and to the evaluation.
 * Restoring an old revision makes it the newest one: nothing is rewritten.
 */
import { h } from "../dom.js";
import { openDialog, type DialogHandle } from "./dialog.js";
import { EditError, editApi, type Diff, type EditedClaim, type Op, type Relation, type Revision } from "./server.js";

export interface HistoryOptions {
  canRestore: boolean;
  current(): string | null;
  restore(revision: string, dialog: DialogHandle): Promise<boolean>;
}

const short = (rev: string) => rev.slice(0, 8);

const OP_WORDS: Record<string, string> = {
  load: "loaded the map",
  "claim.create": "created claim",
  "claim.update": "edited claim",
  "claim.delete": "deleted claim",
  "claim.merge": "merged claim",
  "relation.create": "linked",
  "relation.delete": "unlinked",
  restore: "restored revision",
  undo: "undid revision",
  "map.update": "changed the document's",
};

/** A one-line account of an operation. */
export function describeOp(op: Op | null | undefined): string {
  if (!op) return "";
  const subject = op.type === "restore" || op.type === "undo" ? op.revision && short(op.revision) : op.type === "map.update" ? (op.fields?.length ? op.fields.join(", ") : "details (unchanged)") : (op.key ?? op.claim);
  return [OP_WORDS[op.type] ?? op.type, subject, op.into ? `into ${op.into}` : null, op.status ? `(${op.status})` : null].filter(Boolean).join(" ");
}

const claimLine = (c: EditedClaim) => `${c.id} (${c.kind}): ${c.text}`;
const relationLine = (r: Relation) => `${r.source} ${r.type.toLowerCase()} ${r.target}${r.inference ? ` (the inference from ${r.inference})` : ""}`;

function group(title: string, testId: string, items: string[]): HTMLElement | null {
  return items.length ? h("div", { "data-testid": testId }, h("h4", {}, `${title} (${items.length})`), h("ul", {}, items.map((i) => h("li", {}, i)))) : null;
}

function renderDiff(d: Diff): HTMLElement {
  const pct = (r: number) => `${Math.round(r * 100)}%`;
  const c = d.coverage;
  const field = (claim: object, name: string): unknown => Object.entries(claim).find(([key]) => key === name)?.[1];
  const claimChanges = d.claims.changed.map((x) => `${x.id}: ${x.fields.map((f) => `${f} ${JSON.stringify(field(x.before, f))} → ${JSON.stringify(field(x.after, f))}`).join("; ")}`);
  const parts = [
    group("Claims added", "diff-claims-added", d.claims.added.map(claimLine)),
    group("Claims removed", "diff-claims-removed", d.claims.removed.map(claimLine)),
    group("Claims changed", "diff-claims-changed", claimChanges),
    group("Relations added", "diff-relations-added", d.relations.added.map(relationLine)),
    group("Relations removed", "diff-relations-removed", d.relations.removed.map(relationLine)),
    group("Relations changed", "diff-relations-changed", d.relations.changed.map((x) => `${relationLine(x.after)} (was: ${relationLine(x.before)})`)),
    group("Document details changed", "diff-info", (d.info?.fields ?? []).map((f) => `${f}: ${JSON.stringify(d.info!.before[f])} → ${JSON.stringify(d.info!.after[f])}`)),
  ].filter((p) => p !== null);
  return h(
    "div",
    { class: "diff" },
    h("h3", {}, `From ${short(d.from)} to ${short(d.to)}`),
    parts.length ? parts : h("p", { class: "empty" }, "No claim, relation or document detail differs."),
    h("h3", {}, "Effect"),
    h("p", { "data-testid": "diff-coverage" }, `Coverage: ${c.from.cited} of ${c.from.claims} claims cited (${pct(c.from.ratio)}) → ${c.to.cited} of ${c.to.claims} (${pct(c.to.ratio)})`),
    d.evaluation.changed.length
      ? h(
          "div",
          {},
          h("p", {}, `Evaluation (${d.evaluation.semantics}), labels that changed:`),
          h("ul", { "data-testid": "diff-evaluation" }, d.evaluation.changed.map((x) => h("li", {}, `${x.claim}: ${x.from ?? "—"} → ${x.to ?? "—"}`))),
        )
      : h("p", { "data-testid": "diff-evaluation" }, `Evaluation (${d.evaluation.semantics}): no label changed.`),
  );
}

export function openHistory(map: string, options: HistoryOptions): void {
  const list = h("ol", { class: "history-list", "data-testid": "history-list" }, h("li", { class: "empty" }, "Loading…"));
  const diffHolder = h("div", { "data-testid": "diff" });
  const compare = h("button", { type: "button", "data-testid": "diff-compare", disabled: true }, "Compare the two selected");
  let revisions: Revision[] = [];
  /** In the order they were checked: a third check drops the first. */
  let picked: string[] = [];

  const dialog = openDialog({
    title: "History",
    testId: "history-dialog",
    content: [h("p", { class: "edit-hint" }, "Newest first. Select two revisions to compare them."), compare, list, diffHolder],
  });
  dialog.el.classList.add("wide");

  list.addEventListener("change", (ev) => {
    const box = ev.target as HTMLInputElement;
    const rev = box.dataset.revision!;
    picked = box.checked ? [...picked.filter((r) => r !== rev), rev] : picked.filter((r) => r !== rev);
    if (picked.length > 2) {
      const dropped = picked.shift()!;
      const other = list.querySelector<HTMLInputElement>(`input[data-revision="${CSS.escape(dropped)}"]`);
      if (other) other.checked = false;
    }
    compare.disabled = picked.length !== 2;
  });
  const compareRevisions = async () => {
    const order = (r: string) => revisions.findIndex((x) => x.revision === r);
    const [from, to] = [...picked].sort((a, b) => order(b) - order(a)); // the list is newest first
    if (from === undefined || to === undefined) return; // the button is enabled only with two picked
    diffHolder.replaceChildren(h("p", { class: "empty" }, "Comparing…"));
    dialog.error(null);
    try {
      diffHolder.replaceChildren(renderDiff(await editApi.diff(map, from, to)));
    } catch (err) {
      diffHolder.replaceChildren();
      dialog.error(err instanceof EditError ? err.message : String(err));
    }
  };
  compare.addEventListener("click", () => void compareRevisions());

  const load = async () => {
    try {
      revisions = (await editApi.history(map)).revisions;
    } catch (err) {
      list.replaceChildren();
      dialog.error(err instanceof EditError ? err.message : String(err));
      return;
    }
    picked = [];
    compare.disabled = true;
    const current = options.current();
    list.replaceChildren(
      ...revisions.map((r) =>
        h(
          "li",
          { "data-revision": r.revision, "data-op": r.op.type },
          h("label", {}, h("input", { type: "checkbox", "data-revision": r.revision, "aria-label": `select revision ${short(r.revision)}` }), h("code", {}, short(r.revision))),
          h("span", { class: "who", title: r.user }, r.user),
          h("time", { datetime: r.at }, new Date(r.at).toLocaleString()),
          h("span", { class: "op" }, describeOp(r.op)),
          r.revision === current
            ? h("span", { class: "edit-hint" }, "current")
            : options.canRestore
              ? h("button", { type: "button", "data-testid": "restore", onclick: () => void options.restore(r.revision, dialog).then(async (restored) => {
                    if (restored) await load();
                  }) }, "Restore")
              : h("span", {}),
        ),
      ),
    );
    if (!revisions.length) list.replaceChildren(h("li", { class: "empty" }, "No edits yet."));
  };
  void load();
}
