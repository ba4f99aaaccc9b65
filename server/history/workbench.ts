/**
 * The edit runner, with group commit. Edits of one map are serialised by the
 * map's lock, and a commit (with its fsync) costs more than planning an edit;
 * so the edits of a map that arrive while its transaction is in flight wait,
 * and go together in the next one. In it each is still checked on its own,
 * in arrival order, against the state the ones before it left: its If-Match
 * (409 with the current state when what it touches changed since), the map's
 * rules (plan, server/history/edits.ts), then its own operation with its own
 * sequence number and revision. A refused edit changes nothing and does not
 * fail the others. Every answer is given after the commit, so an acknowledged
 * edit is durable; after it the new revision is known to this process's
 * caches and streams at once.
 */
import { cypher } from "../db/cypher.js";
import { int, type WriteTx, type Database } from "../db/neo4j.js";
import { ArgmapError, DatabaseUnavailableError, NotFoundError, QueryTimeoutError } from "../errors.js";
import type { RevisionCache } from "../http/revisions.js";
import type { Plan } from "./edits.js";
import type { EventHub } from "./events.js";
import {
  EditConflictError,
  HistoryStore,
  MAP_INFO_KEY,
  nextRevision,
  PreconditionError,
  SNAPSHOT_EVERY,
  touchedKeys,
  type ConflictState,
  type Head,
  type RecordedOp,
} from "./store.js";
import { applyChanges, cloneState, infoOf, toStored, type MapState } from "./state.js";

export interface EditRequest<R> {
  mapId: string;
  user: string;
  /** The revision the edit was made on (If-Match), or null for "whatever is current". */
  ifMatch: string | null;
  /** Keys the edit is about, known before planning (a claim deleted since is still a conflict, not a 404). */
  touches?: string[];
  plan: (state: MapState) => Plan<R>;
}

/** Edits committed in one transaction at most: bounds its size and time. */
const MAX_GROUP = 100;
/** Edits of one map waiting for their transaction at most; more are 503 (the map is overloaded). */
const MAX_WAITING = 2_000;

