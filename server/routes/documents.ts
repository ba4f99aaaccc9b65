/** Documents in: a new map from text, Markdown, HTML or PDF; its sentences; its editable metadata. */
import * as D from "../../contract/schemas.js";
import * as S from "../../contract/schemas.js";
import { readDocument, updateMapInfo } from "../db/documents.js";
import { defineRoute } from "../http/route.js";
import { INTAKE_LIMITS } from "../intake/intake.js";
import { newMapFromDocument } from "../intake/new-map.js";
import { suggestRelations } from "../intake/suggest.js";
import { z } from "zod";

export const documentRoutes = [
  defineRoute({
    method: "post",
    path: "/api/documents",
    summary: "A new map from a document: its exact text, sentences, footnote markers and parsed notes, no claims yet",
    description:
      "The body is the document; its Content-Type says how to read it (a PDF is recognised by its bytes). " +
      "Title, author and date come from the document's metadata where present (?title= overrides the title); the id is derived from the title unless ?id= is given. " +
      "Atomic: an existing id is 409 and nothing is written; an empty, binary or unreadable document, a scan without a text layer, or one over the size limit is refused with a message saying so.",
    tags: ["documents"],
    query: D.DocumentQuery,
    body: z.instanceof(Buffer),
    rawBody: "bytes",
    bodyTypes: D.DOCUMENT_MEDIA_TYPES,
    bodyLimit: INTAKE_LIMITS.bytes,
    write: true,
    successStatus: 201,
    response: D.DocumentCreated,
    errors: [401, 409, 413, 415, 422],
    handler: async ({ body, query, contentType }, { db, revisions }) => {
      const result = await newMapFromDocument(db, body, contentType, query);
      revisions.invalidate(result.id);
      return result;
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/sentences",
    summary: "The map's sentences (body text, notes excluded), each with the footnote numbers it carries",
    tags: ["documents"],
    params: S.MapParams,
    query: S.NoQuery,
    response: D.SentenceList,
    mapScoped: true,
    handler: async ({ params }, { db }) => {
      const doc = await readDocument(db, params.map);
      return doc && { sentences: doc.sentences };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/notes",
    summary: "The document's notes as parsed: each citation with its note's text and offsets, which fields were parsed and which are guesses to check",
    tags: ["documents", "citations"],
    params: S.MapParams,
    query: S.NoQuery,
    response: D.NoteList,
    mapScoped: true,
    handler: async ({ params }, { db }) => {
      const doc = await readDocument(db, params.map);
      return doc && { notes: doc.notes };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/suggestions",
    summary: "Candidate claims and relations proposed by discourse markers (because, since, therefore, thus, however, but, yet, despite, although); never applied automatically",
    description: "Each suggestion is two spans of the text and a relation type; accepting one is creating the claims and the relation through the editing routes.",
    tags: ["documents"],
    params: S.MapParams,
    query: S.NoQuery,
    response: D.SuggestionList,
    mapScoped: true,
    handler: async ({ params }, { db }) => {
      const doc = await readDocument(db, params.map);
      return doc && { suggestions: suggestRelations(doc.text, doc.sentences) };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/api/maps/:map",
    summary: "Edit a map's title, author, date or venue (null or an empty string clears author, date, venue)",
    tags: ["maps"],
    params: S.MapParams,
    query: S.NoQuery,
    body: D.MapPatch,
    write: true,
    response: D.MapInfoResult,
    errors: [401, 404],
    handler: async ({ params, body }, { db, revisions }) => {
      const updated = await updateMapInfo(db, params.map, body);
      revisions.invalidate(params.map);
      return updated;
    },
  }),
];
