/** What changed between two revisions, and what that did to coverage and to the grounded evaluation. */
import type { Diff, EditedClaim, Relation } from "../../contract/workbench.js";
import { evaluateMap } from "../argumentation/map-evaluation.js";
import { coverageTotals } from "../../contract/coverage.js";
import { CLAIM_FIELDS, infoFieldsChanged, infoOf, type MapState } from "./state.js";

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

type Label = "in" | "out" | "undec";

/** Labels of the claims some ATTACKS touches, by state: a revision's content never changes, and the cache dies with its state. */
const attackedLabels = new WeakMap<MapState, Map<string, Label>>();

/**
 * The grounded label of each claim an attack touches; every other claim is IN. Sound because grounded
 * semantics is directional (Baroni & Giacomin 2007): the claims touched by attacks are closed under
 * attackers, so their labels are those of the framework they span alone, and a claim no attack touches
 * has no attacker. A 10,000-claim map with a few attacks is evaluated on those few.
 */
function attackLabels(state: MapState): Map<string, Label> {
  const known = attackedLabels.get(state);
  if (known) return known;
  const attacks: { source: string; target: string }[] = [];
  const touched = new Set<string>();
  for (const r of state.relations.values()) {
    if (r.type !== "ATTACKS" || !state.claims.has(r.source) || !state.claims.has(r.target)) continue;
    attacks.push({ source: r.source, target: r.target });
    touched.add(r.source).add(r.target);
  }
  const labels = new Map(Object.entries(touched.size ? evaluateMap({ claims: [...touched], attacks, without: [], semantics: "grounded" }).labels : {}));
  attackedLabels.set(state, labels);
  return labels;
}

/** Every claim's grounded label (the evaluation route's answer for this state). */
export function groundedLabels(state: MapState): Record<string, Label> {
  const attacked = attackLabels(state);
  return Object.fromEntries([...state.claims.keys()].map((id) => [id, attacked.get(id) ?? "in"]));
}

const fieldsChanged = (a: EditedClaim, b: EditedClaim) => CLAIM_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));

export function diffStates(fromRevision: string, from: MapState, toRevision: string, to: MapState): Diff {
  const [labelsFrom, labelsTo] = [attackLabels(from), attackLabels(to)];
  const labelOf = (state: MapState, labels: Map<string, Label>, id: string) => (state.claims.has(id) ? (labels.get(id) ?? "in") : null);
  // The claims the diff names (in one state only, changed, or labelled otherwise), sorted once: every list is by id.
  const named: string[] = [];
  for (const [id, a] of from.claims) {
    const b = to.claims.get(id);
    // States rebuilt from one another share the claims no operation touched between them.
    if (!b || (a !== b && fieldsChanged(a, b).length) || labelOf(from, labelsFrom, id) !== labelOf(to, labelsTo, id)) named.push(id);
  }
  for (const id of to.claims.keys()) if (!from.claims.has(id)) named.push(id);
  named.sort();
  const added: EditedClaim[] = [];
  const removed: EditedClaim[] = [];
  const changed: Diff["claims"]["changed"] = [];
  const evaluation: Diff["evaluation"]["changed"] = [];
  for (const id of named) {
    const [a, b] = [from.claims.get(id), to.claims.get(id)];
    if (a && b) {
      const fields = a === b ? [] : fieldsChanged(a, b);
      if (fields.length) changed.push({ id, before: a, after: b, fields });
    } else if (a) removed.push(a);
    else if (b) added.push(b);
    const [labelA, labelB] = [labelOf(from, labelsFrom, id), labelOf(to, labelsTo, id)];
    if (labelA !== labelB) evaluation.push({ claim: id, from: labelA, to: labelB });
  }
  const rAdded: Relation[] = [];
  const rRemoved: Relation[] = [];
  const rChanged: Diff["relations"]["changed"] = [];
  for (const [key, a] of from.relations) {
    const b = to.relations.get(key);
    if (!b) rRemoved.push(a);
    else if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) rChanged.push({ key, before: a, after: b });
  }
  for (const [key, b] of to.relations) if (!from.relations.has(key)) rAdded.push(b);
  const info = { before: infoOf(from), after: infoOf(to) };
  const infoFields = infoFieldsChanged(info.before, info.after);
  return {
    from: fromRevision,
    to: toRevision,
    claims: { added, removed, changed },
    relations: { added: rAdded.sort(byKey), removed: rRemoved.sort(byKey), changed: rChanged.sort(byKey) },
    info: infoFields.length ? { ...info, fields: infoFields } : null,
    // Only the totals: the whole report (findings walk support trees) would cost a 10,000-claim diff ~200 ms a side.
    coverage: { from: coverageTotals([...from.claims.values()]), to: coverageTotals([...to.claims.values()]) },
    evaluation: { semantics: "grounded", changed: evaluation },
  };
}
