/**
 * Entry point: database (embedded or NEO4J_URI) → seed maps → HTTP server.
 * SIGINT/SIGTERM stop them in reverse order: server, driver, then the JVM.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { loadConfig, projectRoot, type Config } from "./config.js";
import { connect, type Connection } from "./db/connect.js";
import { loadMap } from "./db/maps.js";
import type { Database } from "./db/neo4j.js";
import { ArgmapError } from "./errors.js";
import { readSeedFile } from "./import/read-seed-file.js";
import { serverSecret } from "./people/people.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The write token: ARGMAP_TOKEN, or one generated once and kept in the data directory. */
function writeToken(config: Config): string {
  if (config.token) return config.token;
  const file = path.join(config.dataDir, "token");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(24).toString("hex") + "\n", { mode: 0o600 });
  }
  log(`argmap: ARGMAP_TOKEN is not set; writes take the token in ${file}`);
  return fs.readFileSync(file, "utf8").trim();
}

/** Loads every seed in seed/ whose map is missing or changed. */
async function seedMaps(db: Database): Promise<void> {
  const seedDir = path.join(projectRoot, "seed");
  for (const name of fs.readdirSync(seedDir).filter((f) => f.endsWith(".argmap.yaml")).sort()) {
    const data = readSeedFile(path.join(seedDir, name));
    const result = await loadMap(db, data, { user: "seed" });
    log(`argmap: seed ${name}: map "${result.mapId}" ${result.status}`);
  }
}

/** Set once a signal asks to stop: from then on, failures of what is being torn down are expected. */
let stopping = false;

async function main() {
  const config = loadConfig();
  const token = writeToken(config);
  // Filled in as things start, so that a signal at any moment stops exactly what has started.
  const started: { conn?: Connection } = {};
  let server: ReturnType<ReturnType<typeof createApp>["app"]["listen"]> | undefined = undefined;
  let closeStreams = () => {};
  let stopEvaluator = async () => {};
  // Listening for signals before anything starts: Ctrl-C while Neo4j is still starting stops it too.
  const starting = new AbortController();
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`argmap: ${signal}: stopping`);
    starting.abort();
    if (server) {
      closeStreams(); // event streams never go idle by themselves
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await stopEvaluator();
    await started.conn?.close();
    log("argmap: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const conn = await connect(config, (line) => log(`  ${line}`), { signal: starting.signal });
  started.conn = conn;
  if (stopping) return void (await conn.close());
  log(`argmap: database: ${conn.description}`);

  try {
    await seedMaps(conn.db);
  } catch (err) {
    await conn.close();
    throw err;
  }
  if (stopping) return;
  const { app, evaluator, documentWorkers, events } = createApp({
    db: conn.db,
    log,
    responseCacheBytes: config.responseCacheBytes,
    token,
    evaluationBudget: config.evaluationBudget,
    intakeBudget: config.intakeBudget,
    secret: serverSecret(config.dataDir, config.secret),
    rateLimits: config.rateLimits,
  });
  evaluator.warm();
  stopEvaluator = () => Promise.all([evaluator.close(), documentWorkers.close()]).then(() => {});
  closeStreams = () => events.close();
  server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  }).catch(async (err) => {
    await conn.close();
    throw new ArgmapError("port_in_use", 500, `cannot listen on ${config.host}:${config.port} (${(err as Error).message}); set PORT to another port`);
  });
  const { port } = server.address() as AddressInfo;
  log(`argmap: ready at http://localhost:${port} (API: http://localhost:${port}/api/openapi.json)`);
}

main().catch((err) => {
  // A start-up interrupted by Ctrl-C fails on purpose; stop() exits once everything is down.
  if (stopping) return;
  log(err instanceof ArgmapError ? `argmap: ${err.message}` : `argmap: failed to start: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
