import * as S from "../../contract/schemas.js";
import * as Q from "../db/queries.js";
import { NotFoundError } from "../errors.js";
import * as V from "../history/views.js";
import { defineRoute } from "../http/route.js";

/** The support tree and the attack view: the same request and answer, another query. */
function subgraphRoute(name: "support" | "attack", summary: string, query: typeof Q.supportTree, atRevision: typeof V.supportTreeOf) {
  return defineRoute({
    method: "get",
    path: `/api/maps/:map/claims/:id/${name}`,
    summary,
    tags: ["claims"],
    params: S.ClaimParams,
    query: S.DepthQuery,
    response: S.Subgraph,
    mapScoped: true,
    errors: [404],
    handler: async ({ params, query: q }, { db }) => query(db, params.map, params.id, q.depth),
    atRevision: ({ params, query: q }, { contents }) => atRevision(contents, params.id, q.depth),
  });
}

function found(mapId: string, result: { paths: string[][] } | { missing: string }) {
  if ("missing" in result) throw new NotFoundError(`no claim "${result.missing}" in map "${mapId}"`);
  return result;
}

export const claimRoutes = [
  defineRoute({
    method: "get",
    path: "/api/maps/:map/claims",
    summary: "Claims of a map, optionally found by words (full-text over text and quote) and kind",
    tags: ["claims"],
    params: S.MapParams,
    query: S.ClaimsQuery,
    response: S.ClaimList,
    mapScoped: true,
    handler: async ({ params, query }, { db }) => ({ claims: await Q.findClaims(db, params.map, query.q, query.kind) }),
    atRevision: ({ query }, { contents }) => ({ claims: V.claimsOf(contents, query.q, query.kind) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/claims/:id",
    summary: "One claim with its neighbours: supporters, attackers, what it supports and attacks, citations and entities",
    tags: ["claims"],
    params: S.ClaimParams,
    query: S.NoQuery,
    response: S.ClaimDetail,
    mapScoped: true,
    errors: [404],
    handler: async ({ params }, { db }) => Q.claimDetail(db, params.map, params.id),
    atRevision: ({ params }, { contents }) => V.claimDetailOf(contents, params.id),
  }),
  subgraphRoute("support", "Everything that supports the claim, transitively up to depth", Q.supportTree, V.supportTreeOf),
  subgraphRoute(
    "attack",
    "The counterarguments: attackers of the claim and of its supporters, and the rebuttals of those attackers",
    Q.attackView,
    V.attackViewOf,
  ),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/paths",
    summary: "Argument chains from one claim to another along SUPPORTS, shortest first",
    tags: ["claims"],
    params: S.MapParams,
    query: S.PathsQuery,
    response: S.PathList,
    mapScoped: true,
    errors: [404],
    handler: async ({ params, query }, { db }) => found(params.map, await Q.paths(db, params.map, query.from, query.to, query.max)),
    atRevision: ({ params, query }, { contents }) => found(params.map, V.pathsOf(contents, query.from, query.to, query.max)),
  }),
];
