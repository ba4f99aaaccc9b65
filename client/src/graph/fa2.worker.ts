/**
 * ForceAtlas2 in a worker that runs as many iterations as fit in a slice before yielding, decides
 * itself when the layout has settled (so it stops at the iteration it settles, not at the page's
 * next look), and posts positions after each slice while the page animates them, else four times
 * a second.
 *
 * Why not the library's own worker (graphology-layout-forceatlas2/worker) and its helpers
 * `graphToByteArrays`/`assignLayoutChanges`: they read and write x and y as attributes of the
 * graph, and our data graph never holds positions (they live in the view, client/src/graph/positions.ts);
 * and the stock worker waits for the page after every iteration (it posts the positions, the page
 * writes them into the graph and posts the buffer back). We reuse the library's `iterate` and its
 * matrix layout (layout.ts toMatrices). The bench runs the stock worker beside this one on the same graph.
 */
import iterate from "graphology-layout-forceatlas2/iterate.js";
import { Settling } from "./settle.js";

interface Start {
  type: "start";
  nodes: Float32Array;
  edges: Float32Array;
  settings: Record<string, unknown>;
  /** See layout.ts settleThreshold and iterationBudget. */
  threshold: number;
  maxIterations: number;
  /** Least time between two posts of positions (0: after every slice). */
  publishMs: number;
}

let job: (Start & { settling: Settling; iterations: number; unposted: number; postedAt: number }) | null = null;

function post(settled: boolean) {
  if (!job) return;
  // A copy, since we go on iterating on `nodes`; the copy itself is transferred, not cloned again.
  const snapshot = job.nodes.slice();
  // The project's lib is "dom", not "webworker": in this module `self` is the worker's global scope.
  (self as unknown as Worker).postMessage({ nodes: snapshot, iterations: job.unposted, settled }, [snapshot.buffer]);
  job.unposted = 0;
  job.postedAt = performance.now();
}

// Yielding through a message port, not setTimeout: nested timeouts are clamped to 4 ms, a tenth
// of an iteration at 5,000 nodes.
const channel = new MessageChannel();
channel.port1.onmessage = () => step();
const yieldThen = () => channel.port2.postMessage(null);

function step() {
  if (!job) return;
  // Short slices while the page animates the layout; longer ones when it only waits for the end.
  const until = performance.now() + (job.publishMs === 0 ? 12 : 40);
  let settled: boolean;
  do {
    iterate(job.settings, job.nodes, job.edges);
    job.iterations++;
    job.unposted++;
    settled = job.settling.settled(job.nodes, job.iterations) || job.iterations >= job.maxIterations;
  } while (!settled && performance.now() < until);
  if (settled || performance.now() - job.postedAt >= job.publishMs) post(settled);
  if (settled) job = null;
  else yieldThen(); // so a "stop" message is seen
}

self.onmessage = (event: MessageEvent) => {
  const message = event.data as Start | { type: "stop" };
  if (message.type === "start") {
    const running = job !== null;
    job = { ...message, settling: new Settling(message.threshold, message.nodes), iterations: 0, unposted: 0, postedAt: performance.now() };
    if (!running) step();
  } else {
    job = null;
  }
};
