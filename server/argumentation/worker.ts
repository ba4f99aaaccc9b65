/**
 * The evaluation worker: runs one job at a time for the pool in budget.ts.
 * Everything CPU-heavy about argumentation happens here, never on the server's
 * event loop; the pool enforces time and memory from outside.
 */
import { parentPort } from "node:worker_threads";
import { BudgetError, UnknownArgumentError } from "./framework.js";
import { evaluateMap, type MapEvaluationInput } from "./map-evaluation.js";
import { solve } from "./solve.js";
import type { Job, JobReply } from "./budget.js";

function run(job: Job): unknown {
  switch (job.kind) {
    case "solve":
      return solve(job.framework, job.semantics, job.limits);
    case "map":
      return evaluateMap({ ...(job.input as MapEvaluationInput), limits: job.limits });
  }
}

parentPort!.on("message", (job: Job) => {
  let reply: JobReply;
  try {
    reply = { id: job.id, ok: true, result: run(job) };
  } catch (err) {
    if (err instanceof BudgetError) reply = { id: job.id, ok: false, error: { kind: "budget", message: err.message } };
    else if (err instanceof UnknownArgumentError) reply = { id: job.id, ok: false, error: { kind: "unknown-argument", argument: err.argument, attackIndex: err.attackIndex } };
    else if (err instanceof RangeError && /call stack/i.test(err.message)) reply = { id: job.id, ok: false, error: { kind: "budget", message: "the framework is nested too deeply for the search (stack exhausted)" } };
    else reply = { id: job.id, ok: false, error: { kind: "crash", message: (err as Error)?.stack ?? String(err) } };
  }
  parentPort!.postMessage(reply);
});

parentPort!.postMessage("ready");
