/** One entry point for every semantics: names in, sorted extensions out. */
import { must } from "../../contract/errors.js";
import {
  at,
  indexFramework,
  normalizeExtensions,
  type Framework,
  type IndexedFramework,
  type Label,
  type SearchLimits,
  type Semantics,
} from "./framework.js";
import { groundedLabelling, IN, OUT } from "./grounded.js";
import { maximalSets, searchLabellings } from "./labellings.js";

export interface Solution {
  semantics: Semantics;
  extensions: string[][];
}

const limitsOf = (limits: number | SearchLimits | undefined) => {
  const l = typeof limits === "number" ? { steps: limits } : (limits ?? {});
  return { limit: l.steps, maxExtensions: l.extensions };
};

export function extensionsOf(af: IndexedFramework, semantics: Semantics, limits?: number | SearchLimits): number[][] {
  switch (semantics) {
    case "grounded": {
      const labels = groundedLabelling(af);
      const inSet: number[] = [];
      for (let i = 0; i < af.n; i++) if (labels[i] === IN) inSet.push(i);
      return [inSet];
    }
    case "complete":
      return searchLabellings(af, limitsOf(limits));
    case "stable":
      return searchLabellings(af, { stable: true, ...limitsOf(limits) });
    case "preferred":
      return maximalSets(searchLabellings(af, { maximalOnly: true, ...limitsOf(limits) }));
  }
}

/** Runs on the caller's thread: callers that serve others go through budget.ts's Evaluator instead. */
export function solve(framework: Framework, semantics: Semantics, limits?: number | SearchLimits): Solution {
  const af = indexFramework(framework);
  const extensions = extensionsOf(af, semantics, limits).map((ext) => ext.map((i) => must(af.names[i], `argument ${i}`)));
  return { semantics, extensions: normalizeExtensions(extensions) };
}

/**
 * One label per argument for a semantics with possibly many extensions:
 * IN if in every extension, OUT if every extension attacks it, UNDEC otherwise
 * (the sceptical labelling). With no extension at all (stable), everything is UNDEC.
 */
export function labelsOf(af: IndexedFramework, extensions: number[][]): Label[] {
  const labels = new Array<Label>(af.n).fill("undec");
  if (extensions.length === 0) return labels;
  const inAll = new Uint8Array(af.n).fill(1);
  const outAll = new Uint8Array(af.n).fill(1);
  for (const ext of extensions) {
    const member = new Uint8Array(af.n);
    for (const i of ext) member[i] = 1;
    for (let i = 0; i < af.n; i++) {
      if (!member[i]) inAll[i] = 0;
      let attacked = false;
      for (let k = at(af.attackerStart, i), end = at(af.attackerStart, i + 1); k < end && !attacked; k++) if (member[at(af.attackers, k)]) attacked = true;
      if (!attacked) outAll[i] = 0;
    }
  }
  for (let i = 0; i < af.n; i++) labels[i] = inAll[i] ? "in" : outAll[i] ? "out" : "undec";
  return labels;
}

export function groundedLabels(af: IndexedFramework): Label[] {
  const raw = groundedLabelling(af);
  return Array.from(raw, (l) => (l === IN ? "in" : l === OUT ? "out" : "undec"));
}
