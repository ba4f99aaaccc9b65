import Graph from "graphology";
import { must } from "../contract/errors.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { routes } from "../server/app.js";
import * as S from "../contract/schemas.js";
import { loadMap } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { steppedClock } from "./helpers/clock.js";
import { countingReads } from "./helpers/db.js";
import { articleSeed } from "./helpers/paths.js";
import { openApi, startTestServer, type TestServer } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let db: Database;
let api: TestServer;
const article = readSeedFile(articleSeed);

async function json<T = any>(path: string, status = 200): Promise<T> {
  const res = await api.get(path);
  const body = await res.json();
  expect(res.status, `${path} → ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body as T;
}

let close: () => Promise<void>;
beforeAll(async () => ({ db, api, close } = await openApi([article])));
afterAll(() => close());

/** Claim ids that mention an entity, according to the API's own entity listing. */
async function claimsMentioning(entityId: string): Promise<string[]> {
  const { entities } = await json<z.infer<typeof S.EntityList>>(`/api/maps/${MAP}/entities`);
  return entities.find((e) => e.id === entityId)!.claims;
}

describe("GET /api/health and /api/maps", () => {
  it("says the service and Neo4j are up", async () => {
    expect(await json("/api/health")).toEqual({ status: "ok", neo4j: "up" });
  });

  it("lists the article with its claim and citation counts", async () => {
    const { maps } = await json("/api/maps");
    expect(maps).toContainEqual({
      id: MAP,
      title: "How to bring Russia into INF compliance — without triggering a war",
      author: "Anna J. Davidson",
      date: "2019-03",
      claims: article.claims.length,
      citations: 17,
    });
  });
});

describe("GET /api/maps/:map/graph", () => {
  it("is graphology's serialized graph: Graph.from() takes it unchanged", async () => {
    const body = await json(`/api/maps/${MAP}/graph`);
    const graph = Graph.from(body);
    expect(graph.order).toBe(article.claims.length + article.citations.length + article.entities.length);
    expect(graph.size).toBe(article.edges.length + article.cites.length + article.mentions.length);
    expect(graph.getNodeAttribute("remedy", "kind")).toBe("remedy");
    expect(graph.getNodeAttribute("citation:15", "publisher")).toBe("Defense News");
    expect(graph.getEdgeAttribute("ATTACKS:russia-also-exposed->challenge-acceptable-risk", "type")).toBe("ATTACKS");
    expect(graph.getAttribute("revision")).toBe(article.revision);
  });
});

describe("the support tree (GET …/claims/:id/support)", () => {
  it("of the remedy reaches back to the NATO-expansion premises", async () => {
    const tree = await json<z.infer<typeof S.Subgraph>>(`/api/maps/${MAP}/claims/remedy/support?depth=5`);
    const ids = new Set(tree.nodes.map((n) => n.id));
    const natoExpansion = await claimsMentioning("nato-expansion");
    const reached = tree.nodes.filter((n) => natoExpansion.includes(n.id) && (n.kind === "premise" || n.kind === "evidence"));
    expect(reached.map((n) => n.id)).toEqual(
      expect.arrayContaining(["putin-munich-nato-provocation", "nato-2008-intention", "russia-perceives-nato-threat"]),
    );
    // Every node reaches the remedy along the returned SUPPORTS edges.
    expect(tree.edges.every((e) => e.type === "SUPPORTS" && ids.has(e.source) && ids.has(e.target))).toBe(true);
    const reaches = new Set(["remedy"]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of tree.edges) {
        if (!reaches.has(e.target) || reaches.has(e.source)) continue;
        reaches.add(e.source);
        changed = true;
      }
    }
    expect(reaches).toEqual(ids);
  });

  it("grows with depth and stops at it", async () => {
    const one = await json<z.infer<typeof S.Subgraph>>(`/api/maps/${MAP}/claims/remedy/support?depth=1`);
    const detail = await json(`/api/maps/${MAP}/claims/remedy`);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(["remedy", ...detail.supportedBy.map((c: { id: string }) => c.id)].sort());
    const five = await json<z.infer<typeof S.Subgraph>>(`/api/maps/${MAP}/claims/remedy/support`);
    expect(five.nodes.length).toBeGreaterThan(one.nodes.length);
  });
});

describe("the attack view (GET …/claims/:id/attack)", () => {
  it("of the remedy holds both challenges and the article's answers to the F-35 one", async () => {
    const view = await json<z.infer<typeof S.Subgraph>>(`/api/maps/${MAP}/claims/remedy/attack`);
    const kinds = Object.fromEntries(view.nodes.map((n) => [n.id, n.kind]));
    expect(kinds["challenge-caatsa"]).toBe("challenge");
    expect(kinds["challenge-acceptable-risk"]).toBe("challenge");
    const attacks = (source: string, target: string) => view.edges.some((e) => e.type === "ATTACKS" && e.source === source && e.target === target);
    expect(attacks("challenge-acceptable-risk", "remedy")).toBe(true);
    expect(attacks("challenge-caatsa", "remedy")).toBe(true);
    expect(attacks("russia-also-exposed", "challenge-acceptable-risk")).toBe(true);
    expect(attacks("vulnerability-matched", "challenge-acceptable-risk")).toBe(true);
    expect(attacks("forcing-choice-risks", "us-cautious-turkey-russia")).toBe(true);
    // The article never answers CAATSA: the President's acknowledgement grounds the challenge.
    expect(view.edges.some((e) => e.type === "ATTACKS" && e.target === "challenge-caatsa")).toBe(false);
    expect(kinds["caatsa-inhibits-flexibility"]).toBeUndefined();
    // The F-35 exposure grounds the challenge (it supports an attacker): a reason of the attack, not a counterargument.
    expect(kinds["f35-exposure"]).toBeUndefined();
  });

  it("includes attackers of the remedy's supporters, linked back to the remedy", async () => {
    const view = await json<z.infer<typeof S.Subgraph>>(`/api/maps/${MAP}/claims/remedy/attack`);
    const edge = (type: string, source: string, target: string) => view.edges.some((e) => e.type === type && e.source === source && e.target === target);
    // The question put to Putin attacks Russia's perception of NATO, which supports the remedy through
    // Russia's need for evidence; Putin's answer rebuts the question.
    expect(edge("ATTACKS", "expansion-as-self-determination", "russia-perceives-nato-threat")).toBe(true);
    expect(edge("SUPPORTS", "russia-perceives-nato-threat", "russia-needs-evidence")).toBe(true);
    expect(edge("SUPPORTS", "russia-needs-evidence", "remedy")).toBe(true);
    expect(edge("ATTACKS", "putin-nato-military-alliance", "expansion-as-self-determination")).toBe(true);
  });

  it("of an unattacked claim is just the claim", async () => {
    const view = await json(`/api/maps/${MAP}/claims/inherent-risk/attack`);
    expect(view).toMatchObject({ root: "inherent-risk", edges: [] });
    expect(view.nodes.map((n: { id: string }) => n.id)).toEqual(["inherent-risk"]);
  });
});

describe("argument chains (GET …/paths)", () => {
  it("run from NATO expansion through 9M729 development to the remedy, shortest first", async () => {
    const { paths } = await json<{ paths: string[][] }>(`/api/maps/${MAP}/paths?from=nato-2008-intention&to=remedy&max=20`);
    expect(paths.length).toBeGreaterThan(0);
    const lengths = paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    const nineM729 = await claimsMentioning("9m729");
    const natoExpansion = await claimsMentioning("nato-expansion");
    for (const p of paths) {
      expect(p[0]).toBe("nato-2008-intention");
      expect(p.at(-1)).toBe("remedy");
    }
    expect(natoExpansion).toContain("nato-2008-intention");
    expect(paths.some((p) => p.slice(1, -1).some((id) => nineM729.includes(id)))).toBe(true);
  });

  it("are capped by max, and empty when there is none", async () => {
    expect((await json(`/api/maps/${MAP}/paths?from=nato-2008-intention&to=remedy&max=2`)).paths).toHaveLength(2);
    expect(await json(`/api/maps/${MAP}/paths?from=remedy&to=nato-2008-intention`)).toEqual({ paths: [] });
  });
});

describe("claims (GET …/claims, …/claims/:id)", () => {
  it("finds claims by words of their quotes (full-text), with the kind filter", async () => {
    const { claims } = await json(`/api/maps/${MAP}/claims?q=trepidation`); // a word of the quote, not of the paraphrase
    expect(claims.map((c: { id: string }) => c.id)).toEqual(["russia-border-trepidation"]);
    const waste = await json(`/api/maps/${MAP}/claims?q=${encodeURIComponent("Akkuyu waste management")}`);
    expect(waste.claims[0].id).toBe("akkuyu-dependence");
    const challenges = await json(`/api/maps/${MAP}/claims?q=S-400&kind=challenge`);
    expect(challenges.claims.map((c: { id: string }) => c.id).sort()).toEqual(["challenge-acceptable-risk", "challenge-caatsa"]);
    expect((await json(`/api/maps/${MAP}/claims?kind=option`)).claims).toHaveLength(3);
  });

  it("treats search input as words, never as query syntax", async () => {
    for (const q of ['"unbalanced', "9M729 (", "NOT AND", "and or not", "*", "a:b\\", "~^[]{}"]) {
      const res = await api.get(`/api/maps/${MAP}/claims?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("details a claim with its neighbours, citations and entities", async () => {
    const d = await json(`/api/maps/${MAP}/claims/f35-exposure`);
    expect(d.claim).toMatchObject({ id: "f35-exposure", kind: "evidence", citations: [15] });
    expect(d.citations[0]).toMatchObject({ n: 15, authors: "Mehta, Aaron and Joe Gould", date: "5 March 2019" });
    expect(d.supports.map((c: { id: string }) => c.id)).toEqual(["challenge-acceptable-risk"]);
    expect(d.supportedBy.map((c: { id: string }) => c.id)).toEqual(["turkey-f35-purchase"]);
    // The author grants the testimony; the weighing answers the challenge it supports.
    expect(d.attackedBy).toEqual([]);
    expect(d.claim.speaker).toBe("scaparrotti");
    expect(d.speaker).toEqual({ id: "scaparrotti", name: "Curtis Scaparrotti", type: "actor" });
    expect(d.entities.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(["f-35", "scaparrotti"]));
  });
});

