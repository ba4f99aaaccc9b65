/**
 * The first connection to an embedded Neo4j that has just said "ready" (server/db/connect.ts). A unit test of an
 * error path, so the database is a stand-in: on a machine at load average 27 the real first Bolt handshake
 * outlasted the driver's acquisition timeout and the server exited with a healthy JVM (npm run faults, round c).
 */
import { describe, expect, it } from "vitest";
import { verifyStarted } from "../server/db/connect.js";
import type { Database } from "../server/db/neo4j.js";
import { DatabaseUnavailableError, ForbiddenError } from "../server/errors.js";

function databaseFailing(errors: Error[]): { db: Database; calls: () => number } {
  let calls = 0;
  const db = {
    verify: () => {
      const err = errors[calls++];
      return err ? Promise.reject(err) : Promise.resolve();
    },
  } as Pick<Database, "verify"> as Database;
  return { db, calls: () => calls };
}

describe("the first connection to a freshly started embedded Neo4j", () => {
  it("tries again while Neo4j is unreachable, and starts once it answers", async () => {
    const unreachable = new DatabaseUnavailableError("Connection acquisition timed out in 4000 ms");
    const { db, calls } = databaseFailing([unreachable, unreachable]);
    await expect(verifyStarted(db, undefined)).resolves.toBeUndefined();
    expect(calls()).toBe(3);
  });

  it("gives up at once on any other error, such as a refused password", async () => {
    const { db, calls } = databaseFailing([new ForbiddenError("The client is unauthorized due to authentication failure.")]);
    await expect(verifyStarted(db, undefined)).rejects.toThrow(/unauthorized/);
    expect(calls()).toBe(1);
  });

  it("stops trying when the start is cancelled (Ctrl-C during start-up)", async () => {
    const controller = new AbortController();
    controller.abort();
    const { db, calls } = databaseFailing([new DatabaseUnavailableError("connection refused")]);
    await expect(verifyStarted(db, controller.signal)).rejects.toThrow(/unreachable/);
    expect(calls()).toBe(1);
  });
});
