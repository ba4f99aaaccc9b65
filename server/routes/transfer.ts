/** Maps in and out: import (seed YAML, own JSON, AIF, Argdown), export, delete. */
import * as S from "../../contract/schemas.js";
import { deleteMap, loadMap } from "../db/maps.js";
import * as Q from "../db/queries.js";
import { NotFoundError } from "../errors.js";
import { defineRoute, RawResponse } from "../http/route.js";
import { importMap } from "../interchange/import.js";
import { renderExport } from "../interchange/export.js";

const WHERE = "request body";

/** A loss report as an HTTP header value: JSON with everything outside ASCII escaped. */
export const warningsHeader = (warnings: string[]) => JSON.stringify(warnings).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export const transferRoutes = [
  defineRoute({
    method: "post",
    path: "/api/maps",
    summary: "Import a map: the seed format (YAML), the project's JSON, AIF (AIFdb JSON or OVA's xAIF) or Argdown, told apart by Content-Type",
    description:
      "Validated first; a rejected import changes nothing, and problems name the line and column (Argdown) or node id (AIF) of the sent file. An existing map is replaced only with ?replace=true. `warnings` is the loss report: what the format held that argmap could not keep.",
    tags: ["maps"],
    query: S.ImportQuery,
    body: S.ExportBody,
    rawBody: true,
    bodyLimit: 20 * 2 ** 20,
    write: true,
    successStatus: 201,
    response: S.ImportResult,
    errors: [401, 409],
    handler: async ({ body, query, contentType }, { db, revisions }) => {
      const { data, warnings } = importMap({ body, where: WHERE, contentType, id: query.id, title: query.title });
      // Existence is checked inside the write transaction: no other import can slip in between.
      const result = await loadMap(db, data, { force: false, createOnly: !query.replace });
      revisions.invalidate(data.map.id);
      return { id: data.map.id, status: result.status, claims: data.claims.length, warnings };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/api/maps/:map",
    summary: "Remove one map and nothing else",
    tags: ["maps"],
    params: S.MapParams,
    query: S.NoQuery,
    write: true,
    response: S.DeleteResult,
    errors: [401, 404],
    handler: async ({ params }, { db, revisions }) => {
      const deleted = await deleteMap(db, params.map);
      revisions.invalidate(params.map);
      if (!deleted) throw new NotFoundError(`no map "${params.map}"; GET /api/maps lists the maps`);
      return { id: params.map, deleted: true as const };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/export",
    summary: "The map as AIF (AIFdb JSON), Argdown, GraphML or the project's own JSON",
    tags: ["maps"],
    params: S.MapParams,
    query: S.ExportQuery,
    response: S.ExportBody,
    produces: ["application/json", "text/x-argdown", "text/x-kialo", "application/graphml+xml"],
    responseHeaders: {
      "X-Argmap-Warnings": "The loss report: a JSON array of what the format cannot hold of this map (anchors, entities, citations, kinds …); [] when nothing is lost",
    },
    mapScoped: true,
    errors: [404],
    handler: async ({ params, query }, { db }) => {
      const [contents, text] = await Promise.all([Q.mapContents(db, params.map), Q.mapText(db, params.map)]);
      if (!contents || !text) return null;
      const rendered = renderExport(contents, text.text, query.format);
      return new RawResponse(rendered.contentType, rendered.body, `${params.map}.${rendered.extension}`, { "X-Argmap-Warnings": warningsHeader(rendered.warnings) });
    },
  }),
];
