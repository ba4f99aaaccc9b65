/**
 * The reader's client as researchers, students and editors use it, at desktop and phone sizes,
 * in Chromium against the real server and Neo4j. Each test leaves a screenshot in
 * test-results/browser/.
 */
import fs from "node:fs";
import { must } from "../../contract/errors.js";
import path from "node:path";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { recordCspViolations, saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
import { articleSeed, root } from "../helpers/paths.js";

const MAP = "davidson-2019-inf";
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 } } as const;
const BOTH = ["desktop", "phone"] as const;
type Size = keyof typeof SIZES;
const AXE = fs.readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

const suite = useBrowserSuite(() => [readSeedFile(articleSeed)]);
let page: Page;
const pageErrors: string[] = [];
beforeEach(() => {
  pageErrors.length = 0;
});
afterEach(async (ctx) => {
  if (page) {
    await saveScreenshot(page, `client-${ctx.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`);
    await page.context().close();
  }
  expect(pageErrors).toEqual([]);
});

async function open(query: string, at: Size = "desktop") {
  const context = await suite.browser.newContext({ viewport: SIZES[at], permissions: ["clipboard-read", "clipboard-write"] });
  page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  // The server's strict CSP holds for every view: a violation is a page error like any other.
  await recordCspViolations(page, pageErrors);
  await page.goto(`${suite.server.url}/${query}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
}

const param = (name: string) => new URL(page.url()).searchParams.get(name);
const app = <T>(fn: string): Promise<T> => page.evaluate<T>(`(() => { const a = window.__argmap; return ${fn}; })()`);

/** Opens the toolbar's menu on narrow screens (a no-op where the toolbar is open). */
async function openMenu() {
  if ((await page.locator("#menu-toggle").isVisible()) && (await page.locator("#menu-toggle").getAttribute("aria-expanded")) !== "true") await page.click("#menu-toggle");
}

/** Closes it again, so it covers nothing. */
async function closeMenu() {
  if ((await page.locator("#menu-toggle").isVisible()) && (await page.locator("#menu-toggle").getAttribute("aria-expanded")) === "true") await page.click("#menu-toggle");
}

/** Clicks a toolbar control, through the menu on narrow screens. */
async function toolbar(selector: string) {
  await openMenu();
  await page.click(selector);
}

/** axe-core in the page: the serious and critical violations, as "rule: target" lines. */
async function axeViolations(): Promise<string[]> {
  // Evaluated by the test driver, not injected as an inline <script> (which the page's CSP refuses).
  await page.evaluate(AXE);
  const result = await page.evaluate<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })`,
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

describe("on a phone or a tablet", () => {
  for (const at of ["phone", "tablet"] as const) {
    it(`folds the toolbar into a menu and opens the panel and the article as sheets over the map (${at})`, async () => {
      await open(`?map=${MAP}&claim=remedy&reader=1`, at);
      await page.waitForSelector('[data-testid="claim-text"]');
      const header = await page.locator("header").boundingBox();
      expect(header!.height).toBeLessThan(70);
      expect(await page.locator("#menu").isVisible()).toBe(false);
      await page.click("#menu-toggle");
      expect(await page.locator("#menu").isVisible()).toBe(true);
      expect(await page.locator('[data-mode="chain"]').isVisible()).toBe(true);
      await page.click("#menu-toggle");
      // The map keeps the whole width; the sheets lie over it, anchored to the bottom.
      const stage = await page.locator("#sigma").boundingBox();
      expect(stage!.width).toBe(SIZES[at].width);
      for (const sheet of ["#panel", "#reader"]) {
        const box = await page.locator(sheet).boundingBox();
        expect(box!.width).toBe(SIZES[at].width);
        expect(Math.round(box!.y + box!.height)).toBe(SIZES[at].height);
      }
      await page.click('#reader button[aria-label="Close the article"]');
      expect(param("reader")).toBeNull();
    });
  }
});

describe("researcher: the chain as a chain", () => {
  for (const at of ["desktop", "phone"] as const) {
    it(`lays the chain out in its order, numbers the steps on the map and in the list, and hangs the challenges off the conclusion (${at})`, async () => {
      await open(`?map=${MAP}`, at);
      await toolbar('[data-mode="chain"]');
      await page.waitForSelector('[data-testid="chain-claims"] li');
      const chain = await app<string[]>("a.chain");
      const listed = await page.locator('[data-testid="chain-claims"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute("data-claim")));
      expect(listed).toEqual(chain);
      const texts = await page.locator('[data-testid="chain-claims"] li').allTextContents();
      // NATO expansion → Russia's insecurity → 9M729 development → the perception must be denied → the remedy.
      const at9M729 = texts.findIndex((t) => /9M729/.test(t));
      expect(texts[0]).toMatch(/NATO/);
      expect(texts.findIndex((t) => /insecur|no evidence|threat/i.test(t))).toBeLessThan(at9M729);
      expect(texts.findIndex((t) => /perception must be/i.test(t))).toBeGreaterThan(at9M729);
      expect(await app<string>(`a.graph.getNodeAttribute(a.chain[a.chain.length - 1], "kind")`)).toBe("remedy");
      expect(texts.map((t) => t.match(/^(\d+)/)?.[1])).toEqual(chain.map((_id, i) => String(i + 1)));
      // On the map: each step numbered, labelled in full (wrapped), and one column (or row) further on.
      const steps = await app<{ step: number; wrap: boolean; label: string; text: string }[]>(
        "a.chain.map((id) => ({ ...a.map.view.nodes.get(id), text: a.graph.getNodeAttribute(id, 'text') }))",
      );
      expect(steps.map((s) => s.step)).toEqual(chain.map((_id, i) => i + 1));
      for (const s of steps) expect(s).toMatchObject({ wrap: true, label: s.text });
      await page.waitForFunction(() => document.body.dataset.layout === "settled");
      // Once the tween into the chain layout is over (polled, not a fixed wait: a loaded machine draws late).
      const along = async () => {
        const points = await app<{ x: number; y: number }[]>("a.chain.map((id) => a.renderer.getNodeDisplayData(id))");
        return points.map((p) => (at === "desktop" ? p.x : -p.y));
      };
      await expect.poll(async () => { const a = await along(); return a.every((v, i) => i === 0 || v >= (a[i - 1] ?? -Infinity)); }, { timeout: 10_000 }).toBe(true);
      // The challenges to the conclusion, each answered or not.
      const challenges = await page.locator('[data-testid="chain-challenges"] > li').allTextContents();
      expect(challenges.length).toBeGreaterThanOrEqual(2);
      for (const c of challenges) expect(c).toMatch(/answered by|unanswered/);
    });
  }

  for (const at of BOTH) it(`zooms in, out and back to fit with buttons (${at})`, async () => {
    await open(`?map=${MAP}&mode=chain`, at);
    await page.waitForSelector('[data-testid="chain-claims"] li');
    const ratio = () => app<number>("a.renderer.getCamera().ratio");
    // The camera glides; each step is polled until it has arrived rather than given a fixed time.
    await page.click("#zoom-in");
    await expect.poll(ratio, { timeout: 10_000 }).toBeLessThan(1);
    await expect.poll(() => app<boolean>("a.renderer.getCamera().isAnimated()"), { timeout: 10_000 }).toBe(false);
    const zoomedIn = await ratio();
    await page.click("#zoom-out");
    await page.click("#zoom-out");
    await expect.poll(ratio, { timeout: 10_000 }).toBeGreaterThan(zoomedIn);
    await page.click("#zoom-fit");
    await expect.poll(async () => Math.abs((await ratio()) - 1), { timeout: 10_000 }).toBeLessThan(1e-5);
  });
});

describe("labels", () => {
  for (const at of BOTH) {
    it(`shows the selected claim's whole text inside the stage, to the left of a claim at its edge, never under the panel (${at})`, async () => {
      await open(`?map=${MAP}&claim=remedy`, at);
      await page.waitForSelector('[data-testid="claim-text"]');
      await page.waitForSelector("body[data-layout=settled]");
      await expect.poll(() => app<boolean>("a.renderer.getCamera().isAnimated()"), { timeout: 10_000 }).toBe(false);
      // Move the camera so the selected claim sits 30 px from the stage's right edge (the panel's, on a desktop).
      const width = await app<number>(`(() => {
        const r = a.renderer;
        const p = r.framedGraphToViewport(r.getNodeDisplayData("remedy"));
        const { width } = r.getDimensions();
        const [from, to] = [r.viewportToFramedGraph(p), r.viewportToFramedGraph({ x: width - 30, y: p.y })];
        const c = r.getCamera().getState();
        r.getCamera().setState({ x: c.x + from.x - to.x, y: c.y + from.y - to.y });
        return width;
      })()`);
      // The emphasis layer (the selected claim's ring and text box): ink left of the claim, none at the edges.
      const ink = () =>
        page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>("canvas.sigma-emphasis")!;
          const { data, width, height } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
          let edge = 0;
          let minX = width;
          for (let y = 0; y < height; y++)
            for (let x = 0; x < width; x++) {
              if ((data[(y * width + x) * 4 + 3] ?? 0) < 16) continue;
              minX = Math.min(minX, x);
              if (x >= width - 3 || y >= height - 3 || x < 3 || y < 3) edge++;
            }
          return { edge, minX, width };
        });
      await expect.poll(async () => (await ink()).minX, { timeout: 10_000 }).toBeLessThan(width - 200);
      expect((await ink()).edge).toBe(0);
    });
  }
});

describe("student: is this objection answered?", () => {
  for (const at of ["desktop", "phone"] as const) {
    it(`says for each counterargument in the attack view whether it is answered, and by what (${at})`, async () => {
      await open(`?map=${MAP}&claim=remedy&mode=attack`, at);
      await page.waitForSelector('[data-testid="counterarguments"] li');
      const attackers = await app<string[]>(`a.graph.inEdges("remedy").filter((e) => a.graph.getEdgeAttribute(e, "type") === "ATTACKS").map((e) => a.graph.source(e))`);
      const rows = page.locator('[data-testid="counterarguments"] > li');
      expect(await rows.count()).toBe(attackers.length);
      for (const id of attackers) {
        const answers = await app<number>(`a.graph.inEdges(${JSON.stringify(id)}).filter((e) => a.graph.getEdgeAttribute(e, "type") === "ATTACKS").length`);
        const note = await page.locator(`[data-testid="counterarguments"] > li[data-claim="${id}"] [data-testid="answer"]`).textContent();
        expect(note).toMatch(answers > 0 ? /^— answered by / : /^— unanswered/);
      }
    });
  }

  for (const at of BOTH) it(`keeps the evaluation as an overlay on the support tree, the attack view and the chain, with a why for claims that stand (${at})`, async () => {
    await open(`?map=${MAP}&claim=remedy&mode=support&eval=1`, at);
    await page.waitForSelector('[data-testid="verdict-label"]');
    const verdictOf = (id: string) => app<string | undefined>(`a.map.view.nodes.get(${JSON.stringify(id)}).verdict`);
    expect(await app<string>("a.state.mode")).toBe("support");
    expect(await verdictOf("remedy")).toBeTruthy();
    await toolbar('.modes [data-mode="attack"]');
    await closeMenu();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("mode") === "attack");
    await page.waitForSelector('[data-testid="counterarguments"] [data-testid="answer"]');
    expect(await page.locator('[data-testid="counterarguments"]').textContent()).toMatch(/\((IN|OUT|UNDEC)\)/);
    await toolbar('.modes [data-mode="chain"]');
    await closeMenu();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("mode") === "chain");
    await page.waitForSelector('[data-testid="claim-text"]');
    expect(await verdictOf("remedy")).toBeTruthy();
    expect(param("eval")).toBe("1");
    // "Why?" for a claim that stands.
    const standing = await app<string>(`Object.entries(a.evaluation.labels).find(([id, l]) => l === "in" && a.graph.inEdges(id).some((e) => a.graph.getEdgeAttribute(e, "type") === "ATTACKS"))[0]`);
    await page.goto(`${suite.server.url}/?map=${MAP}&claim=${standing}&eval=1`);
    await page.waitForSelector('[data-testid="why"]');
    // A proposal (the remedy, an option) that stands reads "Acceptable (proposal, IN)".
    expect(await page.textContent('[data-testid="verdict-label"]')).toMatch(/^IN|^Acceptable \(proposal, IN\)/);
    expect(await page.textContent('[data-testid="why"]')).toMatch(/stands because every attacker is itself defeated/);
  });

  for (const at of BOTH) it(`says what a what-if changed and marks those claims on the map (${at})`, async () => {
    await open(`?map=${MAP}&eval=1`, at);
    await page.waitForFunction(() => (window as any).__argmap.evaluation);
    // Withdraw every answer to a challenge of the remedy that does not stand now.
    const plan = await app<{ challenge: string; answers: string[] }>(`(() => {
      const attackers = (id) => a.graph.inEdges(id).filter((e) => a.graph.getEdgeAttribute(e, "type") === "ATTACKS").map((e) => a.graph.source(e));
      const challenge = attackers("remedy").find((c) => a.evaluation.labels[c] !== "in" && attackers(c).length > 0);
      return { challenge, answers: attackers(challenge) };
    })()`);
    expect(plan.challenge).toBeTruthy();
    await page.goto(`${suite.server.url}/?map=${MAP}&eval=1&without=${plan.answers.join(",")}`);
    await page.waitForSelector('[data-testid="what-if-summary"]');
    const changed = await page.locator("#what-if li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-claim")));
    expect(changed).toContain(plan.challenge);
    expect(await page.textContent('[data-testid="what-if-summary"]')).toBe(`${changed.length} claim${changed.length === 1 ? "" : "s"} changed`);
    for (const id of changed) expect(await app<boolean>(`a.map.view.nodes.get(${JSON.stringify(id)}).changed`)).toBe(true);
    expect(await page.textContent("#what-if")).toMatch(/→ IN/);
  });

  for (const at of ["desktop", "phone"] as const) {
    it(`shows the pros and cons of the selected claim in columns, nested (${at})`, async () => {
      await open(`?map=${MAP}&claim=remedy&procon=1`, at);
      await page.waitForSelector('[data-testid="procon"]');
      const [pros, cons] = await app<[number, number]>(
        `["SUPPORTS", "ATTACKS"].map((t) => a.graph.inEdges("remedy").filter((e) => a.graph.getEdgeAttribute(e, "type") === t).length)`,
      );
      expect(await page.textContent('[data-testid="procon"] h3 >> nth=0')).toBe(`Pros (${pros})`);
      expect(await page.textContent('[data-testid="procon"] h3 >> nth=1')).toBe(`Cons (${cons})`);
      expect(await page.locator('[data-testid="procon"] li li').count()).toBeGreaterThan(0); // nested
      await page.click('[data-testid="procon-toggle"]');
      expect(param("procon")).toBeNull();
    });
  }
});

