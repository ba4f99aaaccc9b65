import net from "node:net";

/**
 * A TCP pass-through that can be cut and restored: Neo4j "going away" without touching Neo4j.
 * freeze() is a hung Neo4j instead (a stopped JVM): connections are accepted, nothing is answered,
 * and thaw() delivers everything held back, as SIGCONT would.
 */
export class Outage {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  private readonly held: Array<() => void> = [];

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    for (const deliver of this.held.splice(0)) deliver();
  }

  /** A slow Neo4j: every chunk in either direction is delivered `ms` late (0: at once again). */
  slow(ms: number): void {
    this.delayMs = ms;
  }

  private delayMs = 0;

  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      const relay = (from: net.Socket, to: net.Socket) =>
        from.on("data", (chunk: Buffer) => {
          const deliver = () => (this.frozen ? this.held.push(() => to.write(chunk)) : to.write(chunk));
          if (this.delayMs) setTimeout(deliver, this.delayMs);
          else deliver();
        });
      relay(client, upstream);
      relay(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
