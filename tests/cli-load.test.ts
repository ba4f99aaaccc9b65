import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
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
