/**
 * A route is declared once: its path, input and output schemas, and handler.
 * From that declaration come the Express handler (validation, ETag, errors)
 * and the OpenAPI operation.
 */
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { BadRequestError, MethodNotAllowedError, NotFoundError } from "../errors.js";
import type { Evaluator } from "../argumentation/budget.js";
import type { Database } from "../db/neo4j.js";
import { authenticate } from "./auth.js";
import { readBodyBytes, readJsonBody, readTextBody } from "./body.js";
import type { ResponseCache } from "./response-cache.js";
import type { RevisionCache } from "./revisions.js";

export interface RouteContext {
  db: Database;
  revisions: RevisionCache;
  responses: ResponseCache;
  /** Bearer token that write routes require. */
  token: string | null;
  /** Runs evaluations off the event loop within a budget. */
  evaluator: Evaluator;
}

/** An answer that is not JSON (exports): sent as is, with its content type. */
export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly body: string,
    readonly fileName?: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteDef<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, R extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  /** Request body: JSON validated by this schema, or (with rawBody) the body as text. */
  body?: B;
  /** Take the body as text whatever its type (imports tell formats apart by Content-Type); "bytes": as a Buffer (documents, PDFs). */
  rawBody?: boolean | "bytes";
  /** Media types a raw body may have, each with a description, for the OpenAPI document (default: the map import formats). */
  bodyTypes?: Record<string, string>;
  /** Largest body accepted, in bytes after decompression (default 1 MiB). */
  bodyLimit?: number;
  /** Changes data: needs Authorization: Bearer <token>. */
  write?: boolean;
  /** Status of a success (default 200). */
  successStatus?: number;
  /** Headers of a success worth documenting, with their descriptions. */
  responseHeaders?: Record<string, string>;
  /** Media types of a success, for the OpenAPI document (default application/json). */
  produces?: string[];
  response: R;
  /** Answers depend only on the map named by :map, so its revision is the ETag and an unknown map is 404. */
  mapScoped?: boolean;
  /** Status codes besides 200 worth documenting. */
  errors?: number[];
  /** The status of a successful answer, when it depends on the answer (health). */
  statusOf?: (result: z.infer<R>) => number;
  handler: (
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; contentType: string },
    ctx: RouteContext,
  ) => Promise<z.infer<R> | RawResponse | null>;
}

export const defineRoute = <P extends AnyObject, Q extends AnyObject, R extends z.ZodType, B extends z.ZodType = z.ZodUndefined>(
  def: RouteDef<P, Q, R, B>,
  // Routes of different schemas go into one table: the handler's input is contravariant in the
  // schemas, so TypeScript cannot widen it; the declaration above is where it was checked.
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

const DEFAULT_BODY_LIMIT = 2 ** 20;

export function mount(router: Router, routes: RouteDef[], ctx: RouteContext): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      // Nobody gets a byte of a write's body read before proving who they are.
      if (route.write) authenticate(req, ctx);
      const params = (route.params ?? z.object({})).safeParse(req.params);
      if (!params.success) throw inputError("path parameter", params.error);
      const query = (route.query ?? z.object({}).strict()).safeParse(req.query ?? {});
      if (!query.success) throw inputError("query parameter", query.error);
      const raw = route.body
        ? route.rawBody === "bytes"
          ? await readBodyBytes(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
          : route.rawBody
          ? await readTextBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
          : await readJsonBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
        : undefined;
      const body = route.body ? route.body.safeParse(raw) : { success: true as const, data: undefined };
      if (!body.success) throw inputError("body", body.error);

      if (route.mapScoped) {
        // A map-scoped route's params schema has `map` (MapParams or an extension of it); the table's type erases that.
        const mapId = (params.data as unknown as { map: string }).map;
        const ifNoneMatch = req.headers["if-none-match"];
        // A fresh cached revision lets a conditional request be answered without any Cypher.
        const cached = ctx.revisions.peek(mapId);
        if (cached && ifNoneMatch && matches(ifNoneMatch, etagOf(mapId, cached))) {
          res.status(304).set("ETag", etagOf(mapId, cached)).end();
          return;
        }
        const revision = cached ?? (await ctx.revisions.fetch(mapId));
        if (revision === null) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
        const etag = etagOf(mapId, revision);
        res.set("ETag", etag);
        if (ifNoneMatch && matches(ifNoneMatch, etag)) {
          res.status(304).end();
          return;
        }
        if (route.method === "get" && !route.produces && ctx.responses.enabled) {
          // JSON answers of an unchanged map are computed once and then served from memory.
          const { hit, body: json } = ctx.responses.shared(revision, req.originalUrl, async () => {
            const result = await route.handler({ params: params.data, query: query.data, body: body.data, contentType: "" }, ctx);
            if (result === null) throw new NotFoundError(notFoundMessage(params.data));
            return JSON.stringify(result);
          });
          res.status(200).set({ "Cache-Control": "no-cache", "X-Argmap-Cache": hit ? "hit" : "miss" }).type("json").send(await json);
          return;
        }
      }

      const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      const result = await route.handler({ params: params.data, query: query.data, body: body.data, contentType }, ctx);
      if (result === null) throw new NotFoundError(notFoundMessage(params.data));
      if (result instanceof RawResponse) {
        if (result.fileName) res.attachment(result.fileName);
        res.status(route.successStatus ?? 200).set({ "Cache-Control": "no-cache", ...result.headers }).type(result.contentType).send(result.body);
        return;
      }
      const status = route.statusOf?.(result) ?? route.successStatus ?? 200;
      if (status === 503) res.set("Retry-After", "5");
      res.status(status).set("Cache-Control", "no-cache").type("json").send(JSON.stringify(result));
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

/** 405 with Allow for methods a known path does not take (OPTIONS answers with Allow alone). */
export function mountMethodGuards(router: Router, routes: Array<Pick<RouteDef, "method" | "path">>): void {
  const byPath = new Map<string, Set<string>>();
  for (const route of routes) {
    const methods = byPath.get(route.path) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    if (route.method === "get") methods.add("HEAD");
    byPath.set(route.path, methods);
  }
  for (const [path, methods] of byPath) {
    const allow = [...methods, "OPTIONS"];
    router.all(path, (req: Request, res: Response) => {
      if (req.method === "OPTIONS") {
        res.status(204).set("Allow", allow.join(", ")).end();
        return;
      }
      throw new MethodNotAllowedError(req.method, path, allow);
    });
  }
}
