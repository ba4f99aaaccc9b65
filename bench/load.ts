/**
 * One HTTP load run in its own process (so the load generator does not share an
 * event loop with the server): autocannon over a list of paths, every response
 * time recorded. Prints one JSON line: latencies summary, requests/s, errors, statuses.
 */
import autocannon from "autocannon";
import { must } from "../contract/errors.js";
import { summarize } from "./stats.js";

interface LoadConfig {
  url: string;
  paths: string[];
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

const config = JSON.parse(must(process.argv[2], "the load configuration argument")) as LoadConfig;
const latencies: number[] = [];
const statuses: Record<string, number> = {};

// With a callback autocannon returns the running instance (an EventEmitter) rather than a promise.
const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.durationSeconds,
    headers: config.headers,
    requests: config.paths.map((path) => ({ method: "GET", path })),
  },
  (err, result) => {
    if (err) throw err;
    report(result);
  },
) as unknown as import("node:events").EventEmitter;
instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
function report(result: { requests: { average: number }; errors: number; timeouts: number }) {
  process.stdout.write(
    JSON.stringify({
      latency: summarize(latencies),
      requestsPerSecond: result.requests.average,
      errors: result.errors + result.timeouts,
      statuses,
    }) + "\n",
  );
}
