/**
 * npm run faults: the fault figures of issue 10, measured on the real server with its embedded Neo4j.
 *
 *   a. the JVM stopped (SIGSTOP) for 15 s under read load: answers within the deadline, hangs, recovery after SIGCONT
 *   b. the JVM killed (SIGKILL): time until the API answers 200 again, with nobody restarting anything
 *   c. SIGKILL of the server or the JVM during an import with replace=true: the map is wholly old or wholly new
 *   d. an import acknowledged with 201, then SIGKILL of the JVM: the map is there after the restart
 *   e. the 944-byte framework (20 two-cycles, preferred): 422 within the budget while /api/health stays fast
 *
 * Options: --rounds N (c and d, default 20), --stop-seconds S (a, default 15), --only a,b,c,d,e.
 * Exits non-zero when a check fails. Writes bench/results/faults.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isAlive } from "../neo4j/embedded.js";
import { loadConfig, projectRoot } from "../server/config.js";
import { killServer, PROCESS_TOKEN, spawnServer, waitFor, type ServerProcess } from "../tests/helpers/server-process.js";
import { summarize } from "./stats.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    "stop-seconds": { type: "string", default: "15" },
    only: { type: "string", default: "a,b,c,d,e" },
  },
});
const ROUNDS = Number(values.rounds);
const STOP_MS = Number(values["stop-seconds"]) * 1000;
const only = new Set(values.only.split(","));
const log = (line: string) => process.stderr.write(`faults: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

const dataDir = path.join(projectRoot, ".argmap", "faults");
// The server's own deadline for a read: its query timeout plus 2 s of grace (server/db/neo4j.ts).
const DEADLINE_MS = loadConfig({ ...process.env, NEO4J_URI: undefined }).queryTimeoutMs + 2_000;
/** A request slower than the deadline by more than this is a hang. */
const MARGIN_MS = 2_000;
const ARTICLE = "davidson-2019-inf";
const auth = { Authorization: `Bearer ${PROCESS_TOKEN}` };

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
const checks: Check[] = [];
const figures: Record<string, unknown> = {};
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  log(`${ok ? "PASS" : "FAIL"} ${name}: ${detail}`);
}

let server: ServerProcess | undefined;
const jvmOf = (s: ServerProcess) => {
  const pid = s.jvmPid();
  if (pid === null) throw new Error("no embedded JVM holds the data directory");
  return pid;
};

async function get(url: string, timeoutMs = 60_000): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, body };
  } catch {
    return { status: 0, ms: performance.now() - started, body: "" };
  }
}

/**
 * Milliseconds from now until `path` answers 200 (polled every 100 ms). Up to the supervisor's own start timeout:
 * at load average 25 on 2 cores one JVM restart after SIGKILL took longer than 300 s.
 */
async function untilAnswers(s: ServerProcess, urlPath: string, ms = 600_000): Promise<number> {
  const started = performance.now();
  await waitFor(`${urlPath} to answer 200`, async () => (await get(s.url + urlPath, 15_000)).status === 200, ms, 100);
  return performance.now() - started;
}

// ── The two versions of a map an import switches between ─────────────────────
type OwnJson = { map: { title: string }; claims: { text: string }[] };
let versionOld: OwnJson;
let versionNew: OwnJson;

async function importMap(s: ServerProcess, id: string, doc: OwnJson, replace: boolean, signal?: AbortSignal) {
  const res = await fetch(`${s.url}/api/maps?id=${id}${replace ? "&replace=true" : ""}`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify(doc),
    signal,
  });
  return { status: res.status, body: await res.text() };
}

/** The stored map, nodes and edges in a canonical order: equal strings mean equal maps. */
async function fingerprint(s: ServerProcess, id: string): Promise<string | null> {
  // A JVM just restarted on a busy machine may time a first query out: what is stored is the question here, not speed.
  let res = await get(`${s.url}/api/maps/${id}/graph`);
  for (let tries = 1; res.status === 503 && tries < 10; tries++) {
    await sleep(2_000);
    res = await get(`${s.url}/api/maps/${id}/graph`);
  }
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`graph of ${id}: ${res.status} ${res.body.slice(0, 200)}`);
  const graph = JSON.parse(res.body) as { nodes: { key: string }[]; edges: { key?: string; source: string; target: string }[] };
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const nodes = graph.nodes.map((n) => JSON.stringify(n)).sort(order);
  const edges = graph.edges.map((e) => JSON.stringify(e)).sort(order);
  // The map's own id aside, so that the same content under two ids compares equal.
  return JSON.stringify({ nodes, edges }).split(JSON.stringify(id)).join('"ID"');
}

