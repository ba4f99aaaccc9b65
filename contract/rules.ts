/**
 * The rules every map obeys, whoever writes it: the loader (server/import/seed.ts)
 * checks a whole file with them and the edit routes check one change with them,
 * so a map built by edits is always one the loader would accept.
 */

export interface RelationLike {
  type: "SUPPORTS" | "ATTACKS" | "UNDERCUTS";
  source: string;
  target: string;
  inference?: string | null;
}

const verb = { SUPPORTS: "support", ATTACKS: "attack", UNDERCUTS: "undercut" } as const;

/**
 * Why `r` cannot join `existing` (the relations already there), or null.
 * Self-loops, a pair that would both support and attack, the same relation
 * twice, and an undercut of an inference that does not exist are refused.
 */
export function relationProblem(existing: Iterable<RelationLike>, r: RelationLike): string | null {
  if (r.source === r.target) return `a claim cannot ${verb[r.type]} itself`;
  let inferenceExists = false;
  for (const e of existing) {
    if (e.source === r.source && e.target === r.target) {
      const pair = new Set([e.type, r.type]);
      if (pair.has("SUPPORTS") && pair.has("ATTACKS")) return `a claim cannot both support and attack "${r.target}"`;
      if (e.type === r.type && (r.type !== "UNDERCUTS" || e.inference === r.inference)) return `"${r.target}" is listed twice`;
    }
    if (r.type === "UNDERCUTS" && e.type === "SUPPORTS" && e.source === r.inference && e.target === r.target) inferenceExists = true;
  }
  if (r.type === "UNDERCUTS") {
    if (!r.inference) return "an undercut names the inference it attacks: give inference (the claim that supports the target)";
    if (r.inference === r.source) return "a claim cannot undercut its own inference";
    if (!inferenceExists) return `"${r.inference}" does not support "${r.target}", so there is no inference to undercut`;
  }
  return null;
}

/** All offsets at which `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** Why `start`/`end` do not mark a quotable span of `text`, or null. */
export function spanProblem(text: string, start: number, end: number): string | null {
  if (end > text.length) return `end ${end} is past the end of the text (${text.length} characters)`;
  if (end <= start) return "end must be greater than start";
  if (!text.slice(start, end).trim()) return "the span is only white space; select the words of the claim";
  return null;
}

/** Which occurrence of its quote a span is (1-based): what the seed format writes as `occurrence`. */
export const occurrenceOf = (text: string, start: number, end: number) => occurrences(text, text.slice(start, end)).indexOf(start) + 1;

export const relationQuoteProblem = (text: string, quote: string) =>
  text.includes(quote) ? null : "relationship quote not found in the document text; it must be an exact span";
