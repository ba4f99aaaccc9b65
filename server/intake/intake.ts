/**
 * A document in: bytes and their media type → exact text, metadata,
 * paragraphs, sentences with their footnote markers, and the notes parsed as
 * citations. Pure (no database); PDF extraction is the one asynchronous step.
 */
import { DocumentError } from "../errors.js";
import { parseNotes } from "./citations.js";
import { extractHtml } from "./extract-html.js";
import { extractMarkdown } from "./extract-markdown.js";
import { extractPdf } from "./extract-pdf.js";
import { findMarkers, markerSpans } from "./markers.js";
import { mergeMeta } from "./metadata.js";
import { findNotes } from "./notes.js";
import { paragraphsOf, sentencesOf } from "./segment.js";
import { decodeText, formatOf, normaliseNewlines } from "./sniff.js";
import type { Extracted, IntakeResult, Sentence } from "./types.js";

export const INTAKE_LIMITS = {
  /** Bytes of an uploaded document. */
  bytes: 10 * 1024 * 1024,
  /** Characters of extracted text (a map's text is one Neo4j property). */
  chars: 2_000_000,
};

async function extract(bytes: Uint8Array, contentType: string): Promise<Extracted> {
  const format = formatOf(contentType, bytes);
  if (format === "pdf") return extractPdf(bytes);
  const source = normaliseNewlines(decodeText(bytes));
  if (format === "markdown") return extractMarkdown(source);
  if (format === "html") return extractHtml(source);
  return { format: "text", text: source, meta: {} };
}

/** Everything after extraction: pure and synchronous, so it can be tested and benchmarked on text alone. */
export function analyseText(extracted: Extracted): IntakeResult {
  const { text, format } = extracted;
  const notesList = findNotes(text);
  const bodyEnd = notesList?.start ?? text.length;
  const markers = findMarkers(text, 0, bodyEnd);
  const spans = markerSpans(markers);
  const paragraphs = paragraphsOf(text, 0, bodyEnd);
  const sentences: Sentence[] = [];
  let mi = 0;
  for (const paragraph of paragraphs) {
    for (const s of sentencesOf(text, paragraph, spans)) {
      let marker = markers[mi];
      while (marker && marker.end <= s.start) marker = markers[++mi];
      const inside: number[] = [];
      for (let k = mi; marker && marker.start < s.end; marker = markers[++k]) inside.push(marker.n);
      sentences.push({ ...s, markers: inside });
    }
  }
  return {
    format,
    text,
    meta: mergeMeta(extracted.meta, text),
    paragraphs,
    sentences,
    markers,
    notes: notesList ? parseNotes(notesList.notes) : [],
    notesStart: notesList?.start ?? null,
  };
}

/** Bytes → a document ready to become a map, or a DocumentError saying why it cannot. */
export async function intakeDocument(bytes: Uint8Array, contentType: string): Promise<IntakeResult> {
  if (bytes.length > INTAKE_LIMITS.bytes) {
    throw new DocumentError("document_too_large", `the document is ${(bytes.length / 1048576).toFixed(1)} MB; at most ${INTAKE_LIMITS.bytes / 1048576} MB are taken in`);
  }
  if (!bytes.length || (!bytes.some((b) => b > 0x20) && !bytes.includes(0))) {
    throw new DocumentError("empty_document", "the document is empty; send its text (or the file) as the request body");
  }
  const extracted = await extract(bytes, contentType);
  if (!extracted.text.trim()) {
    throw new DocumentError("empty_document", `the ${extracted.format === "text" ? "document" : extracted.format.toUpperCase() + " document"} has no text`);
  }
  if (extracted.text.length > INTAKE_LIMITS.chars) {
    throw new DocumentError("document_too_large", `the document's text is ${extracted.text.length} characters; at most ${INTAKE_LIMITS.chars} are taken in`);
  }
  return analyseText(extracted);
}

/** How a server or the CLI reads documents: in a budgeted worker (server) or on its own thread (CLI, tests). */
export interface DocumentReader {
  intake: (bytes: Uint8Array, contentType: string) => Promise<IntakeResult>;
  analyse: (extracted: Extracted) => Promise<IntakeResult>;
}

/** On the caller's thread: for the command line, which has the machine to itself. */
export const INLINE_READER: DocumentReader = { intake: intakeDocument, analyse: (extracted) => Promise.resolve(analyseText(extracted)) };
