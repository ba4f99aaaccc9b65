/**
 * Evaluation under a budget, off the event loop. A search for extensions is
 * synchronous and can be exponential, so the only way to stop it for sure is to
 * run it in a worker thread and terminate the thread: `resourceLimits` bounds
 * its heap, a timer its wall-clock time, and the search itself counts steps and
 * extensions kept.
 *
 * Why a pool: starting a worker means loading the TypeScript loader and the
 * solver (hundreds of milliseconds here), which a three-argument framework
 * should not pay. Up to `size` workers are kept warm and reused; one that
 * overran is terminated (nothing else stops a runaway synchronous search) and
 * replaced on the next job. Jobs beyond the busy workers wait in a short queue,
 * bounded in length and in waiting time, so a burst of heavy requests is
 * answered 503 rather than piling up.
 */
import { Worker } from "node:worker_threads";
import { ArgmapError, DocumentError, TooHardError, type DocumentErrorCode } from "../errors.js";
import type { Extracted, IntakeResult } from "../intake/types.js";
import { UnknownArgumentError, type Framework, type SearchLimits, type Semantics } from "./framework.js";
import type { MapEvaluation, MapEvaluationInput } from "./map-evaluation.js";
import type { Solution } from "./solve.js";

export interface EvaluationBudget {
  /** Wall-clock time of one evaluation, from the moment a worker takes it. */
  timeMs: number;
  /** Old-generation heap of a worker. */
  memoryMb: number;
  /** Search steps (branchings) before giving up. */
  steps: number;
  /** Extensions kept before giving up. */
  extensions: number;
}

/** What one HTTP request may spend. */
export const SERVER_BUDGET: EvaluationBudget = { timeMs: 10_000, memoryMb: 256, steps: 2_000_000, extensions: 10_000 };
/** The command line has the machine to itself: larger defaults, same mechanism. */
export const CLI_BUDGET: EvaluationBudget = { timeMs: 600_000, memoryMb: 4096, steps: 500_000_000, extensions: 1_000_000 };
/**
 * Reading a document (a PDF of up to 10 MB, text of up to 2 million characters) in a pool of its
 * own: heavier than an evaluation, and it must not take the evaluations' workers.
 */
export const INTAKE_BUDGET: EvaluationBudget = { timeMs: 30_000, memoryMb: 512, steps: 0, extensions: 0 };

export type Job = { id: number; limits: SearchLimits } & (
  | { kind: "solve"; framework: Framework; semantics: Semantics }
  | { kind: "map"; input: Omit<MapEvaluationInput, "limits"> }
  | { kind: "intake"; bytes: Uint8Array; contentType: string }
  | { kind: "analyse"; extracted: Extracted }
);
type JobInput = Job extends infer J ? (J extends Job ? Omit<J, "id" | "limits"> : never) : never;

export type JobReply =
  | { id: number; ok: true; result: unknown }
  | {
      id: number;
      ok: false;
      error:
        | { kind: "budget"; message: string }
        | { kind: "unknown-argument"; argument: string; attackIndex: number }
        | { kind: "document"; code: DocumentErrorCode; message: string }
        | { kind: "crash"; message: string };
    };

export class EvaluationBusyError extends ArgmapError {
  constructor(waitedMs: number, what = "evaluation") {
    super("evaluation_busy", 503, `every ${what} worker is busy (waited ${(waitedMs / 1000).toFixed(1)} s); retry shortly`);
  }
}

/** A map's text that could not be read within the budget (a stored text: nothing the caller sent). */
export class AnalysisLimitError extends ArgmapError {
  constructor(message: string) {
    super("analysis_limit", 503, `${message}; an admin can raise ARGMAP_INTAKE_TIMEOUT_MS or ARGMAP_INTAKE_MEMORY_MB`);
  }
}

/** Over a budget: said in the terms of the job that overran. */
function overBudget(kind: Job["kind"], message: string): ArgmapError {
  if (kind === "intake") return new DocumentError("document_too_large", `${message}; send a smaller document`);
  if (kind === "analyse") return new AnalysisLimitError(message);
  return new TooHardError(message);
}

/** A budget in the unit that reads best: "50 ms", "30.0 s". */
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

const JOB_NAMES: Record<Job["kind"], string> = { solve: "the evaluation", map: "the evaluation", intake: "reading the document", analyse: "reading the map's text" };

interface Pending {
  job: Job;
  /** Since when it has waited with some worker ready (busy with other jobs). */
  waitingSince: number;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

const entry = new URL("./worker-entry.mjs", import.meta.url);

export class Evaluator {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly budget: EvaluationBudget,
    private readonly size = 2,
    private readonly maxQueue = 32,
    /** What its workers do, for the busy message. */
    private readonly what = "evaluation",
  ) {}

  solve(framework: Framework, semantics: Semantics): Promise<Solution> {
    return this.submit({ kind: "solve", framework, semantics }) as Promise<Solution>;
  }

