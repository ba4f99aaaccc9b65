/**
 * Coverage at sentence level, for a document before (or without) any claims:
 * which sentences carry a footnote, and what is wrong with the notes themselves (the same source printed in full under
 * several numbers, the author citing themself, no date, a marker with no note,
 * a note no marker points to, a figure stated without a source). Pure: it
 * works on the document as taken in, so server and client share it.
 * Findings carry sentence offsets so a reader can be taken to the sentence.
 */
import { citationPeople, parsePersonName, repeatedGroups } from "./coverage.js";
import { findFigures } from "./figures.js";
import type { Citation } from "./model.js";

export interface SentenceSpan {
  start: number;
  end: number;
  markers: number[];
}

export interface DocumentNote extends Citation {
  /** Ibid./Id./op. cit.: the note it repeats (a proper repeat, not a duplicate). */
  repeats: number | null;
  /** The first note citing the same source. */
  source: number;
  unparsed: boolean;
}

export interface DocumentForCoverage {
  text: string;
  author: string | null;
  sentences: SentenceSpan[];
  notes: DocumentNote[];
}

export const SENTENCE_FINDING_KINDS = [
  "duplicate-citation",
  "self-citation",
  "missing-date",
  "unparsed-note",
  "marker-without-note",
  "note-without-marker",
  "uncited-figure",
] as const;
export type SentenceFindingKind = (typeof SENTENCE_FINDING_KINDS)[number];

export interface SentenceFinding {
  kind: SentenceFindingKind;
  message: string;
  citations?: number[];
  /** The sentences concerned (offsets into the map's text), to scroll the reading pane to. */
  sentences?: { start: number; end: number }[];
  /** The figures concerned, as written (uncited-figure). */
  figures?: string[];
}

export interface SentenceTotals {
  sentences: number;
  /** Sentences carrying at least one footnote marker. */
  cited: number;
  ratio: number;
}

export interface SentenceCoverage {
  totals: SentenceTotals;
  findings: SentenceFinding[];
}

const describe = (n: DocumentNote) => [n.authors, n.title ? `“${n.title}”` : null, n.publisher, n.date].filter(Boolean).join(", ") || `note ${n.n}`;
const span = (s: { start: number; end: number }) => ({ start: s.start, end: s.end });
const STATEMENT_END = /[.!?…]["”’)\]]*\s*$/;
const excerpt = (s: string) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
};
const list = (ns: number[]) => (ns.length === 1 ? String(ns[0]) : `${ns.slice(0, -1).join(", ")} and ${ns[ns.length - 1]}`);

export function sentenceCoverage(doc: DocumentForCoverage): SentenceCoverage {
  const findings: SentenceFinding[] = [];
  const carrying = (n: number) => doc.sentences.filter((s) => s.markers.includes(n)).map(span);

  for (const [first, ...rest] of repeatedGroups(doc.notes.filter((n) => n.repeats === null && !n.unparsed), (n) => n.source)) {
    const ns = [first, ...rest].map((n) => n.n);
    findings.push({
      kind: "duplicate-citation",
      message: `Notes ${list(ns)} cite the same source in full (${describe(first)}); cite it once and refer back to it (“Ibid.” or a short form).`,
      citations: ns,
      sentences: ns.flatMap(carrying),
    });
  }

  const author = doc.author ? parsePersonName(doc.author) : null;
  if (author) {
    for (const n of doc.notes) {
      if (n.repeats !== null) continue;
      if (citationPeople(n.authors).some((p) => p.surname === author.surname && p.initial === author.initial)) {
        findings.push({
          kind: "self-citation",
          message: `Note ${n.n} cites the author's own work (${describe(n)}); check that an independent source supports the same point.`,
          citations: [n.n],
          sentences: carrying(n.n),
        });
      }
    }
  }

  for (const n of doc.notes) {
    if (n.unparsed) {
      findings.push({ kind: "unparsed-note", message: `Note ${n.n} could not be read as a citation; it is kept as printed: check it.`, citations: [n.n], sentences: carrying(n.n) });
    } else if (!n.date && n.repeats === null) {
      findings.push({ kind: "missing-date", message: `Note ${n.n} (${describe(n)}) gives no date.`, citations: [n.n], sentences: carrying(n.n) });
    }
  }

  const noted = new Set(doc.notes.map((n) => n.n));
  const markerNumbers = [...new Set(doc.sentences.flatMap((s) => s.markers))].sort((a, b) => a - b);
  const [firstNote, lastNote] = [doc.notes[0], doc.notes.at(-1)];
  for (const m of markerNumbers) {
    if (noted.has(m)) continue;
    findings.push({
      kind: "marker-without-note",
      message: `Footnote marker [${m}] has no note${firstNote && lastNote ? ` (the notes run ${firstNote.n}–${lastNote.n})` : " (the document has no notes list)"}.`,
      citations: [m],
      sentences: carrying(m),
    });
  }
  const marked = new Set(markerNumbers);
  for (const n of doc.notes) {
    if (!marked.has(n.n)) findings.push({ kind: "note-without-marker", message: `Note ${n.n} (${describe(n)}) is not referred to anywhere in the text.`, citations: [n.n] });
  }

  // A number, amount, date or percentage is what a reader checks first; in a sentence with no footnote it rests on nothing.
  for (const s of doc.sentences) {
    if (s.markers.length) continue;
    const sentence = doc.text.slice(s.start, s.end);
    if (!STATEMENT_END.test(sentence)) continue; // a heading, byline or dateline states nothing
    const figures = [...new Set(findFigures(sentence).map((f) => f.text))];
    if (!figures.length) continue;
    findings.push({
      kind: "uncited-figure",
      message: `${figures.length === 1 ? "Figure" : "Figures"} ${figures.map((f) => `“${f}”`).join(", ")} without a footnote, in “${excerpt(sentence)}”.`,
      sentences: [span(s)],
      figures,
    });
  }

  const cited = doc.sentences.filter((s) => s.markers.length).length;
  return {
    totals: { sentences: doc.sentences.length, cited, ratio: doc.sentences.length ? Number((cited / doc.sentences.length).toFixed(4)) : 0 },
    findings,
  };
}