describe("editor: lists to work through", () => {
  for (const at of BOTH) it(`lists every footnote with its text, date, link, flags and claims; choosing one highlights its claims (${at})`, async () => {
    await open(`?map=${MAP}&mode=citations`, at);
    await page.waitForSelector('[data-testid="citations-list"] > li');
    const footnotes = await app<number>(`a.graph.filterNodes((n, x) => x.nodeType === "citation").length`);
    expect(await page.locator('[data-testid="citations-list"] > li').count()).toBe(footnotes);
    expect(await page.textContent('[data-testid="citations-list"]')).toContain("missing-date");
    const first = page.locator('[data-testid="citations-list"] > li').first();
    await first.locator('[data-testid="citation-choose"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("citation") !== null);
    const n = Number(param("citation"));
    const carriers = await app<string[]>(`a.graph.inNeighbors("citation:${n}").sort()`);
    expect((await app<string[]>("a.focus")).sort()).toEqual(carriers);
    expect(carriers.length).toBeGreaterThan(0);
  });

  for (const at of ["desktop", "phone"] as const) {
    it(`lists every uncited claim by kind, sorts findings by severity, keeps the chosen finding in the URL and a way back from a claim (${at})`, async () => {
      await open(`?map=${MAP}&mode=coverage`, at);
      await page.waitForSelector('[data-testid="uncited"] tbody tr');
      const report = await app<{ uncited: { id: string; kind: string }[]; findings: { kind: string; claims?: string[] }[] }>("a.coverage");
      expect(await page.locator('[data-testid="uncited"] tbody tr').count()).toBe(report.uncited.length);
      await page.selectOption('[data-testid="uncited-kind"]', "evidence");
      expect(await page.locator('[data-testid="uncited"] tbody tr').count()).toBe(report.uncited.filter((c) => c.kind === "evidence").length);
      const severities = await page.locator('[data-testid="findings"] tbody tr td:first-child').allTextContents();
      const rank = { high: 3, medium: 2, low: 1, info: 0 } as Record<string, number>;
      const ranks = severities.map((s) => must(rank[s], `the rank of severity "${s}"`));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      // Uncited claims are drawn unlike any kind.
      const types = await app<string[]>(`a.coverage.uncited.map((c) => a.map.view.nodes.get(c.id).type)`);
      expect(new Set(types)).toEqual(new Set(["uncited"]));
      // A finding chosen is in the URL, and survives a reload.
      await page.click('[data-testid="findings"] tbody tr[data-kind="duplicate-citation"]');
      await page.waitForFunction(() => new URL(location.href).searchParams.get("finding") !== null);
      const index = Number(param("finding"));
      const involved = [...(must(report.findings[index], `finding ${index}`).claims ?? [])].sort();
      expect((await app<string[]>("a.focus")).sort()).toEqual(involved);
      await page.reload();
      await page.waitForSelector('[data-testid="findings"] tbody tr.active');
      expect((await app<string[]>("a.focus")).sort()).toEqual(involved);
      // Opening a claim from the table keeps a way back to it.
      await page.selectOption('[data-testid="uncited-kind"]', "");
      const row = page.locator('[data-testid="uncited"] tbody tr').first();
      const id = await row.getAttribute("data-claim");
      await row.click();
      await page.waitForSelector('[data-testid="back"]');
      expect(param("claim")).toBe(id);
      await page.click('[data-testid="back"]');
      await page.waitForSelector('[data-testid="uncited"]');
      expect(param("claim")).toBeNull();
    });
  }

  it("downloads a CSV with every finding and every uncited claim", async () => {
    await open(`?map=${MAP}&mode=coverage`);
    await page.waitForSelector('[data-testid="coverage-csv"]');
    const report = await app<{ uncited: unknown[]; findings: unknown[] }>("a.coverage");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="coverage-csv"]')]);
    const lines = Buffer.concat(await (await csv.createReadStream()).toArray()).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("kind,message,citations,claims,figures");
    expect(lines.filter((l) => l.startsWith("uncited,")).length).toBe(report.uncited.length);
    expect(lines.length).toBe(1 + report.findings.length + report.uncited.length);
  });
});

