import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { INTAKE_BUDGET, SERVER_BUDGET, type EvaluationBudget } from "./argumentation/budget.js";
import { ValidationError } from "./errors.js";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./http/security.js";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const port = z.coerce.number().int().min(1).max(65535);

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default("127.0.0.1"),
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default(""),
  NEO4J_DATABASE: z.string().optional(),
  ARGMAP_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ARGMAP_NEO4J_PORT: port.default(7687),
  ARGMAP_NEO4J_HEAP: z.string().regex(/^\d+[mg]$/, "like 512m or 2g").default("1g"),
  ARGMAP_DATA_DIR: z.string().default(path.join(projectRoot, ".argmap")),
  ARGMAP_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ARGMAP_WRITE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  ARGMAP_RESPONSE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  ARGMAP_EVAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(SERVER_BUDGET.timeMs),
  ARGMAP_EVAL_MEMORY_MB: z.coerce.number().int().min(16).max(65536).default(SERVER_BUDGET.memoryMb),
  ARGMAP_EVAL_MAX_EXTENSIONS: z.coerce.number().int().min(1).default(SERVER_BUDGET.extensions),
  ARGMAP_INTAKE_TIMEOUT_MS: z.coerce.number().int().min(100).default(INTAKE_BUDGET.timeMs),
  ARGMAP_INTAKE_MEMORY_MB: z.coerce.number().int().min(64).max(65536).default(INTAKE_BUDGET.memoryMb),
  ARGMAP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ARGMAP_RATE_WRITES: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.writes),
  ARGMAP_RATE_AUTH_FAILURES: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.authFailures),
  ARGMAP_RATE_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_RATE_LIMITS.windowSeconds),
});

export interface Config {
  port: number;
  host: string;
  /** Set when an external Neo4j (server, cluster, Aura) is to be used instead of the embedded one. */
  neo4j: { uri: string; user: string; password: string; database?: string } | null;
  embedded: { boltPort: number; heap: string; dataDir: string };
  dataDir: string;
  token?: string;
  queryTimeoutMs: number;
  /** Budget of one write transaction made while answering a request. */
  writeTimeoutMs: number;
  responseCacheBytes: number;
  /** What one evaluation request may spend (the CLI has its own, larger budget). */
  evaluationBudget: EvaluationBudget;
  intakeBudget: { timeMs: number; memoryMb: number };
  /** Key of users' token hashes; generated into the data directory when unset. */
  secret?: string;
  /** Writes and failed authentications per client address and window (0: no limit). */
  rateLimits: RateLimits;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ where: "environment", field: i.path.join("."), message: i.message })),
      "bad settings",
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : null,
    embedded: { boltPort: e.ARGMAP_NEO4J_PORT, heap: e.ARGMAP_NEO4J_HEAP, dataDir: path.join(e.ARGMAP_DATA_DIR, "neo4j") },
    dataDir: e.ARGMAP_DATA_DIR,
    token: e.ARGMAP_TOKEN,
    queryTimeoutMs: e.ARGMAP_QUERY_TIMEOUT_MS,
    writeTimeoutMs: e.ARGMAP_WRITE_TIMEOUT_MS,
    responseCacheBytes: Math.round(e.ARGMAP_RESPONSE_CACHE_MB * 2 ** 20),
    evaluationBudget: { ...SERVER_BUDGET, timeMs: e.ARGMAP_EVAL_TIMEOUT_MS, memoryMb: e.ARGMAP_EVAL_MEMORY_MB, extensions: e.ARGMAP_EVAL_MAX_EXTENSIONS },
    intakeBudget: { timeMs: e.ARGMAP_INTAKE_TIMEOUT_MS, memoryMb: e.ARGMAP_INTAKE_MEMORY_MB },
    secret: e.ARGMAP_SECRET,
    rateLimits: { writes: e.ARGMAP_RATE_WRITES, authFailures: e.ARGMAP_RATE_AUTH_FAILURES, windowSeconds: e.ARGMAP_RATE_WINDOW_S },
  };
}
