/**
 * The edit runner: one write transaction per edit that locks the map, starts
 * from its current content, checks If-Match against what the edit touches,
 * plans the change (pure, server/history/edits.ts) and records it. After the
 * commit the new revision is known to this process's caches and streams at once.
 */
import { cypher } from "../db/cypher.js";
import { int, type Database } from "../db/neo4j.js";
import { NotFoundError } from "../errors.js";
import type { RevisionCache } from "../http/revisions.js";
import type { Plan } from "./edits.js";
import type { EventHub } from "./events.js";
import { EditConflictError, HistoryStore, MAP_INFO_KEY, PreconditionError, touchedKeys, type ConflictState } from "./store.js";
import { infoOf, type MapState } from "./state.js";

export interface EditRequest<R> {
  mapId: string;
  user: string;
  /** The revision the edit was made on (If-Match), or null for "whatever is current". */
  ifMatch: string | null;
  /** Keys the edit is about, known before planning (a claim deleted since is still a conflict, not a 404). */
  touches?: string[];
  plan: (state: MapState) => Plan<R>;
}

export class Workbench {
  readonly history: HistoryStore;

  constructor(
    readonly db: Database,
    readonly revisions: RevisionCache,
    readonly events: EventHub,
  ) {
    this.history = new HistoryStore(db);
  }

  async edit<R>(request: EditRequest<R>): Promise<R> {
    const { mapId } = request;
    const outcome = await this.db.write(async (tx) => {
      const head = await this.history.lockHead(tx, mapId);
      if (!head) throw new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
      const state = await this.history.ensureHeadSnapshot(tx, mapId, head);
      const since = request.ifMatch !== null && request.ifMatch !== head.revision ? await this.history.seqOf(tx, mapId, request.ifMatch) : null;
      if (request.ifMatch !== null && request.ifMatch !== head.revision && since === null) {
        throw new PreconditionError(`If-Match: map "${mapId}" has no revision "${request.ifMatch}"; its current revision is "${head.revision}"`);
      }
      const conflict = async (keys: string[]) => {
        if (since === null || !keys.length) return;
        const [hit] = await tx.run(cypher("ops-touching"), { mapId, since: int(since), keys });
        if (hit) {
          const current: ConflictState = { revision: head.revision, claims: {}, relations: {} };
          for (const key of keys) {
            if (key === MAP_INFO_KEY) current.info = infoOf(state);
            else if (key.startsWith("claim:")) current.claims[key.slice(6)] = state.claims.get(key.slice(6)) ?? null;
            else current.relations[key] = state.relations.get(key) ?? null;
          }
          throw new EditConflictError(
            `this edit was made on revision "${request.ifMatch}", but ${String(hit.user)} changed what it touches since (revision "${String(hit.revision)}"); the current state is in "current": redo the edit on top of it`,
            current,
          );
        }
      };
      await conflict(request.touches ?? []);
      const plan = request.plan(state);
      await conflict(touchedKeys(plan.after).filter((k) => !(request.touches ?? []).includes(k)));
      const recorded = await this.history.record(tx, mapId, head, state, { user: request.user, op: plan.op, before: plan.before, after: plan.after });
      return { recorded, plan };
    }, 15_000);
    const { recorded, plan } = outcome;
    this.history.committed(mapId, recorded.seq, recorded.revision, recorded.state);
    this.revisions.invalidate(mapId);
    this.events.wake(mapId);
    return plan.result(recorded.revision);
  }
}
