/**
 * Server-Sent Events of map operations. The operation log in Neo4j is the only
 * source: one poller per map (shared by all its subscribers) follows it, so an
 * edit made through any server reaches every server's streams. A local edit
 * wakes the poller at once; other servers' edits arrive within `pollMs`.
 */
import type { Request, Response } from "express";
import type { Changes, Op, OpEvent } from "../../contract/workbench.js";
import { cypher } from "../db/cypher.js";
import { int, type Database } from "../db/neo4j.js";
import { ArgmapError } from "../errors.js";
import type { RevisionCache } from "../http/revisions.js";
import { canRead } from "../people/access.js";
import type { Principal } from "../people/people.js";

export interface EventHubOptions {
  pollMs?: number;
  heartbeatMs?: number;
  /** Open streams per process; more are refused with 503. */
  maxStreams?: number;
  log?: (line: string) => void;
}

interface Subscriber {
  user: Principal | null;
  after: number;
  res: Response;
}

class Feed {
  readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private again = false;

  constructor(
    private readonly hub: EventHub,
    readonly mapId: string,
  ) {}

  schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    this.timer = null;
    try {
      do {
        this.again = false;
        await this.deliver();
      } while (this.again && this.subscribers.size);
    } catch (err) {
      this.hub.log(`argmap: events of map "${this.mapId}": ${(err as Error).message}`);
    } finally {
      this.polling = false;
      if (this.subscribers.size) this.schedule(this.hub.pollMs);
    }
  }

  private async deliver(): Promise<void> {
    if (!this.subscribers.size) return;
    const after = Math.min(...[...this.subscribers].map((s) => s.after));
    // Whoever may no longer read the map (deleted, made private) is let go.
    const meta = await this.hub.revisions.get(this.mapId);
    for (const sub of [...this.subscribers]) if (!meta || !canRead(sub.user, meta)) this.hub.end(this, sub);
    if (!this.subscribers.size) return;
    const rows = await this.hub.db.read(cypher("events-after"), { mapId: this.mapId, after: int(after), limit: int(1000) }, 5_000);
    if (!rows.length) return;
    // A browser answers an event by reading the map again: it must find the new revision, even if the
    // writer (another process) has not told this one. An edit made here has (RevisionCache.advance).
    if (this.hub.revisions.peek(this.mapId)?.revision !== rows.at(-1)?.revision) this.hub.revisions.invalidate(this.mapId);
    const frames = rows.map((row) => {
      const event: OpEvent = {
        seq: row.seq as number,
        revision: row.revision as string,
        parent: (row.parent as string | null) ?? null,
        user: row.user as string,
        at: row.at as string,
        op: JSON.parse(row.op as string) as Op,
        changes: row.after ? (JSON.parse(row.after as string) as Changes) : null,
      };
      return { seq: event.seq, text: `id: ${event.seq}\nevent: op\ndata: ${JSON.stringify(event)}\n\n` };
    });
    for (const sub of this.subscribers) {
      const pending = frames.filter((f) => f.seq > sub.after);
      const last = pending.at(-1);
      if (!last) continue;
      sub.res.write(pending.map((f) => f.text).join(""));
      flushCompressed(sub.res);
      sub.after = last.seq;
    }
    if (rows.length === 1000) this.again = true;
  }
}

export class EventHub {
  private readonly feeds = new Map<string, Feed>();
  private heartbeat: NodeJS.Timeout | null = null;
  private streams = 0;
  readonly pollMs: number;
  private readonly maxStreams: number;
  readonly log: (line: string) => void;

  constructor(
    readonly db: Database,
    readonly revisions: RevisionCache,
    options: EventHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.maxStreams = options.maxStreams ?? 1_000;
    this.log = options.log ?? ((line) => process.stderr.write(line + "\n"));
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    this.heartbeat = setInterval(() => {
      for (const feed of this.feeds.values()) for (const sub of feed.subscribers) sub.res.write(": heartbeat\n\n");
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  get open(): number {
    return this.streams;
  }

  /** Starts a stream on `res`: from `lastEventId` when given, else from the map's current head. */
  async attach(mapId: string, user: Principal | null, lastEventId: number | null, req: Request, res: Response): Promise<void> {
    if (this.streams >= this.maxStreams) throw new ArgmapError("too_many_streams", 503, `this server has ${this.streams} open event streams, its limit; retry later`);
    let after = lastEventId;
    if (after === null) {
      const [row] = await this.db.read(cypher("map-head-read"), { mapId }, 5_000);
      after = (row?.seq as number | undefined) ?? 0;
    }
    this.streams++;
    res.status(200).set({ "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    res.flushHeaders();
    res.write(`retry: 2000\n: stream of map ${mapId} from operation ${after}\n\n`);
    flushCompressed(res);
    let feed = this.feeds.get(mapId);
    if (!feed) {
      feed = new Feed(this, mapId);
      this.feeds.set(mapId, feed);
    }
    const sub: Subscriber = { user, after, res };
    feed.subscribers.add(sub);
    const owner = feed;
    req.on("close", () => this.end(owner, sub));
    // A replay (or an edit made between the head lookup and now) is sent at once.
    void feed.poll();
  }

  end(feed: Feed, sub: Subscriber) {
    if (!feed.subscribers.delete(sub)) return;
    this.streams--;
    if (!sub.res.writableEnded) sub.res.end();
    if (!feed.subscribers.size) {
      feed.stop();
      this.feeds.delete(feed.mapId);
    }
  }

  /** An edit committed here: deliver it now rather than at the next poll. */
  wake(mapId: string) {
    void this.feeds.get(mapId)?.poll();
  }

  close() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const feed of [...this.feeds.values()]) for (const sub of [...feed.subscribers]) this.end(feed, sub);
  }
}

/**
 * The compression middleware buffers what is written until it has enough to compress; an event must
 * leave at once, so it is flushed. `flush` is added to the response by that middleware only, which is
 * why Express's types do not know it.
 */
function flushCompressed(res: Response): void {
  (res as Response & { flush?: () => void }).flush?.();
}