describe("outline, navigation and keyboard", () => {
  for (const at of BOTH) it(`starts the outline at the conclusions and rings only the focused row (${at})`, async () => {
    await open(`?map=${MAP}&outline=1`, at);
    const kinds = await page.locator('#outline [role="tree"] > [role="treeitem"]').evaluateAll((lis) => lis.slice(0, 2).map((li) => li.getAttribute("data-claim")));
    expect(await app<string[]>(`${JSON.stringify(kinds)}.map((id) => a.graph.getNodeAttribute(id, "kind"))`)).toEqual(["thesis", "remedy"]);
    const first = page.locator('#outline [role="treeitem"]').first();
    await first.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const rings = await page.evaluate(() => {
      const li = document.activeElement as HTMLElement;
      const row = li.querySelector<HTMLElement>(":scope > .row")!;
      const child = li.querySelector<HTMLElement>('[role="group"] .row');
      return { li: getComputedStyle(li).outlineStyle, row: getComputedStyle(row).outlineStyle, child: child ? getComputedStyle(child).outlineStyle : "none" };
    });
    expect(rings).toEqual({ li: "none", row: "solid", child: "none" });
  });

  for (const at of ["desktop", "phone"] as const) {
    it(`moves between views with Back and Forward, copies the link, closes with Escape and focuses the passage (${at})`, async () => {
      await open(`?map=${MAP}`, at);
      await page.fill("#search-input", "trepidation");
      await page.click('#search-results button[data-claim="russia-border-trepidation"]');
      await page.waitForSelector('[data-testid="claim-text"]');
      await page.click('#panel button:has-text("What supports this")');
      await page.waitForFunction(() => new URL(location.href).searchParams.get("mode") === "support");
      await page.goBack();
      await page.waitForFunction(() => new URL(location.href).searchParams.get("mode") === null);
      expect(await app<string>("a.state.mode")).toBe("explore");
      expect(param("claim")).toBe("russia-border-trepidation");
      await page.goForward();
      await page.waitForFunction(() => (window as any).__argmap.state.mode === "support");
      await toolbar("#copy-link");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
      if (at === "phone" && (await page.locator("#menu").isVisible())) await page.click("#menu-toggle");
      await page.click('#panel button:has-text("Show in article")');
      await page.waitForFunction(() => document.activeElement?.matches("#reader mark.active"));
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("claim") === null);
      expect(await page.locator("#panel").isVisible()).toBe(false);
    });
  }

  for (const at of BOTH) it(`announces errors in a live region and keeps them: unknown map, unknown claim, nothing selected (${at})`, async () => {
    await open(`?map=no-such-map&claim=no-such-claim`, at);
    await page.waitForSelector("#alerts .alert");
    await toolbar('.modes [data-mode="support"]');
    const alerts = await page.locator("#alerts .alert").allTextContents();
    expect(await page.getAttribute("#alerts", "role")).toBe("alert");
    expect(alerts.join("\n")).toMatch(/No map "no-such-map"/);
    expect(alerts.join("\n")).toMatch(/No claim "no-such-claim"/);
    expect(alerts.join("\n")).toMatch(/Nothing is selected/);
  });
});

