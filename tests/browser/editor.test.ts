/**
 * Building and correcting maps in the browser, against the real server and
 * Neo4j: claims made by selecting passages, relations picked on the map,
 * server-side undo, history, live updates between browsers, conflicts, roles
 * and private maps.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { MapData } from "../../contract/model.js";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { axeViolations, clickToolbar, saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
import { fixture } from "../helpers/paths.js";

const article = readSeedFile(fixture("editing.argmap.yaml"));
const copyOf = (id: string): MapData => ({ ...article, map: { ...article.map, id } });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const MAPS = ["ed-main", "ed-live", "ed-conflict", "ed-reader", "ed-history", "ed-phone", "ed-desktop", "ed-merge", "ed-undercut", "ed-redo", "ed-speaker"];

const suite = useBrowserSuite(
  () => MAPS.map(copyOf),
  { secret: "editor-test-secret-0123456789abcdef0123456789", events: { pollMs: 200 } },
  {
    users: { ann: "analyst", ben: "analyst", rex: "reader", ria: "reader", ada: "admin" },
    owned: () => [
      { map: copyOf("ed-private"), owner: "ann" },
      { map: copyOf("ed-unshare"), owner: "ann" },
      { map: copyOf("ed-admin-share"), owner: "ann" },
    ],
    removeMaps: true,
  },
);
const users = suite.users;
let url: string;
beforeAll(() => {
  url = suite.server.url;
});

/** A request to the API as one of the suite's users (set-up that is not what the test is about). */
const apiAs = (who: "ann" | "ben" | "rex" | "ria", method: string, route: string, body?: unknown) =>
  fetch(`${url}${route}`, { method, headers: { Authorization: `Bearer ${users[who].token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
/** The offsets of a passage of the fixture's text. */
const passage = (q: string) => ({ start: article.map.text.indexOf(q), end: article.map.text.indexOf(q) + q.length });
const BRIDGE = { id: "build-bridge", kind: "thesis", text: "The town should build a bridge.", ...passage("The town should build a bridge.") };

/** What a test starts from, made by ann through the API: claims (`/claims`) and relations (`/relations`), in order. */
async function madeBefore(map: string, edits: readonly (readonly ["/claims" | "/relations", object])[]) {
  for (const [route, body] of edits) expect((await apiAs("ann", "POST", `/api/maps/${map}${route}`, body)).status).toBe(201);
}

/** A browser (own storage) whose user has signed in before, when `who` is given. */
const browserFor = (who: "ann" | "ben" | "rex" | "ria" | "ada" | null, viewport = DESKTOP) => suite.newPage({ as: who, viewport });

async function open(page: Page, query: string, role: string = "anonymous") {
  await page.goto(`${url}/${query}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.waitForSelector(`[data-testid="sign-in"][data-role="${role}"]`, { state: "attached" });
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

/** Selects a passage of the reading pane as a user's drag would (it may run across marked passages). */
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

type PickIn = "text" | "outline" | "map";

/** From the selected claim's panel: "Supports…", "Undercuts…", "Merge into…" and so on, then the target picked where the test says. */
async function pick(page: Page, start: "supports" | "attacks" | "undercuts" | "merge", target: string, pickIn: PickIn) {
  await page.click(`[data-testid="start-${start}"]`);
  await page.waitForSelector('[data-testid="pick-banner"]:not([hidden])');
  if (pickIn === "text") await page.click(`#reader mark[data-claim="${target}"]`);
  else if (pickIn === "outline") await page.click(`#outline [role="treeitem"][data-claim="${target}"] > .row`);
  else {
    // The layout may still be moving the claims an edit just added: aim at where the target is now,
    // and again while the pick is still open (a click on empty canvas or on the source keeps it open).
    const banner = page.locator('[data-testid="pick-banner"]');
    await expect
      .poll(
        async () => {
          if (await banner.isHidden()) return true;
          const pos = await page.evaluate((t) => {
            const a = (window as any).__argmap;
            const d = a.renderer.getNodeDisplayData(t);
            const p = a.renderer.framedGraphToViewport(d);
            const box = document.querySelector("#sigma")!.getBoundingClientRect();
            return { x: box.left + p.x, y: box.top + p.y };
          }, target);
          await page.mouse.click(pos.x, pos.y);
          return banner.isHidden();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
  }
}

/** From the selected claim's panel: "Supports…" / "Attacks…", then the target picked where the test says. */
async function link(page: Page, verb: "supports" | "attacks", target: string, pickIn: PickIn) {
  await pick(page, verb, target, pickIn);
  const dialog = page.locator('[data-testid="relation-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-testid="relation-save"]').click();
  await dialog.waitFor({ state: "detached" });
}

const selectClaim = async (page: Page, id: string) => {
  await page.click(`#reader mark[data-claim="${id}"]`);
  await page.waitForSelector(`[data-testid="edit-section"][data-claim="${id}"]`);
};

/** Ann, signed in on `query`, selects `claim`, starts an action and picks its target where the test says: the dialog it opens. */
async function pickedDialog(query: string, claim: string, [start, target, pickIn]: [Parameters<typeof pick>[1], string, PickIn], dialogId: string) {
  const { page, errors } = await browserFor("ann");
  await open(page, query, "analyst");
  await selectClaim(page, claim);
  await pick(page, start, target, pickIn);
  const dialog = page.locator(`[data-testid="${dialogId}"]`);
  await dialog.waitFor();
  return { page, errors, dialog };
}

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
      await madeBefore(map, [
        ["/claims", BRIDGE],
        ["/claims", { id: "too-expensive", kind: "challenge", text: "A bridge would cost too much, more than the town can ever pay back.", cites: [2], ...passage("A bridge would cost too much.") }],
        ["/relations", { type: "ATTACKS", source: "too-expensive", target: "build-bridge" }],
      ]);

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
      expect((await apiAs("ben", "PATCH", `/api/maps/${map}/claims/traffic-grows`, { text: "Traffic would double, and the ferry could not carry it." })).status).toBe(200);
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
  it("merges two claims that say the same: the one kept takes the other's support and footnote, picked in the outline", async () => {
    await madeBefore("ed-merge", [
      ["/claims", BRIDGE],
      ["/claims", { id: "ferry-slow", kind: "evidence", text: "The ferry is slow.", cites: [1], ...passage("The ferry is slow and often cancelled.") }],
      ["/claims", { id: "ferry-cancelled", kind: "evidence", text: "The ferry is often cancelled.", ...passage("often cancelled") }],
      ["/relations", { type: "SUPPORTS", source: "ferry-slow", target: "build-bridge" }],
    ]);

    const { page, errors, dialog } = await pickedDialog("?map=ed-merge&reader=1&outline=1", "ferry-slow", ["merge", "ferry-cancelled", "outline"], "merge-dialog");
    expect(await dialog.textContent()).toContain("Keep “The ferry is often cancelled.” and remove “The ferry is slow.”.");
    await saveScreenshot(page, "editor-merge-dialog-desktop");
    await dialog.locator('[data-testid="merge-confirm"]').click();
    await dialog.waitFor({ state: "detached" });

    await graphHas(page, "node", "ferry-slow", false);
    await graphHas(page, "edge", "SUPPORTS:ferry-cancelled->build-bridge");
    await page.waitForSelector('[data-testid="edit-section"][data-claim="ferry-cancelled"]'); // the kept claim is selected
    expect(await page.locator('#outline [data-claim="ferry-slow"]').count()).toBe(0);
    await saveScreenshot(page, "editor-merged-desktop");
    const kept = await (await fetch(`${url}/api/maps/ed-merge/claims/ferry-cancelled`)).json();
    expect(kept.claim.citations).toEqual([1]);
    expect(kept.supports.map((c: { id: string }) => c.id)).toEqual(["build-bridge"]);
    expect((await fetch(`${url}/api/maps/ed-merge/claims/ferry-slow`)).status).toBe(404);
    const [last] = (await (await fetch(`${url}/api/maps/ed-merge/history?limit=1`)).json()).revisions;
    expect(last).toMatchObject({ user: users.ann.name, op: { type: "claim.merge" } });
    expect(errors).toEqual([]);
  });

  it("makes an undercut from a selected claim: the target picked in the text, the inference it denies chosen, with the sentence that says so", async () => {
    await madeBefore("ed-undercut", [
      ["/claims", BRIDGE],
      ["/claims", { id: "second-pier", kind: "challenge", text: "A second pier would carry the traffic.", ...passage("the town would need a second pier") }],
      ["/relations", { type: "SUPPORTS", source: "traffic-grows", target: "build-bridge" }],
    ]);

    const { page, errors, dialog } = await pickedDialog("?map=ed-undercut&reader=1&outline=1&mode=evaluate", "second-pier", ["undercuts", "build-bridge", "text"], "relation-dialog");
    expect(await dialog.locator('[data-testid="relation-summary"]').textContent()).toBe("A second pier would carry the traffic. undercuts The town should build a bridge.");
    // The only reason given for the bridge is the inference the undercut can deny.
    expect(await dialog.locator('[data-testid="relation-inference"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["traffic-grows"]);
    await dialog.locator('[data-testid="relation-quote"]').fill("Traffic on the ferry would also grow, and the town would need a second pier.");
    await saveScreenshot(page, "editor-undercut-dialog-desktop");
    await dialog.locator('[data-testid="relation-save"]').click();
    await dialog.waitFor({ state: "detached" });

    const key = "UNDERCUTS:second-pier->traffic-grows->build-bridge";
    await graphHas(page, "edge", key);
    // The claims keep their labels; what falls is the inference from traffic to the bridge.
    await page.waitForFunction(
      () => (window as any).__argmap.evaluation?.inferences?.some((i: { inference: string; target: string; label: string }) => i.inference === "traffic-grows" && i.target === "build-bridge" && i.label === "out"),
    );
    await saveScreenshot(page, "editor-undercut-desktop");
    const graph = await (await fetch(`${url}/api/maps/ed-undercut/graph`)).json();
    const edge = graph.edges.find((e: { key: string }) => e.key === key);
    expect(edge?.attributes).toMatchObject({ type: "UNDERCUTS", inference: "traffic-grows", quote: "Traffic on the ferry would also grow, and the town would need a second pier." });
    expect(errors).toEqual([]);
  });

  it("lets the owner unshare a private map: the reader it was shared with no longer finds it, in the list or by its address", async () => {
    expect((await apiAs("ann", "PUT", "/api/maps/ed-unshare/access", { visibility: "private", members: [users.rex.name] })).status).toBe(200);
    const reader = await browserFor("rex");
    await reader.page.goto(`${url}/?map=ed-unshare`);
    await reader.page.waitForSelector("body[data-ready=true]");
    expect(await reader.page.evaluate(() => (window as any).__argmap.graph.getAttribute("id"))).toBe("ed-unshare");

    const owner = await browserFor("ann");
    await open(owner.page, "?map=ed-unshare", "analyst");
    await clickToolbar(owner.page, '[data-testid="share"]');
    const dialog = owner.page.locator('[data-testid="share-dialog"]');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('[data-testid="share-members"]').inputValue(), { timeout: 30_000 }).toBe(users.rex.name);
    await dialog.locator('[data-testid="share-members"]').fill("");
    await dialog.locator('[data-testid="share-save"]').click();
    await owner.page.waitForFunction(() => document.querySelector('[data-testid="share-result"]')?.textContent === "Saved: private, shared with nobody else.");
    await saveScreenshot(owner.page, "editor-unshare-desktop");

    expect((await apiAs("rex", "GET", "/api/maps/ed-unshare/graph")).status).toBe(404);
    expect(((await (await apiAs("rex", "GET", "/api/maps")).json()) as { maps: { id: string }[] }).maps.map((m) => m.id)).not.toContain("ed-unshare");
    await reader.page.reload();
    await reader.page.waitForSelector("body[data-ready=true]");
    expect(
      await reader.page.evaluate(() => ({
        listed: [...document.querySelectorAll("#map-select option")].some((o) => (o as HTMLOptionElement).value === "ed-unshare"),
        shown: (window as any).__argmap.graph.getAttribute("id") === "ed-unshare",
      })),
    ).toEqual({ listed: false, shown: false });
    await saveScreenshot(reader.page, "editor-unshared-reader-desktop");
    expect([...owner.errors, ...reader.errors]).toEqual([]);
  });
  it("redoes an undone edit with Ctrl+Shift+Z and with the toolbar's Redo: each undo and redo a new revision, all kept after a reload", async () => {
    await madeBefore("ed-redo", [["/claims", BRIDGE]]);
    const { page, errors } = await browserFor("ann");
    await open(page, "?map=ed-redo&reader=1", "analyst");
    await selectClaim(page, "traffic-grows");
    await link(page, "supports", "build-bridge", "text");
    const SUPPORT = "SUPPORTS:traffic-grows->build-bridge";
    await graphHas(page, "edge", SUPPORT);
    const onServer = async () => ((await (await fetch(`${url}/api/maps/ed-redo/graph`)).json()) as { edges: { key: string }[] }).edges.some((e) => e.key === SUPPORT);

    // A key pressed while the last edit is still on its way is not taken: wait for the button, as a user sees it.
    const ready = (button: "undo" | "redo") => page.waitForSelector(`[data-testid="${button}"]:not([disabled])`);
    await page.locator("#sigma").click({ position: { x: 5, y: 5 } });
    await ready("undo");
    await page.keyboard.press("Control+z");
    await graphHas(page, "edge", SUPPORT, false);
    await ready("redo");
    expect(await page.locator('[data-testid="redo"]').getAttribute("title")).toMatch(/^Redo: /);
    await page.keyboard.press("Control+Shift+z");
    await graphHas(page, "edge", SUPPORT);
    await expect.poll(onServer, { timeout: 30_000 }).toBe(true);

    await ready("undo");
    await page.keyboard.press("Control+z");
    await graphHas(page, "edge", SUPPORT, false);
    await expect.poll(onServer, { timeout: 30_000 }).toBe(false);
    await clickToolbar(page, '[data-testid="redo"]');
    await graphHas(page, "edge", SUPPORT);
    await page.waitForSelector('[data-testid="redo"][disabled]'); // nothing left to redo
    await saveScreenshot(page, "editor-redone-desktop");

    // Each undo and redo went to the server as an operation of its own, by ann; nothing was rewritten.
    const { revisions } = (await (await fetch(`${url}/api/maps/ed-redo/history?limit=5`)).json()) as { revisions: { user: string; op: { type: string } }[] };
    expect(revisions.map((r) => r.op.type)).toEqual(["undo", "undo", "undo", "undo", "relation.create"]);
    expect(new Set(revisions.map((r) => r.user))).toEqual(new Set([users.ann.name]));
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await graphHas(page, "edge", SUPPORT);
    expect(errors).toEqual([]);
  });

  it("edits a claim's speaker and entities, offered from the map's own entities, and finds them after a reload", async () => {
    await madeBefore("ed-speaker", [["/claims", { id: "state-pays", kind: "claim", text: "The state pays most of the cost.", ...passage("the state pays most of the cost") }]]);
    const { page, errors } = await browserFor("ann");
    await open(page, "?map=ed-speaker&reader=1", "analyst");
    await selectClaim(page, "state-pays");
    await page.click('[data-testid="edit-claim"]');
    const dialog = page.locator('[data-testid="claim-dialog"]');
    await dialog.waitFor();
    // The choices are the map's entities: every one of them as a possible mention, its actors as possible speakers.
    const mapEntities = article.entities.map((e) => e.id).sort();
    expect((await dialog.locator("[data-entity]").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).sort()).toEqual(mapEntities);
    const [author, ...speakers] = await dialog.locator('[data-testid="edit-speaker"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(author).toBe(""); // the author's own claim comes first
    expect(speakers.sort()).toEqual(article.entities.filter((e) => e.type === "actor").map((e) => e.id).sort());
    await dialog.locator('[data-testid="edit-speaker"]').selectOption("town");
    await dialog.locator('[data-entity="state"]').check();
    await dialog.locator('[data-entity="bridge"]').check();
    await saveScreenshot(page, "editor-speaker-entities-desktop");
    await dialog.locator('[data-testid="claim-save"]').click();
    await dialog.waitFor({ state: "detached" });
    await graphHas(page, "edge", "MENTIONS:state-pays->entity:state");

    const stored = (await (await fetch(`${url}/api/maps/ed-speaker/claims/state-pays`)).json()) as { claim: { speaker: string | null }; entities: { id: string }[] };
    expect(stored.claim.speaker).toBe("town");
    expect(stored.entities.map((e) => e.id).sort()).toEqual(["bridge", "state"]);

    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('[data-testid="sign-in"][data-role="analyst"]', { state: "attached" });
    await selectClaim(page, "state-pays");
    await page.click('[data-testid="edit-claim"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="edit-speaker"]').inputValue()).toBe("town");
    expect((await dialog.locator("[data-entity]:checked").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).sort()).toEqual(["bridge", "state"]);
    expect(errors).toEqual([]);
  });

  it("lets an admin who does not own a map share it privately and unshare it again in the Share dialog", async () => {
    const admin = await browserFor("ada");
    await open(admin.page, "?map=ed-admin-share", "admin");
    await clickToolbar(admin.page, '[data-testid="share"]');
    const dialog = admin.page.locator('[data-testid="share-dialog"]');
    await dialog.waitFor();
    await admin.page.waitForFunction((owner) => document.querySelector('[data-testid="share-owner"]')?.textContent === `Owner: ${owner}`, users.ann.name);
    await dialog.locator('[data-testid="visibility-private"]').check();
    await dialog.locator('[data-testid="share-members"]').fill(users.rex.name);
    await dialog.locator('[data-testid="share-save"]').click();
    await admin.page.waitForFunction((rex) => document.querySelector('[data-testid="share-result"]')?.textContent === `Saved: private, shared with ${rex}.`, users.rex.name);
    await saveScreenshot(admin.page, "editor-admin-share-desktop");
    const status = async (who: "ann" | "rex" | "ria" | null) => (who ? await apiAs(who, "GET", "/api/maps/ed-admin-share/graph") : await fetch(`${url}/api/maps/ed-admin-share/graph`)).status;
    expect({ owner: await status("ann"), member: await status("rex"), other: await status("ria"), anonymous: await status(null) }).toEqual({ owner: 200, member: 200, other: 404, anonymous: 404 });

    await dialog.locator('[data-testid="share-members"]').fill("");
    await dialog.locator('[data-testid="share-save"]').click();
    await admin.page.waitForFunction(() => document.querySelector('[data-testid="share-result"]')?.textContent === "Saved: private, shared with nobody else.");
    expect({ owner: await status("ann"), member: await status("rex") }).toEqual({ owner: 200, member: 404 });
    await dialog.locator('[data-testid="visibility-public"]').check();
    await dialog.locator('[data-testid="share-save"]').click();
    await admin.page.waitForFunction(() => document.querySelector('[data-testid="share-result"]')?.textContent === "Saved: the map is public.");
    expect({ member: await status("rex"), anonymous: await status(null) }).toEqual({ member: 200, anonymous: 200 });
    expect(admin.errors).toEqual([]);
  });
});
