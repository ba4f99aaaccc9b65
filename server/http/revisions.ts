/**
 * Map revisions held briefly in memory, so conditional requests on an unchanged
 * map are answered without a database round trip. Writes through this process
 * invalidate at once; other writers (the CLI) are seen within `ttlMs`.
 */
import { storedRevision } from "../db/maps.js";
import type { Database } from "../db/neo4j.js";

export class RevisionCache {
  private readonly entries = new Map<string, { revision: string; at: number }>();
  /** One lookup per map at a time: concurrent requests for a stale map share it. */
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 1_000,
  ) {}

  peek(mapId: string): string | null {
    const entry = this.entries.get(mapId);
    return entry && Date.now() - entry.at < this.ttlMs ? entry.revision : null;
  }

  fetch(mapId: string): Promise<string | null> {
    let pending = this.inFlight.get(mapId);
    if (!pending) {
      pending = storedRevision(this.db, mapId)
        .then((revision) => {
          if (revision === null) this.entries.delete(mapId);
          else this.entries.set(mapId, { revision, at: Date.now() });
          return revision;
        })
        .finally(() => this.inFlight.delete(mapId));
      this.inFlight.set(mapId, pending);
    }
    return pending;
  }

  invalidate(mapId: string): void {
    this.entries.delete(mapId);
    this.inFlight.delete(mapId);
  }
}
