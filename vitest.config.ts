import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/neo4j.ts"],
    // One Neo4j for the whole run; files run one at a time so counts and timings do not interfere.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ["default"],
  },
});
