/**
 * Answers of map-scoped routes, kept by map revision and URL. A map's revision
 * changes whenever its content does, so an entry can never be stale: a new
 * revision is a new key, and old entries age out of the LRU. Bounded in bytes.
 */
export class ResponseCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get(revision: string, url: string): string | undefined {
    if (!this.enabled) return undefined;
    const key = `${revision}\n${url}`;
    const body = this.entries.get(key);
    if (body === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Move to the young end.
    this.entries.delete(key);
    this.entries.set(key, body);
    return body;
  }

  set(revision: string, url: string, body: string): void {
    if (!this.enabled || body.length * 2 > this.maxBytes) return;
    const key = `${revision}\n${url}`;
    const previous = this.entries.get(key);
    if (previous !== undefined) this.bytes -= previous.length * 2;
    this.entries.set(key, body);
    this.bytes += body.length * 2; // UTF-16 in memory
    for (const [oldKey, oldBody] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= oldBody.length * 2;
    }
  }
}
