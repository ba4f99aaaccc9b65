/**
 * Map revisions held briefly in memory, so conditional requests on an unchanged
 * map are answered without a database round trip. Writes through this process
 * invalidate at once; other writers (the CLI) are seen within `ttlMs`.
 */
import { storedRevision } from "../db/maps.js";
import type { Database } from "../db/neo4j.js";

export class RevisionCache {
  private readonly entries = new Map<string, { revision: string; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 1_000,
  ) {}

  peek(mapId: string): string | null {
    const entry = this.entries.get(mapId);
    return entry && Date.now() - entry.at < this.ttlMs ? entry.revision : null;
  }

  async fetch(mapId: string): Promise<string | null> {
    const revision = await storedRevision(this.db, mapId);
    if (revision === null) this.entries.delete(mapId);
    else this.entries.set(mapId, { revision, at: Date.now() });
    return revision;
  }

  invalidate(mapId: string): void {
    this.entries.delete(mapId);
  }
}
