/**
 * The client in headless Chromium, as users load it: bundle size, time from data
 * to first render and to interactive for the article, and ForceAtlas2 settling
 * time with the longest main-thread task for large synthetic maps.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../tests/helpers/browser.js";
import { must } from "../contract/errors.js";
import { projectRoot } from "../server/config.js";

export function bundleSize() {
  const dir = path.join(projectRoot, "client/dist/assets");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, rawKB: Math.round(raw / 1024), gzipKB: Math.round(gzip / 1024) };
}

export interface PageMeasure {
  nodes: number;
  edges: number;
  fetchMs: number;
  firstRenderMs: number;
  interactiveMs: number;
  layoutMs: number;
  layoutEnd: string;
  longestTaskMs: number;
  tasksOver50ms: number;
  longestTaskBeforeInteractiveMs: number;
  /** The first frame with every edge and label, drawn once the layout settles (its longest task). */
  settleFrameMs: number;
  /** The steps from the layout's end to that frame, ms each (edges copied, view derived, programs, frame). */
  settleSteps: Record<string, number>;
  layoutIterations: number;
  /** A deliberate 80 ms task was seen by the long-task observer: a 0 above is a real 0. */
  observerWorks: boolean;
  /** The machine's 1-minute load average as the page loaded (2 cores shared with other work). */
  loadAverage: number;
}

/** The 1-minute load average, to one decimal: on this shared machine no figure means much without it. */
export const loadAverage = () => Math.round((os.loadavg()[0] ?? NaN) * 10) / 10;

/** The median of several loads of the same map, after one warm-up load. */
export async function measureMapMedian(baseUrl: string, mapId: string, runs = 5): Promise<PageMeasure & { runs: number }> {
  await measureMap(baseUrl, mapId);
  const all: PageMeasure[] = [];
  for (let i = 0; i < runs; i++) all.push(await measureMap(baseUrl, mapId));
  const median = (f: (m: PageMeasure) => number) => all.map(f).sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
  return {
    ...must(all[0], "a measured load (runs must be at least 1)"),
    runs,
    fetchMs: median((m) => m.fetchMs),
    firstRenderMs: median((m) => m.firstRenderMs),
    interactiveMs: median((m) => m.interactiveMs),
    layoutMs: median((m) => m.layoutMs),
    longestTaskMs: Math.max(...all.map((m) => m.longestTaskMs)),
    tasksOver50ms: Math.max(...all.map((m) => m.tasksOver50ms)),
    longestTaskBeforeInteractiveMs: Math.max(...all.map((m) => m.longestTaskBeforeInteractiveMs)),
    loadAverage: median((m) => m.loadAverage),
  };
}

/** A desktop-sized page that records every long task (start, duration) from its first script on. */
async function pageRecordingLongTasks(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  // tsx compiles this file with esbuild's keepNames, which wraps named functions inside the
  // page.evaluate bodies in a `__name` helper that exists only in Node: give the page a no-op one.
  await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  });
  return page;
}

/**
 * What went wrong in a page, as it happens: uncaught errors and rejections, console errors (not
 * the software rasterizer's performance notes), failed responses. With the page's alerts (the
 * live region where the app reports what it could not do) it says why a page never got ready.
 */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (m) => void (m.type() === "error" && !/Failed to load resource/.test(m.text()) && problems.push(`console: ${m.text()}`)));
  // A 503 ("retry shortly": Neo4j past its deadline under load) is retried by the page itself; if
  // the retries run out, the page says so in its alerts.
  page.on("response", (r) => void (r.status() >= 400 && r.status() !== 503 && problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)));
  page.on("crash", () => problems.push("the page crashed"));
  return problems;
}

/** The page's own account of where it is: its status line, alerts and timing marks. */
async function pageState(page: Page): Promise<{ status: string; alerts: string; ready: boolean; settled: boolean; metrics: Record<string, number> }> {
  return page
    .evaluate(() => ({
      status: document.querySelector("#status")?.textContent ?? "",
      alerts: [...document.querySelectorAll("#alerts .alert")].map((a) => a.textContent ?? "").join(" | "),
      ready: document.body.dataset.ready === "true",
      settled: document.body.dataset.layout === "settled",
      metrics: (window as unknown as { __argmap?: { metrics: Record<string, number> } }).__argmap?.metrics ?? {},
    }))
    .catch((err: Error) => ({ status: `(page unreadable: ${err.message})`, alerts: "", ready: false, settled: false, metrics: {} }));
}

/**
 * Waits until the page is ready and its layout has settled, and fails as soon as the page reports
 * an error or an alert (a page that has given up does not settle: waiting out the timeout only
 * hides why), or at the timeout, saying what the page says.
 */
