/** What changed between two revisions, and what that did to coverage and to the grounded evaluation. */
import type { Diff, EditedClaim, Relation } from "../../contract/workbench.js";
import { evaluateMap } from "../argumentation/map-evaluation.js";
import { coverageTotals } from "../../contract/coverage.js";
import { CLAIM_FIELDS, infoFieldsChanged, infoOf, toContents, type MapState } from "./state.js";
import { attackGraphOf } from "./views.js";

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function groundedLabels(state: MapState, revision: string): Record<string, "in" | "out" | "undec"> {
  return evaluateMap({ ...attackGraphOf(toContents(state, revision)), without: [], semantics: "grounded" }).labels;
}

export function diffStates(fromRevision: string, from: MapState, toRevision: string, to: MapState): Diff {
  const added: EditedClaim[] = [];
  const removed: EditedClaim[] = [];
  const changed: Diff["claims"]["changed"] = [];
  for (const [id, a] of from.claims) {
    const b = to.claims.get(id);
    if (!b) removed.push(a);
    else {
      const fields = CLAIM_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      if (fields.length) changed.push({ id, before: a, after: b, fields: [...fields] });
    }
  }
  for (const [id, b] of to.claims) if (!from.claims.has(id)) added.push(b);
  const rAdded: Relation[] = [];
  const rRemoved: Relation[] = [];
  const rChanged: Diff["relations"]["changed"] = [];
  for (const [key, a] of from.relations) {
    const b = to.relations.get(key);
    if (!b) rRemoved.push(a);
    else if (JSON.stringify(a) !== JSON.stringify(b)) rChanged.push({ key, before: a, after: b });
  }
  for (const [key, b] of to.relations) if (!from.relations.has(key)) rAdded.push(b);
  const labelsFrom = groundedLabels(from, fromRevision);
  const labelsTo = groundedLabels(to, toRevision);
  const evaluation: Diff["evaluation"]["changed"] = [];
  for (const claim of [...new Set([...Object.keys(labelsFrom), ...Object.keys(labelsTo)])].sort()) {
    if (labelsFrom[claim] !== labelsTo[claim]) evaluation.push({ claim, from: labelsFrom[claim] ?? null, to: labelsTo[claim] ?? null });
  }
  const info = { before: infoOf(from), after: infoOf(to) };
  const infoFields = infoFieldsChanged(info.before, info.after);
  return {
    from: fromRevision,
    to: toRevision,
    claims: { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) },
    relations: { added: rAdded.sort(byKey), removed: rRemoved.sort(byKey), changed: rChanged.sort(byKey) },
    info: infoFields.length ? { ...info, fields: infoFields } : null,
    // Only the totals: the whole report (findings walk support trees) would cost a 10,000-claim diff ~200 ms a side.
    coverage: { from: coverageTotals([...from.claims.values()]), to: coverageTotals([...to.claims.values()]) },
    evaluation: { semantics: "grounded", changed: evaluation },
  };
}
