import { spawnSync } from "node:child_process";
import { must } from "../contract/errors.js";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp, routes } from "../server/app.js";
import { deleteMap, loadMap } from "../server/db/maps.js";
import type { Database } from "../server/db/neo4j.js";
import type { MapData } from "../contract/model.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { snapshot, testDatabase } from "./helpers/db.js";
import { fixture, root } from "./helpers/paths.js";
import { SseClient } from "./helpers/sse.js";

const ADMIN_TOKEN = "workbench-admin-token-0123456789";
const SECRET = "workbench-test-secret-0123456789abcdef0123456789";
const mini = readSeedFile(fixture("mini.argmap.yaml"));
const TEXT = mini.map.text;
const copyOf = (id: string): MapData => ({ ...mini, map: { ...mini.map, id } });

let db: Database;
let server: Server;
let url: string;
let closeStreams: () => void;
const tokens: Record<string, string> = {};

async function call(method: string, path: string, options: { as?: string | null; body?: unknown; ifMatch?: string; headers?: Record<string, string> } = {}) {
  const as = options.as === undefined ? "ana" : options.as;
  const token = as === null ? null : as === "admin" ? ADMIN_TOKEN : tokens[as] ?? as;
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options.ifMatch ? { "If-Match": `"${options.ifMatch}"` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text itself is the answer
  }
  return { status: res.status, body, headers: res.headers };
}

