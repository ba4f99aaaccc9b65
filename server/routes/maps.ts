import * as S from "../../contract/schemas.js";
import * as Q from "../db/queries.js";
import { toSerializedGraph } from "../../contract/graph.js";
import * as V from "../history/views.js";
import { defineRoute } from "../http/route.js";

export const mapRoutes = [
  defineRoute({
    method: "get",
    path: "/api/maps",
    summary: "List the maps",
    tags: ["maps"],
    query: S.NoQuery,
    response: S.MapList,
    handler: async (_input, { db }, { user }) => ({ maps: (await Q.listMaps(db, user)) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/graph",
    summary: "The whole map as graphology's serialized graph",
    description: "Node keys: a claim's id, `citation:N` for footnote N, `entity:ID` for an entity (prefixed, so no id a user chooses can collide). Edge keys: `TYPE:sourceKey->targetKey`, an undercut's `UNDERCUTS:source->inference->target`; edge attribute `type` is the relationship type, `inference` the supporting claim an undercut attacks.",
    tags: ["maps"],
    params: S.MapParams,
    query: S.NoQuery,
    response: S.SerializedGraph,
    mapScoped: true,
    handler: async ({ params }, { db }) => {
      const contents = await Q.mapContents(db, params.map);
      return contents && toSerializedGraph(contents);
    },
    atRevision: (_input, { contents }) => toSerializedGraph(contents),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/text",
    summary: "The analysed document's text, for reading claims in context",
    tags: ["maps"],
    params: S.MapParams,
    query: S.NoQuery,
    response: S.MapText,
    mapScoped: true,
    handler: async ({ params }, { db }) => Q.mapText(db, params.map),
    atRevision: (_input, { contents, text }) => ({ id: contents.map.id, title: contents.map.title, text }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/citations",
    summary: "The map's citations, each with the claims that carry it",
    tags: ["citations"],
    params: S.MapParams,
    query: S.NoQuery,
    response: S.CitationList,
    mapScoped: true,
    handler: async ({ params }, { db }) => ({ citations: await Q.citationsOf(db, params.map) }),
    atRevision: (_input, { contents }) => ({ citations: V.citationsOf(contents) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/entities",
    summary: "The map's entities, each with the claims that mention it",
    tags: ["entities"],
    params: S.MapParams,
    query: S.NoQuery,
    response: S.EntityList,
    mapScoped: true,
    handler: async ({ params }, { db }) => ({ entities: await Q.entitiesOf(db, params.map) }),
    atRevision: (_input, { contents }) => ({ entities: V.entitiesOf(contents) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/entities",
    summary: "Entities across all maps, with the maps and claims that mention them",
    tags: ["entities"],
    query: S.EntitySearchQuery,
    response: S.EntitySearch,
    handler: async ({ query }, { db }, { user }) => ({ entities: await Q.searchEntities(db, query.q, user) }),
  }),
];
