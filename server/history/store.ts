/**
 * The operation log. Every change to a map is an (:Op) written in the same
 * transaction as the change itself; it names its user, time, parent revision
 * and what it touched before and after. Any revision's content is rebuilt
 * from the nearest (:Snapshot) at or before it plus the operations since
 * (a snapshot is taken every SNAPSHOT_EVERY operations, and of every load).
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Changes, Op } from "../../contract/workbench.js";
import { cypher } from "../db/cypher.js";
import { int, type Database, type Row, type WriteTx } from "../db/neo4j.js";
import { HeadReadRow, HeadRow, mapContentsRows, rowsAs } from "../db/rows.js";
import { ArgmapError, NotFoundError } from "../errors.js";
import { must } from "../../contract/errors.js";
import { applyChanges, cloneState, fromContents, fromStored, infoOf, toStored, type MapState, type StoredState } from "./state.js";

export const SNAPSHOT_EVERY = 500;

/** Reads inside a write transaction or outside one: both answer rows. */
export interface Reader {
  run(query: string, params: Record<string, unknown>): Promise<Row[]>;
}
export const readerOf = (db: Database, timeoutMs = 10_000): Reader => ({ run: (q, p) => db.read(q, p, timeoutMs) });

export type Head = z.infer<typeof HeadRow>;
export type ReadHead = z.infer<typeof HeadReadRow>;

/** The current state of what a conflicting edit touched (a 409's `current`). */
export interface ConflictState {
  revision: string;
  claims: Changes["claims"];
  relations: Changes["relations"];
  info?: Changes["info"];
}

export class EditConflictError extends ArgmapError {
  constructor(message: string, current: ConflictState) {
    super("edit_conflict", 409, message, { current });
  }
}

export class PreconditionError extends ArgmapError {
  constructor(message: string) {
    super("precondition_failed", 412, message);
  }
}

/** A revision id: a hash of what came before and what changed, so ids never repeat within a map. */
export const nextRevision = (parent: string | null, seq: number, op: string, after: string | null) =>
  createHash("sha256").update(`${parent}\n${seq}\n${op}\n${after}`).digest("hex").slice(0, 20);

/** The touch key of the document's metadata (no claim id or relation key has a "map:" prefix). */
export const MAP_INFO_KEY = "map:info";

/** Touch keys: claims as "claim:ID", relations by their key (which has a TYPE: prefix, so they never collide). */
export const touchedKeys = (changes: Changes) => [
  ...Object.keys(changes.claims).map((id) => `claim:${id}`),
  ...Object.keys(changes.relations),
  ...(changes.info ? [MAP_INFO_KEY] : []),
];

/** One operation as it is logged: JSON columns ready to write, its changes, and its snapshot when one falls due. */
export interface RecordedOp {
  seq: number;
  revision: string;
  parent: string;
  user: string;
  at: string;
  op: string;
  before: string;
  after: string;
  changes: Changes;
  /** The content after it (StoredState JSON), every SNAPSHOT_EVERY operations; else null. */
  snapshot: string | null;
}

export class HistoryStore {
  /**
   * Content by map and revision, least recently used first. A revision's content never changes, so
   * entries are never stale; edits, reads and diffs start from the nearest one and replay only what lies between.
   */
  private readonly states = new Map<string, { mapId: string; seq: number; revision: string; state: MapState }>();

  constructor(
    readonly db: Database,
    private readonly maxStates = 32,
  ) {}

  private remember(mapId: string, seq: number, revision: string, state: MapState) {
    const key = `${mapId}\n${revision}`;
    this.states.delete(key);
    this.states.set(key, { mapId, seq, revision, state });
    while (this.states.size > this.maxStates) this.states.delete(this.states.keys().next().value!);
  }

  forget(mapId: string) {
    for (const key of [...this.states.keys()]) if (key.startsWith(`${mapId}\n`)) this.states.delete(key);
  }

  /** The map's head, locking the map for the rest of the transaction. */
  async lockHead(tx: WriteTx, mapId: string): Promise<Head | null> {
    const [row] = rowsAs(HeadRow, await tx.run(cypher("map-head"), { mapIds: [mapId] }), "map-head");
    return row ?? null;
  }

  /** Makes sure the head's content can be rebuilt after it changes (see ensureSnapshot). */
  async ensureHeadSnapshot(tx: WriteTx, mapId: string, head: Head): Promise<MapState> {
    // An edit's head is rebuilt by replaying the log: only a load (or a map from before the log) needs a snapshot first.
    const rebuildable = head.snapshotted || (head.logged && !head.whole);
    const cached = this.states.get(`${mapId}\n${head.revision}`);
    if (rebuildable && cached) return cached.state;
    if (rebuildable) return this.stateAt(tx, mapId, head.seq, head.revision);
    const state = await ensureSnapshot(tx, mapId, head);
    this.remember(mapId, head.seq, head.revision, state);
    return state;
  }

