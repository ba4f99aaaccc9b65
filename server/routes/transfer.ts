/** Maps in and out: import (seed YAML, own JSON, AIF, Argdown), export, delete. */
import * as S from "../../contract/schemas.js";
import { deleteMap, loadMap } from "../db/maps.js";
import * as Q from "../db/queries.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import { canEdit, canRead } from "../people/access.js";
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
    needs: "create",
    errors: [401, 403, 409],
    handler: async ({ body, query, contentType }, { db, revisions, workbench }, { user }) => {
      const { data, warnings } = importMap({ body, where: WHERE, contentType, id: query.id, title: query.title });
      const existing = await revisions.fetch(data.map.id);
      if (existing && !canRead(user, existing)) throw new ConflictError(`a map "${data.map.id}" exists; import under another id`);
      if (existing && !query.replace) {
        throw new ConflictError(`a map "${data.map.id}" exists; add ?replace=true to replace it, or import under another id`);
      }
      if (existing && !canEdit(user, existing)) throw new ForbiddenError(`"${user!.name}" may not replace map "${data.map.id}"`);
      // A replacement is one operation in the map's history; a new map belongs to its creator.
      const result = await loadMap(db, data, { force: false, createOnly: !query.replace, user: user!.name, owner: user!.name });
      revisions.invalidate(data.map.id);
      workbench.history.forget(data.map.id);
      workbench.events.wake(data.map.id);
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
    needs: "owner",
    response: S.DeleteResult,
    errors: [401, 403, 404],
    handler: async ({ params }, { db, revisions, workbench }) => {
      const deleted = await deleteMap(db, params.map);
      revisions.invalidate(params.map);
      workbench.history.forget(params.map);
      workbench.events.wake(params.map);
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
    bodies: { "application/json": S.ExportJsonBody },
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
    atRevision: ({ params, query }, { contents, text }) => {
      const rendered = renderExport(contents, text, query.format);
      return new RawResponse(rendered.contentType, rendered.body, `${params.map}.${rendered.extension}`, { "X-Argmap-Warnings": warningsHeader(rendered.warnings) });
    },
  }),
];
