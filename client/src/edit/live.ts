/**
 * The map's event stream (`GET /api/maps/:map/events`, Server-Sent Events).
 *
 * Read with fetch rather than EventSource because EventSource cannot send
 * the Authorization header, and a private map's stream is 404 without it.
 * It behaves like EventSource: it reconnects by itself (after `retry:` or
 * a growing pause) and sends `Last-Event-ID`, so the server replays what was
 * missed while the connection was down.
 */
import { authHeaders } from "../auth.js";

export interface MapEvent {
  id: string | null;
  data: unknown;
}

export interface LiveStream {
  close(): void;
}

/** Parses an SSE byte stream's text into events (the WHATWG rules this server's events need). */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private id: string | null = null;
  lastEventId: string | null = null;
  retry: number | null = null;

  constructor(private readonly onEvent: (e: { id: string | null; data: string }) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith("\r\n", nl) ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === "") {
      if (this.id !== null) this.lastEventId = this.id;
      if (this.data.length) this.onEvent({ id: this.lastEventId, data: this.data.join("\n") });
      this.data = [];
      this.id = null;
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") this.data.push(value);
    else if (field === "id" && !value.includes("\0")) this.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retry = Number(value);
  }
}

export function subscribe(
  map: string,
  onEvent: (event: MapEvent) => void,
  onState: (state: "live" | "reconnecting" | "closed", detail?: string) => void,
): LiveStream {
  let closed = false;
  let controller: AbortController | null = null;
  let lastEventId: string | null = null;
  let pause = 1000;

  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      try {
        const headers: Record<string, string> = { Accept: "text/event-stream", ...authHeaders() };
        if (lastEventId !== null) headers["Last-Event-ID"] = lastEventId;
        const res = await fetch(`/api/maps/${encodeURIComponent(map)}/events`, { headers, signal: controller.signal, cache: "no-store" });
        if (res.status === 404 || res.status === 401 || res.status === 403) {
          // Not ours to see (any more): retrying would not change that.
          onState("closed", `live updates unavailable (${res.status})`);
          return;
        }
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        onState("live");
        pause = 1000;
        const parser = new SseParser((e) => {
          lastEventId = e.id;
          let data: unknown = e.data;
          try {
            data = JSON.parse(e.data);
          } catch {
            // not JSON: passed on as text
          }
          onEvent({ id: e.id, data });
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
        if (parser.retry !== null) pause = parser.retry;
      } catch {
        // a dropped connection: reconnect below, like EventSource
      }
      if (closed) return;
      onState("reconnecting");
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 15_000);
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller?.abort();
      onState("closed");
    },
  };
}
