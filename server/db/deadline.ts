/**
 * One deadline per request, shared by all of its database calls. A request may
 * make several calls in turn (who is asking, the map's access and revision,
 * the answer); with a deadline each, a hung Neo4j would keep the client
 * waiting for their sum. The HTTP layer opens a clock per request, Database.read
 * gives each call only what is left of it, and a request that waits on a lookup
 * another one started (shared caches) stops waiting when its own time is up.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { DatabaseUnavailableError } from "../errors.js";

interface RequestClock {
  endsAt: number;
  budgetMs: number;
  /** False once the answer is sent: work a request left behind is bounded by its own deadlines only. */
  open: boolean;
}

const clocks = new AsyncLocalStorage<RequestClock>();

/** Runs `fn` (and everything it starts) under a clock of `budgetMs`; `done()` closes it. */
export function startRequestClock<T>(budgetMs: number, fn: (done: () => void) => T): T {
  const clock: RequestClock = { endsAt: Date.now() + budgetMs, budgetMs, open: true };
  return clocks.run(clock, () => fn(() => (clock.open = false)));
}

/** Runs `fn` outside any request clock: for long-lived work a request starts (event streams). */
export function withoutRequestClock<T>(fn: () => T): T {
  return clocks.exit(fn);
}

/** Milliseconds left of the current request's deadline; Infinity outside an open request. */
export function requestTimeLeft(): number {
  const clock = clocks.getStore();
  return clock?.open ? clock.endsAt - Date.now() : Infinity;
}

/** `shared` (a lookup some other request may have started), given up when this request's deadline passes. */
export function withinRequest<T>(shared: Promise<T>): Promise<T> {
  const clock = clocks.getStore();
  const left = requestTimeLeft();
  if (!clock || left === Infinity) return shared;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`no answer within ${(clock.budgetMs / 1000).toFixed(1)} s`)), Math.max(0, left));
  });
  return Promise.race([shared, expired]).finally(() => clearTimeout(timer));
}
