/**
 * Map-scoped queries at corpus size: through the HTTP API under load, and the
 * same repository functions (the same Cypher) called directly with the driver at
 * the same concurrency, which is the floor the API is measured against.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import * as Q from "../server/db/queries.js";
import { coverageReport } from "../contract/coverage.js";
import { must } from "../contract/errors.js";
import type { Database } from "../server/db/neo4j.js";
import { summarize } from "./stats.js";

export interface Endpoint {
  name: string;
  paths: string[];
  direct: (i: number) => Promise<unknown>;
}

export function endpoints(db: Database, mapIds: string[], deepClaim: (mapId: string) => string): Endpoint[] {
  const at = (i: number) => must(mapIds[i % mapIds.length], "a map id (the list is empty)");
  return [
    {
      name: "support tree",
      paths: mapIds.map((m) => `/api/maps/${m}/claims/c0/support?depth=5`),
      direct: (i) => Q.supportTree(db, at(i), "c0", 5),
    },
    {
      name: "attack view",
      paths: mapIds.map((m) => `/api/maps/${m}/claims/c0/attack?depth=5`),
      direct: (i) => Q.attackView(db, at(i), "c0", 5),
    },
    {
      name: "paths",
      paths: mapIds.map((m) => `/api/maps/${m}/paths?from=${deepClaim(m)}&to=c0&max=10`),
      direct: (i) => Q.paths(db, at(i), deepClaim(at(i)), "c0", 10),
    },
    {
      name: "coverage",
      paths: mapIds.map((m) => `/api/maps/${m}/coverage`),
      direct: async (i) => coverageReport((await Q.mapContents(db, at(i)))!),
    },
  ];
}

export interface LoadResult {
  latency: ReturnType<typeof summarize>;
  requestsPerSecond: number;
  errors: number;
  statuses: Record<string, number>;
}

export function httpLoad(config: { url: string; paths: string[]; connections: number; durationSeconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "load.ts"), JSON.stringify(config)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as LoadResult) : reject(new Error(`load run exited ${code}`))));
  });
}

/** The floor: `concurrency` loops calling the repository directly for `seconds`. */
export async function directLoad(run: (i: number) => Promise<unknown>, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await run(counter++);
          latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latency: summarize(latencies), requestsPerSecond: Math.round(latencies.length / seconds), errors };
}
