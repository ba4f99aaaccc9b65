/**
 * The notes or references list at the end of a document: where it starts and
 * each note's span. A note starts a line with its number ("[7] …", "[^7]: …",
 * "7. …", "7 …", "⁷ …"); the lines up to the next note belong to it, even
 * across a blank line (a note broken over two paragraphs stays one note).
 */
import { must } from "../../contract/errors.js";
import type { Span } from "./types.js";

export interface NoteSpan extends Span {
  n: number;
  /** Where the note's own text begins (after its number). */
  bodyStart: number;
  /** The note's text with line breaks and runs of spaces joined into single spaces. */
  raw: string;
}

export interface NotesList {
  /** Where the list begins: its heading ("Notes", "References") if it has one, else its first note. */
  start: number;
  notes: NoteSpan[];
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const DEFINITION = /^[ \t]*(?:\[\^?(\d{1,3})\]:?|(\d{1,3})[.)]?(?=[ \t])|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))[ \t]*(?=\S)/;
const HEADING = /^[ \t]*(?:#+\s*)?(?:end\s*notes|endnotes|foot\s*notes|footnotes|notes|references|sources|bibliography|works cited|citations)[ \t]*:?[ \t]*$/i;

interface Definition {
  n: number;
  lineStart: number;
  bodyStart: number;
}

function definitionsOf(text: string): Definition[] {
  const defs: Definition[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const m = DEFINITION.exec(text.slice(lineStart, lineEnd));
    if (m) {
      const n = m[3] ? Number([...m[3]].map((c) => SUPERSCRIPT.indexOf(c)).join("")) : Number(m[1] ?? m[2]);
      if (n > 0) defs.push({ n, lineStart, bodyStart: lineStart + m[0].length });
    }
    lineStart = lineEnd + 1;
  }
  return defs;
}

/**
 * The trailing run of note definitions, numbered upwards (gaps allowed, as a
 * list may skip a note) and starting where the numbering starts. Numbered
 * lists in the body are not notes: the run must reach the document's last note.
 */
export function findNotes(text: string): NotesList | null {
  const defs = definitionsOf(text);
  if (!defs.length) return null;
  // Walk back from the last definition while numbers go down.
  let first = defs.length - 1;
  for (;;) {
    const [before, here] = [defs[first - 1], defs[first]];
    if (!before || !here || before.n >= here.n || here.n - before.n > 3) break;
    first--;
  }
  const run = defs.slice(first);
  // A lone "1." line is more likely a list item than a notes list of one.
  const [lone] = run;
  if (run.length === 1 && lone && !/^\s*\[/.test(text.slice(lone.lineStart, lone.bodyStart))) return null;
  const notes: NoteSpan[] = run.map((d, i) => {
    const limit = run[i + 1]?.lineStart ?? text.length;
    let end = limit;
    while (end > d.bodyStart && /\s/.test(text.charAt(end - 1))) end--;
    const raw = text.slice(d.bodyStart, end).replace(/\s+/g, " ").trim();
    return { n: d.n, start: d.lineStart + (/^[ \t]*/.exec(text.slice(d.lineStart))![0].length), end, bodyStart: d.bodyStart, raw };
  });
  // The last note ends at its paragraph: what follows a blank line and is not indented is no longer the note
  // unless it is the note's own continuation (it then has no sentence start of its own; rare, so kept simple).
  const last = must(notes.at(-1), "the last note");
  const para = text.slice(last.bodyStart, last.end).search(/\n[ \t]*\n(?![ \t])/);
  if (para >= 0 && looksLikeProse(text.slice(last.bodyStart + para, last.end))) {
    last.end = last.bodyStart + para;
    last.raw = text.slice(last.bodyStart, last.end).replace(/\s+/g, " ").trim();
  }
  let start = must(notes[0], "the first note").start;
  const before = text.slice(0, start).replace(/\s+$/, "");
  const headingStart = before.lastIndexOf("\n") + 1;
  if (HEADING.test(before.slice(headingStart))) start = headingStart;
  return { start, notes };
}

/** A long run of sentences after the last note (an author's bio, an appendix) is not part of it. */
function looksLikeProse(s: string): boolean {
  return (s.match(/[.!?]\s+[A-Z]/g)?.length ?? 0) >= 2 && !/https?:\/\//.test(s);
}
