/**
 * Editing a map: claims anchored to the text, relations between them, merges
 * and undo. Each edit is one operation in the map's history (server/history/).
 * Edits take If-Match: "<revision>"; a change since that revision to what the
 * edit touches is 409 with the current state of it.
 */
import { z } from "zod";
import * as W from "../../contract/workbench.js";
import * as S from "../../contract/schemas.js";
import { BadRequestError, ConflictError } from "../errors.js";
import { planCreateClaim, planCreateRelation, planDeleteClaim, planDeleteRelation, planMergeClaims, planUndo, planUpdateClaim } from "../history/edits.js";
import { readerOf } from "../history/store.js";
import { defineRoute } from "../http/route.js";

const RelationParams = z.object({
  map: S.MapId,
  key: z.string().min(1).max(700).meta({ description: "TYPE:source->target, or UNDERCUTS:source->inference->target (URL-encoded)" }),
});

const EDIT_ERRORS = [401, 403, 404, 409, 412, 422];
const IF_MATCH = "Send If-Match: \"<revision>\" (the revision the edit was made on): a change since then to what the edit touches is 409 with the current state; without If-Match the edit applies to whatever is current.";

/** The shape of a route that makes a new revision out of an earlier one (undo, restore): the body names that revision. */
export const revisionOperation = {
  tags: ["history"],
  params: S.MapParams,
  query: S.NoQuery,
  body: W.RevisionBody,
  needs: "edit" as const,
  response: W.EditResult,
};

export const editingRoutes = [
  defineRoute({
    method: "post",
    path: "/api/maps/:map/claims",
    summary: "Add a claim anchored to the text: its quote is the text between start and end",
    description: `Footnotes (cites), entities (mentions) and the speaker must be the map's own. The id is derived from the text when absent. ${IF_MATCH}`,
    tags: ["editing"],
    params: S.MapParams,
    query: S.NoQuery,
    body: W.ClaimCreateBody,
    needs: "edit",
    successStatus: 201,
    response: W.ClaimCreated,
    errors: EDIT_ERRORS,
    handler: async ({ params, body }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, touches: body.id ? [`claim:${body.id}`] : [], plan: (state) => planCreateClaim(state, body) }),
  }),
  defineRoute({
    method: "patch",
    path: "/api/maps/:map/claims/:id",
    summary: "Change a claim: kind, text, span (start and end together), speaker, footnotes, entities",
    description: IF_MATCH,
    tags: ["editing"],
    params: S.ClaimParams,
    query: S.NoQuery,
    body: W.ClaimPatchBody,
    needs: "edit",
    response: W.ClaimCreated,
    errors: EDIT_ERRORS,
    handler: async ({ params, body }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, touches: [`claim:${params.id}`], plan: (state) => planUpdateClaim(state, params.id, body) }),
  }),
  defineRoute({
    method: "delete",
    path: "/api/maps/:map/claims/:id",
    summary: "Remove a claim and its relations",
    description: IF_MATCH,
    tags: ["editing"],
    params: S.ClaimParams,
    query: S.NoQuery,
    needs: "edit",
    response: W.EditResult,
    errors: EDIT_ERRORS,
    handler: async ({ params }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, touches: [`claim:${params.id}`], plan: (state) => planDeleteClaim(state, params.id) }),
  }),
  defineRoute({
    method: "post",
    path: "/api/maps/:map/claims/:id/merge",
    summary: "Merge this claim into another: footnotes and entities join, relations move to the claim that stays",
    description: `Relations that would become self-loops, duplicates or a support-and-attack pair are dropped. ${IF_MATCH}`,
    tags: ["editing"],
    params: S.ClaimParams,
    query: S.NoQuery,
    body: W.MergeBody,
    needs: "edit",
    response: W.ClaimMerged,
    errors: EDIT_ERRORS,
    handler: async ({ params, body }, { workbench }, { user, ifMatch }) =>
      workbench.edit({
        mapId: params.map,
        user: user!.name,
        ifMatch,
        touches: [`claim:${params.id}`, `claim:${body.into}`],
        plan: (state) => planMergeClaims(state, params.id, body.into),
      }),
  }),
  defineRoute({
    method: "post",
    path: "/api/maps/:map/relations",
    summary: "Relate two claims: SUPPORTS, ATTACKS, or UNDERCUTS (an attack on the inference from `inference` to target)",
    description: `quote, when given, is the sentence that asserts the relation: an exact span of the text. ${IF_MATCH}`,
    tags: ["editing"],
    params: S.MapParams,
    query: S.NoQuery,
    body: W.RelationCreateBody,
    needs: "edit",
    successStatus: 201,
    response: W.RelationCreated,
    errors: EDIT_ERRORS,
    handler: async ({ params, body }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, plan: (state) => planCreateRelation(state, body) }),
  }),
  defineRoute({
    method: "delete",
    path: "/api/maps/:map/relations/:key",
    summary: "Remove one relation (removing a support also removes the undercuts of its inference)",
    description: IF_MATCH,
    tags: ["editing"],
    params: RelationParams,
    query: S.NoQuery,
    needs: "edit",
    response: W.EditResult,
    errors: EDIT_ERRORS,
    handler: async ({ params }, { workbench }, { user, ifMatch }) =>
      workbench.edit({ mapId: params.map, user: user!.name, ifMatch, touches: [params.key], plan: (state) => planDeleteRelation(state, params.key) }),
  }),
  defineRoute({
    method: "post",
    path: "/api/maps/:map/undo",
    summary: "Undo the operation that made `revision`: its inverse becomes a new revision (redo = undo the undo)",
    description:
      "409 with the current state when something it touched changed since; an undo of a whole-map operation (a load) is refused: restore a revision instead.",
    ...revisionOperation,
    errors: EDIT_ERRORS,
    handler: async ({ params, body }, { workbench }, { user }) => {
      const op = await workbench.history.opOf(readerOf(workbench.db), params.map, body.revision);
      if (!op) throw new BadRequestError(`body revision: map "${params.map}" has no revision "${body.revision}"`);
      if (!op.before || !op.after) throw new ConflictError(`revision "${body.revision}" is a whole-map operation (${op.op.type}); restore an earlier revision instead`);
      const { before, after } = op;
      // The undo is made "on" the undone revision: anything it touched that changed since is a conflict.
      return workbench.edit({ mapId: params.map, user: user!.name, ifMatch: body.revision, plan: (state) => planUndo(state, body.revision, before, after) });
    },
  }),
];