async function waitUntilSettled(page: Page, mapId: string, problems: string[], timeoutMs: number): Promise<void> {
  const began = Date.now();
  for (;;) {
    const state = await pageState(page);
    if (state.ready && state.settled) return;
    const elapsed = Math.round((Date.now() - began) / 1000);
    const fail = (why: string) =>
      new Error(
        `${mapId} ${why} after ${elapsed} s (load average ${loadAverage()}): ${problems.join("; ") || "no page errors"}; ` +
          `alerts: ${state.alerts || "none"}; status: "${state.status}"; ready: ${state.ready}; metrics: ${JSON.stringify(state.metrics)}`,
      );
    if (problems.length || state.alerts) throw fail("failed before its layout settled");
    if (Date.now() - began > timeoutMs) throw fail("did not become interactive and settle");
    await page.waitForTimeout(500);
  }
}

/** Opens the app on a map and waits for the layout to settle, recording long tasks from the start. */
export async function measureMap(baseUrl: string, mapId: string, settleTimeoutMs = 60_000): Promise<PageMeasure> {
  const browser = await launchChromium();
  try {
    const page = await pageRecordingLongTasks(browser);
    const load = loadAverage();
    const problems = watchPage(page);
    // Only the navigation's start is awaited: what follows is watched by waitUntilSettled, which
    // says what the page says when it does not get there.
    await page.goto(`${baseUrl}/?map=${mapId}`, { waitUntil: "commit", timeout: settleTimeoutMs });
    await waitUntilSettled(page, mapId, problems, settleTimeoutMs);
    await page.waitForTimeout(1500);
    const result = await page.evaluate(() => {
      const w = window as unknown as { __argmap: { graph: { order: number; size: number }; metrics: Record<string, number> }; __longTasks: [number, number][] };
      // Tasks are placed by their start time against the page's own clock: the layout runs
      // from readyAt (interactive) to settledAt; what starts before belongs to loading.
      const { readyAt, settledAt } = w.__argmap.metrics;
      if (readyAt === undefined || settledAt === undefined) throw new Error("the page has no readyAt/settledAt metrics");
      // A large map's edges and labels join the drawing from layoutEndAt (the worker's last answer)
      // to settledAt, and the frame they make is committed just after.
      const layoutEndAt = w.__argmap.metrics.layoutEndAt ?? settledAt;
      return {
        interactiveMs: readyAt,
        during: w.__longTasks.filter(([start, d]) => start >= readyAt && start + d <= layoutEndAt).map(([, d]) => d),
        before: w.__longTasks.filter(([start]) => start < readyAt).map(([, d]) => d),
        settleFrame: w.__longTasks.filter(([start, d]) => start >= readyAt && start + d > layoutEndAt && start < settledAt + 1500).map(([, d]) => d),
        nodes: w.__argmap.graph.order,
        edges: w.__argmap.graph.size,
        metrics: w.__argmap.metrics,
        status: document.querySelector("#status")?.textContent ?? "",
      };
    });
    const observerWorks = await page.evaluate(async () => {
      const w = window as unknown as { __longTasks: [number, number][] };
      const before = w.__longTasks.length;
      // A page task (not the evaluate call itself, which the observer does not attribute).
      setTimeout(() => {
        const end = performance.now() + 80;
        while (performance.now() < end);
      }, 0);
      await new Promise((r) => setTimeout(r, 400));
      return w.__longTasks.length > before;
    });
    return {
      longestTaskBeforeInteractiveMs: Math.round(Math.max(0, ...result.before)),
      settleFrameMs: Math.round(Math.max(0, ...result.settleFrame)),
      settleSteps: Object.fromEntries(Object.entries(result.metrics).filter(([k]) => k.startsWith("settle") && k.endsWith("Ms")).map(([k, v]) => [k, Math.round(v)])),
      layoutIterations: result.metrics.layoutIterations ?? 0,
      observerWorks,
      loadAverage: load,
      nodes: result.nodes,
      edges: result.edges,
      fetchMs: Math.round(must(result.metrics.fetchMs, "the page's fetchMs metric")),
      firstRenderMs: Math.round(must(result.metrics.firstRenderMs, "the page's firstRenderMs metric")),
      interactiveMs: Math.round(result.interactiveMs),
      layoutMs: must(result.metrics.layoutMs, "the page's layoutMs metric"),
      layoutEnd: /settled/.test(result.status) ? "settled" : "stopped at the time limit",
      longestTaskMs: Math.round(Math.max(0, ...result.during)),
      tasksOver50ms: result.during.filter((d) => d > 50).length,
    };
  } finally {
    await browser.close();
  }
}

export interface InteractionMeasure {
  /** Main-thread time of one hover refresh (entering or leaving a node), ms. */
  hover: { median: number; p95: number; max: number };
  /** Main-thread time of moving the selection, ms. */
  select: { median: number; p95: number; max: number };
  /** Our worker on this graph (from the page load) and the stock worker, same graph, start and settling rule. */
  ourLayoutMs: number;
  ourLayoutEnd: string;
  /** Our worker run again on the idle page, as the stock one is: the two compare like for like. */
  ourIdleLayoutMs: number;
  ourIdleIterations: number;
  ourIdleLayoutEnd: string;
  ourIdleLongestTaskMs: number;
  ourIdleMsPerIteration: number;
  ourIdleLoadAverage: number;
  stockMsPerIteration: number;
  stockLoadAverage: number;
  /** The time limit both idle runs had. */
  layoutLimitMs: number;
  /** As hover and selection were measured. */
  loadAverage: number;
  stockLayoutMs: number;
  stockIterations: number;
  stockLayoutEnd: string;
  stockLongestTaskMs: number;
}

