/**
 * Map revisions and access held briefly in memory, so conditional requests on
 * an unchanged map are answered without a database round trip. Writes through
 * this process invalidate at once; other writers (other servers, the CLI) are
 * seen within `ttlMs`.
 */
import { cypher } from "../db/cypher.js";
import type { Database } from "../db/neo4j.js";
import type { MapAccess } from "../people/access.js";

export interface MapMeta extends MapAccess {
  revision: string;
}

export class RevisionCache {
  private readonly entries = new Map<string, { meta: MapMeta; at: number }>();
  /** One lookup per map at a time: concurrent requests for a stale map share it. */
  private readonly inFlight = new Map<string, Promise<MapMeta | null>>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 1_000,
  ) {}

  peek(mapId: string): MapMeta | null {
    const entry = this.entries.get(mapId);
    return entry && Date.now() - entry.at < this.ttlMs ? entry.meta : null;
  }

  fetch(mapId: string): Promise<MapMeta | null> {
    let pending = this.inFlight.get(mapId);
    if (!pending) {
      pending = this.db
        .read(cypher("map-meta"), { mapId }, 5_000)
        .then(([row]) => {
          const meta = row ? (row as unknown as MapMeta) : null;
          if (meta === null) this.entries.delete(mapId);
          else this.entries.set(mapId, { meta, at: Date.now() });
          return meta;
        })
        .finally(() => this.inFlight.delete(mapId));
      this.inFlight.set(mapId, pending);
    }
    return pending;
  }

  /** The cached entry if fresh, else a lookup. */
  get(mapId: string): Promise<MapMeta | null> {
    const fresh = this.peek(mapId);
    return fresh ? Promise.resolve(fresh) : this.fetch(mapId);
  }

  invalidate(mapId: string): void {
    this.entries.delete(mapId);
    this.inFlight.delete(mapId);
  }
}
