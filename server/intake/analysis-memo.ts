/**
 * A map written without intake (a seed file) has no stored analysis: its sentences, markers and
 * notes are found in its text whenever they are asked for (reading pane, coverage, suggestions).
 * That costs up to half a second for the longest texts, so the answers are kept, keyed by a hash
 * of what was analysed, most recently used first, within a bound on the characters held.
 */
import { createHash } from "node:crypto";
import type { DocumentReader } from "./intake.js";
import type { Extracted, IntakeResult } from "./types.js";

export function memoisedAnalysis(analyse: DocumentReader["analyse"], maxChars = 16_000_000): DocumentReader["analyse"] {
  const kept = new Map<string, { result: Promise<IntakeResult>; chars: number }>();
  let held = 0;
  return (extracted: Extracted) => {
    const key = createHash("sha256").update(JSON.stringify([extracted.format, extracted.meta])).update(extracted.text).digest("hex");
    const hit = kept.get(key);
    if (hit) {
      kept.delete(key); // to the end: most recently used
      kept.set(key, hit);
      return hit.result;
    }
    const chars = extracted.text.length;
    const result = analyse(extracted);
    // A failed analysis (over its budget, a worker lost) is not kept: the next call tries again.
    result.catch(() => {
      if (kept.get(key)?.result === result) {
        kept.delete(key);
        held -= chars;
      }
    });
    if (chars > maxChars) return result;
    kept.set(key, { result, chars });
    held += chars;
    for (const [oldest, entry] of kept) {
      if (held <= maxChars) break;
      kept.delete(oldest);
      held -= entry.chars;
    }
    return result;
  };
}
