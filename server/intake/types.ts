/**
 * A document taken in: its exact text and everything found in it. Every offset
 * is a UTF-16 index into `text`, end exclusive, like a claim's start/end.
 */

export const DOCUMENT_FORMATS = ["text", "markdown", "html", "pdf"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface Span {
  start: number;
  end: number;
}

/** Title, author, date and venue as the document states them (null when it does not). */
export interface DocumentMeta {
  title: string | null;
  author: string | null;
  date: string | null;
  venue: string | null;
}

/**
 * What a format-specific extractor hands on: plain text plus the metadata only
 * the markup knew. Markup footnote markers (HTML <sup> and note links, Markdown
 * [^n]) are rendered as "[n]" and note definitions as paragraphs "[n] …", so
 * the same document in any format gives the same text, sentences and notes.
 */
export interface Extracted {
  format: DocumentFormat;
  text: string;
  meta: Partial<DocumentMeta>;
}

/** How a marker is written in the text: [12], [^12] or superscript digits ¹². */
export const MARKER_FORMS = ["bracket", "caret", "superscript"] as const;
export type MarkerForm = (typeof MARKER_FORMS)[number];

export interface Marker extends Span {
  n: number;
  form: MarkerForm;
}

export interface Sentence extends Span {
  /** Footnote numbers carried by the sentence, in reading order. */
  markers: number[];
}

export type FieldStatus = "parsed" | "raw" | "absent";
export const CITATION_FIELDS = ["authors", "title", "publisher", "date", "url"] as const;
export type CitationField = (typeof CITATION_FIELDS)[number];

/** A note of the notes/references list, parsed into a citation. */
export interface ParsedNote extends Span {
  n: number;
  /** The note's text as printed, lines joined by single spaces. */
  raw: string;
  authors: string | null;
  title: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  /**
   * Per field: "parsed" (recognised by its form: a quoted title, a date, a URL),
   * "raw" (a guess from the note's layout the editor should check) or "absent".
   */
  fields: Record<CitationField, FieldStatus>;
  /** "Ibid."/"Id."/"op. cit.": the number of the note it repeats. */
  repeats: number | null;
  /** The lowest note number citing the same source (itself when it is the first). */
  source: number;
  /** The note could not be split into fields at all: kept raw, flagged for the editor. */
  unparsed: boolean;
}

export interface IntakeResult {
  format: DocumentFormat;
  text: string;
  meta: DocumentMeta;
  paragraphs: Span[];
  /** Sentences of the body (the notes list excluded). */
  sentences: Sentence[];
  markers: Marker[];
  notes: ParsedNote[];
  /** Where the notes list begins in text (null when the document has none). */
  notesStart: number | null;
}
