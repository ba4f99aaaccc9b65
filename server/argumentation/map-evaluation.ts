/**
 * Which claims of a map stand. The structured reading (README, "How claims are
 * evaluated"): every stated claim is an ordinary premise, every SUPPORTS a
 * one-premise defeasible rule, every ATTACKS a contrary (an asymmetric attack
 * that always succeeds). Because each claim is itself a premise, the premise
 * argument for a claim has no attacker that an argument deriving the same claim
 * through supports lacks; so a claim's status is the status of its premise
 * argument, and the structured framework reduces exactly to the Dung framework
 * (claims, ATTACKS). Withdrawing a claim removes it, and every argument that
 * uses it, from the framework.
 *
 * An UNDERCUTS edge u → t with inference s attacks the rule s ⇒ t, so it attacks
 * exactly the arguments that apply that rule, never a premise argument: claim
 * labels stay those of (claims, ATTACKS), and what undercuts change is the label
 * of the derived argument [s] ⇒ t, reported per undercut inference.
 */
import { PROPOSAL_READINGS, type ProposalReading } from "../../contract/model.js";
import { must } from "../../contract/errors.js";
import { at, fromEdges, type Label, type SearchLimits, type Semantics } from "./framework.js";
import { extensionsOf, groundedLabels, labelsOf } from "./solve.js";

export interface MapEvaluationInput {
  claims: string[];
  attacks: { source: string; target: string }[];
  /** u undercuts the inference `inference` ⇒ `target`. */
  undercuts?: { source: string; inference: string; target: string }[];
  without: string[];
  semantics: Semantics;
  limits?: SearchLimits;
  /** Ids of the claims that are proposals (options, remedies). */
  proposals?: string[];
}

export interface MapEvaluation {
  semantics: Semantics;
  labels: Record<string, Label>;
  extensions: string[][];
  /** The claims left out. */
  without: string[];
  /** For each OUT claim its IN attackers; for each UNDEC claim its UNDEC attackers: why it does not stand. */
  defeatedBy: Record<string, string[]>;
  acceptance: Record<string, { credulous: boolean; sceptical: boolean }>;
  /**
   * Every undercut inference s ⇒ t whose claims are both kept: the label of the argument
   * [s] ⇒ t, and why it falls (its IN undercutters if OUT, its UNDEC undercutters if UNDEC).
   */
  inferences: InferenceStatus[];
  /** Each proposal's label read as a proposal: acceptable (in), not acceptable (out), undecided (undec). */
  proposals: Record<string, ProposalReading>;
}

export interface InferenceStatus {
  inference: string;
  target: string;
  label: Label;
  undercutBy: string[];
  defeatedBy: string[];
}

/**
 * The argument [s] ⇒ t is attacked by the attackers of s (undermining), of t (rebutting its
 * conclusion) and by the undercutters of the rule. Each of these is represented by its claim's
 * premise argument, the best-defended argument for that claim, so its label is read off the
 * claim labels: IN when s and t are IN and every undercutter is OUT; OUT when s or t is OUT
 * or an undercutter is IN; UNDEC otherwise.
 */
function inferenceStatuses(labels: Record<string, Label>, undercuts: NonNullable<MapEvaluationInput["undercuts"]>): InferenceStatus[] {
  const byRule = new Map<string, { inference: string; target: string; undercutBy: string[] }>();
  for (const u of undercuts) {
    if (!(u.inference in labels) || !(u.target in labels)) continue;
    const key = `${u.inference}>${u.target}`;
    const rule = byRule.get(key) ?? { inference: u.inference, target: u.target, undercutBy: [] };
    if (u.source in labels) rule.undercutBy.push(u.source);
    byRule.set(key, rule);
  }
  return [...byRule.values()]
    .map((r) => {
      const undercutBy = r.undercutBy.sort();
      const ends = [labels[r.inference], labels[r.target]];
      const cutters = undercutBy.map((u) => labels[u]);
      const label: Label =
        ends.includes("out") || cutters.includes("in") ? "out" : ends.every((l) => l === "in") && cutters.every((l) => l === "out") ? "in" : "undec";
      const defeatedBy = label === "in" ? [] : undercutBy.filter((u) => labels[u] === (label === "out" ? "in" : "undec"));
      return { inference: r.inference, target: r.target, label, undercutBy, defeatedBy };
    })
    .sort((a, b) => (`${a.target}<${a.inference}` < `${b.target}<${b.inference}` ? -1 : 1));
}

export function evaluateMap(input: MapEvaluationInput): MapEvaluation {
  const withdrawn = new Set(input.without);
  const names = input.claims.filter((c) => !withdrawn.has(c)).sort();
  const index = new Map(names.map((c, i) => [c, i]));
  const kept = input.attacks.filter((a) => index.has(a.source) && index.has(a.target));
  const af = fromEdges(
    names,
    Int32Array.from(kept, (a) => index.get(a.source)!),
    Int32Array.from(kept, (a) => index.get(a.target)!),
  );
  const extensionIdx = extensionsOf(af, input.semantics, input.limits);
  const labelList = input.semantics === "grounded" ? groundedLabels(af) : labelsOf(af, extensionIdx);
  const labels: Record<string, Label> = {};
  names.forEach((c, i) => (labels[c] = must(labelList[i], `the label of ${c}`)));

  const defeatedBy: Record<string, string[]> = {};
  names.forEach((c, i) => {
    if (labelList[i] === "in") return;
    const wanted: Label = labelList[i] === "out" ? "in" : "undec";
    const reasons: string[] = [];
    for (const attacker of af.attackers.subarray(at(af.attackerStart, i), at(af.attackerStart, i + 1))) {
      if (labelList[attacker] === wanted) reasons.push(must(names[attacker], `argument ${attacker}`));
    }
    defeatedBy[c] = reasons.sort();
  });

  const extensions = extensionIdx.map((e) => e.map((i) => must(names[i], `argument ${i}`)).sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));
  const acceptance: MapEvaluation["acceptance"] = {};
  const membership = names.map(() => 0);
  for (const e of extensionIdx) for (const i of e) membership[i] = at(membership, i) + 1;
  names.forEach((c, i) => {
    const count = at(membership, i);
    acceptance[c] = { credulous: count > 0, sceptical: count === extensionIdx.length };
  });
  const inferences = inferenceStatuses(labels, input.undercuts ?? []);
  const proposals: Record<string, ProposalReading> = {};
  for (const id of [...(input.proposals ?? [])].sort()) {
    const label = labels[id];
    if (label !== undefined) proposals[id] = PROPOSAL_READINGS[label];
  }
  return { semantics: input.semantics, labels, extensions, without: [...withdrawn].sort(), defeatedBy, acceptance, inferences, proposals };
}
