/**
 * For the benchmark only (loaded on demand, not part of the app's bundle): the stock
 * `graphology-layout-forceatlas2/worker` on the same graph, from the same start, with the
 * same settings and the same settling rule as our worker, so the two figures compare.
 */
import Graph from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import type { MapGraph } from "../map/types.js";
import { forceSettings, iterationBudget, settleThreshold } from "./layout.js";
import { Positions } from "./positions.js";

export function stockForceAtlas2(data: MapGraph, maxMs = 60_000): Promise<{ settledMs: number; iterations: number; reason: string }> {
  const start = new Positions(data).snapshot(); // the seeded start our worker also begins from
  const graph = new Graph({ multi: data.multi, type: data.type });
  data.forEachNode((n) => graph.addNode(n, { ...(start.get(n) ?? { x: 0, y: 0 }) }));
  data.forEachEdge((e, _a, s, t) => graph.addEdgeWithKey(e, s, t));
  let iterations = 0;
  // The supervisor writes positions once per iteration: count those writes.
  const update = graph.updateEachNodeAttributes.bind(graph);
  graph.updateEachNodeAttributes = ((...args: Parameters<typeof update>) => {
    iterations++;
    return update(...args);
  });
  const layout = new FA2Layout(graph, { settings: forceSettings(data) });
  const budget = iterationBudget(data.order);
  const snapshot = () => graph.mapNodes((_n, a): [number, number] => [a.x as number, a.y as number]);
  const began = performance.now();
  return new Promise((resolve) => {
    let previous = snapshot();
    let seen = 0;
    const timer = setInterval(() => {
      if (iterations === seen) return;
      const current = snapshot();
      let moved = 0;
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      current.forEach(([x, y], i) => {
        const [px, py] = previous[i] ?? [x, y]; // a node with no earlier position has not moved
        moved += Math.hypot(x - px, y - py);
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      });
      const perIteration = moved / current.length / (iterations - seen);
      const extent = Math.max(1, maxX - minX, maxY - minY);
      seen = iterations;
      previous = current;
      const settled = perIteration / extent < settleThreshold(data.order) || iterations >= budget;
      if (settled || performance.now() - began > maxMs) {
        clearInterval(timer);
        layout.kill();
        resolve({ settledMs: Math.round(performance.now() - began), iterations, reason: settled ? "settled" : "timeout" });
      }
    }, 250);
    layout.start();
  });
}
