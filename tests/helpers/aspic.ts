/**
 * An independent, deliberately naive reading of a map as a structured (ASPIC+-style) argumentation
 * framework, for checking the solver's shortcut ("a claim's label is its premise argument's label,
 * so claim labels are those of the Dung framework (claims, ATTACKS)") against the definitions
 * rather than against the solver itself. Nothing here is shared with server/argumentation.
 *
 * - every claim is an ordinary premise: the argument [c];
 * - every SUPPORTS s → t is a defeasible rule s ⇒ t, so arguments are support chains p0 ⇒ … ⇒ pk
 *   (one-premise rules; chains that revisit a claim add nothing and are left out);
 * - ATTACKS a → b makes a a contrary of b: an argument concluding a attacks every argument that
 *   has b as its premise or as the conclusion of one of its sub-arguments;
 * - UNDERCUTS u → t with inference s: an argument concluding u attacks every argument that applies
 *   the rule s ⇒ t somewhere in its chain.
 * Grounded labelling by the textbook fixpoint: IN when every attacker is OUT, OUT when some
 * attacker is IN, repeated until nothing changes; the rest UNDEC.
 */
import type { ArgumentEdge } from "../../contract/model.js";
import { must } from "../../contract/errors.js";

export type Label = "in" | "out" | "undec";

export interface StructuredReading {
  /** Each argument as its chain of claims, premise first. */
  arguments: string[][];
  labels: Label[];
  /** The label of the premise argument [c] of each kept claim. */
  premiseLabel: Record<string, Label>;
  /** The best label among all arguments concluding each claim (IN > UNDEC > OUT). */
  bestLabel: Record<string, Label>;
  /** The label of the two-step argument [s] ⇒ t for every undercut rule s ⇒ t. */
  ruleLabel: Record<string, Label>;
}

const rank: Record<Label, number> = { out: 0, undec: 1, in: 2 };

export function structuredGrounded(claims: string[], edges: ArgumentEdge[], without: string[] = [], maxArguments = 200_000): StructuredReading {
  const gone = new Set(without);
  const kept = claims.filter((c) => !gone.has(c));
  const keptSet = new Set(kept);
  const between = (e: ArgumentEdge) => keptSet.has(e.source) && keptSet.has(e.target) && (e.inference === undefined || keptSet.has(e.inference));
  const supportsFrom = new Map<string, string[]>();
  for (const e of edges) if (e.type === "SUPPORTS" && between(e)) supportsFrom.set(e.source, [...(supportsFrom.get(e.source) ?? []), e.target]);
  const contraries = edges.filter((e) => e.type === "ATTACKS" && between(e));
  const undercuts = edges.filter((e) => e.type === "UNDERCUTS" && between(e));

  const conclusion = (a: string[]) => must(a.at(-1), "an argument's conclusion");
  const args: string[][] = [];
  const extend = (chain: string[]) => {
    if (args.length >= maxArguments) throw new Error(`more than ${maxArguments} arguments: the check would not finish`);
    args.push(chain);
    for (const next of supportsFrom.get(conclusion(chain)) ?? []) if (!chain.includes(next)) extend([...chain, next]);
  };
  for (const c of kept) extend([c]);

  const appliesRule = (a: string[], s: string, t: string) => a.some((c, i) => c === s && a[i + 1] === t);
  const attackersOf: number[][] = args.map((target) => {
    const attackingConclusions = new Set<string>();
    for (const e of contraries) if (target.includes(e.target)) attackingConclusions.add(e.source);
    for (const e of undercuts) if (appliesRule(target, e.inference as string, e.target)) attackingConclusions.add(e.source);
    return args.flatMap((a, x) => (attackingConclusions.has(conclusion(a)) ? [x] : []));
  });

  const labels: Label[] = args.map(() => "undec");
  for (let changed = true; changed; ) {
    changed = false;
    attackersOf.forEach((attackers, y) => {
      if (labels[y] !== "undec") return;
      if (attackers.every((x) => labels[x] === "out")) labels[y] = "in";
      else if (attackers.some((x) => labels[x] === "in")) labels[y] = "out";
      else return;
      changed = true;
    });
  }

  const premiseLabel: Record<string, Label> = {};
  const bestLabel: Record<string, Label> = {};
  const ruleLabel: Record<string, Label> = {};
  args.forEach((a, i) => {
    const label = must(labels[i], `the label of argument ${i}`);
    const [first, second] = a;
    if (a.length === 1 && first !== undefined) premiseLabel[first] = label;
    const c = conclusion(a);
    const best = bestLabel[c];
    if (best === undefined || rank[label] > rank[best]) bestLabel[c] = label;
    if (a.length === 2) ruleLabel[`${first}=>${second}`] = label;
  });
  return { arguments: args, labels, premiseLabel, bestLabel, ruleLabel };
}
