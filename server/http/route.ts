/**
 * A route is declared once: its path, input and output schemas, and handler.
 * From that declaration come the Express handler (validation, ETag, errors)
 * and the OpenAPI operation.
 */
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { BadRequestError, ForbiddenError, MethodNotAllowedError, NotFoundError, UnauthorizedError } from "../errors.js";
import type { Evaluator } from "../argumentation/budget.js";
import type { DocumentReader } from "../intake/intake.js";
import { withoutRequestClock } from "../db/deadline.js";
import type { Database } from "../db/neo4j.js";
import type { MapContents } from "../../contract/graph.js";
import { toContents } from "../history/state.js";
import type { Workbench } from "../history/workbench.js";
import { canEdit, canRead, isOwner, type Need } from "../people/access.js";
import type { People, Principal } from "../people/people.js";
import { readBodyBytes, readJsonBody, readTextBody } from "./body.js";
import { authenticationAccepted } from "./security.js";
import type { ResponseCache } from "./response-cache.js";
import type { MapMeta, RevisionCache } from "./revisions.js";

/** A map's content at one revision, for answers at `?revision=`. */
export interface RevisionView {
  contents: MapContents;
  text: string;
}

export interface RouteContext {
  db: Database;
  revisions: RevisionCache;
  responses: ResponseCache;
  /** Who is asking: bearer tokens → users. */
  people: People;
  /** Edits, history and events. */
  workbench: Workbench;
  /** Runs evaluations off the event loop within a budget. */
  evaluator: Evaluator;
  /** Reads documents (intake, and the analysis of texts stored without one) off the event loop within a budget. */
  reader: DocumentReader;
}