  /** The op that made `revision` in this map, or null. */
  async opOf(reader: Reader, mapId: string, revision: string): Promise<{ seq: number; before: Changes | null; after: Changes | null; op: Op; user: string } | null> {
    const [row] = await reader.run(cypher("op-by-revision"), { mapId, revision });
    if (!row) return null;
    return {
      seq: row.seq as number,
      op: JSON.parse(row.op as string) as Op,
      user: row.user as string,
      before: row.before ? (JSON.parse(row.before as string) as Changes) : null,
      after: row.after ? (JSON.parse(row.after as string) as Changes) : null,
    };
  }

  /**
   * The content at `seq` (whose revision is `revision`). Never mutate the answer:
   * it may be shared with the cache; clone it first (cloneState).
   */
  async stateAt(reader: Reader, mapId: string, seq: number, revision: string): Promise<MapState> {
    const hit = this.states.get(`${mapId}\n${revision}`);
    if (hit) {
      this.remember(mapId, hit.seq, revision, hit.state);
      return hit.state;
    }
    // Start from the nearest cached state before seq when it is no further than a snapshot can be (and
    // replay checks that no whole-map operation lies between): parsing a snapshot of a large map costs
    // more than replaying a few hundred small operations.
    let base: { seq: number; revision: string; state: MapState } | null = null;
    for (const entry of this.states.values()) {
      if (entry.mapId === mapId && entry.seq < seq && seq - entry.seq <= SNAPSHOT_EVERY && (!base || entry.seq > base.seq)) base = entry;
    }
    if (base) {
      const rebuilt = await this.replay(reader, mapId, base, seq);
      if (rebuilt) {
        this.remember(mapId, seq, revision, rebuilt);
        return rebuilt;
      }
    }
    const [snap] = await reader.run(cypher("snapshot-at"), { mapId, seq: int(seq) });
    if (!snap) throw new NotFoundError(`the content of revision "${revision}" of map "${mapId}" was not kept`);
    const start = { seq: snap.seq as number, revision: snap.revision as string, state: fromStored(JSON.parse(snap.content as string) as StoredState) };
    const rebuilt = await this.replay(reader, mapId, start, seq);
    if (!rebuilt) throw new NotFoundError(`the content of revision "${revision}" of map "${mapId}" cannot be rebuilt (a whole-map operation without a snapshot)`);
    this.remember(mapId, seq, revision, rebuilt);
    return rebuilt;
  }

  /** base + the operations after it up to `seq`; null when the chain does not continue from base. */
  private async replay(reader: Reader, mapId: string, base: { seq: number; revision: string; state: MapState }, seq: number): Promise<MapState | null> {
    if (base.seq === seq) return base.state;
    const rows = await reader.run(cypher("ops-range"), { mapId, from: int(base.seq), to: int(seq) });
    if (rows.length !== seq - base.seq || rows[0]?.parent !== base.revision) return null;
    const state = cloneState(base.state);
    for (const row of rows) {
      if (row.after === null) return null; // a whole-map operation: its snapshot is the base to use
      applyChanges(state, JSON.parse(row.after as string) as Changes);
    }
    return state;
  }

  /** The sequence number of `revision` in this map, or null. */
  async seqOf(reader: Reader, mapId: string, revision: string): Promise<number | null> {
    const cached = this.states.get(`${mapId}\n${revision}`);
    if (cached) return cached.seq;
    const [row] = await reader.run(cypher("op-by-revision"), { mapId, revision });
    return row ? (row.seq as number) : null;
  }

  /** Content of `revision`, or 404; `head` when the caller has just read it (a diff reads two revisions). */
  async stateOfRevision(mapId: string, revision: string, knownHead?: ReadHead | null): Promise<{ seq: number; state: MapState }> {
    const reader = readerOf(this.db);
    const head = knownHead === undefined ? await this.currentHead(mapId) : knownHead;
    // The head's revision may come from outside the log (a map stored before it): it is the head's content.
    const seq = head?.revision === revision ? head.seq : await this.seqOf(reader, mapId, revision);
    if (seq === null) throw new NotFoundError(`map "${mapId}" has no revision "${revision}"; GET /api/maps/${mapId}/history lists them`);
    if (head && head.seq === seq && !head.snapshotted && !head.replayable) {
      // A load not yet edited: its content is the graph itself.
      const state = await stateOfGraph(this.db.read.bind(this.db), mapId);
      this.remember(mapId, seq, revision, state);
      return { seq, state };
    }
    return { seq, state: await this.stateAt(reader, mapId, seq, revision) };
  }

