/**
 * The one Neo4j driver of the process, and the only way the rest of the code
 * talks to it: read and write transactions (retried by the driver) with a
 * timeout, and results converted to plain JS values at this edge.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape, type Session, type SessionMode } from "neo4j-driver";
import { ConflictError, DatabaseUnavailableError, QueryTimeoutError, WriteTimeoutError } from "../errors.js";
import { requestTimeLeft } from "./deadline.js";

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryTimeoutMs?: number;
  /** Budget of one write transaction made while answering a request (default 60 s). */
  writeTimeoutMs?: number;
  /** One line per change of reachability (down, back up); never one per request. */
  log?: (line: string) => void;
}

/** Our own deadline ran out: Neo4j took the request but did not answer (stopped JVM, hung network). */
class DeadlineExpired extends Error {}

/**
 * Budget of a write made outside any request (the CLI's load of a corpus, the seed, the bench): it
 * answers nobody waiting on a socket, and a large map may take minutes.
 */
const WRITE_OUTSIDE_REQUEST_MS = 600_000;

/**
 * Grace of our own deadline over a write's budget. Neo4j stops a transaction past its timeout at
 * its monitor's next check (every 2 s by default, 0.1 s in the embedded one): giving up earlier
 * would answer 503 for a write that may still commit.
 */
const WRITE_DEADLINE_GRACE_MS = 5_000;

/** How long a ping may take before Neo4j counts as down. */
const PING_MS = 2_000;
/** Grace over the server-side transaction timeout, so Neo4j's own timeout answers first when it can. */
const DEADLINE_GRACE_MS = 2_000;

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Neo4j Integer, Node, Relationship, temporal values → numbers, objects and strings. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Most values are text or numbers: skip the driver's type probes for them (a whole map's read
  // passes every property of every claim through here).
  if (typeof value !== "object") return value;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (Array.isArray(value)) return value.map(toNative);
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toNative(value.properties);
  // Dates as ISO-8601 text ("2019-05-01"), which is how the model stores them.
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(value)) out[k] = toNative(val);
    return out;
  }
  return value;
}

const rowsOf = (result: QueryResult<RecordShape>): Row[] => result.records.map((r) => toNative(r.toObject()) as Row);

/** True for the driver's "cannot reach the server" family of errors. */
function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === "ServiceUnavailable" ||
    e?.code === "SessionExpired" ||
    /connect|ECONNREFUSED|acquisition timed out|Pool is closed/i.test(e?.message ?? "")
  );
}

function isTimeout(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? "";
  return code === "Neo.ClientError.Transaction.TransactionTimedOut" || code === "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
}

export function translateError(err: unknown): unknown {
  if (isTimeout(err)) return new QueryTimeoutError();
  // Only a concurrent writer of the same key can break a uniqueness constraint that our own checks respect.
  if ((err as { code?: string })?.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    return new ConflictError(`a concurrent write created the same item first (${(err as Error).message.split("\n")[0]})`);
  }
  if (isUnavailable(err)) return new DatabaseUnavailableError((err as Error).message.split("\n")[0] ?? "");
  return err;
}

/**
 * Every call has a client-side deadline: Neo4j's own transaction timeout needs a
 * Neo4j that runs, and a stopped JVM still accepts TCP connections. When a call
 * meets no answer or no server, a ping decides whether Neo4j is down; while it
 * is, calls fail at once with 503 (no request queues behind a dead server) and a
 * probe every second notices its return.
 */
export class Database {
  readonly driver: Driver;
  private readonly database?: string;
  private readonly queryTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly log: (line: string) => void;
  /** Why Neo4j is down and since when; null while it answers. */
  private outage: { reason: string; since: number } | null = null;
  private probe: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;

  constructor(options: DatabaseOptions) {
    this.database = options.database;
    this.queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 60_000;
    this.log = options.log ?? ((line) => process.stderr.write(line + "\n"));
    const auth = options.user && options.password ? neo4j.auth.basic(options.user, options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, {
      // Fail fast when the server is away, so the API answers 503 in seconds instead of hanging.
      connectionTimeout: 3_000,
      connectionAcquisitionTimeout: 4_000,
      maxTransactionRetryTime: 3_000,
      maxConnectionPoolSize: 50,
      userAgent: "argmap/0.1",
    });
  }

  /** How long one request may wait for all of its reads together (server/db/deadline.ts). */
  get requestDeadlineMs(): number {
    return this.queryTimeoutMs + DEADLINE_GRACE_MS;
  }

  /** False while an outage is known (health reports it without a round trip). */
  get up(): boolean {
    return this.outage === null;
  }

  /** What is wrong while Neo4j is down, for people to read (health says it); null while it answers. */
  get outageMessage(): string | null {
    return this.outage ? `${this.outage.reason} (down for ${Math.round((Date.now() - this.outage.since) / 1000)} s)` : null;
  }

