import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadMap, mapCounts } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { snapshot } from "./helpers/db.js";
import { articleSeed, fixture, root } from "./helpers/paths.js";
import { openApi, TEST_TOKEN, type TestServer } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let db: Database;
let api: TestServer;
const article = readSeedFile(articleSeed);

beforeAll(async () => ({ db, api } = await openApi([article, readSeedFile(fixture("mini.argmap.yaml"))])));
afterAll(async () => {
  for (const id of ["article-copy", "article-aif", "article-argdown", "imported-yaml"]) {
    await fetch(`${api.url}/api/maps/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
  }
  await api.close();
  await db.close();
});

const exported = async (format: string) => {
  const res = await api.get(`/api/maps/${MAP}/export?format=${format}`);
  expect(res.status).toBe(200);
  return { type: res.headers.get("content-type")!, text: await res.text(), disposition: res.headers.get("content-disposition") };
};
const importMap = (body: string, contentType: string, query = "", token: string | null = TEST_TOKEN) =>
  fetch(`${api.url}/api/maps${query}`, {
    method: "POST",
    headers: { "Content-Type": contentType, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });
const argumentGraph = async (mapId: string) => {
  const graph = await (await api.get(`/api/maps/${mapId}/graph`)).json();
  const claims = graph.nodes.filter((n: any) => n.attributes.nodeType === "claim").map((n: any) => `${n.attributes.kind}:${n.attributes.text}`).sort();
  const edges = graph.edges
    .filter((e: any) => e.attributes.type === "SUPPORTS" || e.attributes.type === "ATTACKS")
    .map((e: any) => `${e.attributes.type}`)
    .sort();
  return { claims, edges };
};

describe("export (GET /api/maps/:map/export)", () => {
  it("gives the project's JSON, which imports back into the same map under another id", async () => {
    const { type, text, disposition } = await exported("json");
    expect(type).toMatch(/^application\/json/);
    expect(disposition).toMatch(/attachment; filename="?davidson-2019-inf\.argmap\.json"?/);
    const json = JSON.parse(text);
    json.map.id = "article-copy";
    const res = await importMap(JSON.stringify(json, null, 2), "application/json");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({ id: "article-copy", status: "created", claims: article.claims.length, warnings: [] });
    const [original, copy] = [await snapshot(db, MAP), await snapshot(db, "article-copy")];
    const strip = (s: typeof original) => JSON.stringify(s).replaceAll('"article-copy"', '"x"').replaceAll(`"${MAP}"`, '"x"').replace(/"revision":"[^"]+"/g, "");
    expect(strip(copy)).toBe(strip(original));
  });

  it("gives AIF: I-nodes for claims, RA for supports, CA for attacks, and imports back", async () => {
    const aif = JSON.parse((await exported("aif")).text);
    const count = (t: string) => aif.nodes.filter((n: any) => n.type === t).length;
    expect(count("I")).toBe(article.claims.length);
    expect(count("RA")).toBe(article.edges.filter((e) => e.type === "SUPPORTS").length);
    expect(count("CA")).toBe(article.edges.filter((e) => e.type === "ATTACKS").length);
    expect(aif.edges).toHaveLength(2 * article.edges.length + 2 * article.claims.length); // RA/CA in and out, and L → YA → I per claim
    const res = await importMap(JSON.stringify(aif), "application/json", "?id=article-aif&title=Imported%20from%20AIF");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await argumentGraph("article-aif")).toEqual({ claims: (await argumentGraph(MAP)).claims.map((c: string) => `claim:${c.split(":").slice(1).join(":")}`).sort(), edges: (await argumentGraph(MAP)).edges });
  });

  it("gives Argdown with explicit <+ and <- relations, which imports back with kinds and relations", async () => {
    const { text } = await exported("argdown");
    expect(text).toMatch(/^===\nid: "davidson-2019-inf"\ntitle: "How to bring Russia/);
    expect(text).toContain("[remedy]: The only solution for a positive outcome is for the US to allow Turkey to purchase the S-400");
    expect(text).toMatch(/\[challenge-acceptable-risk\]: .* #challenge \{.*\}\n( {2}<[+-] \[[a-z0-9-]+\]\n)* {2}<- \[russia-also-exposed\]/);
    const res = await importMap(text, "text/x-argdown", "?id=article-argdown");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await argumentGraph("article-argdown")).toEqual(await argumentGraph(MAP));
  });

  it("gives GraphML", async () => {
    const { type, text } = await exported("graphml");
    expect(type).toMatch(/^application\/graphml\+xml/);
    expect(text).toContain('<node id="remedy">');
    expect(text).toContain('<edge id="ATTACKS:challenge-caatsa-&gt;remedy" source="challenge-caatsa" target="remedy">');
  });

  it("names the formats it knows", async () => {
    const res = await api.get(`/api/maps/${MAP}/export?format=pdf`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/query parameter format: must be one of aif, argdown, graphml, json, kialo, xaif/);
  });
});

describe("import (POST /api/maps)", () => {
  const yaml = `map: {id: imported-yaml, title: Imported, text: "One claim. Another claim."}\nclaims:\n  - {id: one, kind: thesis, text: One., quote: One claim.}\n  - {id: two, kind: premise, text: Two., quote: Another claim., supports: [one]}\n`;

  it("needs the bearer token", async () => {
    expect((await importMap(yaml, "application/yaml", "", null)).status).toBe(401);
    const wrong = await importMap(yaml, "application/yaml", "", "wrong-token-wrong-token-wrong");
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toMatch(/bearer token is wrong/);
  });

  it("creates from the seed format, refuses to overwrite without replace=true, and replaces with it", async () => {
    expect((await importMap(yaml, "application/yaml")).status).toBe(201);
    const again = await importMap(yaml, "application/yaml");
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/add \?replace=true/);
    const replaced = await importMap(yaml.replace("text: One.", "text: One again."), "application/yaml", "?replace=true");
    expect(await replaced.json()).toMatchObject({ status: "replaced" });
  });

  it("rejects a broken map with located problems, and changes nothing", async () => {
    const before = await snapshot(db, "mini");
    const broken = `map: {id: mini, title: Broken, text: "Words."}\nclaims:\n  - {id: a, kind: nonsense, text: A., quote: Words.}\n  - {id: b, kind: claim, text: B., quote: Not there., supports: [zz]}\n`;
    const res = await importMap(broken, "application/yaml", "?replace=true");
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message as string;
    expect(message).toMatch(/request body:3: claims\[0\]\(a\)\.kind: must be one of/);
    expect(message).toMatch(/request body:4: claims\[1\]\(b\)\.quote: quote not found/);
    expect(message).toMatch(/request body:4: claims\[1\]\(b\)\.supports\[0\]: unknown claim "zz"/);
    expect(await snapshot(db, "mini")).toEqual(before);
  });

  it("says what it accepts for an unknown Content-Type, an AIF without id, and bad Argdown", async () => {
    const csv = await importMap("a,b", "text/csv");
    expect((await csv.json()).error.message).toMatch(/Content-Type "text\/csv" is not a map format/);
    const aif = await importMap(JSON.stringify({ nodes: [{ nodeID: "1", text: "x", type: "I" }], edges: [] }), "application/json");
    expect((await aif.json()).error.message).toMatch(/query parameter id/);
    const argdown = await importMap("[a]: A claim.\n\n  <+ [b]: B.\n", "text/x-argdown", "?id=bad-argdown");
    expect((await argdown.json()).error.message).toMatch(/request body:3:\d+: Argdown syntax: Invalid paragraph start/);
  });
});

describe("delete (DELETE /api/maps/:map)", () => {
  it("removes one map and nothing else, and needs the token", async () => {
    await loadMap(db, { ...readSeedFile(fixture("mini.argmap.yaml")), map: { ...readSeedFile(fixture("mini.argmap.yaml")).map, id: "mini-doomed" } }, { force: true });
    const articleBefore = await snapshot(db, MAP);
    expect((await fetch(`${api.url}/api/maps/mini-doomed`, { method: "DELETE" })).status).toBe(401);
    const res = await fetch(`${api.url}/api/maps/mini-doomed`, { method: "DELETE", headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
    expect(await res.json()).toEqual({ id: "mini-doomed", deleted: true });
    expect(await mapCounts(db, "mini-doomed")).toBeNull();
    expect((await snapshot(db, "mini-doomed")).nodes).toEqual([]);
    expect(await snapshot(db, MAP)).toEqual(articleBefore);
    expect((await fetch(`${api.url}/api/maps/mini-doomed`, { method: "DELETE", headers: { Authorization: `Bearer ${TEST_TOKEN}` } })).status).toBe(404);
  });
});

describe("argmap export (command line)", () => {
  it("prints the map in the format asked for", () => {
    const target = inject("neo4j");
    const env = { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user ?? "", NEO4J_PASSWORD: target.password ?? "" };
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000, env });
    const aif = run("export", "--map", "mini", "--format", "aif");
    expect(aif.status, aif.stderr).toBe(0);
    expect(JSON.parse(aif.stdout).nodes.filter((n: any) => n.type === "I")).toHaveLength(5);
    expect(run("export", "--map", "mini", "--format", "pdf").stderr).toMatch(/--format must be one of aif, argdown, graphml, json, kialo, xaif/);
  });
});
