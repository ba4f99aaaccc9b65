/**
 * A map written without intake (a seed file) has no stored analysis: its sentences, markers and
 * notes are found in its text whenever they are asked for (reading pane, coverage, suggestions).
 * That costs up to half a second for the longest texts, so the answers are kept, keyed by a hash
 * of what was analysed, most recently used first, within a bound on the characters of text held
 * (an answer holds about as much again in sentences and markers). The answers are shared between
 * requests: callers read them and never change them.
 */
import { createHash } from "node:crypto";
import { AnalysisLimitError } from "../argumentation/budget.js";
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
    // An analysis over its budget would be over it again: that answer is kept like any other.
    // Other failures (a worker lost, every worker busy) are not: the next call tries again.
    result.catch((err: unknown) => {
      if (!(err instanceof AnalysisLimitError) && kept.get(key)?.result === result) {
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
