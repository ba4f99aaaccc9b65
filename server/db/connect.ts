/**
 * Where the database comes from: NEO4J_URI when set, otherwise the embedded
 * Neo4j under the project's data directory (started here, or already running
 * for another argmap process on the same directory, which is then shared).
 */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedNeo4j } from "../../neo4j/embedded.js";
import type { Config } from "../config.js";
import { ArgmapError } from "../errors.js";
import { Database } from "./neo4j.js";
import { applySchema } from "./schema.js";

export interface Connection {
  db: Database;
  /** Where the data lives, for people to read. */
  description: string;
  /** Closes the driver, then stops the embedded JVM if this process started it. */
  close(): Promise<void>;
}

function runningEmbeddedUri(dataDir: string): string | null {
  try {
    const owner = fs.readFileSync(path.join(dataDir, "argmap-neo4j.pid"), "utf8");
    return /bolt:\/\/\S+/.exec(owner)?.[0] ?? null;
  } catch {
    return null;
  }
}

async function answers(uri: string): Promise<boolean> {
  const probe = new Database({ uri });
  try {
    await probe.verify();
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

export async function connect(config: Config, log: (line: string) => void = (l) => process.stderr.write(l + "\n")): Promise<Connection> {
  if (config.neo4j) {
    const db = new Database({ ...config.neo4j, queryTimeoutMs: config.queryTimeoutMs });
    await db.verify();
    await applySchema(db);
    return { db, description: config.neo4j.uri, close: () => db.close() };
  }

  let stopEmbedded: () => Promise<void> = async () => {};
  let uri: string | null = null;
  // A launcher that holds the store but does not answer is still starting or shutting down: wait for it.
  for (let attempt = 0; uri === null; attempt++) {
    try {
      const embedded = await startEmbeddedNeo4j({ ...config.embedded, log: (l) => log(l) });
      uri = embedded.uri;
      stopEmbedded = () => embedded.stop();
    } catch (err) {
      const shared = err instanceof ArgmapError && err.code === "embedded_neo4j_already_running" ? runningEmbeddedUri(config.embedded.dataDir) : null;
      if (err instanceof ArgmapError && err.code === "embedded_neo4j_already_running" && attempt < 30) {
        if (shared && (await answers(shared))) {
          log(`argmap: using the embedded Neo4j already running at ${shared}`);
          uri = shared;
        } else {
          await new Promise((r) => setTimeout(r, 2_000));
        }
      } else {
        throw err;
      }
    }
  }
  const db = new Database({ uri, queryTimeoutMs: config.queryTimeoutMs });
  try {
    await db.verify();
    await applySchema(db);
  } catch (err) {
    await db.close();
    await stopEmbedded();
    throw err;
  }
  return {
    db,
    description: `embedded Neo4j at ${uri} (data in ${config.embedded.dataDir})`,
    close: async () => {
      await db.close();
      await stopEmbedded();
    },
  };
}
