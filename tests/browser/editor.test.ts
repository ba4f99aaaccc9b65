/**
 * Building and correcting maps in the browser, against the real server and
 * Neo4j: claims made by selecting passages, relations picked on the map,
 * server-side undo, history, live updates between browsers, conflicts, roles
 * and private maps.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { deleteMap, loadMap } from "../../server/db/maps.js";
import type { Database } from "../../server/db/neo4j.js";
import type { MapData } from "../../contract/model.js";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { launchChromium, saveScreenshot } from "../helpers/browser.js";
import { testDatabase } from "../helpers/db.js";
import { fixture, root } from "../helpers/paths.js";

const ADMIN = "editor-admin-token-0123456789abcdef";
const article = readSeedFile(fixture("editing.argmap.yaml"));
const copyOf = (id: string): MapData => ({ ...article, map: { ...article.map, id } });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const MAPS = ["ed-main", "ed-live", "ed-conflict", "ed-reader", "ed-history", "ed-private", "ed-phone", "ed-desktop"];
const AXE = fs.readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

let db: Database;
let server: Server;
let url: string;
let closeApp: () => void;
let browser: Browser;
const users: Record<string, { name: string; token: string }> = {};
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  db = testDatabase();
  for (const id of MAPS.filter((m) => m !== "ed-private")) await loadMap(db, copyOf(id), { force: true });
  const app = createApp({ db, clientDir: path.join(root, "client/dist"), log: () => {}, token: ADMIN, secret: "editor-test-secret-0123456789abcdef0123456789", events: { pollMs: 200 } });
  closeApp = () => app.events.close();
  server = await new Promise((resolve) => {
    const s = app.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const suffix = Date.now().toString(36);
  for (const [key, role] of [["ann", "analyst"], ["ben", "analyst"], ["rex", "reader"], ["ria", "reader"]] as const) {
    const res = await fetch(`${url}/api/users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `${key}-${suffix}`, role }),
    });
    expect(res.status).toBe(201);
    users[key] = (await res.json()) as { name: string; token: string };
  }
  await loadMap(db, copyOf("ed-private"), { force: true, owner: users.ann.name });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  closeApp?.();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(() => r(null)));
  // Other test files count maps and entities (the fixture's Bridge): leave only what was there.
  for (const id of MAPS) await deleteMap(db, id).catch(() => {});
  await db?.close();
});

/** A browser (own storage) whose user has signed in before, when `who` is given. */
async function browserFor(who: keyof typeof users | null, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  if (who) await context.addInitScript((token) => localStorage.setItem("argmap.token", token), users[who].token);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  return { page, errors };
}

async function open(page: Page, query: string, role: string = "anonymous") {
  await page.goto(`${url}/${query}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.waitForSelector(`[data-testid="sign-in"][data-role="${role}"]`, { state: "attached" });
}

/** A toolbar button; on a phone the toolbar folds into a menu, opened first. */
async function clickToolbar(page: Page, selector: string) {
  const toggle = page.locator("#menu-toggle");
  if ((await toggle.count()) && (await toggle.isVisible()) && !(await page.locator(selector).isVisible())) await toggle.click();
  await page.click(selector);
}

const graphHas = (page: Page, what: "node" | "edge", key: string, present = true) =>
  page.waitForFunction(
    ([w, k, p]) => {
      const g = (window as any).__argmap.graph;
      return Boolean(g && (w === "node" ? g.hasNode(k) : g.hasEdge(k))) === p;
    },
    [what, key, present] as const,
    { timeout: 60_000 },
  );

/**
 * The dialog is wholly on screen (a bottom sheet across the width on a phone) and nothing in it
 * is wider than it: every line can be read without scrolling sideways.
 */
async function expectWhole(page: Page, selector: string, at: "phone" | "desktop") {
  const { box, view, overflowing } = await page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel)!;
    const r = el.getBoundingClientRect();
    const overflowing = [el, ...el.querySelectorAll<HTMLElement>("*")]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "auto" && getComputedStyle(e).overflowX !== "scroll" && e.clientWidth > 0)
      .map((e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ""}.${e.className}`);
    return { box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, view: { width: innerWidth, height: innerHeight }, overflowing };
  }, selector);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(view.width);
  expect(box.bottom).toBeLessThanOrEqual(view.height);
  if (at === "phone") expect([box.left, box.right, box.bottom]).toEqual([0, view.width, view.height]);
  expect(overflowing).toEqual([]);
}