interface Waiting {
  request: EditRequest<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class Workbench {
  readonly history: HistoryStore;
  /** Per map, the edits waiting for the next transaction; present while the map has one in flight. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    readonly db: Database,
    readonly revisions: RevisionCache,
    readonly events: EventHub,
  ) {
    this.history = new HistoryStore(db);
  }

  edit<R>(request: EditRequest<R>): Promise<R> {
    const queue = this.waiting.get(request.mapId);
    if (queue && queue.length >= MAX_WAITING) {
      return Promise.reject(new ArgmapError("map_busy", 503, `map "${request.mapId}" has ${queue.length} edits waiting to be saved; retry later`));
    }
    return new Promise<R>((resolve, reject) => {
      const entry: Waiting = { request, resolve: resolve as (value: unknown) => void, reject };
      if (queue) queue.push(entry);
      else {
        const fresh = [entry];
        this.waiting.set(request.mapId, fresh);
        void this.drain(request.mapId, fresh);
      }
    });
  }

  /** Commits the map's waiting edits, group after group, until none is left. */
  private async drain(mapId: string, queue: Waiting[]): Promise<void> {
    while (queue.length) await this.commitGroup(mapId, queue.splice(0, MAX_GROUP));
    this.waiting.delete(mapId);
  }

  private async commitGroup(mapId: string, group: Waiting[]): Promise<void> {
    let done: { outcomes: Outcome[]; last: RecordedOp | null; state: MapState | null };
    try {
      done = await this.db.write((tx) => this.applyGroup(tx, mapId, group), 15_000);
    } catch (err) {
      // The database refused the group (a write another server made first, say): each edit goes again
      // alone, so that one edit's failure is not the others'. Unless the database is away or too slow.
      const alone = group.length > 1 && !(err instanceof DatabaseUnavailableError) && !(err instanceof QueryTimeoutError);
      if (!alone) for (const entry of group) entry.reject(err);
      else for (const entry of group) await this.commitGroup(mapId, [entry]);
      return;
    }
    if (done.last && done.state) {
      this.history.committed(mapId, done.last.seq, done.last.revision, done.state);
      this.revisions.advance(mapId, done.last.revision);
      this.events.wake(mapId);
    }
    group.forEach((entry, i) => {
      const outcome = done.outcomes[i];
      if (outcome?.ok) entry.resolve(outcome.value);
      else entry.reject(outcome ? outcome.error : new Error("no outcome for an edit of the group"));
    });
  }

  /** The transaction of a group (run again from the start if the driver retries it). */
  private async applyGroup(tx: WriteTx, mapId: string, group: Waiting[]): Promise<{ outcomes: Outcome[]; last: RecordedOp | null; state: MapState | null }> {
    const head = await this.history.lockHead(tx, mapId);
    if (!head) {
      const error = new NotFoundError(`no map "${mapId}"; GET /api/maps lists the maps`);
      return { outcomes: group.map((): Outcome => ({ ok: false, error })), last: null, state: null };
    }
    const start = await this.history.ensureHeadSnapshot(tx, mapId, head);
    const state = cloneState(start);
    const logged: RecordedOp[] = [];
    const outcomes: Outcome[] = [];
    for (const { request } of group) {
      try {
        outcomes.push({ ok: true, value: await this.applyOne(tx, head, state, logged, request) });
      } catch (err) {
        // A refusal of this edit (rules, conflict, not found) is its answer; anything else fails the transaction.
        if (!(err instanceof ArgmapError) || err.status >= 500) throw err;
        outcomes.push({ ok: false, error: err });
      }
    }
    if (logged.length) await this.history.recordAll(tx, mapId, start, state, logged);
    return { outcomes, last: logged.at(-1) ?? null, state };
  }

  /**
   * One edit of a group: checked and planned on `state` (the head plus the group's edits before it),
   * applied to it and added to `logged`. Throws, changing nothing, when it is refused.
   */
  private async applyOne(tx: WriteTx, head: Head, state: MapState, logged: RecordedOp[], request: EditRequest<unknown>): Promise<unknown> {
    const { mapId } = request;
    const current = logged.at(-1) ?? { seq: head.seq, revision: head.revision };
    let since: number | null = null;
    if (request.ifMatch !== null && request.ifMatch !== current.revision) {
      since = request.ifMatch === head.revision ? head.seq : await this.history.seqOf(tx, mapId, request.ifMatch);
      if (since === null) throw new PreconditionError(`If-Match: map "${mapId}" has no revision "${request.ifMatch}"; its current revision is "${current.revision}"`);
    }
    const conflict = async (keys: string[]) => {
      if (since === null || !keys.length) return;
      const after = since;
      // Committed operations first (they are older), then the ones of this group before this edit.
      const [row] = after < head.seq ? await tx.run(cypher("ops-touching"), { mapId, since: int(after), keys }) : [];
      const hit = row
        ? { user: String(row.user), revision: String(row.revision) }
        : logged.find((o) => o.seq > after && touchedKeys(o.changes).some((k) => keys.includes(k)));
      if (!hit) return;
      const now: ConflictState = { revision: current.revision, claims: {}, relations: {} };
      for (const key of keys) {
        if (key === MAP_INFO_KEY) now.info = infoOf(state);
        else if (key.startsWith("claim:")) now.claims[key.slice(6)] = state.claims.get(key.slice(6)) ?? null;
        else now.relations[key] = state.relations.get(key) ?? null;
      }
      throw new EditConflictError(
        `this edit was made on revision "${request.ifMatch}", but ${hit.user} changed what it touches since (revision "${hit.revision}"); the current state is in "current": redo the edit on top of it`,
        now,
      );
    };
    const touches = request.touches ?? [];
    await conflict(touches);
    const plan = request.plan(state);
    await conflict(touchedKeys(plan.after).filter((k) => !touches.includes(k)));
    const seq = current.seq + 1;
    const op = JSON.stringify(plan.op);
    const after = JSON.stringify(plan.after);
    const revision = nextRevision(current.revision, seq, op, after);
    applyChanges(state, plan.after);
    logged.push({
      seq,
      revision,
      parent: current.revision,
      user: request.user,
      at: new Date().toISOString(),
      op,
      before: JSON.stringify(plan.before),
      after,
      changes: plan.after,
      snapshot: seq % SNAPSHOT_EVERY === 0 ? JSON.stringify(toStored(state)) : null,
    });
    return plan.result(revision);
  }
}