/** The same time limit for our worker and the stock one on the idle page, so iteration counts compare. */
const LAYOUT_LIMIT_MS = 60_000;

type LayoutRun = { settledMs: number; iterations: number; reason: string };
/** What the page exposes to the bench (client/src/main.ts `__argmap`). */
type BenchWindow = {
  __argmap: {
    graph: { filterNodes(f: (n: string, a: { nodeType: string }) => boolean): string[] };
    metrics: Record<string, number>;
    bench: {
      hover(n: string[]): number[];
      select(n: string[]): number[];
      ourLayout(maxMs: number): Promise<LayoutRun>;
      stockLayout(maxMs: number): Promise<LayoutRun>;
    };
  };
  __longTasks: [number, number][];
};

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN) * 10) / 10;
  return { median: at(0.5), p95: at(0.95), max: Math.round((s.at(-1) ?? NaN) * 10) / 10 };
};

/**
 * Once the map has settled: the cost of hovering and selecting 30 claims, then our layout worker
 * again and the stock graphology-layout-forceatlas2/worker, on the same graph in the same idle page.
 */
export async function measureInteraction(baseUrl: string, mapId: string, settleTimeoutMs = 180_000): Promise<InteractionMeasure> {
  const browser = await launchChromium();
  try {
    const page = await pageRecordingLongTasks(browser);
    const problems = watchPage(page);
    // Only the navigation's start is awaited: what follows is watched by waitUntilSettled, which
    // says what the page says when it does not get there.
    await page.goto(`${baseUrl}/?map=${mapId}`, { waitUntil: "commit", timeout: settleTimeoutMs });
    await waitUntilSettled(page, mapId, problems, settleTimeoutMs);
    await page.waitForTimeout(500);
    const fail = (what: string) => (err: Error) => {
      throw new Error(`${mapId}: ${what} failed: ${err.message}; ${problems.join("; ") || "no page errors"}`, { cause: err });
    };
    const taps = await page
      .evaluate(() => {
        const w = window as unknown as BenchWindow;
        const claims = w.__argmap.graph.filterNodes((_n, a) => a.nodeType === "claim");
        const sample = Array.from({ length: 30 }, (_v, i) => claims[Math.floor((i * claims.length) / 30)]).filter((n) => n !== undefined);
        w.__argmap.bench.hover(sample.slice(0, 3)); // warm-up
        return { hover: w.__argmap.bench.hover(sample), select: w.__argmap.bench.select(sample), ours: w.__argmap.metrics.layoutMs, status: document.querySelector("#status")?.textContent ?? "" };
      })
      .catch(fail("hover and selection"));
    const loadBeforeTaps = loadAverage();
    // Our worker, then the stock one, on the same graph from the same start with the same rule and
    // the same time limit, the load average read beside each.
    const layout = (which: "ourLayout" | "stockLayout") =>
      page
        .evaluate(
          async ([name, limit]) => {
            const w = window as unknown as BenchWindow;
            const t0 = performance.now();
            const run = await w.__argmap.bench[name](limit);
            await new Promise((r) => setTimeout(r, 300)); // the last task of the run is recorded
            const longest = Math.max(0, ...w.__longTasks.filter(([start]) => start >= t0).map(([, d]) => d));
            return { ...run, longest };
          },
          [which, LAYOUT_LIMIT_MS] as const,
        )
        .catch(fail(which));
    const loadBeforeOurs = loadAverage();
    const idle = await layout("ourLayout");
    const loadBeforeStock = loadAverage();
    const stock = await layout("stockLayout");
    const perIteration = (r: { settledMs: number; iterations: number }) => Math.round(r.settledMs / Math.max(1, r.iterations));
    return {
      hover: summary(taps.hover),
      select: summary(taps.select),
      ourLayoutMs: must(taps.ours, "the page's layoutMs metric"),
      ourLayoutEnd: /settled/.test(taps.status) ? "settled" : "stopped",
      stockLayoutMs: stock.settledMs,
      stockIterations: stock.iterations,
      stockLayoutEnd: stock.reason,
      stockLongestTaskMs: Math.round(stock.longest),
      stockMsPerIteration: perIteration(stock),
      stockLoadAverage: loadBeforeStock,
      ourIdleLayoutMs: idle.settledMs,
      ourIdleIterations: idle.iterations,
      ourIdleLayoutEnd: idle.reason,
      ourIdleLongestTaskMs: Math.round(idle.longest),
      ourIdleMsPerIteration: perIteration(idle),
      ourIdleLoadAverage: loadBeforeOurs,
      layoutLimitMs: LAYOUT_LIMIT_MS,
      loadAverage: loadBeforeTaps,
    };
  } finally {
    await browser.close();
  }
}