/** axe-core (evaluated by the driver: the page's CSP refuses inline scripts) on one part of the page: its serious and critical violations. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }, string>(
    (sel) => (window as any).axe.run(sel, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    selector,
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** Selects a passage of the reading pane/** Selects a passage of the reading pane as a user's drag would (it may run across marked passages). */
async function selectPassage(page: Page, quote: string) {
  await page.evaluate((q) => {
    const reader = document.querySelector("#reader")!;
    const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement!.closest("h2")) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join("");
    const at = all.indexOf(q);
    if (at < 0) throw new Error(`passage not shown: ${q}`);
    const point = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      throw new Error("beyond the text");
    };
    const range = document.createRange();
    range.setStart(...point(at));
    range.setEnd(...point(at + q.length));
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, quote);
  await page.waitForSelector('[data-testid="new-claim"]:not([hidden])');
}

/** Selects a passage, opens "New claim" and fills in what the test names; returns the dialog's proposal. */
async function newClaim(page: Page, quote: string, fields: { kind: string; text?: string; id: string }) {
  await selectPassage(page, quote);
  await page.click('[data-testid="new-claim"]');
  const dialog = page.locator('[data-testid="claim-dialog"]');
  await dialog.waitFor();
  const proposal = {
    quote: await dialog.locator('[data-testid="edit-quote"]').textContent(),
    cites: await dialog.locator("[data-cite]:checked").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value))),
    entities: await dialog.locator("[data-entity]:checked").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  };
  await dialog.locator('[data-testid="edit-kind"]').selectOption(fields.kind);
  if (fields.text) await dialog.locator('[data-testid="edit-text"]').fill(fields.text);
  await dialog.locator('[data-testid="edit-id"]').fill(fields.id);
  await dialog.locator('[data-testid="claim-save"]').click();
  await graphHas(page, "node", fields.id);
  await dialog.waitFor({ state: "detached" });
  return proposal;
}

