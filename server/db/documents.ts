/** Maps made from documents: written in one transaction, read back with what intake found. */
import { createHash } from "node:crypto";
import { ConflictError, StoredDataError } from "../errors.js";
import type { DocumentReader } from "../intake/intake.js";
import type { DocumentMeta, IntakeResult, Marker, ParsedNote, Sentence } from "../intake/types.js";
import { CITATION_FIELDS } from "../intake/types.js";
import { cypher } from "./cypher.js";
import { int, type Database } from "./neo4j.js";
import { DocumentRow, IntakeNoteRow, rowsAs } from "./rows.js";

export interface NewDocumentMap {
  id: string;
  /** The id was made from the title, not asked for: when it is taken, the next free "-2", "-3" … is used instead of refusing. */
  derivedId: boolean;
  meta: DocumentMeta & { title: string };
  intake: IntakeResult;
}

export function documentRevision(doc: NewDocumentMap): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ meta: doc.meta, text: doc.intake.text, notes: doc.intake.notes }));
  return h.digest("hex").slice(0, 16);
}

const isConstraintViolation = (err: unknown) => (err as { code?: string })?.code === "Neo.ClientError.Schema.ConstraintValidationFailed";

/** `base` if free, else the first free `base-2`, `base-3` … among the ids taken. */
export function firstFreeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let k = 2;
  while (used.has(`${base}-${k}`)) k++;
  return `${base}-${k}`;
}

/**
 * Creates the map owned by `user` (null: the command line), with its creation as the first
 * operation of its history, and answers the id used and the revision. A taken id is
 * ConflictError, unless the id was derived from the title: then the next free one is used.
 * Both are decided inside the write transaction (the uniqueness constraint catches a race).
 */
export async function createDocumentMap(db: Database, doc: NewDocumentMap, user: string | null = null): Promise<{ id: string; revision: string }> {
  const { intake } = doc;
  const revision = documentRevision(doc);
  const params = {
    revision,
    format: intake.format,
    notesStart: intake.notesStart,
    sentenceStarts: intake.sentences.map((s) => s.start),
    sentenceEnds: intake.sentences.map((s) => s.end),
    markerNs: intake.markers.map((m) => m.n),
    markerStarts: intake.markers.map((m) => m.start),
    markerEnds: intake.markers.map((m) => m.end),
    markerForms: intake.markers.map((m) => m.form),
    citations: intake.notes.map((n) => ({
      n: n.n,
      authors: n.authors,
      title: n.title,
      publisher: n.publisher,
      date: n.date,
      url: n.url,
      raw: n.raw,
      start: n.start,
      end: n.end,
      parsedFields: CITATION_FIELDS.filter((f) => n.fields[f] === "parsed"),
      rawFields: CITATION_FIELDS.filter((f) => n.fields[f] === "raw"),
      repeats: n.repeats,
      source: n.source,
      unparsed: n.unparsed,
    })),
  };
  const taken = () => new ConflictError(`a map "${doc.id}" exists; choose another id with ?id= (or --id), or delete that map first`);
  for (let attempt = 1; ; attempt++) {
    try {
      const id = await db.write(async (tx) => {
        let id = doc.id;
        if ((await tx.run(cypher("map-exists"), { mapId: id })).length) {
          if (!doc.derivedId) throw taken();
          id = firstFreeId(doc.id, (await tx.run(cypher("map-ids-numbered"), { base: doc.id })).map((r) => r.id as string));
        }
        await tx.run(cypher("document-create"), { ...params, map: { id, ...doc.meta, text: intake.text } });
        await tx.run(cypher("map-after-load"), {
          mapId: id, seq: int(1), revision, contentHash: null, parent: null, user: user ?? "cli", at: new Date().toISOString(),
          op: JSON.stringify({ type: "load", status: "created" }), visibility: "public", owner: user, members: [],
        });
        return id;
      });
      return { id, revision };
    } catch (err) {
      // Another request created the same id between our check and commit: a derived id tries the next one.
      if (isConstraintViolation(err)) {
        if (doc.derivedId && attempt < 5) continue;
        throw taken();
      }
      throw err;
    }
  }
}

