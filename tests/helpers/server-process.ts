/**
 * The server as `npm start` runs it: its own process, its own embedded Neo4j
 * (no NEO4J_URI), data under the given directory. For tests and the fault
 * script, which kill and signal it the way people and crashes do.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { embeddedOwner, freePort, isAlive } from "../../neo4j/embedded.js";
import { projectRoot } from "../../server/config.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Everything the server wrote to stderr so far, line by line. */
  lines(): string[];
  /** The embedded JVM that holds the data directory now (from the launcher's pid file). */
  jvmPid(): number | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const PROCESS_TOKEN = "process-token-0123456789abcdef";

/** Polls `check` every `everyMs` until it returns something other than undefined/false, or throws after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms: number, everyMs = 200): Promise<T> {
  for (const deadline = Date.now() + ms; ; ) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function spawnServer(options: { dataDir: string; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    ARGMAP_DATA_DIR: options.dataDir,
    ARGMAP_NEO4J_PORT: String(await freePort()),
    ARGMAP_NEO4J_HEAP: "512m",
    ARGMAP_TOKEN: PROCESS_TOKEN,
    ...options.env,
  };
  for (const key of ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"]) delete env[key];
  // node itself, not npx/tsx's CLI wrapper: a signal or SIGKILL reaches the server, not a relay in front of it.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "server/main.ts")], { cwd: projectRoot, env, stdio: ["ignore", "ignore", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  child.stderr.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    dataDir: options.dataDir,
    lines: () => lines,
    jvmPid: () => {
      const holder = embeddedOwner(path.join(options.dataDir, "neo4j"));
      return holder && isAlive(holder.pid) ? holder.pid : null;
    },
    exited,
  };
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    "the server to say it is ready",
    () => {
      if (gone) throw new Error(`the server exited before it was ready:\n${lines.join("\n")}`);
      return lines.some((l) => /argmap: ready at/.test(l));
    },
    options.readyTimeoutMs ?? 600_000,
  );
  return server;
}

/** Stops a server and its JVM whatever state they are in (for afterAll): SIGKILL, then the JVM if it lingers. */
export async function killServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  const jvm = server.jvmPid();
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  if (jvm !== null) {
    await waitFor("the JVM to stop by itself", () => !isAlive(jvm), 60_000).catch(() => process.kill(jvm, "SIGKILL"));
  }
}
