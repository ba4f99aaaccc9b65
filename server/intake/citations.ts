/**
 * A note's text → a citation: authors, title, publisher, date, URL, each
 * marked parsed (recognised by its form), raw (a guess from the layout) or
 * absent. "Ibid."/"Id." repeat the previous note's source, "Smith, op. cit."
 * the last source by Smith; notes naming the same source (same URL, or same
 * authors and title, whatever the pages) share one `source` number.
 */
import { findDate } from "./dates.js";
import type { NoteSpan } from "./notes.js";
import type { CitationField, FieldStatus, ParsedNote } from "./types.js";
import { CITATION_FIELDS } from "./types.js";

type Fields = Pick<ParsedNote, CitationField>;

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"”]+|\bdoi:\s*10\.\d{4,9}\/\S+/i;
const IBID = /^(?:ibid|ibidem|id)\.?(?:\s*,?\s*(?:at\s+)?(?:pp?\.\s*)?[\divxlc]+(?:\s*[–-]\s*\d+)?)?\.?$/i;
const OP_CIT = /^(.+?),?\s+(?:op\.\s*cit|loc\.\s*cit)\.?/i;
const QUOTED = /[“"]([\s\S]+?)[”"]/;

/** "Coats, Dan." → "Coats, Dan"; "Kramer, Andrew E." keeps the initial's full stop. */
function trimAuthors(s: string): string {
  const t = s.trim().replace(/[,;:\s]+$/, "");
  if (/(?:^|[\s.])(?:\p{Lu}|Jr|Sr|Inc|Ltd|Co|Corp)\.$/u.test(t)) return t;
  return t.replace(/\.+$/, "").trim();
}

const tidy = (s: string) => s.replace(/^[\s.,;:]+|[\s,;:]+$/g, "").replace(/\.$/, "").trim();

function urlOf(s: string): { url: string; rest: string } | null {
  const m = URL.exec(s);
  if (!m) return null;
  let url = m[0].replace(/[.,;:)\]]+$/, "");
  const rest = (s.slice(0, m.index) + s.slice(m.index + url.length)).replace(/\s+/g, " ");
  if (/^doi:/i.test(url)) url = "https://doi.org/" + url.replace(/^doi:\s*/i, "");
  else if (/^www\./i.test(url)) url = "https://" + url;
  return { url, rest };
}

/** Splits one note's text into fields; `unparsed` when nothing at all was recognised. */
export function parseCitation(raw: string): { fields: Fields; status: Record<CitationField, FieldStatus>; unparsed: boolean } {
  const status: Record<CitationField, FieldStatus> = { authors: "absent", title: "absent", publisher: "absent", date: "absent", url: "absent" };
  const fields: Fields = { authors: null, title: null, publisher: null, date: null, url: null };
  let rest = raw.replace(/\s+/g, " ").trim();
  const url = urlOf(rest);
  if (url) {
    fields.url = url.url;
    status.url = "parsed";
    rest = url.rest.trim();
  }
  rest = rest.replace(/\b(?:accessed|retrieved|last visited)(?: on)?\s+[^.]*\.?/i, " ").trim();
  const quoted = QUOTED.exec(rest);
  if (quoted) {
    fields.title = (quoted[1] ?? "").replace(/\s+/g, " ").replace(/,$/, "").trim();
    status.title = "parsed";
    const authors = trimAuthors(rest.slice(0, quoted.index));
    if (authors) {
      fields.authors = authors;
      status.authors = "parsed";
    }
    const after = rest.slice(quoted.index + quoted[0].length);
    const date = findDate(after, { year: true });
    if (date) {
      fields.date = date.text;
      status.date = "parsed";
    }
    const publisher = tidy(date ? after.slice(0, date.index) : after);
    if (publisher) {
      fields.publisher = publisher;
      status.publisher = date || fields.url ? "parsed" : "raw";
    }
  } else {
    // No quoted title: "Authors. Title. Publisher, Date." read by its full stops, every guess marked raw.
    const date = findDate(rest, { year: true });
    if (date) {
      fields.date = date.text;
      status.date = "parsed";
    }
    const head = date ? rest.slice(0, date.index) : rest;
    const parts = head
      .split(/(?<![\s.]\p{Lu})(?<!\b(?:Jr|Sr|Inc|Ltd|Co|Corp|Vol|No|pp?|ed|eds))\.\s+/u)
      .map(tidy)
      .filter(Boolean);
    const [authors, title, ...publisher] = parts.length >= 2 ? parts : [null, parts[0] ?? null];
    if (authors) {
      fields.authors = trimAuthors(authors);
      status.authors = "raw";
    }
    if (title) {
      fields.title = title;
      status.title = "raw";
    }
    if (publisher.length) {
      fields.publisher = tidy(publisher.join(". ").replace(/\(\s*$/, ""));
      status.publisher = "raw";
    }
  }
  const unparsed = status.title !== "parsed" && status.date === "absent" && status.url === "absent";
  if (unparsed) {
    for (const f of CITATION_FIELDS) status[f] = fields[f] === null ? "absent" : "raw";
  }
  return { fields, status, unparsed };
}

const norm = (s: string | null) => (s ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Two notes cite one source when their URLs match, or their authors and titles do (other pages, other dates of access). */
function sourceKey(note: Fields): string | null {
  if (note.url) return "url:" + note.url.toLowerCase().replace(/^https?:\/\/(www\.)?/, "").replace(/[/#?]+$/, "");
  if (note.title) return "ref:" + norm(note.authors) + "|" + norm(note.title);
  return null;
}

const surname = (authors: string | null) => norm(authors?.split(/,|\s+and\s+/)[0] ?? "").split(" ").slice(-1)[0] ?? "";
const firstSurname = (authors: string | null) => norm(authors?.split(/,/)[0] ?? "").split(" ")[0] ?? "";

/** Every note of a list parsed, repeats resolved, shared sources numbered. */
export function parseNotes(spans: NoteSpan[]): ParsedNote[] {
  const notes: ParsedNote[] = [];
  const firstOfSource = new Map<string, number>();
  for (const span of spans) {
    const base = { n: span.n, start: span.start, end: span.end, raw: span.raw };
    const previous = notes[notes.length - 1];
    const opCit = OP_CIT.exec(span.raw);
    let repeated: ParsedNote | undefined;
    if (IBID.test(span.raw) || /^(?:ibid|id)\.(?:,|\s)/i.test(span.raw)) repeated = previous;
    else if (opCit) {
      const who = norm(opCit[1] ?? null).split(" ");
      repeated = [...notes].reverse().find((x) => who.includes(firstSurname(x.authors)) || who.includes(surname(x.authors)));
    }
    if (repeated) {
      notes.push({
        ...base,
        authors: repeated.authors,
        title: repeated.title,
        publisher: repeated.publisher,
        date: repeated.date,
        url: repeated.url,
        fields: { ...repeated.fields },
        repeats: repeated.repeats ?? repeated.n,
        source: repeated.source,
        unparsed: false,
      });
      continue;
    }
    const { fields, status, unparsed } = parseCitation(span.raw);
    const key = unparsed ? null : sourceKey(fields);
    const source = key !== null ? (firstOfSource.get(key) ?? span.n) : span.n;
    if (key !== null && !firstOfSource.has(key)) firstOfSource.set(key, span.n);
    notes.push({ ...base, ...fields, fields: status, repeats: null, source, unparsed });
  }
  return notes;
}