/** A map's document as intake saw it; maps written without intake (seed files) are analysed from their text. */
export interface StoredDocument {
  id: string;
  meta: DocumentMeta;
  text: string;
  fromIntake: boolean;
  sentences: Sentence[];
  markers: Marker[];
  notes: ParsedNote[];
  notesStart: number | null;
  /** Ids of the suggestions analysts dismissed. */
  dismissed: string[];
}

/** `analyse` finds the sentences of a text stored without intake's analysis: the server's runs in a worker. */
export async function readDocument(db: Database, mapId: string, analyse: DocumentReader["analyse"]): Promise<StoredDocument | null> {
  const [row] = rowsAs(DocumentRow, await db.read(cypher("document-read"), { mapId }), "document-read");
  if (!row) return null;
  const meta = { title: row.title, author: row.author, date: row.date, venue: row.venue };
  const text = row.text ?? "";
  if (row.origin !== "document" || !row.sentenceStarts) {
    const analysed = await analyse({ format: "text", text, meta });
    // Citations of a seed map are the editor's own: keep them, with the offsets of their notes where found.
    const found = new Map(analysed.notes.map((n) => [n.n, n]));
    const notes = row.citations.map(({ parsedFields: _p, rawFields: _r, ...c }): ParsedNote => {
      const note = found.get(c.n);
      const fields = Object.fromEntries(CITATION_FIELDS.map((f) => [f, c[f] === null ? "absent" : "parsed"])) as ParsedNote["fields"];
      return { ...c, raw: note?.raw ?? "", start: note?.start ?? -1, end: note?.end ?? -1, fields, repeats: note?.repeats ?? null, source: note?.source ?? c.n, unparsed: false };
    });
    return { id: row.id, meta, text, fromIntake: false, sentences: analysed.sentences, markers: analysed.markers, notes, notesStart: analysed.notesStart, dismissed: row.dismissedSuggestions };
  }
  // Parallel lists written together: a missing entry means the store was written by hand or by another version.
  const stored = <T>(list: readonly T[] | null, i: number, what: string): T => {
    const value = list?.[i];
    if (value === undefined) throw new StoredDataError(`document "${row.id}": ${what} ${i} is missing`);
    return value;
  };
  const markers: Marker[] = (row.markerNs ?? []).map((n, i) => ({ n, start: stored(row.markerStarts, i, "marker start"), end: stored(row.markerEnds, i, "marker end"), form: stored(row.markerForms, i, "marker form") }));
  const sentences: Sentence[] = [];
  let k = 0;
  for (const [i, start] of row.sentenceStarts.entries()) {
    const end = stored(row.sentenceEnds, i, "sentence end");
    let marker = markers[k];
    while (marker && marker.end <= start) marker = markers[++k];
    const ns: number[] = [];
    for (let j = k; marker && marker.start < end; marker = markers[++j]) ns.push(marker.n);
    sentences.push({ start, end, markers: ns });
  }
  const notes = rowsAs(IntakeNoteRow, row.citations, "document-read")
    .map(({ parsedFields, rawFields, ...c }): ParsedNote => {
      const fields = Object.fromEntries(
        CITATION_FIELDS.map((f) => [f, parsedFields.includes(f) ? "parsed" : rawFields.includes(f) ? "raw" : "absent"]),
      ) as ParsedNote["fields"];
      return { ...c, fields };
    })
    .sort((a, b) => a.n - b.n);
  return { id: row.id, meta, text, fromIntake: true, sentences, markers, notes, notesStart: row.notesStart, dismissed: row.dismissedSuggestions };
}

/** Marks a suggestion dismissed (or open again); false when the map does not exist. */
export async function setSuggestionDismissed(db: Database, mapId: string, id: string, dismissed: boolean): Promise<boolean> {
  const rows = await db.write((tx) => tx.run(cypher(dismissed ? "suggestion-dismiss" : "suggestion-restore"), { mapId, id }));
  return rows.length > 0;
}
