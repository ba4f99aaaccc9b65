/**
 * Title, author, date and venue: what the format's own metadata says (HTML
 * meta, Markdown front matter, PDF info) wins; otherwise the top of the text
 * is read the way a person would — the first short line is the title, a line
 * that is only a name (or "By …") is the author, the first date is the date,
 * a "Journal …, Vol." line is the venue.
 */
import { findDate, isoDate } from "./dates.js";
import type { DocumentMeta } from "./types.js";

const NAME_LINE = /^(?:By\s+)?((?:[A-Z][\p{L}'’-]+|[A-Z]\.)(?:\s+(?:[A-Z]\.|[A-Z][\p{L}'’-]+|van|von|de|da|del|der|la|le|bin|al))*\s+[A-Z][\p{L}'’-]+)(?:\s+and\s+[A-Z][\p{L}.'’ -]+)?$/u;

function topLines(text: string, count: number): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, count);
}

export function metadataFromText(text: string): DocumentMeta {
  const lines = topLines(text, 12);
  // A title is a short first line that is not a sentence (no closing full stop, no footnote marker).
  const first = lines[0] ?? "";
  const title = first && first.length <= 200 && !/[.!?:]["”’]?$/.test(first) && !/\[\^?\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(first) ? first : null;
  let author: string | null = null;
  for (const line of lines.slice(title ? 1 : 0)) {
    const m = NAME_LINE.exec(line);
    if (m && line.split(/\s+/).length <= 8) {
      author = line.replace(/^By\s+/, "");
      break;
    }
  }
  // Only short lines: a date inside the first paragraph or a note is not the document's date.
  const dateLine = lines.slice(0, 8).filter((l) => l.length <= 150 && !/^\[\d+\]/.test(l)).map((l) => findDate(l)).find((d) => d !== null);
  const venueLine = lines.slice(0, 8).find((l) => /\b(?:Journal|Review|Quarterly|Proceedings|Bulletin|Magazine)\b/.test(l) && /,\s*(?:Vol\.|Volume|No\.|Issue)/.test(l));
  return {
    title,
    author,
    date: dateLine ? isoDate(dateLine.text) : null,
    venue: venueLine ? (venueLine.split(/,\s*(?:Vol\.|Volume|No\.|Issue)/)[0] ?? venueLine).trim() : null,
  };
}

const clean = (v: string | null | undefined, max = 500) => {
  const t = v?.replace(/\s+/g, " ").trim();
  return t ? t.slice(0, max) : null;
};

/** The format's metadata first, the text's heuristics for what it leaves open; dates normalised to ISO where recognised. */
export function mergeMeta(fromFormat: Partial<DocumentMeta>, text: string): DocumentMeta {
  const fromText = metadataFromText(text);
  const date = clean(fromFormat.date) ?? fromText.date;
  return {
    title: clean(fromFormat.title) ?? fromText.title,
    author: clean(fromFormat.author) ?? fromText.author,
    date: date ? isoDate(date) : null,
    venue: clean(fromFormat.venue) ?? fromText.venue,
  };
}
