/**
 * Where the database comes from: NEO4J_URI when set, otherwise the embedded
 * Neo4j under the project's data directory — started and supervised here, or
 * shared with the live argmap process that started it on the same directory.
 */
import { boltPassword, EMBEDDED_USER, embeddedOwner, isAlive, startEmbeddedNeo4j, type EmbeddedNeo4j } from "../../neo4j/embedded.js";
import type { Config } from "../config.js";
import { ArgmapError, DatabaseUnavailableError, EmbeddedNeo4jError } from "../errors.js";
import { Database } from "./neo4j.js";
import { applySchema } from "./schema.js";

export interface Connection {
  db: Database;
  /** Where the data lives, for people to read. */
  description: string;
  /** Closes the driver, then stops the embedded JVM if this process started it. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Lines about the database's state (down, restarting); the JVM's own output goes to `log`. */
  report?: (line: string) => void;
  /** Aborting stops an embedded Neo4j that is still starting (Ctrl-C during start-up). */
  signal?: AbortSignal;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Restart delays after the JVM dies: 0.5 s, doubling after each start that fails, capped. A JVM that came up
 * starts the next series from 0.5 s again: each start costs seconds of its own, so even a JVM that keeps dying
 * once it is up cannot make a busy loop.
 */
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
/** How long to wait for a JVM whose argmap is gone to stop by itself (its parent watch) before giving up on it. */
const ORPHAN_GRACE_MS = 120_000;

async function answers(uri: string, password: string): Promise<boolean> {
  const probe = new Database({ uri, user: EMBEDDED_USER, password, log: () => {} });
  try {
    await probe.verify();
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

const alreadyRunning = (err: unknown) => err instanceof ArgmapError && err.code === "embedded_neo4j_already_running";

/**
 * The JVM that holds the data directory, if it may be used: one started by an argmap process that is alive
 * (a server and a CLI command share one store). A JVM whose argmap is gone is never adopted: nobody would
 * supervise or stop it, and its parent watch is already shutting it down.
 */
function liveHolder(dataDir: string): { pid: number; owner: number; uri: string } | null {
  const holder = embeddedOwner(dataDir);
  if (!holder || holder.owner === null || !isAlive(holder.pid) || !isAlive(holder.owner)) return null;
  return { pid: holder.pid, owner: holder.owner, uri: holder.uri };
}

type Acquired = { owned: EmbeddedNeo4j; uri: string } | { owned: null; uri: string; holder: number };

/** Starts the embedded Neo4j on `port`, or finds the live argmap's one that holds the directory. */
async function acquire(config: Config, port: number, log: (line: string) => void, signal: AbortSignal | undefined, password: string): Promise<Acquired> {
  const dataDir = config.embedded.dataDir;
  for (const deadline = Date.now() + ORPHAN_GRACE_MS; ; ) {
    try {
      const owned = await startEmbeddedNeo4j({ ...config.embedded, boltPort: port, log, signal });
      return { owned, uri: owned.uri };
    } catch (err) {
      if (!alreadyRunning(err)) throw err;
      const holder = liveHolder(dataDir);
      if (holder && (await answers(holder.uri, password))) return { owned: null, uri: holder.uri, holder: holder.pid };
      // Starting, shutting down, or orphaned and stopping by itself: look again shortly.
      if (Date.now() > deadline) {
        const stray = embeddedOwner(dataDir);
        throw new EmbeddedNeo4jError(
          `an embedded Neo4j${stray ? ` (pid ${stray.pid})` : ""} that no running argmap started holds ${dataDir} and does not stop by itself; ` +
            `stop it${stray ? ` (kill ${stray.pid})` : ""} and start again`,
        );
      }
      if (signal?.aborted) throw new EmbeddedNeo4jError("start-up of the embedded Neo4j was cancelled", "embedded_neo4j_cancelled");
      await wait(1_000);
    }
  }
}

/**
 * Keeps an embedded Neo4j running under the one driver: when the JVM this process started dies, or the one it
 * shares goes away with its argmap, the database is marked down (503 at once, health says why) and a JVM is
 * started again on the same port, with growing delays, until one runs; the driver reconnects by itself.
 */
class Supervisor {
  private stopping = false;
  private readonly stopped = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: Config,
    private readonly db: Database,
    private readonly uri: string,
    private readonly password: string,
    private readonly log: (line: string) => void,
    private readonly report: (line: string) => void,
    private current: Acquired,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.loop;
    if (this.current.owned) await this.current.owned.stop();
  }

  private async run(): Promise<void> {
    const port = Number(new URL(this.uri).port);
    for (;;) {
      const why = await this.lost();
      if (this.stopping) return;
      this.db.markDown(why);
      let delay = RESTART_FIRST_MS;
      for (let attempt = 1; ; attempt++) {
        this.db.markDown(`${why}; restarting it (attempt ${attempt})`);
        this.report(`argmap: restarting the embedded Neo4j in ${delay / 1000} s (attempt ${attempt})`);
        await Promise.race([wait(delay), new Promise((r) => this.stopped.signal.addEventListener("abort", r, { once: true }))]);
        if (this.stopping) return;
        try {
          const got = await acquire(this.config, port, this.log, this.stopped.signal, this.password);
          if (got.uri !== this.uri) throw new EmbeddedNeo4jError(`the data directory is held by a Neo4j at ${got.uri}, not ${this.uri}`);
          this.current = got;
          break;
        } catch (err) {
          if (this.stopping) return;
          this.report(`argmap: restart attempt ${attempt} failed: ${(err as Error).message.split("\n")[0]}`);
          delay = Math.min(delay * 2, RESTART_MAX_MS);
        }
      }
      // The probe would notice within a second; asking now makes the API answer as soon as it can.
      void this.db.ping();
    }
  }

  /** Waits until the JVM in use is gone, and says how it went. */
  private async lost(): Promise<string> {
    const current = this.current;
    if (current.owned) {
      const how = await Promise.race([current.owned.exited, new Promise<null>((r) => this.stopped.signal.addEventListener("abort", () => r(null), { once: true }))]);
      if (!how) return "stopping";
      const cause = how.signal ? `was killed by ${how.signal}` : `exited with code ${how.code}`;
      return `the embedded Neo4j (pid ${current.owned.pid}) ${cause}`;
    }
    // Another argmap's JVM: it goes when that argmap stops; then this one carries on with its own.
    while (!this.stopping && isAlive(current.holder)) await Promise.race([wait(1_000), new Promise((r) => this.stopped.signal.addEventListener("abort", r, { once: true }))]);
    return `the embedded Neo4j (pid ${current.holder}) of another argmap process has stopped`;
  }
}

/** How long a JVM that has said "ready" may take to accept its first Bolt connection. */
const FIRST_CONNECTION_MS = 60_000;

/**
 * The first connection to a JVM that has just said "ready". On a loaded machine (load average 27 on 2 cores)
 * its first Bolt handshake has outlasted the driver's 4 s acquisition timeout, and the server gave up on a
 * healthy database; an unreachable database is retried for a minute, any other error ends the start at once.
 */
export async function verifyStarted(db: Database, signal: AbortSignal | undefined): Promise<void> {
  const until = Date.now() + FIRST_CONNECTION_MS;
  for (;;) {
    try {
      await db.verify();
      return;
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError) || Date.now() >= until || signal?.aborted) throw err;
      await wait(1_000);
    }
  }
}

