/**
 * From a passage selected in the reading pane to the fields of a new claim:
 * offsets into the map's text (UTF-16 code units, end exclusive, exactly as
 * the server stores them), which occurrence of the quote it is, the footnotes
 * it carries, a proposed id and the entities it names. Pure: no DOM.
 */

export interface Anchor {
  start: number;
  end: number;
  quote: string;
  /** 1-based; the loader's `occurrence`, needed only when the quote occurs more than once. */
  occurrence: number;
  occurrences: number;
}

/** Whitespace at either end of a selection is never meant: a quote starts and ends on a character. */
export function anchorOf(text: string, start: number, end: number): Anchor | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e <= s) return null;
  const quote = text.slice(s, e);
  let occurrence = 0;
  let occurrences = 0;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    occurrences++;
    if (i <= s) occurrence = occurrences;
  }
  return { start: s, end: e, quote, occurrence, occurrences };
}

const MARKER = /\[(\d{1,4})\]/g;

/**
 * Footnote markers inside the passage, or closing it: "… until it expires.[1]”"
 * — a marker right after the selection, past closing punctuation and quotes,
 * belongs to the sentence the user selected. Only footnotes the map knows.
 */
export function proposedCites(text: string, start: number, end: number, known: ReadonlySet<number>): number[] {
  const found = new Set<number>();
  for (const m of text.slice(start, end).matchAll(MARKER)) found.add(Number(m[1]));
  const after = /^[\s.,;:!?'"”’)\]]{0,4}?((?:\[\d{1,4}\])+)/.exec(text.slice(end, end + 40));
  if (after) for (const m of (after[1] ?? "").matchAll(MARKER)) found.add(Number(m[1]));
  return [...found].filter((n) => known.has(n)).sort((a, b) => a - b);
}

/** The paraphrase a new claim starts with: the quote without its footnote markers. */
export function paraphraseOf(quote: string): string {
  return quote.replace(MARKER, "").replace(/\s+/g, " ").trim();
}

const STOP = new Set("a an and are as at be by for from has have in is it its of on or that the their this to was were will with which who".split(" "));

/** A kebab-case id from the paraphrase's first significant words, unique in the map. */
export function proposedId(paraphrase: string, taken: (id: string) => boolean): string {
  const words = paraphrase
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
  const base = (words.slice(0, 5).join("-") || "claim").slice(0, 48).replace(/-+$/, "");
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}

export interface EntityLike {
  id: string;
  name: string;
}

/** Entities whose name (or id, read as words) appears in the passage or the paraphrase. */
export function suggestedEntities(passage: string, entities: readonly EntityLike[]): string[] {
  const hay = ` ${passage.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const words = (s: string) => ` ${s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  return entities.filter((e) => hay.includes(words(e.name)) || hay.includes(words(e.id))).map((e) => e.id);
}
