/**
 * One real Neo4j for the test run: NEO4J_URI when set, otherwise a fresh
 * embedded Neo4j on a free port with its own data directory.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from "../../neo4j/embedded.js";
import { projectRoot } from "../../server/config.js";
import { Database } from "../../server/db/neo4j.js";
import { applySchema } from "../../server/db/schema.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user?: string; password?: string; database?: string; dataDir: string | null };
  }
}

let embedded: EmbeddedNeo4j | null = null;

export default async function setup(project: TestProject) {
  let target: { uri: string; user?: string; password?: string; database?: string; dataDir: string | null };
  if (process.env.NEO4J_URI) {
    target = {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER,
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE,
      dataDir: null,
    };
  } else {
    const dataDir = path.join(projectRoot, ".argmap", "test-neo4j");
    fs.rmSync(dataDir, { recursive: true, force: true });
    embedded = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), heap: "1g", log: () => {} });
    target = { uri: embedded.uri, user: embedded.user, password: embedded.password, dataDir };
  }
  const db = new Database(target);
  await db.verify();
  await applySchema(db);
  await db.close();
  project.provide("neo4j", target);

  return async () => {
    await embedded?.stop();
  };
}
