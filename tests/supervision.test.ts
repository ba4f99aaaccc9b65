/**
 * Issue 10, failure 4: nothing supervised the JVM. The server is spawned as `npm start` runs it, with its own
 * embedded Neo4j, and the JVM and the server are killed the way crashes and people do.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive } from "../neo4j/embedded.js";
import { projectRoot } from "../server/config.js";
import { killServer, spawnServer, waitFor, type ServerProcess } from "./helpers/server-process.js";

const dataDir = path.join(projectRoot, ".argmap", "test-supervision");
const graph = "/api/maps/davidson-2019-inf/graph";
const started: ServerProcess[] = [];
const jvms = new Set<number>();

async function start(): Promise<ServerProcess> {
  const server = await spawnServer({ dataDir });
  started.push(server);
  const jvm = server.jvmPid();
  if (jvm !== null) jvms.add(jvm);
  return server;
}

const statusOf = async (url: string) => (await fetch(url)).status;

/** Starts a server and kills it with SIGKILL, as a crash would: the pid of the JVM it leaves behind. */
async function serverKilledLeavingItsJvm(): Promise<number> {
  const doomed = await start();
  const jvm = doomed.jvmPid();
  expect(jvm).not.toBeNull();
  doomed.child.kill("SIGKILL");
  await doomed.exited;
  return jvm ?? NaN;
}

beforeAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
afterAll(async () => {
  for (const server of started) await killServer(server);
  for (const pid of jvms) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe("the server's embedded Neo4j", () => {
  let server: ServerProcess;

  it("is restarted when its JVM is killed: health says 503 and why meanwhile, the API answers again by itself, and the log has one line per state change", async () => {
    server = await start();
    expect(await statusOf(server.url + graph)).toBe(200);
    const first = server.jvmPid();
    expect(first).not.toBeNull();

    process.kill(first!, "SIGKILL");
    const health = await waitFor(
      "health to report the JVM down",
      async () => {
        const res = await fetch(server.url + "/api/health");
        return res.status === 503 ? res : undefined;
      },
      10_000,
      100,
    );
    expect(health.headers.get("retry-after")).toBe("5");
    const body = (await health.json()) as { status: string; neo4j: string; message: string };
    expect(body).toMatchObject({ status: "degraded", neo4j: "down" });
    expect(body.message).toMatch(new RegExp(`embedded Neo4j \\(pid ${first}\\) was killed by SIGKILL; restarting it`));
    expect(await statusOf(server.url + graph)).toBe(503);

    // Nobody restarts anything: the server does.
    await waitFor("the API to answer again", async () => (await statusOf(server.url + graph)) === 200, 180_000, 250);
    expect((await fetch(server.url + "/api/health")).status).toBe(200);
    const second = server.jvmPid();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    jvms.add(second!);
    expect(isAlive(first!)).toBe(false);

    const log = server.lines().join("\n");
    expect(log.match(/argmap: Neo4j is down/g)).toHaveLength(1);
    expect(log.match(/argmap: restarting the embedded Neo4j/g)).toHaveLength(1);
    expect(log.match(/argmap: Neo4j is back/g)).toHaveLength(1);
    expect(log).not.toMatch(/\n\s+at /); // no stack traces for an outage the server handles
  }, 600_000);

  it("stops the server, the driver and the JVM on SIGTERM", async () => {
    const jvm = server.jvmPid();
    expect(jvm).not.toBeNull();
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines().join("\n")).toMatch(/SIGTERM: stopping[\s\S]*argmap-neo4j stopped[\s\S]*argmap: stopped/);
    expect(isAlive(jvm!)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "neo4j", "argmap-neo4j.pid"))).toBe(false);
  }, 120_000);

  it("leaves no JVM behind when the server is killed with SIGKILL, and the next start runs its own JVM, never the orphan", async () => {
    const orphan = await serverKilledLeavingItsJvm();

    // Started at once, while the orphan may still be shutting down: it waits for it instead of adopting it.
    server = await start();
    const own = server.jvmPid();
    expect(own).not.toBeNull();
    expect(own).not.toBe(orphan);
    expect(isAlive(orphan)).toBe(false);
    expect(server.lines().join("\n")).not.toMatch(/using the embedded Neo4j of a running argmap/);
    expect(await statusOf(server.url + graph)).toBe(200);
  }, 600_000);

  it("shares its JVM with a CLI command on the same data (which needs the Bolt password too), and Ctrl-C stops everything", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ARGMAP_DATA_DIR: dataDir };
    for (const key of ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"]) delete env[key];
    const cli = spawnSync(process.execPath, [path.join(projectRoot, "bin/argmap.mjs"), "coverage", "--map", "davidson-2019-inf"], { cwd: projectRoot, env, encoding: "utf8", timeout: 120_000 });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).totals.claims).toBeGreaterThan(90);
    expect(await statusOf(server.url + graph)).toBe(200); // the CLI left the server's JVM running

    const jvm = server.jvmPid();
    server.child.kill("SIGINT");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(jvm!)).toBe(false);
  }, 180_000);

  it("a JVM whose server was killed stops by itself (parent watch)", async () => {
    const jvm = await serverKilledLeavingItsJvm();
    await waitFor("the orphaned JVM to stop", () => !isAlive(jvm), 60_000, 200);
    expect(fs.existsSync(path.join(dataDir, "neo4j", "argmap-neo4j.pid"))).toBe(false); // it shut down cleanly
  }, 600_000);
});