/** What a handler is given besides its validated input. */
export interface Caller {
  /** The authenticated user, or null (anonymous). */
  user: Principal | null;
  /** The revision named by If-Match (edits), without quotes. */
  ifMatch: string | null;
  /** The map's access and current revision (map routes). */
  meta: MapMeta | null;
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
  method: "get" | "post" | "delete" | "patch" | "put";
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
  /** Changes data: needs a bearer token (as needs "edit" on map routes, "create" elsewhere, unless `needs` says). */
  write?: boolean;
  /** Who may call it (server/people/access.ts); default "read" on map routes, "anyone" elsewhere. */
  needs?: Need;
  /** A streaming answer (events): gets the response after access is checked. */
  stream?: (input: { params: Record<string, string>; query: Record<string, unknown> }, req: Request, res: Response, ctx: RouteContext, caller: Caller) => Promise<void>;
  /** Status of a success (default 200). */
  successStatus?: number;
  /** Headers of a success worth documenting, with their descriptions. */
  responseHeaders?: Record<string, string>;
  /** Media types of a success, for the OpenAPI document (default application/json). */
  produces?: string[];
  /** The success's schema per media type, where it is not `response` (an export's JSON is an object, its other formats text). */
  bodies?: Record<string, z.ZodType>;
  response: R;
  /** Answers depend only on the map named by :map, so its revision is the ETag and an unknown map is 404. */
  mapScoped?: boolean;
  /**
   * The answer at an earlier revision (`?revision=`), computed from that revision's content in
   * memory; routes without it refuse the parameter.
   */
  atRevision?: (input: { params: z.infer<P>; query: z.infer<Q> }, view: RevisionView, ctx: RouteContext) => z.infer<R> | RawResponse | null | Promise<z.infer<R> | RawResponse | null>;
  /** Status codes besides 200 worth documenting. */
  errors?: number[];
  /** The status of a successful answer, when it depends on the answer (health). */
  statusOf?: (result: z.infer<R>) => number;
  handler: (
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; contentType: string },
    ctx: RouteContext,
    caller: Caller,
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

/** What a route needs: declared, or implied by `write` and `mapScoped`. */
export function needOf(route: RouteDef): Need {
  if (route.needs) return route.needs;
  const onMap = route.path.includes(":map");
  if (route.write) return onMap ? "edit" : "create";
  return onMap ? "read" : "anyone";
}

const ROLE_HINT = "ask an admin for the analyst role (npm run -s argmap -- user add NAME --role analyst)";

/** Role checks that do not depend on a map: 401 without a user, 403 for a role that cannot. */
function checkRole(need: Need, user: Principal | null): void {
  if (need === "anyone" || need === "read") return;
  if (!user) throw new UnauthorizedError();
  if (need === "admin" && user.role !== "admin") throw new ForbiddenError(`only an admin may do this; "${user.name}" is ${user.role === "analyst" ? "an" : "a"} ${user.role}`);
  // On a map, "edit" is checked after the map's visibility: a map the reader cannot see is 404, not 403.
  if (need === "create" && user.role === "reader") throw readerError(user);
}

const readerError = (user: Principal) => new ForbiddenError(`"${user.name}" is a reader: readers may read maps but not change them; ${ROLE_HINT}`);

/** Map checks: a map the user may not read is 404 (it does not exist for them); then edit and owner rights. */
function checkMap(need: Need, user: Principal | null, mapId: string, meta: MapMeta | null): MapMeta {
  if (!meta || !canRead(user, meta)) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
  if (need === "edit" && !canEdit(user, meta)) throw readerError(user!);
  if (need === "owner" && !isOwner(user, meta)) {
    throw new ForbiddenError(`only the map's owner${meta.owner ? ` ("${meta.owner}")` : ""} or an admin may do this to map "${mapId}"`);
  }
  return meta;
}

const DEFAULT_BODY_LIMIT = 2 ** 20;

/** If-Match: "<revision>" (also W/"map.revision.1", the ETag form). */
export function ifMatchRevision(header: string | undefined, mapId: string | undefined): string | null {
  if (!header) return null;
  const tag = header.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  const etag = mapId ? new RegExp(`^${mapId}\\.([^.]+)\\.${API_VERSION}$`).exec(tag) : null;
  return etag ? (etag[1] ?? null) : tag || null;
}

export function mount(router: Router, routes: RouteDef[], ctx: RouteContext): void {
  for (const route of routes) {
    const need = needOf(route);
    router[route.method](route.path, async (req: Request, res: Response) => {
      // Who is asking comes first: nothing of a request is read before its rights are known.
      const user = await ctx.people.resolve(req.headers.authorization);
      authenticationAccepted(req);
      checkRole(need, user);
      const params = (route.params ?? z.object({})).safeParse(req.params);
      if (!params.success) throw inputError("path parameter", params.error);
      const pathParams: Record<string, unknown> = params.data;
      const mapId = typeof pathParams.map === "string" ? pathParams.map : undefined;
      let meta: MapMeta | null = null;
      if (mapId !== undefined && need !== "anyone") meta = checkMap(need, user, mapId, await ctx.revisions.get(mapId));
      const caller: Caller = { user, ifMatch: ifMatchRevision(req.headers["if-match"], mapId), meta };
      const { revision: requested, ...rest } = (req.query ?? {}) as Record<string, unknown>;
      const atRevision = route.atRevision && requested !== undefined;
      if (atRevision && (typeof requested !== "string" || !/^[0-9a-f]{1,64}$/.test(requested))) {
        throw new BadRequestError("query parameter revision: must be a revision id (GET /api/maps/:map/history lists them)");
      }
      const query = (route.query ?? z.object({}).strict()).safeParse(atRevision ? rest : (req.query ?? {}));
      if (!query.success) throw inputError("query parameter", query.error);
      // Nobody gets a byte of a body read before their rights to this route (and map) are known.
      const raw = route.body
        ? route.rawBody === "bytes"
          ? await readBodyBytes(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
          : route.rawBody
          ? await readTextBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
          : await readJsonBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT)
        : undefined;
      if (route.stream) {
        // A stream outlives its request's deadline; its polls keep deadlines of their own.
        await withoutRequestClock(() => route.stream!({ params: params.data, query: query.data }, req, res, ctx, caller));
        return;
      }
      const body = route.body ? route.body.safeParse(raw) : { success: true as const, data: undefined };
      if (!body.success) throw inputError("body", body.error);

      if (atRevision) {
        // An earlier revision's answer never changes: its ETag is that revision, and it is cached like any other.
        const revision = requested as string;
        const etag = etagOf(mapId!, revision);
        res.set("ETag", etag);
        const ifNoneMatch = req.headers["if-none-match"];
        if (ifNoneMatch && matches(ifNoneMatch, etag)) {
          res.status(304).end();
          return;
        }
        const compute = async () => {
          const { state } = await ctx.workbench.history.stateOfRevision(mapId!, revision);
          const result = await route.atRevision!({ params: params.data, query: query.data }, { contents: toContents(state, revision), text: state.map.text }, ctx);
          if (result === null) throw new NotFoundError(notFoundMessage(params.data));
          return result;
        };
        if (route.produces) {
          const result = (await compute()) as RawResponse;
          if (result.fileName) res.attachment(result.fileName);
          res.status(200).set("Cache-Control", "no-cache").type(result.contentType).send(result.body);
          return;
        }
        const { body: json } = ctx.responses.shared(revision, req.originalUrl, async () => JSON.stringify(await compute()));
        res.status(200).set("Cache-Control", "no-cache").type("json").send(await json);
        return;
      }

      if (route.mapScoped && meta) {
        const revision = meta.revision;
        const ifNoneMatch = req.headers["if-none-match"];
        const etag = etagOf(mapId!, revision);
        res.set("ETag", etag);
        if (ifNoneMatch && matches(ifNoneMatch, etag)) {
          res.status(304).end();
          return;
        }
        if (route.method === "get" && !route.produces && ctx.responses.enabled) {
          // JSON answers of an unchanged map are computed once and then served from memory. Access was
          // checked above, and an answer depends only on the revision and URL, never on who asks.
          const { hit, body: json } = ctx.responses.shared(revision, req.originalUrl, async () => {
            const result = await route.handler({ params: params.data, query: query.data, body: body.data, contentType: "" }, ctx, caller);
            if (result === null) throw new NotFoundError(notFoundMessage(params.data));
            return JSON.stringify(result);
          });
          res.status(200).set({ "Cache-Control": "no-cache", "X-Argmap-Cache": hit ? "hit" : "miss" }).type("json").send(await json);
          return;
        }
      }

      const contentType = ((req.headers["content-type"] ?? "").split(";")[0] ?? "").trim().toLowerCase();
      const result = await route.handler({ params: params.data, query: query.data, body: body.data, contentType }, ctx, caller);
      if (result === null) throw new NotFoundError(notFoundMessage(params.data));
      if (result instanceof RawResponse) {
        if (result.fileName) res.attachment(result.fileName);
        res.status(route.successStatus ?? 200).set({ "Cache-Control": "no-cache", ...result.headers }).type(result.contentType).send(result.body);
        return;
      }
      const status = route.statusOf?.(result) ?? route.successStatus ?? 200;
      if (status === 503) res.set("Retry-After", "5");
      const revision = (result as { revision?: unknown })?.revision;
      if (route.method !== "get" && mapId && typeof revision === "string") res.set("ETag", `"${revision}"`);
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
