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

  /** Answers being computed: concurrent requests for the same one wait for it instead of repeating it. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly maxBytes: number) {}

  /** The cached answer, the one being computed, or a new computation whose result is kept. */
  shared(revision: string, url: string, compute: () => Promise<string>): { hit: boolean; body: Promise<string> } {
    const cached = this.get(revision, url);
    if (cached !== undefined) return { hit: true, body: Promise.resolve(cached) };
    const key = `${revision}\n${url}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = compute()
        .then((body) => {
          this.set(revision, url, body);
          return body;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return { hit: false, body: pending };
  }

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
