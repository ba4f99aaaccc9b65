import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { boltPassword, freePort, startEmbeddedNeo4j } from "../neo4j/embedded.js";
import { Database } from "../server/db/neo4j.js";

/** Whether `user`/`password` may open a session on `uri` (any refusal is a false, with its code). */
async function connects(uri: string, user?: string, password?: string): Promise<true | string> {
  const db = new Database({ uri, user, password, log: () => {} });
  try {
    await db.verify();
    return true;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    await db.close();
  }
}

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

      let db = new Database({ uri: first.uri, user: first.user, password: first.password });
      await db.write((tx) => tx.run("CREATE (:Probe {value: $value})", { value: "kept" }));
      await db.close();
      await first.stop();
      expect(() => process.kill(first.pid, 0)).toThrow();

      const second = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet });
      db = new Database({ uri: second.uri, user: second.user, password: second.password });
      const rows = await db.read("MATCH (p:Probe) RETURN p.value AS value");
      await db.close();
      await second.stop();
      expect(rows).toEqual([{ value: "kept" }]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);

  it("lets on Bolt only who holds the password kept in its data directory (mode 600); a store without one gets one", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "argmap-neo4j-"));
    const quiet = { heap: "512m", log: () => {} };
    try {
      const first = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet });
      const file = path.join(dataDir, "argmap-bolt-password");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, "utf8").trim()).toBe(first.password);
      expect(first.password.length).toBeGreaterThanOrEqual(24);
      expect(boltPassword(dataDir)).toBe(first.password); // what the server, CLI, tests and bench read

      expect(await connects(first.uri)).toBe("Neo.ClientError.Security.Unauthorized");
      expect(await connects(first.uri, "neo4j", "neo4j")).toBe("Neo.ClientError.Security.Unauthorized");
      expect(await connects(first.uri, "neo4j", `${first.password}x`)).toBe("Neo.ClientError.Security.Unauthorized");
      expect(await connects(first.uri, "neo4j", first.password)).toBe(true);
      await first.stop();

      // A data directory from before authentication (or whose password file was lost) has no password file:
      // a new password is generated and set, and the old one no longer opens it.
      fs.rmSync(file);
      const second = await startEmbeddedNeo4j({ dataDir, boltPort: await freePort(), ...quiet });
      try {
        expect(second.password).not.toBe(first.password);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(await connects(second.uri, "neo4j", first.password)).toBe("Neo.ClientError.Security.Unauthorized");
        expect(await connects(second.uri, "neo4j", second.password)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
