/**
 * Complete, preferred and stable extensions by a labelling-based backtracking
 * search. Each argument has a domain ⊆ {IN, OUT, UNDEC}; constraints of a
 * complete labelling prune domains until nothing changes, then the search
 * branches on an undecided argument. The search starts from the grounded
 * labelling, which every complete labelling extends.
 *
 * Complete labelling (Caminada): IN iff all attackers OUT; OUT iff some attacker
 * IN; UNDEC iff no attacker IN and some attacker UNDEC.
 */
import { at, ExtensionLimitError, SearchLimitError, type IndexedFramework } from "./framework.js";
import { groundedLabelling, IN, OUT, UNDEC } from "./grounded.js";

const ALL = IN | OUT | UNDEC;
const single = (d: number) => d === IN || d === OUT || d === UNDEC;

export interface SearchOptions {
  /** Stable labellings: no UNDEC anywhere. */
  stable?: boolean;
  /** Preferred: prune branches that cannot grow beyond an IN-set already found. */
  maximalOnly?: boolean;
  /** Search steps before giving up (SearchLimitError). */
  limit?: number;
  /** Extensions kept before giving up (ExtensionLimitError). */
  maxExtensions?: number;
}

/** IN-sets (as sorted index arrays) of the complete labellings matching the options. */
export function searchLabellings(af: IndexedFramework, options: SearchOptions = {}): number[][] {
  const { n, attackerStart, attackers, targetStart, targets } = af;
  const limit = options.limit ?? 5_000_000;
  const maxExtensions = options.maxExtensions ?? Infinity;
  const domain = new Uint8Array(n);
  const grounded = groundedLabelling(af);
  for (let i = 0; i < n; i++) {
    domain[i] = grounded[i] === IN ? IN : grounded[i] === OUT ? OUT : options.stable ? IN | OUT : ALL;
  }

  // Undo trail of (argument, previous domain).
  const trailArg: number[] = [];
  const trailDom: number[] = [];
  const queue: number[] = [];
  const queued = new Uint8Array(n);
  const enqueue = (x: number) => {
    if (!queued[x]) {
      queued[x] = 1;
      queue.push(x);
    }
  };
  const restrict = (x: number, allowed: number): boolean => {
    const current = at(domain, x);
    const next = current & allowed;
    if (next === current) return true;
    if (next === 0) return false;
    trailArg.push(x);
    trailDom.push(current);
    domain[x] = next;
    enqueue(x);
    for (let k = at(targetStart, x), end = at(targetStart, x + 1); k < end; k++) enqueue(at(targets, k));
    return true;
  };

  /** Prunes the domain of `a` and of its attackers by the complete-labelling rules. */
  const revise = (a: number): boolean => {
    let canAllOut = true; // every attacker can be OUT
    let someCanIn = false;
    let someCanUndec = false;
    let allCanOutOrUndec = true;
    let someFixedIn = false;
    const first = at(attackerStart, a);
    const end = at(attackerStart, a + 1);
    for (let k = first; k < end; k++) {
      const d = at(domain, at(attackers, k));
      if (!(d & OUT)) canAllOut = false;
      if (d & IN) someCanIn = true;
      if (d & UNDEC) someCanUndec = true;
      if (!(d & (OUT | UNDEC))) allCanOutOrUndec = false;
      if (d === IN) someFixedIn = true;
    }
    let allowed = 0;
    if (canAllOut) allowed |= IN;
    if (someCanIn) allowed |= OUT;
    if (allCanOutOrUndec && someCanUndec && !someFixedIn) allowed |= UNDEC;
    if (!restrict(a, allowed)) return false;

    const d = domain[a];
    if (d === IN) {
      for (let k = first; k < end; k++) if (!restrict(at(attackers, k), OUT)) return false;
    } else if (d === OUT) {
      let candidate = -1;
      let count = 0;
      for (let k = first; k < end; k++) {
        const x = at(attackers, k);
        if (at(domain, x) & IN) {
          count++;
          candidate = x;
        }
      }
      if (count === 0) return false;
      if (count === 1 && !restrict(candidate, IN)) return false;
    } else if (d === UNDEC) {
      let candidate = -1;
      let count = 0;
      for (let k = first; k < end; k++) {
        const x = at(attackers, k);
        if (!restrict(x, OUT | UNDEC)) return false;
        if (at(domain, x) & UNDEC) {
          count++;
          candidate = x;
        }
      }
      if (count === 0) return false;
      if (count === 1 && !restrict(candidate, UNDEC)) return false;
    }
    return true;
  };

  const propagate = (): boolean => {
    while (queue.length) {
      const a = queue.pop()!;
      queued[a] = 0;
      if (!revise(a)) {
        for (const x of queue) queued[x] = 0;
        queue.length = 0;
        return false;
      }
    }
    return true;
  };

  const undo = (mark: number) => {
    while (trailArg.length > mark) domain[trailArg.pop()!] = trailDom.pop()!;
  };

  const found: number[][] = [];
  const foundSets: Uint8Array[] = [];
  let steps = 0;

  /** A branch whose possible IN-set fits inside an IN-set already found cannot be maximal. */
  const dominated = (): boolean => {
    for (const set of foundSets) {
      let inside = true;
      for (let i = 0; i < n && inside; i++) if (at(domain, i) & IN && !set[i]) inside = false;
      if (inside) return true;
    }
    return false;
  };

  const VALUES = [IN, OUT, UNDEC];
  /** Open branchings, innermost last; an explicit stack, so a deep framework cannot overflow the call stack. */
  const stack: { pick: number; next: number; mark: number }[] = [];

  /** A state whose propagation succeeded: record it if decided, otherwise open a branching on it. */
  const enter = () => {
    if (++steps > limit) throw new SearchLimitError(limit);
    if (options.maximalOnly && dominated()) return;
    // Branch on the undecided argument with the most attackers: it constrains most.
    let pick = -1;
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (!single(at(domain, i))) {
        const degree = at(attackerStart, i + 1) - at(attackerStart, i) + at(targetStart, i + 1) - at(targetStart, i);
        if (degree > best) {
          best = degree;
          pick = i;
        }
      }
    }
    if (pick === -1) {
      if (found.length >= maxExtensions) throw new ExtensionLimitError(maxExtensions);
      const inSet: number[] = [];
      const mask = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (domain[i] !== IN) continue;
        inSet.push(i);
        mask[i] = 1;
      }
      found.push(inSet);
      foundSets.push(mask);
      return;
    }
    stack.push({ pick, next: 0, mark: -1 });
  };

  const search = () => {
    enter();
    for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
      if (frame.mark >= 0) {
        // Back from the previous value's subtree: undo it before trying the next.
        undo(frame.mark);
        for (const x of queue) queued[x] = 0;
        queue.length = 0;
        frame.mark = -1;
      }
      let value = VALUES[frame.next];
      while (value !== undefined && !(at(domain, frame.pick) & value)) value = VALUES[++frame.next];
      if (value === undefined) {
        stack.pop();
        continue;
      }
      frame.next++;
      frame.mark = trailArg.length;
      if (restrict(frame.pick, value) && propagate()) enter();
    }
  };

  for (let i = 0; i < n; i++) enqueue(i);
  if (propagate()) search();
  return found;
}

/** Keeps the ⊆-maximal sets. */
export function maximalSets(sets: number[][]): number[][] {
  const asSets = sets.map((s) => new Set(s));
  return sets.filter((s, i) => !asSets.some((other, j) => j !== i && other.size > s.length && s.every((x) => other.has(x))));
}
