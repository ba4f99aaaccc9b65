/**
 * The grounded labelling in linear time: an argument is IN once all its
 * attackers are OUT, and OUT once one attacker is IN; what never settles is UNDEC.
 */
import { at, type IndexedFramework } from "./framework.js";

// Bit flags, so the exhaustive search (labellings.ts) can hold a set of possible labels in one byte.
export const IN = 1;
export const OUT = 2;
export const UNDEC = 4;

/** Labels per argument index: IN, OUT or UNDEC. */
export function groundedLabelling(af: IndexedFramework): Uint8Array {
  const { n, attackerStart, targetStart, targets } = af;
  const label = new Uint8Array(n); // 0 = not yet decided
  // How many attackers of each argument are not (yet) OUT.
  const alive = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    alive[i] = at(attackerStart, i + 1) - at(attackerStart, i);
    if (alive[i] === 0) {
      label[i] = IN;
      queue[tail++] = i;
    }
  }
  while (head < tail) {
    const a = at(queue, head++);
    // a is IN: everything it attacks is OUT; each newly OUT argument frees its own targets.
    for (let k = at(targetStart, a), end = at(targetStart, a + 1); k < end; k++) {
      const b = at(targets, k);
      if (label[b] !== 0) continue;
      label[b] = OUT;
      for (let j = at(targetStart, b), end = at(targetStart, b + 1); j < end; j++) {
        const c = at(targets, j);
        const left = at(alive, c) - 1;
        alive[c] = left;
        if (left === 0 && label[c] === 0) {
          label[c] = IN;
          queue[tail++] = c;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) if (label[i] === 0) label[i] = UNDEC;
  return label;
}
