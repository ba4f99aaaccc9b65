/**
 * Dung's abstract argumentation frameworks: arguments and an attack relation,
 * indexed for the solvers (arguments are 0..n-1 internally, named outside).
 */

import { MissingValueError } from "../../contract/errors.js";

export { SEMANTICS, type Label, type Semantics } from "../../contract/model.js";

export interface Framework {
  arguments: string[];
  attacks: [string, string][];
}

export class UnknownArgumentError extends Error {
  constructor(readonly argument: string, readonly attackIndex: number) {
    super(`attack ${attackIndex + 1} names "${argument}", which is not among the arguments`);
  }
}

/** The search ran out of one of its budgets (SearchLimits); the message says which. */
export class BudgetError extends Error {}

export class SearchLimitError extends BudgetError {
  constructor(limit: number) {
    super(`the search for extensions gave up after ${limit.toLocaleString("en")} steps; the framework is too large for exhaustive search`);
  }
}

export class ExtensionLimitError extends BudgetError {
  constructor(limit: number) {
    super(`the framework has more than ${limit.toLocaleString("en")} extensions, more than the search keeps`);
  }
}

/** What one search may spend: branching steps and extensions kept. */
export interface SearchLimits {
  steps?: number;
  extensions?: number;
}

/** Compact adjacency: attackersOf[i] and targetsOf[i] as slices of flat arrays (CSR). */
export interface IndexedFramework {
  n: number;
  names: string[];
  attackerStart: Int32Array;
  attackers: Int32Array;
  targetStart: Int32Array;
  targets: Int32Array;
}

/**
 * Entry `i` of one of the solvers' typed arrays. Their indices are argument numbers (< n) or CSR
 * offsets read from the same framework, in range by construction: a miss is a bug, not bad input.
 */
export function at(xs: ArrayLike<number>, i: number): number {
  const value = xs[i];
  if (value === undefined) throw new MissingValueError(`entry ${i} of a framework array of length ${xs.length}`);
  return value;
}

export function indexFramework(af: Framework): IndexedFramework {
  const index = new Map<string, number>();
  af.arguments.forEach((a) => {
    if (!index.has(a)) index.set(a, index.size);
  });
  const names = [...index.keys()];
  const sources = new Int32Array(af.attacks.length);
  const sinks = new Int32Array(af.attacks.length);
  af.attacks.forEach(([a, b], i) => {
    const s = index.get(a);
    const t = index.get(b);
    if (s === undefined) throw new UnknownArgumentError(a, i);
    if (t === undefined) throw new UnknownArgumentError(b, i);
    sources[i] = s;
    sinks[i] = t;
  });
  return fromEdges(names, sources, sinks);
}

/** Builds the CSR form from parallel arrays of attack sources and targets (duplicates are dropped). */
export function fromEdges(names: string[], sources: Int32Array, sinks: Int32Array): IndexedFramework {
  const n = names.length;
  const m = sources.length;
  const attackerStart = new Int32Array(n + 1);
  const targetStart = new Int32Array(n + 1);
  for (const t of sinks) attackerStart[t + 1] = at(attackerStart, t + 1) + 1;
  for (const s of sources) targetStart[s + 1] = at(targetStart, s + 1) + 1;
  for (let i = 0; i < n; i++) {
    attackerStart[i + 1] = at(attackerStart, i + 1) + at(attackerStart, i);
    targetStart[i + 1] = at(targetStart, i + 1) + at(targetStart, i);
  }
  const attackers = new Int32Array(m);
  const targets = new Int32Array(m);
  const aFill = attackerStart.slice(0, n);
  const tFill = targetStart.slice(0, n);
  for (let i = 0; i < m; i++) {
    const s = at(sources, i);
    const t = at(sinks, i);
    const a = at(aFill, t);
    const b = at(tFill, s);
    aFill[t] = a + 1;
    tFill[s] = b + 1;
    attackers[a] = s;
    targets[b] = t;
  }
  return dedupe({ n, names, attackerStart, attackers, targetStart, targets });
}

function dedupe(af: IndexedFramework): IndexedFramework {
  const clean = (start: Int32Array, list: Int32Array) => {
    const newStart = new Int32Array(af.n + 1);
    const out: number[] = [];
    for (let i = 0; i < af.n; i++) {
      const seen = new Set<number>();
      for (let k = at(start, i), end = at(start, i + 1); k < end; k++) {
        const x = at(list, k);
        if (!seen.has(x)) {
          seen.add(x);
          out.push(x);
        }
      }
      newStart[i + 1] = out.length;
    }
    return [newStart, Int32Array.from(out)] as const;
  };
  const duplicates = (start: Int32Array, list: Int32Array) => {
    for (let i = 0; i < af.n; i++) {
      const seen = new Set<number>();
      for (let k = at(start, i), end = at(start, i + 1); k < end; k++) {
        const x = at(list, k);
        if (seen.has(x)) return true;
        seen.add(x);
      }
    }
    return false;
  };
  if (!duplicates(af.attackerStart, af.attackers)) return af;
  const [attackerStart, attackers] = clean(af.attackerStart, af.attackers);
  const [targetStart, targets] = clean(af.targetStart, af.targets);
  return { ...af, attackerStart, attackers, targetStart, targets };
}

/** Names sorted the way people expect: numerically when every name is a number. */
export function sortNames(names: string[]): string[] {
  const numeric = names.every((n) => /^-?\d+$/.test(n));
  return [...names].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Extensions as the outside world sees them: each sorted, and the list in a stable order. */
export function normalizeExtensions(extensions: string[][]): string[][] {
  const sorted = extensions.map(sortNames);
  const key = (e: string[]) => JSON.stringify(e);
  const unique = [...new Map(sorted.map((e) => [key(e), e])).values()];
  const numeric = unique.flat().every((n) => /^-?\d+$/.test(n));
  const cmp = (a: string, b: string) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);
  return unique.sort((x, y) => {
    for (const [i, a] of x.entries()) {
      const b = y[i];
      if (b === undefined) break;
      const c = cmp(a, b);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  });
}