/** An edit that must succeed: its status, else the answer in the failure message. */
async function ok(method: string, path: string, options: Parameters<typeof call>[2] = {}, status = method === "POST" && !/\/(merge|undo|restore)$/.test(path) ? 201 : 200) {
  const res = await call(method, path, options);
  expect(res.status, `${method} ${path} → ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

const revisionOf = async (map: string, as: string | null = "ana") => (await call("GET", `/api/maps/${map}/history?limit=1`, { as })).body.revisions[0].revision as string;
const graphOf = async (map: string, query = "") => (await call("GET", `/api/maps/${map}/graph${query}`, { as: "admin" })).body;
const edgeKeys = (graph: any) => graph.edges.filter((e: any) => !["CITES", "MENTIONS"].includes(e.attributes.type)).map((e: any) => e.key).sort();
const claimIds = (graph: any) => graph.nodes.filter((n: any) => n.attributes.nodeType === "claim").map((n: any) => n.key).sort();
const span = (quote: string, occurrence = 1) => {
  let start = -1;
  for (let i = 0; i < occurrence; i++) start = TEXT.indexOf(quote, start + 1);
  return { start, end: start + quote.length };
};

beforeAll(async () => {
  db = testDatabase();
  for (const id of MAPS) {
    await deleteMap(db, id); // a fresh history for each run
    await loadMap(db, copyOf(id));
  }
  const app = createApp({ db, clientDir: null, log: () => {}, token: ADMIN_TOKEN, secret: SECRET, events: { pollMs: 200 } });
  closeStreams = () => app.events.close();
  server = await new Promise((resolve) => {
    const s = app.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  // fetch keeps connections alive across slow steps (the CLI test); the server must not close them first.
  server.keepAliveTimeout = 120_000;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const suffix = Date.now().toString(36);
  for (const [name, role] of [["ana", "analyst"], ["bob", "analyst"], ["rita", "reader"], ["ruth", "reader"]] as const) {
    const created = await ok("POST", "/api/users", { as: "admin", body: { name: `${name}-${suffix}`, role } });
    tokens[name] = created.token;
  }
  // The maps belong to ana: the owner is named when the map is created.
  for (const id of MAPS) {
    await db.write((tx) => tx.run("MATCH (m:Map {id: $id}) SET m.owner = $owner", { id, owner: `ana-${suffix}` }));
  }
  (globalThis as any).suffix = suffix;
});

const MAPS = ["wb-edit", "wb-conflict", "wb-history", "wb-private", "wb-events", "wb-undo", "wb-meta", "wb-burst"];

afterAll(async () => {
  closeStreams();
  // Other test files count maps and entities: leave only what was there.
  for (const id of [...MAPS, "wb-doc"]) await deleteMap(db, id);
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  await db.close();
});

const nameOf = (who: string) => `${who}-${(globalThis as any).suffix}`;

describe("people: users, roles and tokens", () => {
  it("an admin adds a user and gets the token once; the token names the user", async () => {
    const created = await ok("POST", "/api/users", { as: "admin", body: { name: `carol-${Date.now()}`, role: "analyst" } });
    expect(created).toEqual({ name: expect.stringMatching(/^carol-/), role: "analyst", token: expect.any(String) });
    const me = await ok("GET", "/api/me", { as: created.token }, 200);
    expect(me).toEqual({ name: created.name, role: "analyst" });
    const stored = await db.read("MATCH (u:User {name: $name}) RETURN properties(u) AS p", { name: created.name });
    expect(JSON.stringify(stored)).not.toContain(created.token);
  });

  it("only an admin adds users: anonymous 401, an analyst 403, a taken name 409, a bad role 400", async () => {
    expect((await call("POST", "/api/users", { as: null, body: { name: "x", role: "reader" } })).status).toBe(401);
    const analyst = await call("POST", "/api/users", { as: "ana", body: { name: "x", role: "reader" } });
    expect(analyst.status).toBe(403);
    expect(analyst.body.error.message).toMatch(/only an admin/);
    expect((await call("POST", "/api/users", { as: "admin", body: { name: nameOf("ana"), role: "reader" } })).status).toBe(409);
    const bad = await call("POST", "/api/users", { as: "admin", body: { name: "y", role: "boss" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/body role: must be one of reader, analyst, admin/);
  });

  it("a wrong token is 401 even on a read; no token reads public maps", async () => {
    expect((await call("GET", "/api/maps/wb-edit/graph", { as: "not-a-real-token-at-all" })).status).toBe(401);
    expect((await call("GET", "/api/maps/wb-edit/graph", { as: null })).status).toBe(200);
  });

  it("argmap user add prints a token that the server accepts", async () => {
    const target = inject("neo4j");
    const env = { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user ?? "", NEO4J_PASSWORD: target.password ?? "", ARGMAP_SECRET: SECRET };
    const name = `cli-${Date.now()}`;
    const run = spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), "user", "add", name, "--role", "reader"], { cwd: root, encoding: "utf8", timeout: 120_000, env });
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ name, role: "reader" });
    expect(await ok("GET", "/api/me", { as: printed.token }, 200)).toEqual({ name, role: "reader" });
    const usage = spawnSync(process.execPath, [path.join(root, "bin/argmap.mjs"), "user", "add", name, "--role", "king"], { cwd: root, encoding: "utf8", timeout: 60_000, env });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--role must be one of reader, analyst, admin/);
  });
});

describe("editing claims anchored to the text", () => {
  it("creates a claim from offsets: the quote is the text between them, the id comes from the text", async () => {
    const { claim, revision } = await ok("POST", "/api/maps/wb-edit/claims", { body: { kind: "premise", text: "The ferry is unreliable", ...span("often cancelled") } });
    expect(claim).toEqual({ id: "the-ferry-is-unreliable", kind: "premise", text: "The ferry is unreliable", quote: "often cancelled", ...span("often cancelled"), citations: [], speaker: null, mentions: [] });
    expect(revision).toMatch(/^[0-9a-f]{20}$/);
    const graph = await graphOf("wb-edit");
    expect(graph.attributes.revision).toBe(revision);
    expect(graph.nodes.find((n: any) => n.key === "the-ferry-is-unreliable").attributes.quote).toBe("often cancelled");
  });

  it("validates footnotes, entities and the speaker against the map, and trims white space off the span", async () => {
    const s = span(" Traffic would also grow.");
    const { claim } = await ok("POST", "/api/maps/wb-edit/claims", {
      body: { id: "traffic", kind: "claim", text: "More traffic", start: s.start, end: s.end, cites: [2], mentions: ["bridge"], speaker: "town" },
    });
    expect(claim).toMatchObject({ quote: "Traffic would also grow.", start: s.start + 1, citations: [2], mentions: ["bridge"], speaker: "town" });
  });

  it("refuses edits that break the map's rules, saying which field, and changes nothing", async () => {
    const before = await snapshot(db, "wb-edit");
    const history = (await call("GET", "/api/maps/wb-edit/history")).body;
    const cases: [unknown, number, RegExp][] = [
      [{ kind: "claim", text: "x", start: 5, end: 99_999 }, 422, /body end: end 99999 is past the end of the text/],
      [{ kind: "claim", text: "x", start: 5, end: 5 }, 400, /body end: end must be greater than start/],
      [{ kind: "claim", text: "x", start: 0, end: 5, cites: [9] }, 422, /body cites\[0\]: footnote 9 is not among the map's citations/],
      [{ kind: "claim", text: "x", start: 0, end: 5, mentions: ["moon"] }, 422, /body mentions\[0\]: unknown entity "moon"/],
      [{ kind: "claim", text: "x", start: 0, end: 5, speaker: "moon" }, 422, /body speaker: unknown entity "moon"/],
      [{ id: "build-bridge", kind: "claim", text: "x", start: 0, end: 5 }, 409, /already has a claim "build-bridge"/],
      [{ id: "town", kind: "claim", text: "x", start: 0, end: 5 }, 422, /"town" is an entity's id/],
      [{ kind: "verdict", text: "x", start: 0, end: 5 }, 400, /body kind: must be one of thesis/],
    ];
    for (const [body, status, message] of cases) {
      const res = await call("POST", "/api/maps/wb-edit/claims", { body });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await snapshot(db, "wb-edit")).toEqual(before);
    expect((await call("GET", "/api/maps/wb-edit/history")).body).toEqual(history);
  });

  it("changes a claim's text and span, and removes a claim with its relations", async () => {
    const { claim } = await ok("PATCH", "/api/maps/wb-edit/claims/ferry-slow", { body: { text: "The ferry is slow.", ...span("The ferry is slow") } }, 200);
    expect(claim).toMatchObject({ id: "ferry-slow", text: "The ferry is slow.", quote: "The ferry is slow", citations: [1], mentions: ["ferry"] });
    expect((await call("PATCH", "/api/maps/wb-edit/claims/nowhere", { body: { text: "x" } })).status).toBe(404);
    expect((await call("PATCH", "/api/maps/wb-edit/claims/ferry-slow", { body: { start: 3 } })).status).toBe(400);
    await ok("DELETE", "/api/maps/wb-edit/claims/too-expensive", {}, 200);
    const graph = await graphOf("wb-edit");
    expect(claimIds(graph)).not.toContain("too-expensive");
    expect(edgeKeys(graph)).toEqual(["SUPPORTS:ferry-slow->build-bridge"]);
  });

  it("a reader's edit is 403 with a clear message; an anonymous one 401", async () => {
    const res = await call("POST", "/api/maps/wb-edit/claims", { as: "rita", body: { kind: "claim", text: "x", start: 0, end: 5 } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/is a reader: readers may read maps but not change them/);
    expect((await call("DELETE", "/api/maps/wb-edit/claims/build-bridge", { as: null })).status).toBe(401);
  });
});

describe("editing relations", () => {
  it("adds supports, attacks and undercuts with an exact quote, and removes them by key", async () => {
    const { key, relation } = await ok("POST", "/api/maps/wb-edit/relations", { body: { type: "ATTACKS", source: "traffic", target: "build-bridge", quote: "Traffic would also grow." } });
    expect(key).toBe("ATTACKS:traffic->build-bridge");
    expect(relation).toEqual({ key, type: "ATTACKS", source: "traffic", target: "build-bridge", inference: null, quote: "Traffic would also grow." });
    const undercut = await ok("POST", "/api/maps/wb-edit/relations", { body: { type: "UNDERCUTS", source: "state-pays", inference: "ferry-slow", target: "build-bridge" } });
    expect(undercut.key).toBe("UNDERCUTS:state-pays->ferry-slow->build-bridge");
    const stored = await db.read("MATCH (:Claim {mapId: 'wb-edit', id: 'state-pays'})-[r:UNDERCUTS]->(t:Claim) RETURN r.inference AS inference, t.id AS target");
    expect(stored).toEqual([{ inference: "ferry-slow", target: "build-bridge" }]);
    // The attack view of the claim shows the undercut of the inference ferry-slow → build-bridge.
    const attackView = await call("GET", "/api/maps/wb-edit/claims/build-bridge/attack");
    expect(attackView.status).toBe(200);
    expect((attackView.body as { edges: unknown[] }).edges).toContainEqual(expect.objectContaining({ type: "UNDERCUTS", source: "state-pays", target: "build-bridge", inference: "ferry-slow" }));
    expect(edgeKeys(await graphOf("wb-edit"))).toContain("ATTACKS:traffic->build-bridge");
    await ok("DELETE", `/api/maps/wb-edit/relations/${encodeURIComponent(key)}`, {}, 200);
    expect(edgeKeys(await graphOf("wb-edit"))).not.toContain("ATTACKS:traffic->build-bridge");
    expect((await call("DELETE", `/api/maps/wb-edit/relations/${encodeURIComponent(key)}`)).status).toBe(404);
    expect((await call("DELETE", `/api/maps/wb-edit/relations/${encodeURIComponent("LIKES:a->b")}`)).status).toBe(400);
  });

  it("refuses self-loops, support and attack of the same pair, duplicates, inexact quotes and missing inferences", async () => {
    const before = await snapshot(db, "wb-edit");
    const cases: [unknown, number, RegExp][] = [
      [{ type: "SUPPORTS", source: "build-bridge", target: "build-bridge" }, 422, /cannot support itself/],
      [{ type: "ATTACKS", source: "ferry-slow", target: "build-bridge" }, 422, /cannot both support and attack "build-bridge"/],
      [{ type: "SUPPORTS", source: "ferry-slow", target: "build-bridge" }, 409, /exists already/],
      [{ type: "SUPPORTS", source: "traffic", target: "build-bridge", quote: "Traffic will grow." }, 422, /body quote: relationship quote not found/],
      [{ type: "SUPPORTS", source: "ghost", target: "build-bridge" }, 422, /body source: no claim "ghost"/],
      [{ type: "UNDERCUTS", source: "traffic", inference: "state-pays", target: "build-bridge" }, 422, /"state-pays" does not support "build-bridge"/],
      [{ type: "UNDERCUTS", source: "traffic", target: "build-bridge" }, 422, /give inference/],
    ];
    for (const [body, status, message] of cases) {
      const res = await call("POST", "/api/maps/wb-edit/relations", { body });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await snapshot(db, "wb-edit")).toEqual(before);
  });

  it("merges one claim into another: footnotes join and relations move", async () => {
    const { claim } = await ok("POST", "/api/maps/wb-edit/claims/the-ferry-is-unreliable/merge", { body: { into: "ferry-slow" } }, 200);
    await ok("POST", "/api/maps/wb-edit/relations", { body: { type: "SUPPORTS", source: "traffic", target: "state-pays" } });
    const merged = await ok("POST", "/api/maps/wb-edit/claims/traffic/merge", { body: { into: "ferry-slow" } }, 200);
    expect(claim.id).toBe("ferry-slow");
    expect(merged.claim).toMatchObject({ id: "ferry-slow", citations: [1, 2], mentions: ["bridge", "ferry"] });
    const graph = await graphOf("wb-edit");
    expect(claimIds(graph)).not.toContain("traffic");
    expect(edgeKeys(graph)).toContain("SUPPORTS:ferry-slow->state-pays");
    expect((await call("POST", "/api/maps/wb-edit/claims/ferry-slow/merge", { body: { into: "ferry-slow" } })).status).toBe(422);
  });
});

describe("several people: If-Match", () => {
  it("edits to different claims made on the same revision both land", async () => {
    const base = await revisionOf("wb-conflict");
    await ok("PATCH", "/api/maps/wb-conflict/claims/ferry-slow", { as: "ana", ifMatch: base, body: { text: "Slow ferry." } }, 200);
    await ok("PATCH", "/api/maps/wb-conflict/claims/state-pays", { as: "bob", ifMatch: base, body: { text: "The state pays." } }, 200);
    const graph = await graphOf("wb-conflict");
    const text = (id: string) => graph.nodes.find((n: any) => n.key === id).attributes.text;
    expect([text("ferry-slow"), text("state-pays")]).toEqual(["Slow ferry.", "The state pays."]);
  });

  it("an edit to a claim changed since its revision is 409 with the claim's current state, and changes nothing", async () => {
    const base = await revisionOf("wb-conflict");
    await ok("PATCH", "/api/maps/wb-conflict/claims/build-bridge", { as: "ana", ifMatch: base, body: { text: "Build it." } }, 200);
    const before = await snapshot(db, "wb-conflict");
    const res = await call("PATCH", "/api/maps/wb-conflict/claims/build-bridge", { as: "bob", ifMatch: base, body: { text: "Do not build it." } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("edit_conflict");
    expect(res.body.error.message).toMatch(new RegExp(`${nameOf("ana")} changed what it touches`));
    expect(res.body.current.claims["build-bridge"]).toMatchObject({ id: "build-bridge", text: "Build it." });
    expect(res.body.current.revision).toBe(await revisionOf("wb-conflict"));
    expect(await snapshot(db, "wb-conflict")).toEqual(before);
    const gone = await call("DELETE", "/api/maps/wb-conflict/claims/build-bridge", { as: "bob", ifMatch: base });
    expect(gone.status).toBe(409);
  });

  it("If-Match naming no revision of the map is 412; the ETag form is accepted too", async () => {
    expect((await call("PATCH", "/api/maps/wb-conflict/claims/build-bridge", { ifMatch: "deadbeef", body: { text: "x" } })).status).toBe(412);
    const etag = (await call("GET", "/api/maps/wb-conflict/graph")).headers.get("etag")!;
    const res = await call("PATCH", "/api/maps/wb-conflict/claims/traffic-grows", { headers: { "If-Match": etag }, body: { kind: "premise" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe("many edits of one map at once", () => {
  it("each is its own operation with its own answer, in one chain; a refused one changes nothing and fails no other", async () => {
    const base = await revisionOf("wb-burst");
    const [{ seq: startSeq }] = (await ok("GET", "/api/maps/wb-burst/history?limit=1", {}, 200)).revisions;
    const at = span("cost too much");
    interface Sent {
      method: string;
      path: string;
      body: object;
      as?: string;
      ifMatch?: string;
    }
    const claim = (id: string, text: string, extra: object = {}): Sent => ({ method: "POST", path: "/api/maps/wb-burst/claims", body: { id, kind: "premise", text, ...at, ...extra } });
    const sent: Sent[] = [
      ...Array.from({ length: 24 }, (_, i) => ({ ...claim(`burst-${i}`, `Burst ${i}`), as: i % 2 ? "bob" : "ana" })),
      claim("burst-bad-note", "Cites a footnote the map lacks", { cites: [99] }),
      claim("burst-3", "The same id again"),
      { method: "POST", path: "/api/maps/wb-burst/relations", body: { type: "SUPPORTS", source: "no-such-claim", target: "state-pays" } },
      { method: "PATCH", path: "/api/maps/wb-burst/claims/ferry-slow", body: { text: "First reading." }, ifMatch: base },
      { method: "PATCH", path: "/api/maps/wb-burst/claims/ferry-slow", body: { text: "Second reading." }, ifMatch: base },
    ];
    const answers = await Promise.all(sent.map((r) => call(r.method, r.path, { body: r.body, as: r.as ?? "ana", ...(r.ifMatch ? { ifMatch: r.ifMatch } : {}) })));
    const statusOf = (i: number) => must(answers[i], `answer ${i}`).status;

    // The refused ones say why; of the two claims named burst-3 and the two rewrites of ferry-slow on one revision, exactly one lands.
    expect(statusOf(24)).toBe(422);
    expect(answers[24]!.body.error.message).toMatch(/cites\[0\]/);
    expect(statusOf(26)).toBe(422);
    expect(answers[26]!.body.error.message).toMatch(/no-such-claim/);
    expect([statusOf(3), statusOf(25)].sort()).toEqual([201, 409]);
    expect([statusOf(27), statusOf(28)].sort()).toEqual([200, 409]);
    for (let i = 0; i < 24; i++) if (i !== 3) expect(statusOf(i), JSON.stringify(answers[i]!.body)).toBe(201);
    const won = statusOf(27) === 200 ? 27 : 28;
    const lost = must(answers[won === 27 ? 28 : 27], "the refused rewrite");
    expect(lost.body.error.code).toBe("edit_conflict");
    expect(lost.body.current.claims["ferry-slow"].text).toBe(won === 27 ? "First reading." : "Second reading.");

    // Each accepted edit is one operation of its own, with its user; the sequence numbers are dense and each
    // operation's parent is the one before it; the answers' revisions are exactly the new operations'.
    const accepted = answers.flatMap((a, i) => (a.status < 300 ? [{ revision: a.body.revision as string, user: nameOf(must(sent[i], "request").as ?? "ana") }] : []));
    expect(accepted).toHaveLength(25);
    const ops = (await ok("GET", "/api/maps/wb-burst/history?limit=100", {}, 200)).revisions.filter((r: any) => r.seq > startSeq).reverse();
    expect(ops.map((o: any) => o.seq)).toEqual(Array.from({ length: 25 }, (_, i) => startSeq + 1 + i));
    expect(ops[0].parent).toBe(base);
    ops.slice(1).forEach((o: any, i: number) => expect(o.parent).toBe(ops[i].revision));
    expect(new Set(ops.map((o: any) => `${o.revision} ${o.user}`))).toEqual(new Set(accepted.map((a) => `${a.revision} ${a.user}`)));
    expect(ops.filter((o: any) => o.op.type === "claim.create")).toHaveLength(24);

    // The graph holds exactly what was accepted.
    const graph = await graphOf("wb-burst");
    const ids = claimIds(graph);
    for (let i = 0; i < 24; i++) expect(ids).toContain(`burst-${i}`);
    expect(ids).not.toContain("burst-bad-note");
    const text = (id: string) => graph.nodes.find((n: any) => n.key === id).attributes.text;
    expect(text("burst-3")).toBe(statusOf(3) === 201 ? "Burst 3" : "The same id again");
    expect(text("ferry-slow")).toBe(won === 27 ? "First reading." : "Second reading.");
  });
});

describe("history: every edit an operation, nothing lost", () => {
  let loaded: string;
  let afterClaim: string;
  let afterAttack: string;

  beforeAll(async () => {
    loaded = await revisionOf("wb-history");
    afterClaim = (await ok("POST", "/api/maps/wb-history/claims", { body: { id: "cost-overrun", kind: "evidence", text: "Costs overran", ...span("cost too much"), cites: [2] } })).revision;
    afterAttack = (await ok("POST", "/api/maps/wb-history/relations", { body: { type: "ATTACKS", source: "cost-overrun", target: "state-pays" } })).revision;
  });

  it("lists operations newest first with revision, parent, user, time and op", async () => {
    const { revisions } = await ok("GET", "/api/maps/wb-history/history", {}, 200);
    expect(revisions.slice(0, 3).map((r: any) => [r.revision, r.parent, r.op.type])).toEqual([
      [afterAttack, afterClaim, "relation.create"],
      [afterClaim, loaded, "claim.create"],
      [loaded, revisions[2].parent, "load"],
    ]);
    expect(revisions[0]).toMatchObject({ user: nameOf("ana"), op: { key: "ATTACKS:cost-overrun->state-pays" } });
    expect(Date.parse(revisions[0].at)).toBeGreaterThan(Date.now() - 600_000);
  });

  it("pages back through the operations with ?before=: each page older than the last, none repeated or skipped", async () => {
    const all = (await ok("GET", "/api/maps/wb-history/history", {}, 200)).revisions.map((r: any) => r.seq as number);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: number[] = [];
    let page = (await ok("GET", "/api/maps/wb-history/history?limit=2", {}, 200)).revisions.map((r: any) => r.seq as number);
    while (page.length) {
      paged.push(...page);
      page = (await ok("GET", `/api/maps/wb-history/history?limit=2&before=${page[page.length - 1]}`, {}, 200)).revisions.map((r: any) => r.seq as number);
    }
    expect(paged).toEqual(all);
    expect([...paged].sort((a, b) => b - a)).toEqual(paged);
  });

  it("diffs two revisions: claims and relations, coverage totals and grounded labels", async () => {
    const diff = await ok("GET", `/api/maps/wb-history/diff?from=${loaded}&to=${afterAttack}`, {}, 200);
    expect(diff.claims.added.map((c: any) => c.id)).toEqual(["cost-overrun"]);
    expect(diff.claims.removed).toEqual([]);
    expect(diff.relations.added.map((r: any) => r.key)).toEqual(["ATTACKS:cost-overrun->state-pays"]);
    expect(diff.coverage.from).toMatchObject({ claims: 5, cited: 2 });
    expect(diff.coverage.to).toMatchObject({ claims: 6, cited: 3 });
    // cost-overrun defeats state-pays, which no longer defeats too-expensive, which now defeats build-bridge.
    expect(diff.evaluation.changed).toEqual([
      { claim: "build-bridge", from: "in", to: "out" },
      { claim: "cost-overrun", from: null, to: "in" },
      { claim: "state-pays", from: "in", to: "out" },
      { claim: "too-expensive", from: "out", to: "in" },
    ]);
    expect((await call("GET", `/api/maps/wb-history/diff?from=${loaded}&to=nope`)).status).toBe(404);
  });

  it("restores an old revision as a new revision; the history keeps everything", async () => {
    const { revision } = await ok("POST", "/api/maps/wb-history/restore", { body: { revision: loaded } }, 200);
    expect(claimIds(await graphOf("wb-history"))).not.toContain("cost-overrun");
    const { revisions } = await ok("GET", "/api/maps/wb-history/history", {}, 200);
    expect(revisions[0]).toMatchObject({ revision, parent: afterAttack, op: { type: "restore", revision: loaded } });
    expect(revisions.map((r: any) => r.revision)).toContain(afterClaim);
    const back = await ok("GET", `/api/maps/wb-history/diff?from=${loaded}&to=${revision}`, {}, 200);
    expect([back.claims.added, back.claims.removed, back.relations.added, back.relations.removed]).toEqual([[], [], [], []]);
  });

  it("loading the same file again is a no-op; a forced reload is an operation", async () => {
    const head = await revisionOf("wb-history");
    const status = (await loadMap(db, copyOf("wb-history"))).status;
    expect(status).toBe("replaced"); // edited since the load: the file is not what is stored
    expect((await loadMap(db, copyOf("wb-history"))).status).toBe("unchanged");
    const after = await ok("GET", "/api/maps/wb-history/history?limit=2", {}, 200);
    expect(after.revisions.map((r: any) => [r.op.type, r.parent === head || r.parent !== null])).toEqual([["load", true], ["restore", true]]);
    await loadMap(db, copyOf("wb-history"), { force: true });
    expect((await ok("GET", "/api/maps/wb-history/history?limit=1", {}, 200)).revisions[0].op).toEqual({ type: "load", status: "replaced" });
  });
});

describe("reads at an earlier revision (?revision=)", () => {
  it("answers every read and export as it was at that revision, with that revision as ETag", async () => {
    const loaded = await revisionOf("wb-history");
    await ok("DELETE", "/api/maps/wb-history/claims/traffic-grows", {}, 200);
    const now = await graphOf("wb-history");
    const then = await graphOf("wb-history", `?revision=${loaded}`);
    expect(claimIds(now)).not.toContain("traffic-grows");
    expect(claimIds(then)).toContain("traffic-grows");
    expect(then.attributes.revision).toBe(loaded);
    const res = await call("GET", `/api/maps/wb-history/claims?revision=${loaded}&kind=claim`);
    expect(res.headers.get("etag")).toContain(loaded);
    expect(res.body.claims.map((c: any) => c.id)).toEqual(["traffic-grows"]);
    expect((await call("GET", `/api/maps/wb-history/claims/traffic-grows?revision=${loaded}`)).body.claim.quote).toBe("Traffic would also grow.");
    expect((await call("GET", `/api/maps/wb-history/claims/traffic-grows`)).status).toBe(404);
    expect((await call("GET", `/api/maps/wb-history/coverage?revision=${loaded}`)).body.totals.claims).toBe(5);
    expect(Object.keys((await call("GET", `/api/maps/wb-history/evaluation?revision=${loaded}`)).body.labels)).toContain("traffic-grows");
    expect((await call("GET", `/api/maps/wb-history/entities?revision=${loaded}`)).body.entities.find((e: any) => e.id === "bridge").claims).toContain("build-bridge");
    const exported = await call("GET", `/api/maps/wb-history/export?format=json&revision=${loaded}`);
    expect(exported.body.claims.map((c: any) => c.id)).toContain("traffic-grows");
    expect((await call("GET", `/api/maps/wb-history/graph?revision=abc123`)).status).toBe(404);
    expect((await call("GET", `/api/maps/wb-history/graph?revision=not a revision`)).status).toBe(400);
  });
});

describe("every read and export at an earlier revision", () => {
  /** Query parameters a read cannot do without; any other read needs none. */
  const needs: Record<string, string> = { "/api/maps/:map/paths": "from=ferry-slow&to=build-bridge", "/api/maps/:map/export": "format=json" };
  const contentReads = routes.filter((r) => r.method === "get" && r.path.startsWith("/api/maps/:map/") && !/\/(history|diff|events|access)$/.test(r.path));
  const urlOf = (path: string, revision?: string) => {
    const query = [needs[path], revision && `revision=${revision}`].filter(Boolean).join("&");
    return path.replace(":map", "wb-history").replace(":id", "build-bridge").replace(":n", "1") + (query ? `?${query}` : "");
  };
  const at = (url: string, revision: string) => `${url}${url.includes("?") ? "&" : "?"}revision=${revision}`;
  const views = ["/api/maps/wb-history/claims/build-bridge/support", "/api/maps/wb-history/claims/build-bridge/attack", "/api/maps/wb-history/paths?from=cancellations&to=build-bridge"] as const;

  it("every content read of a map takes ?revision= (not only the graph): support, attack, paths, documents, exports", async () => {
    expect(contentReads.map((r) => r.path)).toEqual(expect.arrayContaining(["/api/maps/:map/claims/:id/support", "/api/maps/:map/claims/:id/attack", "/api/maps/:map/paths", "/api/maps/:map/sentences"]));
    const head = await revisionOf("wb-history");
    for (const route of contentReads) {
      const res = await call("GET", urlOf(route.path, head));
      expect(res.status, `${urlOf(route.path, head)} → ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      expect(res.headers.get("etag"), route.path).toContain(head);
    }
  });

  it("support, attack and paths at a revision are what they were then, and what the live queries answered then", async () => {
    const before = await revisionOf("wb-history");
    await ok("POST", "/api/maps/wb-history/claims", { body: { id: "cancellations", kind: "evidence", text: "Ferries are often cancelled", ...span("often cancelled") } });
    await ok("POST", "/api/maps/wb-history/relations", { body: { type: "SUPPORTS", source: "cancellations", target: "ferry-slow" } });
    await ok("POST", "/api/maps/wb-history/relations", { body: { type: "UNDERCUTS", source: "state-pays", inference: "ferry-slow", target: "build-bridge" } });
    const withChain = await revisionOf("wb-history");
    const live = await Promise.all(views.map(async (v) => (await ok("GET", v, {}, 200)) as unknown));
    expect(live[2]).toEqual({ paths: [["cancellations", "ferry-slow", "build-bridge"]] });
    expect((live[1] as any).edges.map((e: any) => `${e.type}:${e.source}->${e.target}`)).toEqual(
      expect.arrayContaining(["ATTACKS:too-expensive->build-bridge", "UNDERCUTS:state-pays->build-bridge", "SUPPORTS:ferry-slow->build-bridge"]),
    );
    // The chain is taken apart again; the revision still answers as the queries did.
    await ok("DELETE", `/api/maps/wb-history/relations/${encodeURIComponent("SUPPORTS:cancellations->ferry-slow")}`, {}, 200);
    expect(await ok("GET", views[2], {}, 200)).toEqual({ paths: [] });
    for (const [i, v] of views.entries()) expect(await ok("GET", at(v, withChain), {}, 200), v).toEqual(live[i]);
    const earlier = await ok("GET", `/api/maps/wb-history/claims/build-bridge/support?revision=${before}`, {}, 200);
    expect(earlier.nodes.map((n: any) => n.id)).not.toContain("cancellations");
    expect((await call("GET", at(views[2], before))).status).toBe(404); // no such claim then
    const sentences = await ok("GET", `/api/maps/wb-history/sentences?revision=${before}`, {}, 200);
    expect(sentences).toEqual(await ok("GET", "/api/maps/wb-history/sentences", {}, 200));
  });
});