// ── a. JVM stopped under read load ───────────────────────────────────────────
async function stoppedJvm(s: ServerProcess): Promise<void> {
  log(`a: read load on the graph and /api/health, JVM stopped ${STOP_MS / 1000} s`);
  const jvm = jvmOf(s);
  type Sample = { path: string; start: number; ms: number; status: number };
  const samples: Sample[] = [];
  let running = true;
  const worker = async (n: number) => {
    for (let i = n; running; i++) {
      const p = i % 2 ? "/api/health" : `/api/maps/${ARTICLE}/graph`;
      const start = performance.now();
      const res = await get(s.url + p, DEADLINE_MS + 60_000);
      samples.push({ path: p, start, ms: res.ms, status: res.status });
    }
  };
  const workers = Array.from({ length: 8 }, (_, n) => worker(n));
  await sleep(3_000);
  const stopAt = performance.now();
  process.kill(jvm, "SIGSTOP");
  await sleep(STOP_MS);
  const contAt = performance.now();
  process.kill(jvm, "SIGCONT");
  const firstOk = await waitFor(
    "a 200 after SIGCONT",
    () => samples.find((x) => x.path.includes("/graph") && x.start >= contAt && x.status === 200),
    120_000,
    50,
  );
  await sleep(2_000);
  running = false;
  await Promise.all(workers);

  const during = samples.filter((x) => x.start >= stopAt && x.start < contAt);
  const within = during.filter((x) => x.status === 503 && x.ms <= DEADLINE_MS).length;
  const ok200 = during.filter((x) => x.status === 200).length;
  const hangs = during.filter((x) => x.ms > DEADLINE_MS + MARGIN_MS).length;
  const other = during.length - within - ok200 - hangs;
  const recovery = firstOk.start + firstOk.ms - contAt;
  const latencies = summarize(during.map((x) => x.ms));
  figures.a = {
    stoppedSeconds: STOP_MS / 1000,
    deadlineMs: DEADLINE_MS,
    requests: during.length,
    answered503WithinDeadline: within,
    share503WithinDeadline: round1((100 * within) / Math.max(1, during.length)),
    answered200: ok200,
    hangs,
    other,
    latencyMs: latencies,
    recoveryAfterSigcontMs: Math.round(recovery),
  };
  log(`a: ${during.length} requests while stopped: ${within} 503 within ${DEADLINE_MS / 1000} s, ${ok200} 200, ${hangs} hangs, ${other} other; recovery ${Math.round(recovery)} ms`);
  check("a. no request hangs while the JVM is stopped", hangs === 0 && during.length > 0, `${hangs} of ${during.length} took over ${(DEADLINE_MS + MARGIN_MS) / 1000} s`);
  check("a. every request is answered (503 within the deadline, or 200)", other === 0, `${other} answers neither`);
  check("a. the API recovers after SIGCONT", recovery < 30_000, `${Math.round(recovery)} ms`);
}

// ── b. JVM killed ────────────────────────────────────────────────────────────
async function killedJvm(s: ServerProcess): Promise<void> {
  const jvm = jvmOf(s);
  log(`b: SIGKILL to the JVM (pid ${jvm})`);
  const killedAt = performance.now();
  process.kill(jvm, "SIGKILL");
  const health = await waitFor("health 503", async () => {
    const res = await fetch(s.url + "/api/health");
    return res.status === 503 ? { retryAfter: res.headers.get("retry-after"), body: (await res.json()) as { message?: string } } : undefined;
  }, 10_000, 50);
  const downMs = performance.now() - killedAt;
  const recovery = (await untilAnswers(s, `/api/maps/${ARTICLE}/graph`)) + downMs;
  figures.b = { healthSaidDownAfterMs: Math.round(downMs), healthMessage: health.body.message, retryAfter: health.retryAfter, recoveryMs: Math.round(recovery) };
  log(`b: health 503 after ${Math.round(downMs)} ms ("${health.body.message}"), API 200 again after ${Math.round(recovery)} ms`);
  check("b. health says why, with Retry-After", Boolean(health.body.message && /killed by SIGKILL/.test(health.body.message) && health.retryAfter), `${health.retryAfter} / ${health.body.message}`);
  check("b. the API answers again without a person", recovery < 300_000, `${Math.round(recovery)} ms`);
  check("b. the old JVM is gone, a new one runs", !isAlive(jvm) && s.jvmPid() !== null && s.jvmPid() !== jvm, `old ${jvm}, new ${s.jvmPid()}`);
}

