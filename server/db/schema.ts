import { cypherStatements } from "./cypher.js";
import type { Database } from "./neo4j.js";

/** Creates constraints and indexes (idempotent) and waits until they are online. */
export async function applySchema(db: Database): Promise<void> {
  for (const statement of cypherStatements("schema")) {
    await db.write((tx) => tx.run(statement));
  }
  await db.write((tx) => tx.run("CALL db.awaitIndexes(60)"));
}
