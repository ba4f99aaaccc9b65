/**
 * Map revisions and access held briefly in memory, so conditional requests on
 * an unchanged map are answered without a database round trip. Writes through
 * this process invalidate at once; other writers (other servers, the CLI) are
 * seen within `ttlMs`.
 */
import { cypher } from "../db/cypher.js";
import { MapMetaRow, rowsAs } from "../db/rows.js";
import { withinRequest } from "../db/deadline.js";
import type { Database } from "../db/neo4j.js";
import type { MapAccess } from "../people/access.js";

export interface MapMeta extends MapAccess {
  revision: string;
}

export interface RevisionCacheOptions {
  ttlMs?: number;
  /** The clock the freshness window is measured on (tests step it instead of sleeping). */
  now?: () => number;
}

export class RevisionCache {
  private readonly entries = new Map<string, { meta: MapMeta; at: number }>();
  /** One lookup per map at a time: concurrent requests for a stale map share it. */
  private readonly inFlight = new Map<string, Promise<MapMeta | null>>();
  /**
   * Bumped by every invalidation, so a lookup that started before a write cannot store
   * what it read once it finishes after the write (it would serve the old revision for a whole window).
   */
  private readonly generation = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: RevisionCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  peek(mapId: string): MapMeta | null {
    const entry = this.entries.get(mapId);
    return entry && this.now() - entry.at < this.ttlMs ? entry.meta : null;
  }

  fetch(mapId: string): Promise<MapMeta | null> {
    let pending = this.inFlight.get(mapId);
    if (!pending) {
      const startedIn = this.generation.get(mapId) ?? 0;
      const lookup: Promise<MapMeta | null> = this.db
        .read(cypher("map-meta"), { mapId }, 5_000)
        .then((rows) => {
          const [meta = null] = rowsAs(MapMetaRow, rows, "map-meta");
          if ((this.generation.get(mapId) ?? 0) !== startedIn) return meta;
          if (meta === null) this.entries.delete(mapId);
          else this.entries.set(mapId, { meta, at: this.now() });
          return meta;
        })
        .finally(() => {
          if (this.inFlight.get(mapId) === lookup) this.inFlight.delete(mapId);
        });
      pending = lookup;
      this.inFlight.set(mapId, pending);
    }
    return pending;
  }

  /** The cached entry if fresh, else a lookup (shared, but waited on no longer than the caller's own deadline). */
  get(mapId: string): Promise<MapMeta | null> {
    const fresh = this.peek(mapId);
    return fresh ? Promise.resolve(fresh) : withinRequest(this.fetch(mapId));
  }

  /**
   * An edit made through this process has just made `revision` the map's current one. A fresh entry
   * moves on to it without a lookup (an edit changes no access; the entry still ends with its window);
   * with none, this is invalidate.
   */
  advance(mapId: string, revision: string): void {
    const entry = this.peek(mapId) ? this.entries.get(mapId) : undefined;
    this.invalidate(mapId);
    if (entry) this.entries.set(mapId, { meta: { ...entry.meta, revision }, at: entry.at });
  }

  invalidate(mapId: string): void {
    this.generation.set(mapId, (this.generation.get(mapId) ?? 0) + 1);
    this.entries.delete(mapId);
    this.inFlight.delete(mapId);
  }
}
