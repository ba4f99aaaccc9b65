import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, startEmbeddedNeo4j } from "../neo4j/embedded.js";
import { Database } from "../server/db/neo4j.js";

describe("the embedded Neo4j", () => {
  it("listens on loopback, refuses a second start on its data, keeps data across a restart, and stops on request", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "argmap-neo4j-"));
    const quiet = { heap: "512m", log: () => {} };
    try {
      const first = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet });
      expect(first.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);

      await expect(startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet })).rejects.toMatchObject({
        code: "embedded_neo4j_already_running",
        message: expect.stringMatching(/already running on .*argmap-neo4j-.*bolt:\/\/127\.0\.0\.1:\d+/),
      });

      let db = new Database({ uri: first.uri });
      await db.write((tx) => tx.run("CREATE (:Probe {value: $value})", { value: "kept" }));
      await db.close();
      await first.stop();
      expect(() => process.kill(first.pid, 0)).toThrow();

      const second = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet });
      db = new Database({ uri: second.uri });
      const rows = await db.read("MATCH (p:Probe) RETURN p.value AS value");
      await db.close();
      await second.stop();
      expect(rows).toEqual([{ value: "kept" }]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