  /**
   * Someone who knows better than a ping says Neo4j is down (the supervisor saw the JVM die): refuse at once
   * instead of waiting for a call to fail. A later reason replaces the earlier one without another log line.
   */
  markDown(reason: string): void {
    if (this.outage) this.outage.reason = reason;
    else this.failed(reason, reason);
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw translateError(err);
    }
  }

  /** A cheap round trip for health checks, bounded by its own deadline. */
  async ping(): Promise<boolean> {
    try {
      await this.call(neo4j.session.READ, (session) => session.executeRead((tx) => tx.run("RETURN 1 AS ok"), { timeout: PING_MS }), PING_MS, false);
      this.recovered();
      return true;
    } catch (err) {
      this.failed(err instanceof DeadlineExpired ? `no answer within ${PING_MS / 1000} s` : ((err as Error).message ?? String(err)).split("\n")[0] ?? "");
      return false;
    }
  }

  async read(query: string, params: Params = {}, timeoutMs = this.queryTimeoutMs): Promise<Row[]> {
    // Within a request, the call gets only what is left of the request's one deadline (server/db/deadline.ts).
    const deadlineMs = Math.min(timeoutMs + DEADLINE_GRACE_MS, requestTimeLeft());
    if (deadlineMs <= 0) throw new QueryTimeoutError();
    const txTimeoutMs = Math.max(deadlineMs - DEADLINE_GRACE_MS, Math.ceil(deadlineMs / 2));
    const result = await this.guarded(neo4j.session.READ, (session) => session.executeRead((tx) => tx.run(query, params), { timeout: txTimeoutMs }), deadlineMs);
    return rowsOf(result);
  }

  /**
   * Runs `work` in one write transaction: everything it writes commits together or not at all.
   * Bounded by `timeoutMs`, else by the write budget when a request is waiting for it (a request's
   * writes do not share its reads' clock: an import under load may need more than a read), else by
   * the long budget of work outside requests. Neo4j rolls the transaction back at its budget.
   */
  async write<T>(work: (tx: WriteTx) => Promise<T>, timeoutMs?: number): Promise<T> {
    const budgetMs = timeoutMs ?? (requestTimeLeft() === Infinity ? WRITE_OUTSIDE_REQUEST_MS : this.writeTimeoutMs);
    try {
      return await this.guarded(neo4j.session.WRITE, (session) => session.executeWrite((tx) => work(new WriteTx(tx)), { timeout: budgetMs }), budgetMs + WRITE_DEADLINE_GRACE_MS);
    } catch (err) {
      throw err instanceof QueryTimeoutError ? new WriteTimeoutError(budgetMs) : err;
    }
  }

  async close(): Promise<void> {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    await this.driver.close();
  }

  private async guarded<T>(mode: SessionMode, run: (session: Session) => Promise<T>, deadlineMs: number): Promise<T> {
    if (this.outage) throw new DatabaseUnavailableError(`${this.outage.reason}, since ${Math.round((Date.now() - this.outage.since) / 1000)} s`);
    try {
      return await this.call(mode, run, deadlineMs, true);
    } catch (err) {
      if (err instanceof DeadlineExpired) {
        void this.check();
        throw new DatabaseUnavailableError(`no answer within ${(deadlineMs / 1000).toFixed(1)} s`);
      }
      const translated = translateError(err);
      if (translated instanceof DatabaseUnavailableError) void this.check();
      throw translated;
    }
  }

  /** Runs `run` in a session, rejecting with DeadlineExpired after `deadlineMs`; a hung session is abandoned, not awaited. */
  private async call<T>(mode: SessionMode, run: (session: Session) => Promise<T>, deadlineMs: number, closeInline: boolean): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new DeadlineExpired());
      }, deadlineMs);
    });
    const work = run(session);
    work.catch(() => {}); // once abandoned, its eventual failure is nobody's business
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      const closing = session.close().catch(() => {});
      if (closeInline && !expired) await closing;
    }
  }

  /** One ping at a time decides whether a failure means Neo4j is down. */
  private check(): Promise<boolean> {
    this.checking ??= this.ping().finally(() => (this.checking = null));
    return this.checking;
  }

  private failed(detail: string, reason = `Neo4j did not answer a ping (${detail})`): void {
    if (this.outage) return;
    this.outage = { reason, since: Date.now() };
    this.log(`argmap: Neo4j is down (${detail}); answering 503 until it is back`);
    this.probe = setInterval(() => void this.check(), 1_000);
    this.probe.unref();
  }

  private recovered(): void {
    if (!this.outage) return;
    this.log(`argmap: Neo4j is back after ${((Date.now() - this.outage.since) / 1000).toFixed(1)} s`);
    this.outage = null;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}

export class WriteTx {
  constructor(private readonly tx: ManagedTransaction) {}
  async run(query: string, params: Params = {}): Promise<Row[]> {
    return rowsOf(await this.tx.run(query, params));
  }
}

export const int = neo4j.int;
