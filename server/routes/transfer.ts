/** Maps in and out: import (seed YAML, own JSON, AIF, Argdown), export, delete. */
import { stringify as toYaml } from "yaml";
import * as S from "../../contract/schemas.js";
import { deleteMap, loadMap, storedRevision } from "../db/maps.js";
import * as Q from "../db/queries.js";
import type { MapData } from "../../contract/model.js";
import { BadRequestError, ConflictError, NotFoundError } from "../errors.js";
import { defineRoute, RawResponse } from "../http/route.js";
import { parseSeed } from "../import/seed.js";
import { aifToSeed, argdownToSeed, looksLikeAif } from "../interchange/index.js";
import { renderExport } from "../interchange/export.js";

const WHERE = "request body";

/** Body + Content-Type → a validated map; every format ends in the seed validator. */
function parseImport(body: string, contentType: string, query: { id?: string; title?: string }): MapData {
  if (!body.trim()) throw new BadRequestError("the request body is empty; send a map as application/yaml, application/json or text/x-argdown");
  if (contentType === "application/json") {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      throw new BadRequestError(`${WHERE}: not valid JSON (${(err as Error).message})`);
    }
    if (looksLikeAif(value)) {
      if (!query.id) throw new BadRequestError("query parameter id: an AIF document carries no map id; add ?id=your-map-id");
      const seed = aifToSeed(value, { id: query.id, title: query.title ?? query.id }, WHERE);
      return parseSeed({ text: toYaml(seed), file: `${WHERE} (AIF converted)` });
    }
    return parseSeed({ text: body, file: WHERE }); // the project's own JSON is YAML too: lines stay meaningful
  }
  if (["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"].includes(contentType)) {
    return parseSeed({ text: body, file: WHERE });
  }
  if (["text/x-argdown", "text/argdown", "text/plain", "text/markdown"].includes(contentType)) {
    const seed = argdownToSeed(body, query.id ?? "imported-map", WHERE);
    if (query.id) seed.map.id = query.id;
    if (query.title) seed.map.title = query.title;
    return parseSeed({ text: toYaml(seed), file: `${WHERE} (Argdown converted)` });
  }
  throw new BadRequestError(
    `Content-Type "${contentType || "(none)"}" is not a map format; use application/yaml (seed), application/json (AIF or argmap JSON) or text/x-argdown`,
  );
}

export const transferRoutes = [
  defineRoute({
    method: "post",
    path: "/api/maps",
    summary: "Import a map: the seed format (YAML), the project's JSON, AIF or Argdown, told apart by Content-Type",
    description: "Validated first; a rejected import changes nothing. An existing map is replaced only with ?replace=true.",
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
      const data = parseImport(body as string, contentType, query);
      if (!query.replace && (await storedRevision(db, data.map.id)) !== null) {
        throw new ConflictError(`a map "${data.map.id}" exists; add ?replace=true to replace it, or import under another id`);
      }
      const result = await loadMap(db, data, { force: false });
      revisions.invalidate(data.map.id);
      return { id: data.map.id, status: result.status, claims: data.claims.length };
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
    produces: ["application/json", "text/x-argdown", "application/graphml+xml"],
    mapScoped: true,
    errors: [404],
    handler: async ({ params, query }, { db }) => {
      const [contents, text] = await Promise.all([Q.mapContents(db, params.map), Q.mapText(db, params.map)]);
      if (!contents || !text) return null;
      const rendered = renderExport(contents, text.text, query.format);
      return new RawResponse(rendered.contentType, rendered.body, `${params.map}.${rendered.extension}`);
    },
  }),
];
