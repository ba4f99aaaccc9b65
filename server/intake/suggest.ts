/**
 * Suggestions, never automatic: discourse markers in a document's sentences
 * propose candidate claims (spans of the text) and relations between them,
 * for an analyst to accept or dismiss.
 *
 * - "because X" / "since X" (not "since 2008"): X supports the rest of the sentence;
 * - a sentence opening with "Therefore" / "Thus" / "Hence" / "Consequently":
 *   the sentence before supports it;
 * - a sentence opening with "However" / "But" / "Yet": it attacks the sentence before;
 *   ", but" / ", yet" / "; however," inside a sentence: the clause after attacks the clause before;
 * - "Despite X, Y" / "Although X, Y": X and Y stand against each other: X attacks Y.
 */
import { must } from "../../contract/errors.js";
import type { Sentence, Span } from "./types.js";

export type SuggestedRelation = "SUPPORTS" | "ATTACKS";

export interface Suggestion {
  /** Stable within a document: derived from the spans and the type. */
  id: string;
  type: SuggestedRelation;
  /** The discourse marker as written, and where. */
  marker: string;
  at: number;
  source: Span;
  target: Span;
}

const OPENING_SUPPORT = /^(therefore|thus|hence|consequently|accordingly)\b[,\s]*/i;
const OPENING_ATTACK = /^(however|but|yet|nevertheless|nonetheless)\b[,\s]*/i;
const CONCESSIVE = /^(despite|although|though|even though|while)\b\s*/i;
const INNER_REASON = /,?\s+\b(because|since)\b\s+(?!\d)/gi;
const INNER_CONTRAST = /(?:,|;)\s+(?:(but|yet)\b|(however)\b,?)\s*/gi;

/** Trims spaces and a trailing comma or closing punctuation the clause does not need. */
function clause(text: string, start: number, end: number): Span | null {
  while (start < end && /[\s,;:"“”]/.test(text.charAt(start))) start++;
  while (end > start && /[\s,;:]/.test(text.charAt(end - 1))) end--;
  return end - start >= 12 ? { start, end } : null;
}

function suggestion(type: SuggestedRelation, marker: string, at: number, source: Span | null, target: Span | null): Suggestion | null {
  if (!source || !target) return null;
  source = { start: source.start, end: source.end }; // a whole sentence is passed in: keep only its span
  target = { start: target.start, end: target.end };
  return { id: `${type === "SUPPORTS" ? "s" : "a"}-${source.start}-${source.end}-${target.start}-${target.end}`, type, marker, at, source, target };
}

export function suggestRelations(text: string, sentences: Sentence[]): Suggestion[] {
  const out: (Suggestion | null)[] = [];
  for (const [i, s] of sentences.entries()) {
    const body = text.slice(s.start, s.end);
    const prior = sentences[i - 1];
    const previous = prior && prior.end <= s.start && !text.slice(prior.end, s.start).includes("\n\n\n") ? prior : null;

    const opening = OPENING_SUPPORT.exec(body) ?? OPENING_ATTACK.exec(body);
    if (opening && previous) {
      const type = OPENING_SUPPORT.test(body) ? "SUPPORTS" : "ATTACKS";
      const current = clause(text, s.start + opening[0].length, s.end);
      out.push(type === "SUPPORTS" ? suggestion("SUPPORTS", must(opening[1], "the opening marker"), s.start, previous, current) : suggestion("ATTACKS", must(opening[1], "the opening marker"), s.start, current, previous));
    }

    const concessive = CONCESSIVE.exec(body);
    if (concessive) {
      const comma = body.indexOf(",", concessive[0].length);
      if (comma > 0) {
        const conceded = clause(text, s.start + concessive[0].length, s.start + comma);
        const main = clause(text, s.start + comma + 1, s.end);
        out.push(suggestion("ATTACKS", must(concessive[1], "the concessive marker"), s.start, conceded, main));
      }
    }

    for (const m of body.matchAll(INNER_REASON)) {
      const at = s.start + m.index;
      const before = clause(text, s.start + (opening?.[0].length ?? 0), at);
      const after = clause(text, at + m[0].length, s.end);
      out.push(suggestion("SUPPORTS", must(m[1], "the reason marker"), at, after, before));
    }
    for (const m of body.matchAll(INNER_CONTRAST)) {
      const at = s.start + m.index;
      const before = clause(text, s.start + (opening?.[0].length ?? 0), at);
      const after = clause(text, at + m[0].length, s.end);
      out.push(suggestion("ATTACKS", must(m[1] ?? m[2], "the contrast marker"), at, after, before));
    }
  }
  const seen = new Set<string>();
  return out.filter((x): x is Suggestion => x !== null && !seen.has(x.id) && (seen.add(x.id), true));
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
/** A relation an analyst drew says what the suggestion says: same type, its claims' quotes overlapping the two spans. */
const matches = (s: Suggestion, r: { type: string; source: Span; target: Span }) => s.type === r.type && overlaps(s.source, r.source) && overlaps(s.target, r.target);

export type SuggestionStatus = "open" | "accepted" | "dismissed";

/**
 * Where each suggestion stands on a map: accepted once the map has a relation matching it
 * (however it was made), dismissed when an analyst said no, open otherwise.
 */
export function suggestionStatus(
  suggestions: Suggestion[],
  relations: { type: string; source: Span; target: Span }[],
  dismissed: ReadonlySet<string>,
): (Suggestion & { status: SuggestionStatus })[] {
  return suggestions.map((s) => ({ ...s, status: relations.some((r) => matches(s, r)) ? "accepted" : dismissed.has(s.id) ? "dismissed" : "open" }));
}

/** How well suggestions match an analyst's relations: a match has the same type and overlapping source and target spans. */
export function scoreSuggestions(suggestions: Suggestion[], relations: { type: string; source: Span; target: Span }[]) {
  const correct = suggestions.filter((s) => relations.some((r) => matches(s, r))).length;
  const found = relations.filter((r) => suggestions.some((s) => matches(s, r))).length;
  return {
    suggestions: suggestions.length,
    relations: relations.length,
    precision: suggestions.length ? correct / suggestions.length : 0,
    recall: relations.length ? found / relations.length : 0,
  };
}
