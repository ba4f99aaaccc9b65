/**
 * A route is declared once: its path, input and output schemas, and handler.
 * From that declaration come the Express handler (validation, ETag, errors)
 * and the OpenAPI operation.
 */
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { BadRequestError, NotFoundError } from "../errors.js";
import type { Database } from "../db/neo4j.js";
import type { ResponseCache } from "./response-cache.js";
import type { RevisionCache } from "./revisions.js";

export interface RouteContext {
  db: Database;
  revisions: RevisionCache;
  responses: ResponseCache;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteDef<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, R extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  /** JSON request body. */
  body?: B;
  response: R;
  /** Answers depend only on the map named by :map, so its revision is the ETag and an unknown map is 404. */
  mapScoped?: boolean;
  /** Status codes besides 200 worth documenting. */
  errors?: number[];
  /** The status of a successful answer, when it depends on the answer (health). */
  statusOf?: (result: z.infer<R>) => number;
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }, ctx: RouteContext) => Promise<z.infer<R> | null>;
}

export const defineRoute = <P extends AnyObject, Q extends AnyObject, R extends z.ZodType, B extends z.ZodType = z.ZodUndefined>(
  def: RouteDef<P, Q, R, B>,
) => def as unknown as RouteDef;

/** "query parameter depth: must be at most 10", "body attacks[2][0]: …" — names what is wrong and where. */
function inputError(where: "path parameter" | "query parameter" | "body", error: z.ZodError): BadRequestError {
  const parts = error.issues.slice(0, 10).map((issue) => {
    const noun = where === "body" ? "field" : where;
    if (issue.code === "unrecognized_keys") return `unknown ${noun}${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    const name = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    return where === "body" ? `body ${name || "(root)"}: ${issue.message}` : `${where} ${name}: ${issue.message}`;
  });
  return new BadRequestError(parts.join("; "));
}

const API_VERSION = "1";

export function mount(router: Router, routes: RouteDef[], ctx: RouteContext): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const params = (route.params ?? z.object({})).safeParse(req.params);
      if (!params.success) throw inputError("path parameter", params.error);
      const query = (route.query ?? z.object({}).strict()).safeParse(req.query ?? {});
      if (!query.success) throw inputError("query parameter", query.error);
      const body = route.body ? route.body.safeParse(req.body) : { success: true as const, data: undefined };
      if (!body.success) throw inputError("body", body.error);

      let revision: string | null = null;
      if (route.mapScoped) {
        const mapId = (params.data as unknown as { map: string }).map;
        const ifNoneMatch = req.headers["if-none-match"];
        // A fresh cached revision lets a conditional request be answered without any Cypher.
        const cached = ctx.revisions.peek(mapId);
        if (cached && ifNoneMatch && matches(ifNoneMatch, etagOf(mapId, cached))) {
          res.status(304).set("ETag", etagOf(mapId, cached)).end();
          return;
        }
        revision = cached ?? (await ctx.revisions.fetch(mapId));
        if (revision === null) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
        const etag = etagOf(mapId, revision);
        res.set("ETag", etag);
        if (ifNoneMatch && matches(ifNoneMatch, etag)) {
          res.status(304).end();
          return;
        }
        const hit = route.method === "get" ? ctx.responses.get(revision, req.originalUrl) : undefined;
        if (hit !== undefined) {
          res.status(200).set("Cache-Control", "no-cache").type("json").send(hit);
          return;
        }
      }

      const result = await route.handler({ params: params.data, query: query.data, body: body.data }, ctx);
      if (result === null) throw new NotFoundError(notFoundMessage(params.data as unknown as Record<string, string>));
      const status = route.statusOf?.(result) ?? 200;
      if (status === 503) res.set("Retry-After", "5");
      const json = JSON.stringify(result);
      if (revision !== null && route.method === "get" && status === 200) ctx.responses.set(revision, req.originalUrl, json);
      res.status(status).set("Cache-Control", "no-cache").type("json").send(json);
    });
  }
}

function notFoundMessage(params: Record<string, string>): string {
  if (params.id) return `no claim "${params.id}" in map "${params.map}"; GET /api/maps/${params.map}/claims lists them`;
  if (params.map) return `no map "${params.map}"; GET /api/maps lists the maps`;
  return "not found";
}

const etagOf = (mapId: string, revision: string) => `W/"${mapId}.${revision}.${API_VERSION}"`;
const matches = (header: string, etag: string) => header.split(",").some((t) => t.trim() === etag || t.trim() === "*");