/** From the selected claim's panel: "Supports…" / "Attacks…", then the target picked where the test says. */
async function link(page: Page, verb: "supports" | "attacks", target: string, pickIn: "text" | "outline" | "map") {
  await page.click(`[data-testid="start-${verb}"]`);
  await page.waitForSelector('[data-testid="pick-banner"]:not([hidden])');
  if (pickIn === "text") await page.click(`#reader mark[data-claim="${target}"]`);
  else if (pickIn === "outline") await page.click(`#outline [role="treeitem"][data-claim="${target}"] > .row`);
  else {
    const pos = await page.evaluate((t) => {
      const a = (window as any).__argmap;
      const d = a.renderer.getNodeDisplayData(t);
      const p = a.renderer.framedGraphToViewport(d);
      const box = document.querySelector("#sigma")!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, target);
    await page.mouse.click(pos.x, pos.y);
  }
  const dialog = page.locator('[data-testid="relation-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-testid="relation-save"]').click();
  await dialog.waitFor({ state: "detached" });
}

const selectClaim = async (page: Page, id: string) => {
  await page.click(`#reader mark[data-claim="${id}"]`);
  await page.waitForSelector(`[data-testid="edit-section"][data-claim="${id}"]`);
};

// Generous time: each test drives one or two Chromiums against the server, and a loaded CI machine is slow.
describe("editing a map in the browser", { timeout: 240_000 }, () => {
  it("an analyst signs in, makes three claims by selecting passages, links a support and an attack, sees coverage and evaluation change, undoes the attack, and finds it all after a reload", async () => {
    const { page, errors } = await browserFor(null);
    await open(page, "?map=ed-main&reader=1&outline=1&mode=coverage");
    await page.waitForFunction(() => (window as any).__argmap.coverage);
    const coverageBefore = await page.evaluate(() => (window as any).__argmap.coverage.totals);
    expect(await page.locator('[data-testid="undo"]').getAttribute("hidden")).not.toBeNull();

    await clickToolbar(page, '[data-testid="sign-in"]');
    await page.fill('[data-testid="token-input"]', users.ann.token);
    await Promise.all([page.waitForEvent("load"), page.click('[data-testid="sign-in-submit"]')]); // everything is read again as ann
    await page.waitForSelector('[data-testid="sign-in"][data-role="analyst"]', { state: "attached" });
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.textContent('[data-testid="sign-in"]')).toBe(`${users.ann.name} · analyst`);

    const thesis = await newClaim(page, "The town should build a bridge.", { kind: "thesis", id: "build-bridge" });
    expect(thesis.quote).toBe("The town should build a bridge.");
    expect(thesis.entities.sort()).toEqual(["bridge", "town"]);
    expect(thesis.cites).toEqual([]);
    const ferry = await newClaim(page, "The ferry is slow and often cancelled.", { kind: "evidence", text: "The ferry is unreliable.", id: "ferry-unreliable" });
    expect(ferry.cites).toEqual([1]); // the marker closing the sentence
    expect(ferry.entities).toEqual(["ferry"]);
    const cost = await newClaim(page, "A bridge would cost too much.", { kind: "challenge", id: "too-expensive" });
    expect(cost.cites).toEqual([2]);
    await saveScreenshot(page, "editor-three-claims-desktop");

    // The new claims are marked in the text and in the outline, and sent with exact offsets.
    const stored = await (await fetch(`${url}/api/maps/ed-main/claims/ferry-unreliable`)).json();
    expect(stored.claim).toMatchObject({ quote: "The ferry is slow and often cancelled.", kind: "evidence", citations: [1] });
    expect(article.map.text.slice(stored.claim.start, stored.claim.end)).toBe("The ferry is slow and often cancelled.");
    expect(await page.locator('#outline [data-claim="too-expensive"]').count()).toBe(1);

    // Coverage took the new claims in without a reload: three more claims, two of them cited.
    await page.waitForFunction((n) => (window as any).__argmap.coverage?.totals.claims === n, coverageBefore.claims + 3);
    const coverageAfter = await page.evaluate(() => (window as any).__argmap.coverage.totals);
    expect(coverageAfter.cited).toBe(coverageBefore.cited + 2);

    await selectClaim(page, "ferry-unreliable");
    await link(page, "supports", "build-bridge", "text");
    await graphHas(page, "edge", "SUPPORTS:ferry-unreliable->build-bridge");

    await page.goto(`${url}/?map=ed-main&mode=evaluate&reader=1&outline=1`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('[data-testid="sign-in"][data-role="analyst"]', { state: "attached" });
    await page.waitForFunction(() => (window as any).__argmap.evaluation?.labels["build-bridge"] === "in");
    await selectClaim(page, "too-expensive");
    await link(page, "attacks", "build-bridge", "outline");
    await graphHas(page, "edge", "ATTACKS:too-expensive->build-bridge");
    await page.waitForFunction(() => (window as any).__argmap.evaluation?.labels["build-bridge"] === "out");
    await saveScreenshot(page, "editor-attack-evaluated-desktop");

    // Undo goes through the server: the attack is gone and the thesis stands again.
    await page.locator("#sigma").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+z");
    await graphHas(page, "edge", "ATTACKS:too-expensive->build-bridge", false);
    await page.waitForFunction(() => (window as any).__argmap.evaluation?.labels["build-bridge"] === "in");
    expect(await page.locator('[data-testid="redo"]').isEnabled()).toBe(true);

    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('[data-testid="sign-in"][data-role="analyst"]', { state: "attached" }); // the token stays in this browser
    const after = await page.evaluate(() => {
      const g = (window as any).__argmap.graph;
      return {
        claims: ["build-bridge", "ferry-unreliable", "too-expensive"].map((c) => g.hasNode(c)),
        support: g.hasEdge("SUPPORTS:ferry-unreliable->build-bridge"),
        attack: g.hasEdge("ATTACKS:too-expensive->build-bridge"),
      };
    });
    expect(after).toEqual({ claims: [true, true, true], support: true, attack: false });
    expect(errors).toEqual([]);
  });

  it("shows the history newest first, a diff of two revisions with its effect on coverage and evaluation, and restores an old revision as a new one", async () => {
    const { page, errors } = await browserFor("ann");
    await open(page, "?map=ed-history&reader=1", "analyst");
    await newClaim(page, "The town should build a bridge.", { kind: "thesis", id: "build-bridge" });
    await newClaim(page, "A bridge would cost too much.", { kind: "challenge", id: "too-expensive" });
    await selectClaim(page, "too-expensive");
    await link(page, "attacks", "build-bridge", "map");
    await graphHas(page, "edge", "ATTACKS:too-expensive->build-bridge");

    await clickToolbar(page, '[data-testid="history"]');
    const rows = page.locator('[data-testid="history-list"] li[data-revision]');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.op))).toEqual(["relation.create", "claim.create", "claim.create", "load"]);
    expect(await rows.first().textContent()).toContain(users.ann.name);

    // From the load to the attack: two claims and one relation added; the thesis is defeated.
    await rows.nth(3).locator("input").check();
    await rows.nth(0).locator("input").check();
    await page.click('[data-testid="diff-compare"]');
    await page.waitForSelector('[data-testid="diff-claims-added"]');
    expect(await page.textContent('[data-testid="diff-claims-added"]')).toMatch(/build-bridge.*too-expensive|too-expensive.*build-bridge/s);
    expect(await page.textContent('[data-testid="diff-relations-added"]')).toContain("too-expensive attacks build-bridge");
    expect(await page.textContent('[data-testid="diff-coverage"]')).toMatch(/0 of 1 claims cited .* → 1 of 3/); // the challenge carries footnote 2
    expect(await page.textContent('[data-testid="diff-evaluation"]')).toContain("build-bridge: — → out");
    await saveScreenshot(page, "editor-history-diff-desktop");

    // Restoring the first edit's revision: a new revision, newest in the history; nothing rewritten.
    await rows.nth(2).locator('[data-testid="restore"]').click();
    await graphHas(page, "node", "too-expensive", false);
    await page.waitForFunction(() => document.querySelector('[data-testid="history-list"] li[data-revision]')?.getAttribute("data-op") === "restore");
    expect(await rows.count()).toBe(5);
    expect(await page.evaluate(() => (window as any).__argmap.graph.hasNode("build-bridge"))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows each edit live in a second browser on the same map, without reloading it and keeping its selection", async () => {
    const one = await browserFor("ann");
    const two = await browserFor("ben");
    await open(one.page, "?map=ed-live&reader=1", "analyst");
    await open(two.page, "?map=ed-live&claim=traffic-grows&reader=1", "analyst");
    await two.page.waitForSelector('[data-testid="live"][data-state="live"]');
    await two.page.evaluate(() => ((window as any).notReloaded = true));

    await newClaim(one.page, "The town should build a bridge.", { kind: "thesis", id: "build-bridge" });
    await graphHas(two.page, "node", "build-bridge");
    await two.page.waitForSelector('#reader mark[data-claim="build-bridge"]');

    await selectClaim(one.page, "traffic-grows");
    await link(one.page, "supports", "build-bridge", "text");
    await graphHas(two.page, "edge", "SUPPORTS:traffic-grows->build-bridge");
    await two.page.waitForFunction(() => document.querySelector('[data-testid="supports"]')?.textContent?.includes("The town should build a bridge."));

    await one.page.click('[data-testid="edit-claim"]');
    await one.page.fill('[data-testid="edit-text"]', "Ferry traffic would grow a lot.");
    await one.page.click('[data-testid="claim-save"]');
    await two.page.waitForFunction(() => document.querySelector('[data-testid="claim-text"]')?.textContent === "Ferry traffic would grow a lot.");
    await saveScreenshot(two.page, "editor-live-second-browser-desktop");

    await selectClaim(one.page, "build-bridge");
    await one.page.click('[data-testid="delete-claim"]');
    await one.page.click('[data-testid="delete-confirm"]');
    await graphHas(two.page, "node", "build-bridge", false);
    expect(await two.page.evaluate(() => [(window as any).notReloaded, (window as any).__argmap.state.claim])).toEqual([true, "traffic-grows"]);
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it("shows a conflicting edit: the other user's change, and the edit made again on top of it", async () => {
    const one = await browserFor("ann");
    // This browser hears nothing of the other's edits, so it edits a revision that is no longer current.
    await one.page.route("**/events", (route) => route.abort());
    await open(one.page, "?map=ed-conflict&claim=traffic-grows&reader=1", "analyst");
    await one.page.waitForSelector('[data-testid="edit-section"]');

    const two = await browserFor("ben");
    await open(two.page, "?map=ed-conflict&claim=traffic-grows&reader=1", "analyst");
    await two.page.waitForSelector('[data-testid="edit-section"]');
    await two.page.click('[data-testid="edit-claim"]');
    await two.page.fill('[data-testid="edit-text"]', "Traffic would double.");
    await two.page.click('[data-testid="claim-save"]');
    await two.page.waitForFunction(() => document.querySelector('[data-testid="claim-text"]')?.textContent === "Traffic would double.");

    await one.page.click('[data-testid="edit-claim"]');
    await one.page.locator('[data-testid="edit-kind"]').selectOption("premise");
    await one.page.click('[data-testid="claim-save"]');
    const conflict = one.page.locator('[data-testid="conflict-dialog"]');
    await conflict.waitFor();
    expect(await conflict.locator('[data-testid="conflict-message"]').textContent()).toMatch(/changed|conflict/i);
    expect(await conflict.locator('[data-testid="conflict-current"]').textContent()).toContain("Traffic would double.");
    // The map on screen now shows the other user's change.
    expect(await one.page.evaluate(() => (window as any).__argmap.graph.getNodeAttribute("traffic-grows", "text"))).toBe("Traffic would double.");
    await saveScreenshot(one.page, "editor-conflict-desktop");

    await conflict.locator('[data-testid="conflict-redo"]').click();
    await one.page.waitForFunction(() => (window as any).__argmap.graph.getNodeAttribute("traffic-grows", "kind") === "premise");
    const stored = (await (await fetch(`${url}/api/maps/ed-conflict/claims/traffic-grows`)).json()).claim;
    expect(stored).toMatchObject({ kind: "premise", text: "Traffic would double." });
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it("gives a reader no edit controls, and a forced write shows the server's refusal and changes nothing", async () => {
    const { page, errors } = await browserFor("rex");
    await open(page, "?map=ed-reader&claim=traffic-grows&reader=1", "reader");
    await page.waitForSelector('[data-testid="claim-text"]');
    expect(await page.textContent('[data-testid="sign-in"]')).toBe(`${users.rex.name} · reader`);
    expect(await page.locator('[data-testid="edit-section"]').count()).toBe(0);
    expect(await page.locator('[data-testid="undo"]').getAttribute("hidden")).not.toBeNull();
    await page.evaluate(() => {
      const p = document.querySelector("#reader p")!;
      document.getSelection()!.selectAllChildren(p);
    });
    await page.waitForTimeout(100); // selectionchange is dispatched asynchronously
    expect(await page.locator('[data-testid="new-claim"]').isVisible()).toBe(false);

    const before = await (await fetch(`${url}/api/maps/ed-reader/graph`)).text();
    await page.evaluate(() =>
      (window as any).__argmap.editor.run({ op: "createClaim", claim: { id: "forced", kind: "claim", text: "Forced.", start: 0, end: 8 } }, "forced write"),
    );
    await page.waitForSelector('[data-testid="refused-message"]');
    expect(await page.textContent('[data-testid="refused-message"]')).toMatch(/reader|not allowed|may not|permission/i);
    expect(await (await fetch(`${url}/api/maps/ed-reader/graph`)).text()).toBe(before);
    await saveScreenshot(page, "editor-reader-refused-desktop");
    expect(errors).toEqual([]);
  });

  for (const [at, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    it(`shows the history, a diff and a conflict whole on a ${at}: dialogs ${at === "phone" ? "as sheets along the bottom" : "beside the map"}, nothing cut off, no serious axe violation`, async () => {
      const map = `ed-${at}`;
      const api = (who: "ann" | "ben", method: string, route: string, body: unknown) =>
        fetch(`${url}/api/maps/${map}${route}`, { method, headers: { Authorization: `Bearer ${users[who].token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const quote = (q: string) => ({ start: article.map.text.indexOf(q), end: article.map.text.indexOf(q) + q.length });
      for (const [route, body] of [
        ["/claims", { id: "build-bridge", kind: "thesis", text: "The town should build a bridge.", ...quote("The town should build a bridge.") }],
        ["/claims", { id: "too-expensive", kind: "challenge", text: "A bridge would cost too much, more than the town can ever pay back.", cites: [2], ...quote("A bridge would cost too much.") }],
        ["/relations", { type: "ATTACKS", source: "too-expensive", target: "build-bridge" }],
      ] as const) expect((await api("ann", "POST", route, body)).status).toBe(201);

      const one = await browserFor("ann", viewport);
      await one.page.route("**/events", (route) => route.abort()); // so that its next edit is made on a stale revision
      await open(one.page, `?map=${map}&claim=traffic-grows`, "analyst");
      await clickToolbar(one.page, '[data-testid="history"]');
      const rows = one.page.locator('[data-testid="history-list"] li[data-revision]');
      await rows.nth(3).waitFor();
      await rows.nth(3).locator("input").check();
      await rows.nth(0).locator("input").check();
      await one.page.click('[data-testid="diff-compare"]');
      await one.page.waitForSelector('[data-testid="diff-evaluation"]');
      await saveScreenshot(one.page, `editor-history-diff-${at}`);
      await expectWhole(one.page, '[data-testid="history-dialog"]', at);
      await one.page.locator('[data-testid="diff-evaluation"]').scrollIntoViewIfNeeded();
      await saveScreenshot(one.page, `editor-history-diff-effect-${at}`);
      expect(await axeViolations(one.page, '[data-testid="history-dialog"]')).toEqual([]);
      await one.page.keyboard.press("Escape");

      // Another user changes the claim first; this browser's edit of it is refused with the state now.
      expect((await api("ben", "PATCH", "/claims/traffic-grows", { text: "Traffic would double, and the ferry could not carry it." })).status).toBe(200);
      await one.page.waitForSelector('[data-testid="edit-claim"]');
      await one.page.click('[data-testid="edit-claim"]');
      await one.page.locator('[data-testid="edit-kind"]').selectOption("premise");
      await one.page.click('[data-testid="claim-save"]');
      await one.page.locator('[data-testid="conflict-dialog"]').waitFor();
      await saveScreenshot(one.page, `editor-conflict-${at}`);
      await expectWhole(one.page, '[data-testid="conflict-dialog"]', at);
      expect(await one.page.locator('[data-testid="conflict-redo"]').isVisible()).toBe(true);
      expect(await axeViolations(one.page, '[data-testid="conflict-dialog"]')).toEqual([]);
      expect(one.errors).toEqual([]);
    });
  }

  it("makes a map private in the Share dialog: invisible to anonymous visitors and to readers it is not shared with", async () => {
    const owner = await browserFor("ann", PHONE);
    await open(owner.page, "?map=ed-private", "analyst");
    await clickToolbar(owner.page, '[data-testid="share"]'); // shown to the map's owner (and admins)
    const dialog = owner.page.locator('[data-testid="share-dialog"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="visibility-private"]').check();
    await dialog.locator('[data-testid="share-members"]').fill(users.rex.name);
    await dialog.locator('[data-testid="share-save"]').click();
    await owner.page.waitForFunction(() => document.querySelector('[data-testid="share-result"]')?.textContent?.startsWith("Saved"));
    await saveScreenshot(owner.page, "editor-share-phone");

    const seesMap = async (who: "rex" | "ria" | null) => {
      const { page } = await browserFor(who);
      await page.goto(`${url}/?map=ed-private`);
      await page.waitForSelector("body[data-ready=true]");
      return page.evaluate(() => ({
        listed: [...document.querySelectorAll("#map-select option")].some((o) => (o as HTMLOptionElement).value === "ed-private"),
        shown: (window as any).__argmap.graph.getAttribute("id") === "ed-private",
      }));
    };
    expect(await seesMap(null)).toEqual({ listed: false, shown: false });
    expect(await seesMap("ria")).toEqual({ listed: false, shown: false });
    expect(await seesMap("rex")).toEqual({ listed: true, shown: true });
    expect((await fetch(`${url}/api/maps/ed-private/graph`)).status).toBe(404);
  });
});
