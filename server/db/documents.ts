/** Maps made from documents: written in one transaction, read back with what intake found. */
import { createHash } from "node:crypto";
import { ConflictError } from "../errors.js";
import { analyseText } from "../intake/intake.js";
import type { CitationField, DocumentMeta, IntakeResult, Marker, MarkerForm, ParsedNote, Sentence } from "../intake/types.js";
import { CITATION_FIELDS } from "../intake/types.js";
import { cypher } from "./cypher.js";
import type { Database } from "./neo4j.js";

export interface NewDocumentMap {
  id: string;
  meta: DocumentMeta & { title: string };
  intake: IntakeResult;
}

export function documentRevision(doc: NewDocumentMap): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ meta: doc.meta, text: doc.intake.text, notes: doc.intake.notes }));
  return h.digest("hex").slice(0, 16);
}

const isConstraintViolation = (err: unknown) => (err as { code?: string })?.code === "Neo.ClientError.Schema.ConstraintValidationFailed";

/** Creates the map, or ConflictError when the id is taken (checked inside the write transaction). */
export async function createDocumentMap(db: Database, doc: NewDocumentMap): Promise<string> {
  const { intake } = doc;
  const revision = documentRevision(doc);
  const params = {
    map: { id: doc.id, ...doc.meta, text: intake.text },
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
  try {
    await db.write(async (tx) => {
      if ((await tx.run(cypher("map-exists"), { mapId: doc.id })).length) throw taken();
      await tx.run(cypher("document-create"), params);
    });
  } catch (err) {
    if (isConstraintViolation(err)) throw taken(); // another request created the same id between our check and commit
    throw err;
  }
  return revision;
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
}

interface DocumentRow {
  id: string;
  title: string;
  author: string | null;
  date: string | null;
  venue: string | null;
  text: string | null;
  origin: string | null;
  notesStart: number | null;
  sentenceStarts: number[] | null;
  sentenceEnds: number[] | null;
  markerNs: number[] | null;
  markerStarts: number[] | null;
  markerEnds: number[] | null;
  markerForms: MarkerForm[] | null;
  citations: (Omit<ParsedNote, "fields"> & { parsedFields: CitationField[] | null; rawFields: CitationField[] | null })[];
}

export async function readDocument(db: Database, mapId: string): Promise<StoredDocument | null> {
  const rows = await db.read(cypher("document-read"), { mapId });
  if (!rows.length) return null;
  // TODO(row validation): check with a zod schema like server/db/rows.ts does for map-graph.
  const row = rows[0] as unknown as DocumentRow;
  const meta = { title: row.title, author: row.author, date: row.date, venue: row.venue };
  const text = row.text ?? "";
  if (row.origin !== "document" || !row.sentenceStarts) {
    const analysed = analyseText({ format: "text", text, meta });
    // Citations of a seed map are the editor's own: keep them, with the offsets of their notes where found.
    const found = new Map(analysed.notes.map((n) => [n.n, n]));
    const notes = row.citations.map(({ parsedFields: _p, rawFields: _r, ...c }): ParsedNote => {
      const note = found.get(c.n);
      const fields = Object.fromEntries(CITATION_FIELDS.map((f) => [f, c[f] === null ? "absent" : "parsed"])) as ParsedNote["fields"];
      return { ...c, raw: note?.raw ?? "", start: note?.start ?? -1, end: note?.end ?? -1, fields, repeats: note?.repeats ?? null, source: note?.source ?? c.n, unparsed: false };
    });
    return { id: row.id, meta, text, fromIntake: false, sentences: analysed.sentences, markers: analysed.markers, notes, notesStart: analysed.notesStart };
  }
  const markers: Marker[] = row.markerNs!.map((n, i) => ({ n, start: row.markerStarts![i], end: row.markerEnds![i], form: row.markerForms![i] }));
  const sentences: Sentence[] = [];
  let k = 0;
  for (let i = 0; i < row.sentenceStarts.length; i++) {
    const start = row.sentenceStarts[i];
    const end = row.sentenceEnds![i];
    while (k < markers.length && markers[k].end <= start) k++;
    const ns: number[] = [];
    for (let j = k; j < markers.length && markers[j].start < end; j++) ns.push(markers[j].n);
    sentences.push({ start, end, markers: ns });
  }
  const notes = row.citations
    .map(({ parsedFields, rawFields, ...c }): ParsedNote => {
      const fields = Object.fromEntries(
        CITATION_FIELDS.map((f) => [f, parsedFields?.includes(f) ? "parsed" : rawFields?.includes(f) ? "raw" : "absent"]),
      ) as ParsedNote["fields"];
      return { ...c, fields };
    })
    .sort((a, b) => a.n - b.n);
  return { id: row.id, meta, text, fromIntake: true, sentences, markers, notes, notesStart: row.notesStart };
}

export async function updateMapInfo(
  db: Database,
  mapId: string,
  patch: { title?: string; author?: string | null; date?: string | null; venue?: string | null },
): Promise<{ id: string; title: string; author: string | null; date: string | null; venue: string | null; revision: string } | null> {
  return db.write(async (tx) => {
    const stored = await tx.run(cypher("map-revision"), { mapId });
    if (!stored.length) return null;
    const revision = createHash("sha256")
      .update(`${String(stored[0].revision)}\n${JSON.stringify(patch)}`)
      .digest("hex")
      .slice(0, 16);
    const clear = Object.entries(patch).filter(([, v]) => v === null || v === "").map(([k]) => k);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null && v !== ""));
    const rows = await tx.run(cypher("map-update-info"), { mapId, set: { title: null, author: null, date: null, venue: null, ...set }, clear, revision });
    return rows[0] as { id: string; title: string; author: string | null; date: string | null; venue: string | null; revision: string };
  });
}