  evaluateMap(input: Omit<MapEvaluationInput, "limits">): Promise<MapEvaluation> {
    return this.submit({ kind: "map", input }) as Promise<MapEvaluation>;
  }

  /** A document's bytes → its text, sentences, markers and notes (intake.ts), or the DocumentError saying why not. */
  intake(bytes: Uint8Array, contentType: string): Promise<IntakeResult> {
    return this.submit({ kind: "intake", bytes, contentType }) as Promise<IntakeResult>;
  }

  /** A text already extracted → its sentences, markers and notes. */
  analyse(extracted: Extracted): Promise<IntakeResult> {
    return this.submit({ kind: "analyse", extracted }) as Promise<IntakeResult>;
  }

  /** Starts one worker ahead of the first request. */
  warm(): void {
    if (this.slots.size === 0) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new ArgmapError("shutting_down", 503, "the server is stopping"));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
  }

  private submit(input: JobInput): Promise<unknown> {
    if (this.closed) return Promise.reject(new ArgmapError("shutting_down", 503, "the server is stopping"));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new EvaluationBusyError(0, this.what));
    const job = { ...input, id: this.nextId++, limits: { steps: this.budget.steps, extensions: this.budget.extensions } } as Job;
    return new Promise((resolve, reject) => {
      this.queue.push({ job, waitingSince: Date.now(), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const now = Date.now();
    // A job that waited a whole budget for a busy worker is not worth starting: the client has
    // waited long enough. Waiting while no worker was ready at all (the pool's first start, or
    // every worker being replaced) does not count.
    const anyReady = this.anyReady();
    for (let stale = this.queue[0]; anyReady && stale && now - stale.waitingSince > this.budget.timeMs; stale = this.queue[0]) {
      this.queue.shift();
      stale.reject(new EvaluationBusyError(now - stale.waitingSince, this.what));
    }
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (slot.ready && !slot.current) this.dispatch(slot, this.queue.shift()!);
    }
    const startingCount = [...this.slots].filter((s) => !s.ready).length;
    if (this.queue.length > startingCount && this.slots.size < this.size) this.spawn();
    const oldest = this.queue[0];
    if (oldest) setTimeout(() => this.pump(), Math.max(50, this.budget.timeMs - (now - oldest.waitingSince))).unref();
  }

  private anyReady(): boolean {
    return [...this.slots].some((s) => s.ready);
  }

  private spawn(): void {
    const young = Math.max(16, Math.min(64, Math.floor(this.budget.memoryMb / 4)));
    const worker = new Worker(entry, {
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb, maxYoungGenerationSizeMb: young, stackSizeMb: 8 },
    });
    const slot: Slot = { worker, ready: false, current: null, timer: null };
    this.slots.add(slot);
    worker.unref(); // an idle worker must not keep a CLI or a test alive
    worker.on("message", (reply: JobReply | "ready") => {
      // Loading the solver is not the job's time: the clock starts once the worker says it is ready.
      if (reply === "ready") {
        const noneReady = !this.anyReady();
        slot.ready = true;
        if (noneReady) for (const pending of this.queue) pending.waitingSince = Date.now();
        this.pump();
      } else this.settle(slot, reply);
    });
    worker.on("error", (err) => {
      const code = (err as { code?: string }).code;
      const kind = slot.current?.job.kind ?? "map";
      this.retire(slot, code === "ERR_WORKER_OUT_OF_MEMORY" ? overBudget(kind, `${JOB_NAMES[kind]} needed more than its memory budget of ${this.budget.memoryMb} MB`) : err);
    });
    worker.on("exit", () => this.retire(slot, new Error(`the ${this.what} worker exited unexpectedly`)));
  }

  private dispatch(slot: Slot, pending: Pending): void {
    slot.current = pending;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const kind = pending.job.kind;
      this.retire(slot, overBudget(kind, `${JOB_NAMES[kind]} took longer than its time budget of ${duration(this.budget.timeMs)}`));
    }, this.budget.timeMs);
    slot.worker.postMessage(pending.job);
  }

  private settle(slot: Slot, reply: JobReply): void {
    const pending = slot.current;
    if (!pending || pending.job.id !== reply.id) return;
    this.release(slot);
    if (reply.ok) pending.resolve(reply.result);
    else if (reply.error.kind === "budget") pending.reject(overBudget(pending.job.kind, reply.error.message));
    else if (reply.error.kind === "document") pending.reject(new DocumentError(reply.error.code, reply.error.message));
    else if (reply.error.kind === "unknown-argument") pending.reject(new UnknownArgumentError(reply.error.argument, reply.error.attackIndex));
    else pending.reject(new Error(`${JOB_NAMES[pending.job.kind]} failed in its worker: ${reply.error.message}`));
    this.pump();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
  }

  /** Takes a worker out of the pool (terminating it if it still runs) and fails its job with `reason`. */
  private retire(slot: Slot, reason: unknown): void {
    if (!this.slots.delete(slot)) return;
    const pending = slot.current;
    this.release(slot);
    void slot.worker.terminate();
    pending?.reject(reason);
    if (!this.closed) this.pump();
  }
}
