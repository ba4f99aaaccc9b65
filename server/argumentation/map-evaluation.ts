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
 */
import { fromEdges, type Label, type Semantics } from "./framework.js";
import { extensionsOf, groundedLabels, labelsOf } from "./solve.js";

export interface MapEvaluationInput {
  claims: string[];
  attacks: { source: string; target: string }[];
  without: string[];
  semantics: Semantics;
  limit?: number;
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
  const extensionIdx = extensionsOf(af, input.semantics, input.limit);
  const labelList = input.semantics === "grounded" ? groundedLabels(af) : labelsOf(af, extensionIdx);
  const labels: Record<string, Label> = {};
  names.forEach((c, i) => (labels[c] = labelList[i]));

  const defeatedBy: Record<string, string[]> = {};
  names.forEach((c, i) => {
    if (labelList[i] === "in") return;
    const wanted: Label = labelList[i] === "out" ? "in" : "undec";
    const reasons: string[] = [];
    for (let k = af.attackerStart[i]; k < af.attackerStart[i + 1]; k++) {
      const attacker = af.attackers[k];
      if (labelList[attacker] === wanted) reasons.push(names[attacker]);
    }
    defeatedBy[c] = reasons.sort();
  });

  const extensions = extensionIdx.map((e) => e.map((i) => names[i]).sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));
  const acceptance: MapEvaluation["acceptance"] = {};
  const membership = names.map(() => 0);
  for (const e of extensionIdx) for (const i of e) membership[i]++;
  names.forEach((c, i) => {
    acceptance[c] = { credulous: membership[i] > 0, sceptical: membership[i] === extensionIdx.length };
  });
  return { semantics: input.semantics, labels, extensions, without: [...withdrawn].sort(), defeatedBy, acceptance };
}
