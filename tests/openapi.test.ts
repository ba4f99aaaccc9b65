/**
 * The OpenAPI document is what fuzzers and clients generate requests from: every route the app
 * answers must be in it, and what it says of each must be what the route does (issue 10, failure 8).
 */
import type { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/app.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { articleSeed } from "./helpers/paths.js";
import { openApi } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let env: Awaited<ReturnType<typeof openApi>>;
let doc: any; // the OpenAPI document as served

beforeAll(async () => {
  env = await openApi([readSeedFile(articleSeed)]);
  doc = await (await env.api.get("/api/openapi.json")).json();
});
afterAll(async () => env?.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the app routes, read from Express's own router, nested routers included. */
function routesOf(stack: Layer[]): Array<{ method: string; path: string }> {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route!.path }));
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

describe("the OpenAPI document", () => {
  it("has every route the app answers under /api, with its method", () => {
    const { app, evaluator } = createApp({ db: env.db, clientDir: null, log: () => {} });
    void evaluator.close();
    const routed = routesOf((app as unknown as { router: Router & { stack: Layer[] } }).router.stack).filter((r) => r.path.startsWith("/api/"));
    expect(routed.length).toBeGreaterThan(40);
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    for (const { method, path } of routed) {
      const openapiPath = path.replace(/:(\w+)/g, "{$1}");
      // router.all() is the 405 guard of a documented path.
      if (method === "_all") expect(doc.paths[openapiPath], path).toBeDefined();
      else expect(documented, `${method} ${path}`).toContain(`${method} ${openapiPath}`);
    }
  });

  it("describes export?format=json as the JSON object it is, and the text formats as text", async () => {
    const content = doc.paths["/api/maps/{map}/export"].get.responses["200"].content;
    expect(content["application/json"].schema).toMatchObject({ type: "object" });
    expect(content["text/x-argdown"].schema).toMatchObject({ type: "string" });
    const res = await env.api.get(`/api/maps/${MAP}/export?format=json`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body: unknown = await res.json();
    expect(typeof body === "object" && body !== null && !Array.isArray(body)).toBe(true);
  });

  it("gives `revision` the pattern the server checks it against", async () => {
    const revision = doc.paths["/api/maps/{map}/claims"].get.parameters.find((p: { name: string }) => p.name === "revision");
    const pattern = new RegExp(revision.schema.pattern as string);
    expect(pattern.test("0123abcdef")).toBe(true);
    for (const bad of ["XYZ", " 1", "é"]) {
      expect(pattern.test(bad), bad).toBe(false);
      expect((await env.api.get(`/api/maps/${MAP}/claims?revision=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    }
  });

  it("gives `without` its pattern, and the server accepts exactly what the pattern allows", async () => {
    const without = doc.paths["/api/maps/{map}/evaluation"].get.parameters.find((p: { name: string }) => p.name === "without");
    expect(without).toMatchObject({ in: "query", required: false, schema: { type: "string" } });
    const pattern = new RegExp(without.schema.pattern as string);
    const cases = ["challenge-caatsa", "challenge-caatsa,remedy", "", "remedy,", "Remedy", "a b", "a--b", "remedy;drop", "é"];
    for (const value of cases) {
      const res = await env.api.get(`/api/maps/${MAP}/evaluation?without=${encodeURIComponent(value)}`);
      expect(res.status, JSON.stringify(value)).toBe(pattern.test(value) ? 200 : 400);
    }
  });
});