  async currentHead(mapId: string): Promise<ReadHead | null> {
    const [row] = rowsAs(HeadReadRow, await this.db.read(cypher("map-head-read"), { mapId }, 5_000), "map-head-read");
    return row ?? null;
  }

  /**
   * Writes operations planned one after another on `start` (which became `final`): the graph's net
   * change once, each operation its own (:Op), a snapshot where one falls due, and the map's new head
   * (the last operation) — all inside `tx`, so they commit together or not at all.
   */
  async recordAll(tx: WriteTx, mapId: string, start: MapState, final: MapState, ops: RecordedOp[]): Promise<void> {
    const before: Changes = { claims: {}, relations: {} };
    const after: Changes = { claims: {}, relations: {} };
    for (const { changes } of ops) {
      for (const id of Object.keys(changes.claims)) {
        before.claims[id] = start.claims.get(id) ?? null;
        after.claims[id] = final.claims.get(id) ?? null;
      }
      for (const key of Object.keys(changes.relations)) {
        before.relations[key] = start.relations.get(key) ?? null;
        after.relations[key] = final.relations.get(key) ?? null;
      }
      if (changes.info) {
        before.info = infoOf(start);
        after.info = infoOf(final);
      }
    }
    await writeChanges(tx, mapId, before, after);
    const last = must(ops.at(-1), "the last operation of a group");
    await tx.run(cypher("ops-write"), {
      mapId,
      seq: int(last.seq),
      revision: last.revision,
      ops: ops.map((o) => ({ seq: int(o.seq), revision: o.revision, parent: o.parent, user: o.user, at: o.at, op: o.op, before: o.before, after: o.after, touched: touchedKeys(o.changes) })),
    });
    for (const o of ops) {
      if (o.snapshot !== null) await tx.run(cypher("snapshot-write"), { mapId, seq: int(o.seq), revision: o.revision, content: o.snapshot });
    }
  }

  /** After commit: later edits and reads start from this state. */
  committed(mapId: string, seq: number, revision: string, state: MapState) {
    this.remember(mapId, seq, revision, state);
  }
}

/**
 * A load writes the graph only (loads stay fast), so its snapshot is taken from the
 * graph before the first change after it; a map stored before history existed gets
 * its first operation here too.
 */
export async function ensureSnapshot(tx: WriteTx, mapId: string, head: Head): Promise<MapState> {
  const state = await stateOfGraph((query, params) => tx.run(query, params), mapId);
  if (head.snapshotted) return state;
  await tx.run(cypher("snapshot-write"), { mapId, seq: int(head.seq), revision: head.revision, content: JSON.stringify(toStored(state)) });
  if (!head.logged) {
    const op: Op = { type: "load", status: "existing" };
    await tx.run(cypher("op-write"), {
      mapId, seq: int(head.seq), revision: head.revision, parent: null, user: "system", at: new Date().toISOString(),
      op: JSON.stringify(op), before: null, after: null, touched: null, contentHash: head.contentHash,
    });
  }
  return state;
}

/** The map's stored graph (not its log) as a history state: a load not yet edited is its graph. */
async function stateOfGraph(run: (query: string, params: Record<string, unknown>) => Promise<Row[]>, mapId: string): Promise<MapState> {
  const [contents] = mapContentsRows(await run(cypher("map-graph"), { mapId, withText: true }));
  if (!contents || contents.text === null) throw new NotFoundError(`no map "${mapId}"`);
  return fromContents(contents, contents.text, Object.fromEntries(contents.claims.map((c) => [c.id, c.speaker])));
}

/** Applies before → after to the graph: relations out, claims out, claims in, relations in. */
export async function writeChanges(tx: WriteTx, mapId: string, before: Changes, after: Changes): Promise<void> {
  const relationsOut = Object.entries(after.relations)
    .filter(([key, r]) => before.relations[key] && JSON.stringify(r) !== JSON.stringify(before.relations[key]))
    .map(([key]) => before.relations[key]!);
  if (relationsOut.length) await tx.run(cypher("edit-relations-delete"), { mapId, rows: relationsOut });
  const claimsOut = Object.entries(after.claims).filter(([, c]) => c === null).map(([id]) => id);
  if (claimsOut.length) await tx.run(cypher("edit-claims-delete"), { mapId, ids: claimsOut });
  const claimsIn = Object.values(after.claims).filter((c) => c !== null);
  if (claimsIn.length) await tx.run(cypher("edit-claims-upsert"), { mapId, rows: claimsIn });
  const relationsIn = Object.entries(after.relations)
    .filter(([key, r]) => r !== null && JSON.stringify(r) !== JSON.stringify(before.relations[key]))
    .map(([, r]) => r!);
  if (relationsIn.length) await tx.run(cypher("edit-relations-create"), { mapId, rows: relationsIn });
  if (after.info) await tx.run(cypher("edit-map-info"), { mapId, info: after.info });
}
