/** A document becomes a map: intake, an id and title, one atomic write. Shared by the route and the CLI. */
import { kebabIdFrom } from "../../contract/model.js";
import { createDocumentMap, type NewDocumentMap } from "../db/documents.js";
import type { Database } from "../db/neo4j.js";
import { BadRequestError } from "../errors.js";
import type { DocumentReader } from "./intake.js";
import type { IntakeResult, ParsedNote } from "./types.js";

export interface NewMapResult {
  id: string;
  revision: string;
  format: IntakeResult["format"];
  meta: { title: string; author: string | null; date: string | null; venue: string | null };
  sentences: IntakeResult["sentences"];
  citations: ParsedNote[];
  markers: IntakeResult["markers"];
}

/** Intake, title and id: everything but the write, so a bad document is refused before any database is touched. */
export async function prepareDocumentMap(
  bytes: Uint8Array,
  contentType: string,
  options: { id?: string; title?: string },
  reader: DocumentReader,
): Promise<NewDocumentMap> {
  const intake = await reader.intake(bytes, contentType);
  const title = options.title ?? intake.meta.title ?? "Untitled document";
  // "How to bring Russia into INF compliance — without …" → "how-to-bring-russia-into-inf-compliance-without".
  const id = options.id ?? kebabIdFrom(title, 60);
  if (!id) throw new BadRequestError(`no map id can be made from the title "${title}"; give one with ?id= (or --id)`);
  return { id, derivedId: options.id === undefined, meta: { ...intake.meta, title }, intake };
}

/**
 * Writes a prepared document as a new map owned by `user` and says what was made: 409 when an
 * id asked for is taken; an id made from the title gets a suffix instead (two untitled documents).
 */
export async function writeDocumentMap(db: Database, doc: NewDocumentMap, user: string | null = null): Promise<NewMapResult> {
  const { id, revision } = await createDocumentMap(db, doc, user);
  const { intake } = doc;
  return { id, revision, format: intake.format, meta: doc.meta, sentences: intake.sentences, citations: intake.notes, markers: intake.markers };
}

export async function newMapFromDocument(
  db: Database,
  bytes: Uint8Array,
  contentType: string,
  options: { id?: string; title?: string },
  user: string | null,
  reader: DocumentReader,
): Promise<NewMapResult> {
  return writeDocumentMap(db, await prepareDocumentMap(bytes, contentType, options, reader), user);
}
