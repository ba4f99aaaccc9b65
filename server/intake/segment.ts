/**
 * Paragraphs and sentences. Intl.Segmenter finds candidate sentence ends; then
 * repairs: a footnote marker (and closing quotes) after a full stop belongs to
 * the sentence before it, and a boundary after an abbreviation ("U.S.",
 * "Gen.", "Dr.", "No. 3", an initial such as "J.") is no boundary when the
 * next word continues the sentence.
 */
import type { Span } from "./types.js";

/** Titles before a name: a following capitalised word continues the sentence. */
const TITLES = new Set(
  "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl sen rep gov pres rev hon fr st mt ft amb sec supt insp det gens messrs mme mlle".split(" "),
);
/** Abbreviations followed by a number or a lowercase word ("No. 3", "p. 12", "Jan. 4", "e.g. this"). */
const BEFORE_NUMBER = new Set(
  "no nos vol vols pp p para art sec ch fig figs eq ed eds op cit ibid id jan feb mar apr jun jul aug sep sept oct nov dec approx ca c cf vs v e.g i.e etc al inc ltd co corp jr sr".split(" "),
);
/** Words that usually start a sentence: after "U.S." they mean the sentence did end there. */
const STARTERS = new Set(
  ("the this that these those it its a an in on at but and however thus therefore he she they we i you there such as if when while since because although though yet so for to of with despite after before both each many most some any no not one two three four five what which who why how where our their his her my your moreover furthermore meanwhile instead indeed still even also then now finally first second third later today").split(" "),
);

export function paragraphsOf(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t]*\n\s*/g;
  let start = from;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    pushTrimmed(text, start, m.index, spans);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, to, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]) {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Characters Intl.Segmenter is given at once, and the context kept on either side of what it decides. */
const WINDOW = 8_192;
const MARGIN = 256;

/**
 * Intl.Segmenter's candidate sentence ends in `text` from `from` to `to`, as offsets into `text`.
 * V8's segmenter is superlinear in the length of the string it is given (measured on Node 20: 4,000
 * sentences 2.8 s, 8,000 sentences 7.5 s, one paragraph of a 20,000-claim map over a minute, all on
 * the event loop). So it is given overlapping windows: each window's boundaries are kept only away
 * from its edges (MARGIN characters of context on either side, far more than a sentence-break rule
 * looks at), and the next window starts where those end — every boundary is decided once, with the
 * context the whole text would give it.
 */
function segmenterBoundaries(text: string, from: number, to: number): number[] {
  const boundaries: number[] = [];
  for (let start = from; ; start = Math.max(start + 1, Math.min(to, start + WINDOW) - 2 * MARGIN)) {
    const end = Math.min(to, start + WINDOW);
    const lo = start === from ? start : start + MARGIN;
    const hi = end === to ? end : end - MARGIN;
    for (const s of segmenter.segment(text.slice(start, end))) {
      const b = start + s.index;
      if (b > lo && b <= hi) boundaries.push(b);
    }
    if (end === to) return boundaries;
  }
}

/** The index of the first span starting at or after `at` in spans sorted by start (spans.length when none). */
function firstStartingAt(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.start ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const CLOSERS = /^[\s"”’'»)\]]*/;

/** Sentences of one paragraph, with marker spans (sorted) the boundaries must respect. */
export function sentencesOf(text: string, paragraph: Span, markers: Span[]): Span[] {
  const boundaries = segmenterBoundaries(text, paragraph.start, paragraph.end);

  const fixed: number[] = [];
  let mi = 0;
  for (let b of boundaries) {
    // Inside a marker ("expires.[" | "1]”"): the boundary moves to the marker's end.
    let around = markers[mi];
    while (around && around.end <= b) around = markers[++mi];
    if (around && around.start < b && b < around.end) b = around.end;
    // Markers and closing quotes right after the boundary belong to the sentence before.
    for (;;) {
      const lead = b + CLOSERS.exec(text.slice(b, Math.min(b + 8, paragraph.end)))![0].length;
      const next = markers[firstStartingAt(markers, b)];
      const marker = next && next.start <= lead && next.start < paragraph.end ? next : undefined;
      if (!marker) break;
      b = marker.end;
    }
    b += CLOSERS.exec(text.slice(b, Math.min(b + 8, paragraph.end)))![0].replace(/\s+$/, "").length;
    if (b >= paragraph.end) continue;
    const lastFixed = fixed.at(-1);
    if (lastFixed !== undefined && lastFixed >= b) continue;
    if (continues(text, b)) continue;
    fixed.push(b);
  }

  const spans: Span[] = [];
  let start = paragraph.start;
  for (const b of fixed) {
    pushTrimmed(text, start, b, spans);
    start = b;
  }
  pushTrimmed(text, start, paragraph.end, spans);
  return spans;
}

/** Whether the sentence does not really end before `b` (an abbreviation, an initial, a lowercase continuation). */
function continues(text: string, b: number): boolean {
  const before = text.slice(Math.max(0, b - 40), b).replace(/\s+$/, "");
  const after = text.slice(b, b + 40).replace(/^\s+/, "");
  const next = /^[^\s]*/.exec(after)![0].replace(/^["“‘'(]+/, "");
  if (!before.endsWith(".")) return /^[a-z]/.test(next);
  const word = /([\p{L}.]+)\.$/u.exec(before)?.[1] ?? "";
  const lower = word.toLowerCase();
  if (/^[a-z]/.test(next)) return true;
  if (TITLES.has(lower)) return true;
  if (/^\d/.test(next) && BEFORE_NUMBER.has(lower)) return true;
  if (/^\p{Lu}$/u.test(word)) return /^\p{Lu}/u.test(next); // an initial: "Anna J. Davidson"
  if (/^(?:\p{Lu}\.){1,}\p{Lu}$/u.test(word)) return /^\p{Lu}/u.test(next) && !STARTERS.has(next.toLowerCase().replace(/[^a-z]/g, "")); // U.S., U.K., U.N.
  return false;
}
