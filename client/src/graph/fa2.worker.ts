/**
 * ForceAtlas2 in a worker that runs as many iterations as fit in ~12 ms before
 * posting positions back, so the page receives a few dozen small messages a
 * second instead of one per iteration (which kept the main thread busy).
 *
 * Why not the library's own worker (graphology-layout-forceatlas2/worker) and its helpers
 * `graphToByteArrays`/`assignLayoutChanges`: they read and write x and y as attributes of the
 * graph, and our data graph never holds positions (they live in the view, client/src/graph/positions.ts);
 * and the stock worker posts after every iteration. We reuse the library's `iterate` and its matrix
 * layout (layout.ts toMatrices). The bench runs the stock worker beside this one on the same graph.
 */
import iterate from "graphology-layout-forceatlas2/iterate.js";

let nodes: Float32Array | null = null;
let edges: Float32Array | null = null;
let settings: Record<string, unknown> = {};
let running = false;

function step() {
  if (!running || !nodes || !edges) return;
  const until = performance.now() + 12;
  let iterations = 0;
  do {
    iterate(settings, nodes, edges);
    iterations++;
  } while (performance.now() < until);
  // A copy, since we go on iterating on `nodes`; the copy itself is transferred, not cloned again.
  const snapshot = nodes.slice();
  // The project's lib is "dom", not "webworker": in this module `self` is the worker's global scope.
  (self as unknown as Worker).postMessage({ nodes: snapshot, iterations }, [snapshot.buffer]);
  setTimeout(step, 0); // yield, so a "stop" message is seen
}

self.onmessage = (event: MessageEvent) => {
  const message = event.data as { type: "start"; nodes: Float32Array; edges: Float32Array; settings: Record<string, unknown> } | { type: "stop" };
  if (message.type === "start") {
    nodes = message.nodes;
    edges = message.edges;
    settings = message.settings;
    if (!running) {
      running = true;
      step();
    }
  } else {
    running = false;
  }
};
