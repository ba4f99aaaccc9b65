/**
 * The worker of the pools in budget.ts: runs one job at a time. Everything CPU-heavy a request
 * can start (argumentation, reading a document) happens here, never on the server's event loop;
 * the pool enforces time and memory from outside.
 */
import { parentPort } from "node:worker_threads";
import { DocumentError } from "../errors.js";
import { BudgetError, UnknownArgumentError } from "./framework.js";
import { evaluateMap, type MapEvaluationInput } from "./map-evaluation.js";
import { solve } from "./solve.js";
import type { Job, JobReply } from "./budget.js";

async function run(job: Job): Promise<unknown> {
  switch (job.kind) {
    case "solve":
      return solve(job.framework, job.semantics, job.limits);
    case "map":
      return evaluateMap({ ...(job.input as MapEvaluationInput), limits: job.limits });
    // Loaded on first use: the evaluation pool's workers never read documents.
    case "intake":
      return (await import("../intake/intake.js")).intakeDocument(job.bytes, job.contentType);
    case "analyse":
      return (await import("../intake/intake.js")).analyseText(job.extracted);
  }
}

async function answer(job: Job): Promise<void> {
  let reply: JobReply;
  try {
    reply = { id: job.id, ok: true, result: await run(job) };
  } catch (err) {
    if (err instanceof DocumentError) reply = { id: job.id, ok: false, error: { kind: "document", code: err.code, message: err.message } };
    else if (err instanceof BudgetError) reply = { id: job.id, ok: false, error: { kind: "budget", message: err.message } };
    else if (err instanceof UnknownArgumentError) reply = { id: job.id, ok: false, error: { kind: "unknown-argument", argument: err.argument, attackIndex: err.attackIndex } };
    else if (err instanceof RangeError && /call stack/i.test(err.message) && (job.kind === "solve" || job.kind === "map")) reply = { id: job.id, ok: false, error: { kind: "budget", message: "the framework is nested too deeply for the search (stack exhausted)" } };
    else reply = { id: job.id, ok: false, error: { kind: "crash", message: (err as Error)?.stack ?? String(err) } };
  }
  parentPort!.postMessage(reply);
}

parentPort!.on("message", (job: Job) => void answer(job));

parentPort!.postMessage("ready");
