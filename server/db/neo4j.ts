/**
 * The one Neo4j driver of the process, and the only way the rest of the code
 * talks to it: read and write transactions (retried by the driver) with a
 * timeout, and results converted to plain JS values at this edge.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from "neo4j-driver";
import { DatabaseUnavailableError, QueryTimeoutError } from "../errors.js";

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryTimeoutMs?: number;
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Neo4j Integer, Node, Relationship, temporal values → numbers, objects and strings. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
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
  if (isUnavailable(err)) return new DatabaseUnavailableError((err as Error).message.split("\n")[0]);
  return err;
}

export class Database {
  readonly driver: Driver;
  private readonly database?: string;
  private readonly queryTimeoutMs: number;

  constructor(options: DatabaseOptions) {
    this.database = options.database;
    this.queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
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

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw translateError(err);
    }
  }

  /** A cheap round trip for health checks. */
  async ping(): Promise<boolean> {
    try {
      await this.read("RETURN 1 AS ok", {}, 2_000);
      return true;
    } catch {
      return false;
    }
  }

  async read(query: string, params: Params = {}, timeoutMs = this.queryTimeoutMs): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(query, params), { timeout: timeoutMs });
      return rowsOf(result);
    } catch (err) {
      throw translateError(err);
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in one write transaction: everything it writes commits together or not at all. */
  async write<T>(work: (tx: WriteTx) => Promise<T>, timeoutMs = 600_000): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(new WriteTx(tx)), { timeout: timeoutMs });
    } catch (err) {
      throw translateError(err);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export class WriteTx {
  constructor(private readonly tx: ManagedTransaction) {}
  async run(query: string, params: Params = {}): Promise<Row[]> {
    return rowsOf(await this.tx.run(query, params));
  }
}

export const int = neo4j.int;