describe("the document's details and documents in the history", () => {
  const details = async (query = "") => {
    const { title, author, date, venue } = (await graphOf("wb-meta", query)).attributes;
    return { title, author, date, venue };
  };
  const original = { title: mini.map.title, author: mini.map.author, date: mini.map.date, venue: mini.map.venue };

  it("a change of title, author or date is an operation with its user; an earlier revision reads the details it had", async () => {
    const before = await revisionOf("wb-meta");
    const changed = await ok("PATCH", "/api/maps/wb-meta", { body: { title: "Should the town build a bridge? (revised)", author: "Ann Other", date: "" }, ifMatch: before }, 200);
    expect(changed).toMatchObject({ id: "wb-meta", title: "Should the town build a bridge? (revised)", author: "Ann Other", date: null, venue: original.venue });
    const [top] = (await ok("GET", "/api/maps/wb-meta/history?limit=1", {}, 200)).revisions;
    expect(top).toMatchObject({ revision: changed.revision, parent: before, user: nameOf("ana"), op: { type: "map.update", fields: ["title", "author", "date"] } });
    expect(await details()).toEqual({ ...original, title: changed.title, author: "Ann Other", date: null });
    expect((await ok("GET", "/api/maps/wb-meta/text", {}, 200)).title).toBe(changed.title);
    expect(await details(`?revision=${before}`)).toEqual(original);
    const diff = await ok("GET", `/api/maps/wb-meta/diff?from=${before}&to=${changed.revision}`, {}, 200);
    expect(diff.info).toEqual({ before: original, after: { ...original, title: changed.title, author: "Ann Other", date: null }, fields: ["title", "author", "date"] });
    expect((await ok("GET", `/api/maps/wb-meta/diff?from=${before}&to=${before}`, {}, 200)).info).toBeNull();
  });

  it("restoring an old revision brings its details back, as a new revision; undo reverses a change of details", async () => {
    const { revisions } = await ok("GET", "/api/maps/wb-meta/history", {}, 200);
    const loaded = revisions.find((r: any) => r.op.type === "load").revision;
    await ok("POST", "/api/maps/wb-meta/claims", { body: { id: "ferries-cancelled", kind: "evidence", text: "Ferries are cancelled", ...span("often cancelled") } });
    const { revision: restored } = await ok("POST", "/api/maps/wb-meta/restore", { body: { revision: loaded } }, 200);
    expect(await details()).toEqual(original);
    expect(claimIds(await graphOf("wb-meta"))).not.toContain("ferries-cancelled");
    expect((await ok("GET", "/api/maps/wb-meta/history?limit=1", {}, 200)).revisions[0]).toMatchObject({ revision: restored, user: nameOf("ana"), op: { type: "restore", revision: loaded } });
    const { revision: renamed } = await ok("PATCH", "/api/maps/wb-meta", { as: "bob", body: { venue: "Town hall" } }, 200);
    expect((await details()).venue).toBe("Town hall");
    await ok("POST", "/api/maps/wb-meta/undo", { body: { revision: renamed } }, 200);
    expect(await details()).toEqual(original);
  });

  it("a change of details made on a stale revision after another change of them is 409 with the details now; a reader's is 403", async () => {
    const base = await revisionOf("wb-meta");
    await ok("PATCH", "/api/maps/wb-meta", { as: "bob", body: { title: "Bob's title" }, ifMatch: base }, 200);
    const stale = await call("PATCH", "/api/maps/wb-meta", { body: { title: "Ana's title" }, ifMatch: base });
    expect(stale.status).toBe(409);
    expect(stale.body.current.info).toMatchObject({ title: "Bob's title" });
    expect((await details()).title).toBe("Bob's title");
    // An edit of a claim made on the same stale revision is not about the details: it lands.
    await ok("PATCH", "/api/maps/wb-meta/claims/traffic-grows", { body: { text: "Traffic grows" }, ifMatch: base }, 200);
    const reader = await call("PATCH", "/api/maps/wb-meta", { as: "rita", body: { title: "x" } });
    expect(reader.status).toBe(403);
    expect((await details()).title).toBe("Bob's title");
  });

  it("a document taken in is the map's first operation, by its creator, who owns the map", async () => {
    await deleteMap(db, "wb-doc");
    const res = await fetch(`${url}/api/documents?id=wb-doc&title=Draft`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.ana}`, "Content-Type": "text/plain" },
      body: "A draft about bridges. It has two sentences.",
    });
    expect(res.status).toBe(201);
    const { revision } = (await res.json()) as { revision: string };
    const { revisions } = await ok("GET", "/api/maps/wb-doc/history", {}, 200);
    expect(revisions).toEqual([{ seq: 1, revision, parent: null, user: nameOf("ana"), at: expect.any(String), op: { type: "load", status: "created" } }]);
    expect(await ok("GET", "/api/maps/wb-doc/access", {}, 200)).toMatchObject({ owner: nameOf("ana"), visibility: "public" });
    const { revision: claimed } = await ok("POST", "/api/maps/wb-doc/claims", { body: { kind: "claim", text: "A draft about bridges", start: 0, end: 22 }, ifMatch: revision });
    const { revision: titled } = await ok("PATCH", "/api/maps/wb-doc", { body: { title: "Final" } }, 200);
    expect((await ok("GET", `/api/maps/wb-doc/graph?revision=${revision}`, {}, 200)).nodes).toEqual([]);
    expect((await ok("GET", `/api/maps/wb-doc/graph?revision=${claimed}`, {}, 200)).attributes.title).toBe("Draft");
    expect((await ok("GET", `/api/maps/wb-doc/graph?revision=${titled}`, {}, 200)).attributes.title).toBe("Final");
  });
});

describe("undo and redo", () => {
  it("undoes an attack (its inverse is a new revision) and redoes it by undoing the undo", async () => {
    const { revision: attacked } = await ok("POST", "/api/maps/wb-undo/relations", { body: { type: "ATTACKS", source: "traffic-grows", target: "build-bridge" } });
    const { revision: undone } = await ok("POST", "/api/maps/wb-undo/undo", { body: { revision: attacked } }, 200);
    expect(edgeKeys(await graphOf("wb-undo"))).not.toContain("ATTACKS:traffic-grows->build-bridge");
    await ok("POST", "/api/maps/wb-undo/undo", { body: { revision: undone } }, 200);
    expect(edgeKeys(await graphOf("wb-undo"))).toContain("ATTACKS:traffic-grows->build-bridge");
    const { revisions } = await ok("GET", "/api/maps/wb-undo/history?limit=3", {}, 200);
    expect(revisions.map((r: any) => r.op)).toEqual([{ type: "undo", revision: undone }, { type: "undo", revision: attacked }, { type: "relation.create", key: "ATTACKS:traffic-grows->build-bridge" }]);
  });

  it("an undo of something changed since is 409; an undone claim creation takes the claim's new relations with it", async () => {
    const { revision: created } = await ok("POST", "/api/maps/wb-undo/claims", { body: { id: "cheap", kind: "claim", text: "Cheap", ...span("most of the cost") } });
    const { revision: edited } = await ok("PATCH", "/api/maps/wb-undo/claims/cheap", { body: { text: "Cheaper" } }, 200);
    expect((await call("POST", "/api/maps/wb-undo/undo", { body: { revision: created } })).status).toBe(409);
    await ok("POST", "/api/maps/wb-undo/relations", { body: { type: "SUPPORTS", source: "cheap", target: "state-pays" } });
    await ok("POST", "/api/maps/wb-undo/undo", { body: { revision: edited } }, 200);
    const graph = await graphOf("wb-undo");
    expect(graph.nodes.find((n: any) => n.key === "cheap").attributes.text).toBe("Cheap");
    expect((await call("POST", "/api/maps/wb-undo/undo", { body: { revision: (await call("GET", "/api/maps/wb-undo/history?limit=20")).body.revisions.at(-1).revision } })).status).toBe(409);
  });
});

describe("private maps", () => {
  beforeAll(async () => {
    const res = await ok("PUT", "/api/maps/wb-private/access", { as: "ana", body: { visibility: "private", members: [nameOf("rita")] } }, 200);
    expect(res).toEqual({ map: "wb-private", visibility: "private", owner: nameOf("ana"), members: [nameOf("rita")] });
  });

  it("do not exist for anyone they are not shared with: every map route, listings, entity search and events", async () => {
    for (const as of [null, "ruth", "bob"]) {
      for (const path of ["graph", "claims", "claims/build-bridge", "claims?q=bridge", "coverage", "evaluation", "export?format=json", "citations", "entities", "text", "history", "access"]) {
        const res = await call("GET", `/api/maps/wb-private/${path}`, { as });
        expect(res.status, `${as} ${path}`).toBe(404);
        expect(res.body.error.message).toBe('no map "wb-private"; GET /api/maps lists the maps');
      }
      expect((await call("GET", "/api/maps", { as })).body.maps.map((m: any) => m.id)).not.toContain("wb-private");
      const entities = (await call("GET", "/api/entities?q=ferry", { as })).body.entities;
      expect(entities.flatMap((e: any) => e.maps.map((m: any) => m.map))).not.toContain("wb-private");
      expect((await SseClient.open(`${url}/api/maps/wb-private/events`, as ? { Authorization: `Bearer ${tokens[as]}` } : {})).status).toBe(404);
      expect((await call("POST", "/api/maps/wb-private/claims", { as, body: { kind: "claim", text: "x", start: 0, end: 5 } })).status).toBe(as ? 404 : 401);
    }
  });

  it("are read by their members and admins; a member who is a reader still cannot edit", async () => {
    expect((await call("GET", "/api/maps/wb-private/graph", { as: "rita" })).status).toBe(200);
    expect((await call("GET", "/api/maps", { as: "rita" })).body.maps.map((m: any) => m.id)).toContain("wb-private");
    expect((await call("GET", "/api/maps/wb-private/graph", { as: "admin" })).status).toBe(200);
    expect((await call("POST", "/api/maps/wb-private/claims", { as: "rita", body: { kind: "claim", text: "x", start: 0, end: 5 } })).status).toBe(403);
  });

  it("the response cache never hands a private answer to someone else", async () => {
    const first = await call("GET", "/api/maps/wb-private/coverage", { as: "ana" });
    expect(first.status).toBe(200);
    const again = await call("GET", "/api/maps/wb-private/coverage", { as: "ana" });
    expect(again.headers.get("x-argmap-cache")).toBe("hit");
    expect((await call("GET", "/api/maps/wb-private/coverage", { as: null })).status).toBe(404);
  });

  it("only the owner or an admin shares: another analyst is 403 (once they can see it), members must be users", async () => {
    await ok("PUT", "/api/maps/wb-private/access", { as: "admin", body: { visibility: "private", members: [nameOf("rita"), nameOf("bob")] } }, 200);
    const bob = await call("PUT", "/api/maps/wb-private/access", { as: "bob", body: { visibility: "public" } });
    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toMatch(/only the map's owner/);
    const unknown = await call("PUT", "/api/maps/wb-private/access", { as: "ana", body: { visibility: "private", members: ["nobody-at-all"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/body members: no user "nobody-at-all"/);
  });

  it("unsharing takes the map from a member at once: 404 on its routes, gone from the list, and their open event stream ends", async () => {
    await ok("PUT", "/api/maps/wb-private/access", { as: "ana", body: { visibility: "private", members: [nameOf("rita"), nameOf("bob")] } }, 200);
    const stream = await SseClient.open(`${url}/api/maps/wb-private/events`, { Authorization: `Bearer ${tokens.bob}` });
    expect(stream.status).toBe(200);
    expect((await call("GET", "/api/maps/wb-private/graph", { as: "bob" })).status).toBe(200);

    const unshared = await ok("PUT", "/api/maps/wb-private/access", { as: "ana", body: { visibility: "private", members: [nameOf("rita")] } }, 200);
    expect(unshared.members).toEqual([nameOf("rita")]);
    await stream.ended;
    expect((await call("GET", "/api/maps/wb-private/graph", { as: "bob" })).status).toBe(404);
    expect((await call("GET", "/api/maps", { as: "bob" })).body.maps.map((m: any) => m.id)).not.toContain("wb-private");
    expect((await SseClient.open(`${url}/api/maps/wb-private/events`, { Authorization: `Bearer ${tokens.bob}` })).status).toBe(404);
    expect((await call("GET", "/api/maps/wb-private/graph", { as: "rita" })).status).toBe(200);
  });
});

describe("events (Server-Sent Events)", () => {
  it("streams each operation to every open client, with its sequence number as id", async () => {
    const a = await SseClient.open(`${url}/api/maps/wb-events/events`);
    const b = await SseClient.open(`${url}/api/maps/wb-events/events`, { Authorization: `Bearer ${tokens.rita}` });
    expect([a.status, b.status]).toEqual([200, 200]);
    const { claim, revision } = await ok("POST", "/api/maps/wb-events/claims", { body: { kind: "claim", text: "Live claim", ...span("Traffic") } });
    await Promise.all([a.waitFor(1), b.waitFor(1)]);
    for (const client of [a, b]) {
      const [event] = client.data();
      expect(event).toMatchObject({ revision, user: nameOf("ana"), op: { type: "claim.create", claim: claim.id }, changes: { claims: { [claim.id]: claim }, relations: {} } });
      expect(client.events[0]?.id).toBe(String(event.seq));
    }
    await Promise.all([a.close(), b.close()]);
  });

  it("a reconnect with Last-Event-ID replays what was missed, in order", async () => {
    const first = await SseClient.open(`${url}/api/maps/wb-events/events`);
    const r1 = (await ok("POST", "/api/maps/wb-events/relations", { body: { type: "SUPPORTS", source: "traffic-grows", target: "too-expensive" } })).revision;
    await first.waitFor(1);
    const lastId = must(first.events[0], "the first event").id!;
    await first.close();
    const r2 = (await ok("DELETE", `/api/maps/wb-events/relations/${encodeURIComponent("SUPPORTS:traffic-grows->too-expensive")}`, {}, 200)).revision;
    const r3 = (await ok("PATCH", "/api/maps/wb-events/claims/traffic-grows", { body: { kind: "premise" } }, 200)).revision;
    const again = await SseClient.open(`${url}/api/maps/wb-events/events`, { "Last-Event-ID": lastId });
    await again.waitFor(2);
    expect(again.data().map((e) => e.revision)).toEqual([r2, r3]);
    expect(again.data()[0].seq).toBe(Number(lastId) + 1);
    await again.close();
    expect(r1).not.toBe(r2);
  });

  it("reaches the streams of another server sharing the database", async () => {
    const other = createApp({ db, clientDir: null, log: () => {}, token: ADMIN_TOKEN, secret: SECRET, events: { pollMs: 200 } });
    const otherServer: Server = await new Promise((resolve) => {
      const s = other.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const otherUrl = `http://127.0.0.1:${(otherServer.address() as AddressInfo).port}`;
    const remote = await SseClient.open(`${otherUrl}/api/maps/wb-events/events`);
    const { revision } = await ok("PATCH", "/api/maps/wb-events/claims/traffic-grows", { body: { text: "Traffic grows." } }, 200);
    await remote.waitFor(1, 5_000);
    expect(remote.data()[0].revision).toBe(revision);
    await remote.close();
    other.events.close();
    await new Promise<void>((resolve) => {
      otherServer.closeAllConnections();
      otherServer.close(() => resolve());
    });
  });
});
