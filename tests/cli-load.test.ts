import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { mapCounts } from "../server/db/maps.js";
import { testDatabase } from "./helpers/db.js";
import { fixture, root } from "./helpers/paths.js";

const argmap = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });

describe("argmap load (command line)", () => {
  it("rejects a broken file with located messages on stderr, exit code 1, and starts no database", () => {
    const result = argmap("load", fixture("broken/several-problems.argmap.yaml"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/several-problems\.argmap\.yaml:33: claims\[1\]\(ferry-slow\)\.mentions\[0\]: unknown entity "ship"/);
    expect(result.stderr).toMatch(/3 problems/);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(result.stderr).not.toMatch(/argmap-neo4j ready/);
    expect(result.stdout).toBe("");
  });

  it("explains its usage when the file is missing", () => {
    const result = argmap("load");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/load takes exactly one FILE/);
  });

  it("names a file it cannot read", () => {
    const result = argmap("load", "no/such/file.yaml");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no\/such\/file\.yaml: cannot read/);
  });
});

describe("argmap load of a good file (command line, against the test run's Neo4j)", () => {
  const target = inject("neo4j");
  const env = { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user ?? "", NEO4J_PASSWORD: target.password ?? "" };
  const load = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), "load", ...args], { cwd: root, encoding: "utf8", timeout: 120_000, env });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "argmap-cli-load-"));
  const file = path.join(dir, "bridge.argmap.yaml");
  // The small fixture under its own id, so no other test's map is touched.
  fs.writeFileSync(file, fs.readFileSync(fixture("mini.argmap.yaml"), "utf8").replace(/^ {2}id: mini$/m, "  id: cli-load-bridge"));
  const db = testDatabase();
  afterAll(async () => {
    await db.write((tx) => tx.run("MATCH (n) WHERE (n:Map AND n.id = $id) OR n.mapId = $id DETACH DELETE n", { id: "cli-load-bridge" }));
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes the map, says so on stdout as JSON with its counts, and the database holds what the file says", async () => {
    const first = load(file);
    expect(first.status, first.stderr).toBe(0);
    const answer = JSON.parse(first.stdout);
    expect(answer).toMatchObject({ mapId: "cli-load-bridge", status: "created", counts: { claims: expect.any(Number) } });
    const stored = await mapCounts(db, "cli-load-bridge");
    expect(stored).toEqual(answer.counts);
    const written = parseYaml(fs.readFileSync(file, "utf8")) as { claims: unknown[]; citations: unknown[] };
    expect(stored).toMatchObject({ claims: written.claims.length, citations: written.citations.length });
  });

  it("leaves an unchanged map alone, and writes it again with --force", () => {
    const again = load(file);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).status).toBe("unchanged");
    const forced = load(file, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).status).toBe("replaced");
  });
});