// ── c. kill during a replacing import ────────────────────────────────────────
async function killDuringImport(): Promise<void> {
  const id = "faults-import";
  let s = server!;
  await importMap(s, id, versionOld, true);
  const old = await fingerprint(s, id);
  let started = performance.now();
  await importMap(s, id, versionNew, true);
  const importMs = performance.now() - started;
  const fresh = await fingerprint(s, id);
  started = performance.now();
  await importMap(s, id, versionOld, true);
  const importMs2 = performance.now() - started;
  if (!old || !fresh || old === fresh) throw new Error("the two versions of the map must be stored and differ");
  const typical = (importMs + importMs2) / 2;
  log(`c: ${ROUNDS} rounds; a replacing import takes about ${Math.round(typical)} ms`);

  let current: "old" | "new" = "old";
  const outcome = { old: 0, new: 0, mixed: 0, missing: 0, acknowledgedLost: 0, acknowledged: 0 };
  const rounds: unknown[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const victim = round % 2 ? "server" : "jvm";
    const target: "old" | "new" = current === "old" ? "new" : "old";
    const delay = Math.round(typical * (0.1 + Math.random() * 1.2)); // before, around and just after the commit
    const jvm = jvmOf(s);
    const pending = importMap(s, id, target === "new" ? versionNew : versionOld, true, AbortSignal.timeout(120_000)).catch((err: Error) => ({ status: 0, body: err.message }));
    await sleep(delay);
    if (victim === "jvm") process.kill(jvm, "SIGKILL");
    else s.child.kill("SIGKILL");
    const answer = await pending;
    if (victim === "server") {
      await s.exited;
      s = server = await spawnServer({ dataDir });
    } else {
      await untilAnswers(s, `/api/maps/${ARTICLE}/graph`);
    }
    const now = await fingerprint(s, id);
    const state = now === old ? "old" : now === fresh ? "new" : now === null ? "missing" : "mixed";
    outcome[state]++;
    if (answer.status === 201) {
      outcome.acknowledged++;
      if (state !== target) outcome.acknowledgedLost++;
    }
    if (state === "old" || state === "new") current = state;
    rounds.push({ round, victim, killAfterMs: delay, answer: answer.status, state });
    log(`c: round ${round + 1}/${ROUNDS}: kill ${victim} ${delay} ms into the import (answer ${answer.status || "none"}): map is ${state}`);
  }
  const whole = outcome.old + outcome.new;
  figures.c = { rounds: ROUNDS, typicalImportMs: Math.round(typical), ...outcome, whole, detail: rounds };
  check("c. every round leaves the map wholly old or wholly new", whole === ROUNDS, `${whole}/${ROUNDS} (old ${outcome.old}, new ${outcome.new}, mixed ${outcome.mixed}, missing ${outcome.missing})`);
  check("c. no acknowledged replacement is lost", outcome.acknowledgedLost === 0, `${outcome.acknowledged - outcome.acknowledgedLost}/${outcome.acknowledged}`);
}

// ── d. acknowledged imports survive a JVM kill ───────────────────────────────
async function acknowledgedSurvive(): Promise<void> {
  const s = server!;
  await importMap(s, "faults-reference", versionNew, true);
  const expected = await fingerprint(s, "faults-reference");
  let survived = 0;
  const recoveries: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `faults-ack-${round}`;
    const jvm = jvmOf(s);
    const answer = await importMap(s, id, versionNew, true);
    if (answer.status !== 201) throw new Error(`import ${id}: ${answer.status} ${answer.body.slice(0, 200)}`);
    process.kill(jvm, "SIGKILL");
    recoveries.push(await untilAnswers(s, `/api/maps/${ARTICLE}/graph`));
    const now = await fingerprint(s, id);
    if (now !== null && now === expected) survived++;
    log(`d: round ${round + 1}/${ROUNDS}: ${id} ${now === expected ? "survived" : now === null ? "LOST" : "CHANGED"}`);
  }
  figures.d = { rounds: ROUNDS, survived, recoveryMs: summarize(recoveries) };
  check("d. acknowledged imports survive SIGKILL of the JVM", survived === ROUNDS, `${survived}/${ROUNDS}`);
}

