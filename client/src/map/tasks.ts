/** Long work split into tasks, so the page answers input and paints while a large map loads. */

/** Lets the browser handle input and paint before the next step. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Calls `each` on every item, yielding to the browser whenever a slice has run for `budgetMs`
 * (well under the 50 ms a task may take before it counts as long).
 */
export async function inSlices<T>(items: readonly T[], each: (item: T) => void, budgetMs = 30): Promise<void> {
  let until = performance.now() + budgetMs;
  let i = 0;
  for (const item of items) {
    each(item);
    if ((++i & 63) === 0 && performance.now() > until) {
      await nextTask();
      until = performance.now() + budgetMs;
    }
  }
}
