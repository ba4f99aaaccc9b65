/**
 * The Express app, built without listening: tests drive it directly and
 * main.ts decides where it listens.
 */
import fs from "node:fs";
import path from "node:path";
import compression from "compression";
import express from "express";
import { Evaluator, INTAKE_BUDGET, SERVER_BUDGET, type EvaluationBudget } from "./argumentation/budget.js";
import { memoisedAnalysis } from "./intake/analysis-memo.js";
import { openApiDocument } from "./api/openapi.js";
import { projectRoot } from "./config.js";
import { startRequestClock } from "./db/deadline.js";
import type { Database } from "./db/neo4j.js";
import { NotFoundError } from "./errors.js";
import { errorMiddleware } from "./http/errors.js";
import { ResponseCache } from "./http/response-cache.js";
import { RevisionCache } from "./http/revisions.js";
import { DEFAULT_RATE_LIMITS, noSourceMaps, rateLimiters, securityHeaders, type RateLimits } from "./http/security.js";
import { mount, mountMethodGuards, type RouteDef } from "./http/route.js";
import { randomBytes } from "node:crypto";
import { EventHub, type EventHubOptions } from "./history/events.js";
import { Workbench } from "./history/workbench.js";
import { People } from "./people/people.js";
import { claimRoutes, coverageRoutes, documentRoutes, editingRoutes, evaluationRoutes, healthRoute, historyRoutes, mapRoutes, peopleRoutes, transferRoutes } from "./routes/index.js";

export interface AppOptions {
  db: Database;
  /** Built client to serve at /; defaults to client/dist when it exists. */
  clientDir?: string | null;
  log?: (line: string) => void;
  /** Bytes of map-scoped answers kept in memory (0 turns the cache off). */
  responseCacheBytes?: number;
  /** The admin's bearer token (ARGMAP_TOKEN); null: only users' tokens work. */
  token?: string | null;
  /** Time, memory, steps and extensions one evaluation may use (default SERVER_BUDGET). */
  evaluationBudget?: Partial<EvaluationBudget>;
  /** Time and memory reading one document may use (default INTAKE_BUDGET). */
  intakeBudget?: Partial<Pick<EvaluationBudget, "timeMs" | "memoryMb">>;
  /** Key of users' token hashes (server/people/people.ts); servers sharing a database share it. */
  secret?: string;
  /** Events streams: poll interval, heartbeat, limits. */
  events?: EventHubOptions;
  /** The clock of the in-memory freshness windows (maps' revisions and access, users' tokens): tests step it instead of sleeping. */
  now?: () => number;
  /** Writes and failed authentications per client address and window (default DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>;
}

export const routes: RouteDef[] = [
  healthRoute,
  ...mapRoutes,
  ...claimRoutes,
  ...evaluationRoutes,
  ...coverageRoutes,
  ...transferRoutes,
  ...documentRoutes,
  ...peopleRoutes,
  ...editingRoutes,
  ...historyRoutes,
];

export function createApp(options: AppOptions) {
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // map-scoped answers carry the map revision as ETag instead (server/http/route.ts)
  app.set("query parser", "simple");
  app.use(securityHeaders);
  // Level 1, not zlib's default 6: the large answers (a 10,000-claim diff or graph, 2+ MB of JSON) compress
  // about 3× faster for ~25% more bytes (measured on a diff: 6-15 ms and 135 KB against 38-42 ms and 109 KB).
  app.use(compression({ threshold: 1024, level: 1 }));
  // One deadline per request for all of its database reads (server/db/deadline.ts).
  app.use((_req, res, next) => startRequestClock(options.db.requestDeadlineMs, (done) => {
    res.on("close", done);
    next();
  }));

  const revisions = new RevisionCache(options.db, { now: options.now });
  const responses = new ResponseCache(options.responseCacheBytes ?? 64 * 2 ** 20);
  const people = new People(options.db, options.secret ?? randomBytes(32).toString("hex"), options.token ?? null, { now: options.now });
  const events = new EventHub(options.db, revisions, { log, ...options.events });
  const workbench = new Workbench(options.db, revisions, events);
  const api = express.Router();
  for (const limiter of rateLimiters({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits })) api.use("/api", limiter);
  const evaluator = new Evaluator({ ...SERVER_BUDGET, ...options.evaluationBudget });
  // One worker: documents are read one at a time, each within its budget, the others queued.
  const documentWorkers = new Evaluator({ ...INTAKE_BUDGET, ...options.intakeBudget }, 1, 8, "document reading");
  const reader = {
    intake: (bytes: Uint8Array, contentType: string) => documentWorkers.intake(bytes, contentType),
    analyse: memoisedAnalysis((extracted) => documentWorkers.analyse(extracted)),
  };
  mount(api, routes, { db: options.db, revisions, responses, people, workbench, evaluator, reader });
  const openapi = openApiDocument(routes);
  api.get("/api/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  mountMethodGuards(api, [...routes, { method: "get", path: "/api/openapi.json" }]);
  api.use("/api", (req) => {
    throw new NotFoundError(`no route ${req.method} ${req.originalUrl}; GET /api/openapi.json lists the routes`);
  });
  app.use(api);

  const clientDir = options.clientDir === undefined ? path.join(projectRoot, "client/dist") : options.clientDir;
  app.use(noSourceMaps);
  if (clientDir && fs.existsSync(path.join(clientDir, "index.html"))) {
    app.use(express.static(clientDir, { index: "index.html", maxAge: "1h", setHeaders: noCacheForHtml }));
    // Permalinks are client-side routes: every other GET gets the app.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.set("Cache-Control", "no-cache").sendFile(path.join(clientDir, "index.html"));
    });
  } else {
    app.get("/", (_req, res) => {
      res.type("text/plain").send("argmap API is running; the client is not built (npm run build:client). See /api/openapi.json\n");
    });
  }

  app.use(errorMiddleware(log));
  return { app, revisions, responses, evaluator, documentWorkers, workbench, people, events };
}

function noCacheForHtml(res: express.Response, file: string) {
  if (file.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
