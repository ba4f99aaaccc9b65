import { cypher, cypherStatements } from "./cypher.js";
import type { Database } from "./neo4j.js";
import { IndexConfigRow, rowsAs } from "./rows.js";

/**
 * A database made by an earlier version has claim_text updated inside every commit; schema.cypher's
 * IF NOT EXISTS would keep it so. Dropped here, it is created again eventually consistent (and
 * repopulated from the stored claims in the background; applySchema waits for that).
 */
async function migrateClaimText(db: Database): Promise<void> {
  const [index] = rowsAs(IndexConfigRow, await db.read(cypher("index-config"), { name: "claim_text" }), "index-config");
  if (index && index.config["fulltext.eventually_consistent"] !== true) await db.write((tx) => tx.run(cypher("claim-text-drop")));
}

/** Creates constraints and indexes (idempotent) and waits until they are online. */
export async function applySchema(db: Database): Promise<void> {
  await migrateClaimText(db);
  for (const statement of cypherStatements("schema")) {
    await db.write((tx) => tx.run(statement));
  }
  await db.write((tx) => tx.run("CALL db.awaitIndexes(60)"));
}