describe("one loaded map", () => {
  it("is disposed as a unit: its canvases go and nothing it scheduled runs afterwards", async () => {
    await open(`?map=${MAP}`);
    // Mid-layout: the worker is still publishing positions and a tween may be running.
    await page.evaluate(() => (window as any).__argmap.map.dispose());
    const canvases = await page.locator("#sigma canvas").count();
    await page.waitForTimeout(1500); // longer than the layout's 250 ms publishing interval
    expect(canvases).toBe(0);
    expect(await page.evaluate(() => (window as any).__argmap.map.isDisposed)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe("exports", () => {
  for (const at of BOTH) it(`exports a PNG with the map's title and legend, and GraphML without view positions unless asked (${at})`, async () => {
    await open(`?map=${MAP}`, at);
    await page.waitForSelector("body[data-layout=settled]");
    const [png] = await Promise.all([page.waitForEvent("download"), toolbar("#export-png")]);
    const image = PNG.sync.read(Buffer.concat(await (await png.createReadStream()).toArray()));
    const canvas = await page.locator("#sigma").boundingBox();
    const scale = image.width / canvas!.width;
    expect(image.height / scale).toBeGreaterThan(canvas!.height + 100); // a title band above, the legend below
    // The title band holds dark text pixels (the title), the legend band too.
    const inkIn = (top: number, bottom: number) => {
      let ink = 0;
      for (let y = Math.round(top); y < Math.round(bottom); y++)
        for (let x = 0; x < image.width; x++) if (image.data.readUInt8((y * image.width + x) * 4) < 80) ink++;
      return ink;
    };
    expect(inkIn(0, 40 * scale)).toBeGreaterThan(50);
    expect(inkIn(image.height - 60 * scale, image.height)).toBeGreaterThan(50);

    const graphml = async () => {
      const [file] = await Promise.all([page.waitForEvent("download"), toolbar("#export-graphml")]);
      return Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
    };
    const plain = await graphml();
    expect(plain).toContain('<node id="remedy">');
    expect(plain).not.toMatch(/attr.name="x"/);
    await openMenu();
    await page.check("#graphml-positions");
    expect(await graphml()).toMatch(/attr.name="x"/);
  });
});

describe("accessibility", () => {
  const views: [string, Size, string, string][] = [
    ["the map", "desktop", `?map=${MAP}`, "#legend li"],
    ["a claim with its pros and cons", "desktop", `?map=${MAP}&claim=remedy&procon=1&eval=1`, '[data-testid="procon"]'],
    ["the attack view", "desktop", `?map=${MAP}&claim=remedy&mode=attack`, '[data-testid="counterarguments"]'],
    ["the chain", "desktop", `?map=${MAP}&mode=chain&eval=1`, '[data-testid="chain-claims"] li'],
    ["coverage", "desktop", `?map=${MAP}&mode=coverage`, '[data-testid="uncited"] tbody tr'],
    ["citations", "desktop", `?map=${MAP}&mode=citations`, '[data-testid="citations-list"] li'],
    ["outline and article", "desktop", `?map=${MAP}&claim=remedy&outline=1&reader=1`, "#reader mark.active"],
    ["the phone menu", "phone", `?map=${MAP}&claim=remedy`, '[data-testid="claim-text"]'],
    ["a claim with its pros and cons", "phone", `?map=${MAP}&claim=remedy&procon=1&eval=1`, '[data-testid="procon"]'],
    ["the attack view", "phone", `?map=${MAP}&claim=remedy&mode=attack`, '[data-testid="counterarguments"]'],
    ["the chain", "phone", `?map=${MAP}&mode=chain&eval=1`, '[data-testid="chain-claims"] li'],
    ["coverage", "phone", `?map=${MAP}&mode=coverage`, '[data-testid="uncited"] tbody tr'],
    ["citations", "phone", `?map=${MAP}&mode=citations`, '[data-testid="citations-list"] li'],
    ["the outline", "phone", `?map=${MAP}&outline=1`, '#outline [role="treeitem"]'],
    ["the article", "phone", `?map=${MAP}&claim=remedy&reader=1`, "#reader mark.active"],
  ];
  for (const [name, at, query, ready] of views) {
    it(`has no serious or critical axe violation: ${name} (${at})`, async () => {
      await open(query, at);
      await page.waitForSelector(ready);
      if (name === "the phone menu") await page.click("#menu-toggle");
      expect(await axeViolations()).toEqual([]);
    });
  }
});
