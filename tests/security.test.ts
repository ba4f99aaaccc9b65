/**
 * Issue 10, failure 8 (the HTTP side): security headers with a strict CSP, rate
 * limits on writes and on failed authentication, no source maps.
 */
import fs from "node:fs";
import { must } from "../contract/errors.js";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { DEFAULT_RATE_LIMITS } from "../server/http/security.js";
import { fixture, root } from "./helpers/paths.js";
import { openApi, startTestServer, TEST_TOKEN } from "./helpers/server.js";

const mini = readSeedFile(fixture("mini.argmap.yaml"));
let env: Awaited<ReturnType<typeof openApi>>;
let clientDir: string;

beforeAll(async () => {
  // A built client as the server sees one, with a source map a careless build left behind.
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "argmap-client-"));
  fs.mkdirSync(path.join(clientDir, "assets"));
  fs.writeFileSync(path.join(clientDir, "index.html"), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(clientDir, "assets/app.js"), "console.log(1);\n//# sourceMappingURL=app.js.map\n");
  fs.writeFileSync(path.join(clientDir, "assets/app.js.map"), '{"version":3,"sources":["../src/main.ts"],"sourcesContent":["secret"]}');
  env = await openApi([mini], clientDir);
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

/** The CSP header as directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(header.split(";").map((d) => d.trim().split(/\s+/)).flatMap(([name, ...sources]) => (name ? [[name, sources] as const] : [])));
}

describe("security headers", () => {
  it("the app and the API answer with a strict Content-Security-Policy: scripts and styles only from the origin, no framing", async () => {
    for (const p of ["/", "/?map=mini&claim=build-bridge", "/api/maps/mini/graph", "/api/nowhere"]) {
      const res = await env.api.get(p);
      const policy = csp(res);
      expect(policy.get("default-src"), p).toEqual(["'self'"]);
      expect(policy.get("script-src"), p).toEqual(["'self'"]);
      expect(policy.get("style-src"), p).toEqual(["'self'"]);
      expect(policy.get("object-src"), p).toEqual(["'none'"]);
      expect(policy.get("frame-ancestors"), p).toEqual(["'none'"]);
      expect(res.headers.get("content-security-policy"), p).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), p).toBe("no-referrer");
      expect(res.headers.get("x-frame-options"), p).toBe("DENY");
      expect(res.headers.get("x-powered-by"), p).toBeNull();
    }
  });
});

describe("source maps", () => {
  it("are not served, even when a build left one next to the bundle", async () => {
    expect((await env.api.get("/assets/app.js")).status).toBe(200);
    for (const p of ["/assets/app.js.map", "/assets/missing.js.map", "/assets/app.css.map"]) {
      const res = await env.api.get(p);
      expect(res.status, p).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/source maps are not served/);
    }
  });

  it("are not made by the production build", async () => {
    // Loaded by path: the client's build config is not part of the server's type-checked project.
    const config = ((await import(path.join(root, "client/vite.config.ts"))) as { default: { build?: { sourcemap?: unknown } } }).default;
    expect(config.build?.sourcemap).toBe(false);
  });
});

describe("rate limits", () => {
  it("3,000 wrong-token DELETEs over 50 connections are 429 beyond the failed-authentication limit, with RateLimit headers, and delete nothing", async () => {
    const attempt = async (i: number) => {
      const res = await fetch(`${env.api.url}/api/maps/mini`, { method: "DELETE", headers: { Authorization: `Bearer wrong-token-${i}` } });
      const body = (await res.json()) as { error: { code: string; message: string } };
      return { status: res.status, code: body.error.code, message: body.error.message, limit: res.headers.get("ratelimit"), policy: res.headers.get("ratelimit-policy"), retryAfter: res.headers.get("retry-after") };
    };
    // 50 connections, as an attacker's client would keep open (thousands of sockets at once overflow the listen backlog).
    const answers = (
      await Promise.all(
        Array.from({ length: 50 }, async (_, w) => {
          const mine = [];
          for (let k = 0; k < 60; k++) mine.push(await attempt(w * 60 + k));
          return mine;
        }),
      )
    ).flat();
    const unauthorized = answers.filter((a) => a.status === 401);
    const limited = answers.filter((a) => a.status === 429);
    expect(unauthorized.length + limited.length).toBe(3_000);
    expect(unauthorized.length).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS.authFailures);
    expect(limited.length).toBeGreaterThanOrEqual(3_000 - DEFAULT_RATE_LIMITS.authFailures);
    const one = must(limited[0], "a 429 answer");
    expect(one.code).toBe("rate_limited");
    expect(one.message).toMatch(/too many failed authentications from this address: at most 100 per 60 s; retry in \d+ s/);
    expect(one.policy).toMatch(/"auth-failures"; q=100; w=60/);
    expect(one.limit).toMatch(/"auth-failures"; r=0; t=\d+/);
    expect(Number(one.retryAfter)).toBeGreaterThan(0);
    // Nothing was deleted, and reading needs no credentials, so readers are not locked out.
    expect((await env.api.get("/api/maps/mini/graph")).status).toBe(200);
  });

  it("writes beyond the limit are 429 while reads go on; the limit is the app's setting", async () => {
    const limited = await openApi([], null, { rateLimits: { writes: 5, windowSeconds: 60 } });
    try {
      const framework = JSON.stringify({ arguments: ["a", "b"], attacks: [["a", "b"]], semantics: "grounded" });
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 8; i++) {
        last = await fetch(`${limited.api.url}/api/evaluate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: framework });
        statuses.push(last.status);
        if (i < 7) await last.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expect(last!.headers.get("ratelimit-policy")).toMatch(/"writes"; q=5; w=60/);
      expect(((await last!.json()) as { error: { message: string } }).error.message).toMatch(/too many writes/);
      expect((await limited.api.get("/api/maps")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("a burst of edits in flight with the right token is not taken for failed authentications", async () => {
    // 30 edits of one map at once wait for its transaction together: every one is still in flight
    // when the last arrives, and a limit of 3 failures must not refuse any of them.
    const server = await startTestServer(env.db, null, { rateLimits: { authFailures: 3 } });
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fetch(`${server.url}/api/maps/mini/claims`, {
            method: "POST",
            headers: { Authorization: `Bearer ${TEST_TOKEN}`, "Content-Type": "application/json" },
            body: JSON.stringify({ id: `burst-auth-${i}`, kind: "premise", text: `Burst ${i}`, start: 0, end: 5 }),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
      const wrong = await fetch(`${server.url}/api/maps/mini/claims`, { method: "POST", headers: { Authorization: "Bearer am_wrong" } });
      expect(wrong.status).toBe(401); // failures still count from zero
    } finally {
      await server.close();
    }
  });

  it("requests with the right token do not count as failed authentications", async () => {
    const server = await startTestServer(env.db, null, { rateLimits: { authFailures: 2 } });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
        expect(res.status).toBe(200);
      }
    } finally {
      await server.close();
    }
  });
});