describe("citations and entities", () => {
  it("lists all 17 footnotes with the claims carrying each", async () => {
    const { citations } = await json(`/api/maps/${MAP}/citations`);
    expect(citations.map((c: { n: number }) => c.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(citations.find((c: { n: number }) => c.n === 14).claims).toEqual(["congress-sanctions", "dod-grave-consequences"]);
  });

  it("finds entities across maps with the claims that mention them", async () => {
    await loadMap(db, readSeedFile((await import("./helpers/paths.js")).fixture("mini.argmap.yaml")), { force: true });
    const { entities } = await json(`/api/entities?q=bridge`);
    expect(entities).toEqual([{ name: "Bridge", type: "infrastructure", maps: [{ map: "mini", id: "bridge", claims: ["build-bridge", "too-expensive"] }] }]);
    const turkey = (await json(`/api/entities?q=TURKEY`)).entities;
    expect(turkey[0].maps[0]).toMatchObject({ map: MAP, id: "turkey" });
  });
});

describe("bad requests", () => {
  const cases: [string, number, RegExp][] = [
    [`/api/maps/${MAP}/claims/remedy/support?depth=abc`, 400, /query parameter depth/],
    [`/api/maps/${MAP}/claims/remedy/support?depth=11`, 400, /query parameter depth: must be at most 10/],
    [`/api/maps/${MAP}/claims/remedy/attack?depth=0`, 400, /query parameter depth: must be at least 1/],
    [`/api/maps/${MAP}/claims?kind=opinion`, 400, /query parameter kind: must be one of/],
    [`/api/maps/${MAP}/claims?q=`, 400, /query parameter q/],
    [`/api/maps/${MAP}/claims?colour=red`, 400, /unknown query parameter colour/],
    [`/api/maps/${MAP}/claims/Not_An_Id`, 400, /path parameter id: must be a kebab-case claim id/],
    [`/api/maps/${MAP}/paths?from=remedy`, 400, /query parameter to/],
    [`/api/maps/${MAP}/paths?from=remedy&to=thesis&max=1000`, 400, /query parameter max/],
    [`/api/entities`, 400, /query parameter q/],
    [`/api/maps/no-such-map/claims`, 404, /no map "no-such-map"/],
    [`/api/maps/${MAP}/claims/no-such-claim`, 404, /no claim "no-such-claim"/],
    [`/api/maps/${MAP}/claims/no-such-claim/support`, 404, /no claim "no-such-claim"/],
    [`/api/maps/${MAP}/paths?from=remedy&to=no-such-claim`, 404, /no claim "no-such-claim"/],
    [`/api/nothing-here`, 404, /no route GET \/api\/nothing-here/],
  ];
  it.each(cases)("%s → %i with a message naming the problem", async (path, status, message) => {
    const res = await api.get(path);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\.ts:\d+/);
  });
});

describe("caching and compression", () => {
  it("answers If-None-Match on an unchanged map with 304 without running Cypher, and 200 once it changed", async () => {
    const counter = countingReads(db);
    const clock = steppedClock();
    const server = await startTestServer(counter.db, null, { now: clock.now });
    try {
      const first = await server.get(`/api/maps/${MAP}/claims/remedy/support`);
      const etag = first.headers.get("etag")!;
      expect(etag).toContain(article.revision);
      counter.reset();
      const again = await server.get(`/api/maps/${MAP}/claims/remedy/support`, { "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(counter.reads()).toBe(0);

      const changed = readSeedFile(articleSeed);
      changed.claims[0] = { ...must(changed.claims[0], "the seed's first claim"), text: "Changed for the test." };
      changed.revision = "changed-revision";
      await loadMap(db, changed);
      // Another writer (not this server): seen once the freshness window has passed, not before.
      expect((await server.get(`/api/maps/${MAP}/claims/remedy/support`, { "If-None-Match": etag })).status).toBe(304);
      clock.step(1_001); // past the revision cache's freshness window (the default 1 s)
      const after = await server.get(`/api/maps/${MAP}/claims/remedy/support`, { "If-None-Match": etag });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).toContain("changed-revision");
    } finally {
      await loadMap(db, article, { force: true });
      await server.close();
    }
  });

  it("serves repeated questions on an unchanged map from memory, and never a stale answer", async () => {
    const counter = countingReads(db);
    const clock = steppedClock();
    const server = await startTestServer(counter.db, null, { now: clock.now });
    try {
      const first = await (await server.get(`/api/maps/${MAP}/claims/remedy/attack`)).json();
      counter.reset();
      const again = await (await server.get(`/api/maps/${MAP}/claims/remedy/attack`)).json();
      expect(again).toEqual(first);
      expect(counter.reads()).toBe(0);

      const changed = readSeedFile(articleSeed);
      changed.edges = changed.edges.filter((e) => !(e.source === "challenge-caatsa" && e.target === "remedy"));
      changed.revision = "no-caatsa-attack";
      await loadMap(db, changed);
      clock.step(1_001); // past the revision cache's freshness window (the default 1 s)
      const after = await (await server.get(`/api/maps/${MAP}/claims/remedy/attack`)).json();
      expect(after.edges).not.toContainEqual({ source: "challenge-caatsa", target: "remedy", type: "ATTACKS" });
    } finally {
      await loadMap(db, article, { force: true });
      await server.close();
    }
  });

  it("compresses JSON over 1 KB and leaves small answers alone", async () => {
    const big = await api.get(`/api/maps/${MAP}/graph`, { "Accept-Encoding": "gzip" });
    expect(big.headers.get("content-encoding")).toBe("gzip");
    const small = await api.get(`/api/health`, { "Accept-Encoding": "gzip" });
    expect(small.headers.get("content-encoding")).toBeNull();
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every route", async () => {
    const doc = await json("/api/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const depth = doc.paths["/api/maps/{map}/claims/{id}/support"].get.parameters.find((p: { name: string }) => p.name === "depth");
    expect(depth).toMatchObject({ in: "query", required: false, schema: { type: "integer", maximum: 10, minimum: 1, default: 5 } });
    expect(doc.components.schemas.Claim.required).toEqual(expect.arrayContaining(["id", "kind", "text", "quote", "start", "end", "citations"]));
  });

  it("matches what every route answers", async () => {
    const example: Record<string, string> = {
      "/api/maps/:map/paths": "?from=nato-2008-intention&to=remedy",
      "/api/entities": "?q=nato",
      "/api/maps/:map/claims": "?q=turkey",
      "/api/maps/:map/diff": `?from=${article.revision}&to=${article.revision}`,
    };
    // Streams (events) never end; tests/workbench.test.ts reads them.
    for (const route of routes.filter((r) => r.method === "get" && !r.stream)) {
      const path = route.path.replace(":map", MAP).replace(":id", "remedy").replace(":n", "15") + (example[route.path] ?? "");
      if (route.produces) {
        // Not JSON (exports): the body is the declared string, in one of the declared media types.
        const res = await api.get(path);
        expect(route.produces.some((t) => res.headers.get("content-type")!.startsWith(t.split(";")[0] ?? t)), path).toBe(true);
        expect(route.response.safeParse(await res.text()).success, path).toBe(true);
        continue;
      }
      const body = await json(path);
      const parsed = route.response.safeParse(body);
      expect(parsed.success, `${path}: ${parsed.error?.message}`).toBe(true);
      // zod strips keys it does not know: equality means the answer has no undeclared fields either.
      expect(parsed.data, path).toEqual(body);
    }
  });
});
