/**
 * ForceAtlas2 in a worker that runs as many iterations as fit in ~12 ms before
 * posting positions back, so the page receives a few dozen small messages a
 * second instead of one per iteration (which kept the main thread busy).
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
  (self as unknown as Worker).postMessage({ nodes: nodes.slice(), iterations });
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
