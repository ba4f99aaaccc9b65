/**
 * Starts and stops the embedded Neo4j (the Maven project beside this file).
 * The JVM is a child process: it prints a ready line, stops cleanly on SIGTERM,
 * refuses (exit 3) to open a data directory another launcher holds, and stops
 * by itself when this process dies (its stdin, a pipe from us, closes).
 * Bolt requires user neo4j with the password kept in the data directory.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EmbeddedNeo4jError } from "../server/errors.js";

const launcherDir = path.dirname(fileURLToPath(import.meta.url));
const targetDir = path.join(launcherDir, "target");
const classpathFile = path.join(targetDir, "classpath.txt");
const stampFile = path.join(targetDir, "argmap-build.stamp");
const ALREADY_RUNNING = 3;

export interface EmbeddedOptions {
  dataDir: string;
  boltPort: number;
  heap: string;
  /** Where the JVM's output goes besides the ready check; defaults to stderr. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** Aborting stops a JVM that is still starting (Ctrl-C during start-up) and rejects. */
  signal?: AbortSignal;
}

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  user: string;
  password: string;
  /** Resolves when the JVM has exited, however: stopped, crashed or killed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export const EMBEDDED_USER = "neo4j";
const PASSWORD_FILE = "argmap-bolt-password";

/**
 * The Bolt password of the embedded Neo4j in `dataDir`: generated on first use into a file only its owner can
 * read (the launcher sets it in Neo4j's system database before it opens Bolt), read from there afterwards.
 */
export function boltPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": of two processes starting at once, one writes and both read the same password.
    fs.writeFileSync(file, randomBytes(24).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** Who holds the data directory, from the launcher's pid file: the JVM, the process that started it, its Bolt URI. */
export function embeddedOwner(dataDir: string): { pid: number; owner: number | null; uri: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, "argmap-neo4j.pid"), "utf8");
  } catch {
    return null;
  }
  const pid = /pid (\d+)/.exec(text)?.[1];
  const uri = /bolt:\/\/\S+/.exec(text)?.[0];
  if (!pid || !uri) return null;
  const owner = /owner (\d+)/.exec(text)?.[1];
  return { pid: Number(pid), owner: owner ? Number(owner) : null, uri };
}

/** Whether a process exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sourcesFingerprint(): string {
  const files = [path.join(launcherDir, "pom.xml"), path.join(launcherDir, "src/main/java/argmap/EmbeddedNeo4j.java")];
  return files.map((f) => `${f}:${fs.statSync(f).mtimeMs}:${fs.statSync(f).size}`).join("\n");
}

/** Builds the launcher with Maven when it is missing or its sources changed since the last build. */
export function ensureLauncherBuilt(log: (line: string) => void = (l) => process.stderr.write(l + "\n")): void {
  const fingerprint = sourcesFingerprint();
  if (fs.existsSync(classpathFile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === fingerprint) return;
  log("argmap: building the embedded Neo4j launcher with Maven (first run downloads Neo4j 5.26 from Maven Central)…");
  const result = spawnSync("mvn", ["-q", "-B", "package", "-DskipTests"], { cwd: launcherDir, stdio: ["ignore", "inherit", "inherit"] });
  if (result.error) {
    throw new EmbeddedNeo4jError(`could not run Maven (${result.error.message}); install Maven and Java 17, or set NEO4J_URI to use a running Neo4j`);
  }
  if (result.status !== 0) {
    throw new EmbeddedNeo4jError(`Maven failed to build ${launcherDir} (exit ${result.status}); see its output above`);
  }
  fs.writeFileSync(stampFile, fingerprint);
}

/** A port nobody listens on right now, for tests that need their own Neo4j. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  if (options.signal?.aborted) throw new EmbeddedNeo4jError("start-up of the embedded Neo4j was cancelled", "embedded_neo4j_cancelled");
  const log = options.log ?? ((l: string) => process.stderr.write(l + "\n"));
  ensureLauncherBuilt(log);
  const password = boltPassword(options.dataDir);
  const classpath = [path.join(targetDir, "classes"), fs.readFileSync(classpathFile, "utf8").trim()].join(path.delimiter);
  const child = spawn(
    "java",
    // The heap starts at its full size, as Neo4j's operations manual advises: growing it from a
    // small start costs collections and resizing under the first load (ingest bench: bulk
    // 10,020–11,408 claims/s with -Xms256m, 12,352–12,378 with -Xms equal to -Xmx).
    [`-Xms${options.heap}`, `-Xmx${options.heap}`, "-XX:+UseG1GC", "-cp", classpath, "argmap.EmbeddedNeo4j", options.dataDir, String(options.boltPort)],
    // stdin is the JVM's lifeline: never written, it closes when this process dies, however it dies.
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  child.stdin.on("error", () => {}); // a JVM that died closes its end; that is reported by "exit", not here
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const abort = () => void stopChild(child);
  options.signal?.addEventListener("abort", abort, { once: true });
  let uri: string;
  try {
    uri = await waitForReady(child, options, log);
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
  if (options.signal?.aborted) {
    await stopChild(child);
    throw new EmbeddedNeo4jError("start-up of the embedded Neo4j was cancelled", "embedded_neo4j_cancelled");
  }
  return {
    uri,
    pid: child.pid!,
    user: EMBEDDED_USER,
    password,
    exited,
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess, options: EmbeddedOptions, log: (line: string) => void): Promise<string> {
  // Generous: on a machine whose cores are busy, Neo4j has been seen to need over 3 minutes to start.
  const timeoutMs = options.startTimeoutMs ?? 600_000;
  return new Promise((resolve, reject) => {
    let stderrTail = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new EmbeddedNeo4jError(`embedded Neo4j did not become ready within ${timeoutMs / 1000}s; last output:\n${stderrTail}`));
    }, timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        const match = /^argmap-neo4j ready (bolt:\/\/\S+)/.exec(line);
        const url = match?.[1];
        if (url && !ready) {
          ready = true;
          clearTimeout(timer);
          resolve(url);
        }
        log(line);
      }
    };
    child.stdout!.on("data", onLine);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new EmbeddedNeo4jError(`could not start java (${err.message}); install Java 17, or set NEO4J_URI to use a running Neo4j`));
    });
    child.on("exit", (code) => {
      if (ready) return;
      clearTimeout(timer);
      if (options.signal?.aborted) {
        reject(new EmbeddedNeo4jError("start-up of the embedded Neo4j was cancelled", "embedded_neo4j_cancelled"));
      } else if (code === ALREADY_RUNNING) {
        reject(new EmbeddedNeo4jError(stderrTail.trim(), "embedded_neo4j_already_running"));
      } else {
        reject(new EmbeddedNeo4jError(`embedded Neo4j exited with code ${code} before it was ready:\n${stderrTail.trim()}`));
      }
    });
  });
}

function stopChild(child: ChildProcess, graceMs = 60_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
