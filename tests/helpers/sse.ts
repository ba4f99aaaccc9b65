/** A Server-Sent Events client over fetch, for tests and the bench: events as they arrive. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  private controller = new AbortController();
  status = 0;
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: client.controller.signal });
    client.status = res.status;
    if (res.ok && res.body) client.done = client.read(res.body).catch(() => {});
    else await res.body?.cancel();
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event: SseEvent = { id: null, event: "message", data: "" };
        let hasData = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const [field, ...rest] = line.split(":");
          const value = rest.join(":").replace(/^ /, "");
          if (field === "id") event.id = value;
          else if (field === "event") event.event = value;
          else if (field === "data") {
            event.data += (hasData ? "\n" : "") + value;
            hasData = true;
          }
        }
        if (hasData) {
          this.events.push(event);
          this.waiters = this.waiters.filter((w) => (this.events.length >= w.count ? (w.resolve(), false) : true));
        }
      }
    }
  }

  /** Resolves once `count` events have arrived (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.events.length} of ${count} events after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Resolves when the stream ends: the server closed it (or close() was called). */
  get ended(): Promise<void> {
    return this.done;
  }

  data<T = any>(): T[] {
    return this.events.map((e) => JSON.parse(e.data) as T);
  }

  async close() {
    this.controller.abort();
    await this.done;
  }
}
