/** A map's history: operations, diffs, restores and the live events stream. */
import { z } from "zod";
import * as W from "../../contract/workbench.js";
import * as S from "../../contract/schemas.js";
import { must } from "../../contract/errors.js";
import { cypher } from "../db/cypher.js";
import { int } from "../db/neo4j.js";
import { restoreWhole } from "../db/maps.js";
import { BadRequestError } from "../errors.js";
import { diffStates } from "../history/diff.js";
import { planReplace } from "../history/edits.js";
import { changesBetween, sameFrame } from "../history/state.js";
import { defineRoute } from "../http/route.js";
import { revisionOperation } from "./editing.js";

const EventsQuery = z
  .object({
    lastEventId: z.coerce.number().int().min(0).optional().meta({ description: "Same as the Last-Event-ID header: replay the operations after this sequence number" }),
  })
  .strict();

export const historyRoutes = [
  defineRoute({
    method: "get",
    path: "/api/maps/:map/history",
    summary: "The map's operations, newest first: revision, parent, user, time and what was done",
    tags: ["history"],
    params: S.MapParams,
    query: W.HistoryQuery,
    response: W.History,
    errors: [404],
    handler: async ({ params, query }, { db }) => {
      const rows = await db.read(cypher("history-list"), { mapId: params.map, before: query.before === undefined ? null : int(query.before), limit: int(query.limit) });
      return { revisions: rows.map((r) => ({ seq: r.seq as number, revision: r.revision as string, parent: (r.parent as string | null) ?? null, user: r.user as string, at: r.at as string, op: JSON.parse(r.op as string) as W.Op })) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/diff",
    summary: "Claims and relations added, removed and changed between two revisions, with coverage totals and grounded labels before and after",
    tags: ["history"],
    params: S.MapParams,
    query: W.DiffQuery,
    response: W.Diff,
    errors: [404],
    handler: async ({ params, query }, { workbench }) => {
      const head = await workbench.history.currentHead(params.map);
      const [from, to] = await Promise.all([
        workbench.history.stateOfRevision(params.map, query.from, head),
        workbench.history.stateOfRevision(params.map, query.to, head),
      ]);
      return diffStates(query.from, from.state, query.to, to.state);
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/maps/:map/restore",
    summary: "Make an earlier revision's content current again, as a new revision (history is never rewritten)",
    ...revisionOperation,
    errors: [401, 403, 404],
    handler: async ({ params, body }, { workbench }, { user }) => {
      const target = await workbench.history.stateOfRevision(params.map, body.revision).catch((err) => {
        throw new BadRequestError(`body revision: ${(err as Error).message}`);
      });
      const current = await workbench.history.stateOfRevision(params.map, (await workbench.history.currentHead(params.map))!.revision);
      if (sameFrame(current.state, target.state)) {
        return workbench.edit({
          mapId: params.map,
          user: user!.name,
          ifMatch: null,
          plan: (state) => planReplace(state, changesBetween(state, target.state).after, { type: "restore", revision: body.revision }),
        });
      }
      // The document, its footnotes or entities differ (a reload came between): the whole map is rewritten.
      return restoreWhole(workbench, params.map, target.state, body.revision, user!.name);
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/events",
    summary: "Server-Sent Events: one event per operation (id: its sequence number; data: OpEvent); Last-Event-ID replays what was missed",
    description: "Heartbeat comments every 15 s. An operation made through any server sharing the database arrives within a second.",
    tags: ["history"],
    params: S.MapParams,
    query: EventsQuery,
    response: W.OpEvent,
    produces: ["text/event-stream"],
    errors: [404, 503],
    handler: async () => null,
    stream: ({ params, query }, req, res, { workbench }, { user }) => {
      const header = req.headers["last-event-id"];
      const fromHeader = typeof header === "string" && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
      const last = fromHeader ?? (query.lastEventId as number | undefined) ?? null;
      return workbench.events.attach(must(params.map, "the :map parameter"), user, last, req, res);
    },
  }),
];