export async function connect(config: Config, log: (line: string) => void = (l) => process.stderr.write(l + "\n"), options: ConnectOptions = {}): Promise<Connection> {
  if (config.neo4j) {
    const db = new Database({ ...config.neo4j, queryTimeoutMs: config.queryTimeoutMs, writeTimeoutMs: config.writeTimeoutMs });
    await db.verify();
    await applySchema(db);
    return { db, description: config.neo4j.uri, close: () => db.close() };
  }

  const report = options.report ?? ((l: string) => process.stderr.write(l + "\n"));
  const password = boltPassword(config.embedded.dataDir);
  const first = await acquire(config, config.embedded.boltPort, log, options.signal, password);
  if (!first.owned) log(`argmap: using the embedded Neo4j of a running argmap at ${first.uri}`);
  const db = new Database({ uri: first.uri, user: EMBEDDED_USER, password, queryTimeoutMs: config.queryTimeoutMs, writeTimeoutMs: config.writeTimeoutMs, log: report });
  try {
    await verifyStarted(db, options.signal);
    await applySchema(db);
  } catch (err) {
    await db.close();
    await first.owned?.stop();
    throw err;
  }
  const supervisor = new Supervisor(config, db, first.uri, password, log, report, first);
  supervisor.start();
  return {
    db,
    description: `embedded Neo4j at ${first.uri} (data in ${config.embedded.dataDir})`,
    close: async () => {
      await db.close();
      await supervisor.stop();
    },
  };
}
