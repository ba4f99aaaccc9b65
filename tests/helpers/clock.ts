/** A clock that moves only when a test steps it, so freshness windows are crossed without sleeping. */
export function steppedClock(start = Date.UTC(2026, 10, 27)): { now: () => number; step: (ms: number) => void } {
  let time = start;
  return { now: () => time, step: (ms) => void (time += ms) };
}