// ── e. the 944-byte framework ────────────────────────────────────────────────
async function hardFramework(s: ServerProcess): Promise<void> {
  const args: string[] = [];
  const attacks: [string, string][] = [];
  for (let i = 0; i < 20; i++) {
    args.push(`a${i}`, `b${i}`);
    attacks.push([`a${i}`, `b${i}`], [`b${i}`, `a${i}`]);
  }
  const body = JSON.stringify({ arguments: args, attacks, semantics: "preferred" });
  const bytes = Buffer.byteLength(body);
  const budgetMs = loadConfig({ ...process.env, NEO4J_URI: undefined }).evaluationBudget.timeMs;
  // Health sampled sequentially, as a monitor would: first alone (the machine's own noise), then during the evaluation.
  const sample = async (ms: number) => {
    const latencies: number[] = [];
    for (const end = performance.now() + ms; performance.now() < end; ) {
      const res = await get(s.url + "/api/health", 10_000);
      latencies.push(res.status === 200 ? res.ms : Infinity);
      await sleep(20);
    }
    return latencies;
  };
  const baseline = summarize(await sample(5_000));
  let during: number[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) during = during.concat(await sample(100));
  })();
  const started = performance.now();
  const res = await fetch(s.url + "/api/evaluate", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const ms = performance.now() - started;
  const answer = (await res.json()) as { error?: { message?: string } };
  running = false;
  await sampler;
  const latency = summarize(during);
  figures.e = { bytes, status: res.status, ms: Math.round(ms), budgetMs, message: answer.error?.message, healthMs: latency, healthBaselineMs: baseline };
  log(`e: ${bytes}-byte framework → ${res.status} in ${Math.round(ms)} ms (${answer.error?.message})`);
  log(`e: health during it p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms over ${latency.count} answers; before it p50 ${baseline.p50} ms, p95 ${baseline.p95} ms, max ${baseline.max} ms`);
  check("e. the framework is refused with 422 within the budget", res.status === 422 && ms <= budgetMs + 1_000, `${res.status} in ${Math.round(ms)} ms (budget ${budgetMs} ms)`);
  // The event loop is never held: health keeps answering throughout, typically in < 100 ms. Single answers can be
  // slower on a machine whose cores are busy; the baseline before the evaluation shows that noise.
  check(
    "e. /api/health answers in < 100 ms meanwhile (median; none held)",
    latency.count > 0 && latency.p50 < 100 && latency.max < 1_000,
    `p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms over ${latency.count} answers (before: p50 ${baseline.p50}, p95 ${baseline.p95}, max ${baseline.max} ms)`,
  );
}

async function main(): Promise<number> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  figures.machine = { cores: os.cpus().length, loadAverageAtStart: os.loadavg().map(round1) };
  log(`starting the server with its embedded Neo4j (data in ${path.relative(projectRoot, dataDir)})`);
  server = await spawnServer({ dataDir, env: { ARGMAP_NEO4J_HEAP: "1g" } });
  // A JVM just started on a busy machine may time a first query out: ask again until it answers.
  const exported = await waitFor("the article's export", async () => {
    const res = await get(`${server!.url}/api/maps/${ARTICLE}/export?format=json`);
    return res.status === 200 ? res.body : undefined;
  }, 120_000, 2_000);
  versionOld = JSON.parse(exported) as OwnJson;
  versionNew = structuredClone(versionOld);
  versionNew.map.title += " (revised)";
  for (const claim of versionNew.claims) claim.text += " [revised]";

  if (only.has("e")) await hardFramework(server);
  if (only.has("a")) await stoppedJvm(server);
  if (only.has("b")) await killedJvm(server);
  if (only.has("c")) await killDuringImport();
  if (only.has("d")) await acknowledgedSurvive();

  (figures.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map(round1);
  const downs = server.lines().filter((l) => /argmap: Neo4j is down/.test(l)).length;
  figures.log = { linesSaidDown: downs, linesSaidBack: server.lines().filter((l) => /argmap: Neo4j is back/.test(l)).length, linesTotal: server.lines().length };
  fs.mkdirSync(path.join(projectRoot, "bench/results"), { recursive: true });
  fs.writeFileSync(path.join(projectRoot, "bench/results/faults.json"), JSON.stringify({ at: new Date().toISOString(), figures, checks }, null, 2) + "\n");

  const failed = checks.filter((c) => !c.ok);
  process.stdout.write(`\nfault figures (bench/results/faults.json):\n${checks.map((c) => `  ${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`).join("\n")}\n`);
  process.stdout.write(failed.length ? `${failed.length} check(s) failed\n` : "all checks passed\n");
  return failed.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  log(`failed: ${(err as Error).stack ?? String(err)}`);
  if (server) log(`the server's last words:\n${server.lines().slice(-30).join("\n")}`);
} finally {
  await killServer(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
