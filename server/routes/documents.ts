/** Documents in: a new map from text, Markdown, HTML or PDF; its sentences; its editable metadata. */
import * as D from "../../contract/schemas.js";
import * as S from "../../contract/schemas.js";
import { readDocument, setSuggestionDismissed } from "../db/documents.js";
import * as Q from "../db/queries.js";
import type { Database } from "../db/neo4j.js";
import { NotFoundError } from "../errors.js";
import { planUpdateInfo } from "../history/edits.js";
import { MAP_INFO_KEY } from "../history/store.js";
import { defineRoute } from "../http/route.js";
import type { RevisionView } from "../http/route.js";
import type { MapContents } from "../../contract/graph.js";
import { INTAKE_LIMITS, type DocumentReader } from "../intake/intake.js";
import { newMapFromDocument } from "../intake/new-map.js";
import { suggestionStatus, suggestRelations } from "../intake/suggest.js";
import { z } from "zod";

/** The map's suggestions, each with where it stands; null for no map. */
async function suggestionsOf(db: Database, reader: DocumentReader, mapId: string) {
  const [doc, contents] = await Promise.all([readDocument(db, mapId, reader.analyse), Q.mapContents(db, mapId)]);
  if (!doc || !contents) return null;
  return statusOf(doc.text, doc.sentences, contents, doc.dismissed);
}

/** Suggestions of a text, each accepted when the map has its relation, dismissed when dismissed. */
function statusOf(text: string, sentences: Parameters<typeof suggestRelations>[1], contents: MapContents, dismissed: string[]) {
  const claims = new Map(contents.claims.map((c) => [c.id, c]));
  const relations = contents.edges.flatMap((e) => {
    const [source, target] = [claims.get(e.source), claims.get(e.target)];
    return (e.type === "SUPPORTS" || e.type === "ATTACKS") && source && target ? [{ type: e.type, source, target }] : [];
  });
  return suggestionStatus(suggestRelations(text, sentences), relations, new Set(dismissed));
}

async function dismiss(db: Database, reader: DocumentReader, params: { map: string; id: string }, dismissed: boolean) {
  const suggestions = await suggestionsOf(db, reader, params.map);
  if (!suggestions) return null;
  if (!suggestions.some((s) => s.id === params.id)) {
    throw new NotFoundError(`map "${params.map}" has no suggestion "${params.id}"; GET /api/maps/${params.map}/suggestions lists them`);
  }
  await setSuggestionDismissed(db, params.map, params.id, dismissed);
  return { id: params.id, status: dismissed ? ("dismissed" as const) : ("open" as const) };
}

/** POST dismisses a suggestion, DELETE takes the dismissal back: one route each, the same checks. */
const dismissalRoute = (method: "post" | "delete", dismissed: boolean, summary: string) =>
  defineRoute({
    method,
    path: "/api/maps/:map/suggestions/:id/dismiss",
    summary,
    tags: ["documents"],
    params: D.SuggestionParams,
    query: S.NoQuery,
    needs: "edit",
    response: D.SuggestionDismissal,
    errors: [401, 403, 404],
    handler: async ({ params }, { db, reader }) => {
      const done = await dismiss(db, reader, params, dismissed);
      if (!done) throw new NotFoundError(`no map "${params.map}"; GET /api/maps lists the maps`);
      return done;
    },
  });

/**
 * The document at an earlier revision (`?revision=`): the stored analysis while the text is
 * the same (edits never change it), else that revision's text analysed afresh (a reload came
 * between); notes only of the footnotes the map had then.
 */
async function documentAt(db: Database, reader: DocumentReader, mapId: string, { contents, text }: RevisionView) {
  const doc = await readDocument(db, mapId, reader.analyse);
  const { id: _id, revision: _revision, ...meta } = contents.map;
  const { sentences, notes } = doc && doc.text === text ? doc : await reader.analyse({ format: "text", text, meta });
  const kept = new Set(contents.citations.map((c) => c.n));
  return { text, sentences, notes: notes.filter((n) => kept.has(n.n)), dismissed: doc?.dismissed ?? [] };
}

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
    errors: [401, 403, 409, 413, 415, 422],
    handler: async ({ body, query, contentType }, { db, revisions, workbench, reader }, { user }) => {
      // The map belongs to whoever made it (the owner may share it, make it private or delete it).
      const result = await newMapFromDocument(db, body, contentType, query, user?.name ?? null, reader);
      revisions.invalidate(result.id);
      workbench.history.forget(result.id); // a map of that id deleted earlier may still have states cached
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
    handler: async ({ params }, { db, reader }) => {
      const doc = await readDocument(db, params.map, reader.analyse);
      return doc && { sentences: doc.sentences };
    },
    atRevision: async ({ params }, view, { db, reader }) => ({ sentences: (await documentAt(db, reader, params.map, view)).sentences }),
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
    handler: async ({ params }, { db, reader }) => {
      const doc = await readDocument(db, params.map, reader.analyse);
      return doc && { notes: doc.notes };
    },
    atRevision: async ({ params }, view, { db, reader }) => ({ notes: (await documentAt(db, reader, params.map, view)).notes }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/suggestions",
    summary: "Candidate claims and relations proposed by discourse markers (because, since, therefore, thus, however, but, yet, despite, although); never applied automatically",
    description:
      "Each suggestion is two spans of the text and a relation type; accepting one is creating the claims and the relation through the editing routes, " +
      "after which it reads `accepted`. Dismissals are remembered for the map outside its revisions, so this answer is not cached by revision.",
    tags: ["documents"],
    params: S.MapParams,
    query: S.NoQuery,
    response: D.SuggestionList,
    errors: [404],
    handler: async ({ params }, { db, reader }) => {
      const suggestions = await suggestionsOf(db, reader, params.map);
      if (!suggestions) throw new NotFoundError(`no map "${params.map}"; GET /api/maps lists the maps`);
      return { suggestions };
    },
    // Accepted as the map stood then; dismissals are not part of revisions, so they are today's.
    atRevision: async ({ params }, view, { db, reader }) => {
      const doc = await documentAt(db, reader, params.map, view);
      return { suggestions: statusOf(doc.text, doc.sentences, view.contents, doc.dismissed) };
    },
  }),
  dismissalRoute("post", true, "Dismiss a suggestion: it stays out of the reading pane for everyone on this map (analysts and admins)"),
  dismissalRoute("delete", false, "Take a dismissal back: the suggestion is open again"),
  defineRoute({
    method: "patch",
    path: "/api/maps/:map",
    summary: "Edit a map's title, author, date or venue (null or an empty string clears author, date, venue)",
    description: "An operation in the map's history (map.update), made by the caller. Send If-Match: \"<revision>\": a change of the metadata since then is 409 with the current state.",
    tags: ["maps"],
    params: S.MapParams,
    query: S.NoQuery,
    body: D.MapPatch,
    write: true,
    response: D.MapInfoResult,
    errors: [401, 403, 404, 409, 412],
    // An edit like any other: an operation in the map's history with its user, undone and restored like the rest.
    handler: async ({ params, body }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, touches: [MAP_INFO_KEY], plan: (state) => planUpdateInfo(state, body) }),
  }),
];
