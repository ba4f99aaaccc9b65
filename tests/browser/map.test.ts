import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { inkRatio, recordCspViolations, saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
import { articleSeed, fixture } from "../helpers/paths.js";
import { syntheticMap } from "../../bench/corpus.js";

const MAP = "davidson-2019-inf";
/** A map large enough to be drawn quietly while laid out (over 1,000 nodes), shaped like the bench's. */
const LARGE = "large-1500";
const largeMap = () => {
  const m = syntheticMap(1500, { claimsPerMap: 1500, citationsPerMap: 0, entitiesPerMap: 0, attackRate: 0.3, mentionsPerClaim: 0 });
  m.map.id = LARGE;
  return m;
};
const suite = useBrowserSuite(() => [readSeedFile(articleSeed), readSeedFile(fixture("xss.argmap.yaml")), largeMap()]);
let page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

beforeEach(async () => {
  pageErrors.length = 0;
  cspViolations.length = 0;
  page = await suite.browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await recordCspViolations(page, cspViolations);
});
afterEach(async (ctx) => {
  await saveScreenshot(page, ctx.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  await page.close();
  expect(pageErrors).toEqual([]);
  expect(cspViolations).toEqual([]);
});

async function open(query = `?map=${MAP}`) {
  await page.goto(suite.server.url + "/" + query);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
}

describe("the argument map in the browser", () => {
  it("works under the server's strict Content-Security-Policy, which refuses inline script and style", async () => {
    await open();
    await page.waitForSelector("body[data-layout=settled]", { timeout: 30_000 });
    // Everything the app loads (modules, styles, the layout worker, images) came without a violation.
    expect(cspViolations).toEqual([]);
    // The policy is in force: an inline script and an inline style injected into the page are refused.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.body.append(script);
      const style = document.createElement("style");
      style.textContent = "body { background: red }";
      document.head.append(style);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
    expect(cspViolations.join("\n")).toMatch(/script-src-elem: inline/);
    expect(cspViolations.join("\n")).toMatch(/style-src-elem: inline/);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 0, 0)");
    cspViolations.length = 0;
  });

  it("renders the article's map on the canvas", async () => {
    await open();
    await page.waitForSelector("body[data-layout=settled]", { timeout: 30_000 });
    const { ratio, colours } = inkRatio(await page.locator("#sigma").screenshot());
    expect(ratio).toBeGreaterThan(0.01);
    expect(colours).toBeGreaterThan(5); // several kinds' colours, not one smear
    const order = await page.evaluate(() => (window as any).__argmap.graph.order);
    expect(order).toBeGreaterThan(150);
    await expect(page.locator("#legend").textContent()).resolves.toMatch(/Challenge.*Rebuttal/s);
  });

  it("searches, and selecting a result opens the claim's panel", async () => {
    await open();
    await page.fill("#search-input", "trepidation");
    await page.click('#search-results button[data-claim="russia-border-trepidation"]');
    await page.waitForSelector('[data-testid="claim-quote"]');
    expect(await page.textContent('[data-testid="claim-quote"]')).toContain("Russian behavior exhibits extreme trepidation");
    expect(await page.textContent('[data-testid="supports"]')).toContain("Russia has no evidence that NATO membership");
    expect(new URL(page.url()).searchParams.get("claim")).toBe("russia-border-trepidation");
  });

  it("restores the selection, mode and filters from a permalink, also after a reload", async () => {
    await open(`?map=${MAP}&claim=f35-exposure&mode=support&kinds=evidence,challenge,remedy&reader=1`);
    await page.waitForSelector('[data-testid="claim-text"]');
    const check = async () => {
      expect(await page.textContent('[data-testid="claim-speaker"]')).toBe("Curtis Scaparrotti claims:");
      expect(await page.textContent('[data-testid="claim-text"]')).toContain("F-35");
      expect(await page.locator('#reader mark.active').first().textContent()).toContain("General Curtis Scaparrotti");
      expect(await page.locator('.modes button[data-mode="support"]').getAttribute("class")).toContain("active");
      expect(await page.isChecked('#kind-filter input[data-kind="premise"]')).toBe(false);
      expect(await page.isChecked('#kind-filter input[data-kind="evidence"]')).toBe(true);
    };
    await check();
    await page.reload();
    await page.waitForSelector('[data-testid="claim-text"]');
    await check();
  });

  it("shows claim text that looks like HTML as plain characters, and runs none of it", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await open(`?map=xss-check&claim=html-claim&reader=1&outline=1`);
    await page.waitForSelector('[data-testid="claim-text"]');
    expect(await page.textContent('[data-testid="claim-text"]')).toBe("<img src=x onerror=alert(1)>");
    expect(await page.textContent('[data-testid="supported-by"]')).toContain('<a href="javascript:alert(3)">click</a>');
    expect(await page.textContent('[data-testid="citations"]')).toContain("<svg onload=alert(2)>");
    expect(await page.locator("#outline").textContent()).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("#reader").textContent()).toContain("<img src=x onerror=alert(1)> is what the claim says.");
    await page.fill("#search-input", "img");
    await page.waitForSelector("#search-results button");
    expect(await page.textContent("#search-results")).toContain("<img src=x onerror=alert(1)>");
    // Nothing became an element: no <img>, <svg>, <script> or javascript: link anywhere in the page.
    expect(await page.locator("img, svg, main script, a[href^='javascript:']").count()).toBe(0);
    // With no such element there is nothing left to fire later: the dialogs seen so far are all there can be.
    expect(dialogs).toEqual([]);
  });

  it("navigates the outline with the keyboard, in step with the selection", async () => {
    await open(`?map=${MAP}&outline=1`);
    const first = page.locator('#outline [role="treeitem"]').first();
    await first.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="claim-text"]');
    const selected = new URL(page.url()).searchParams.get("claim");
    expect(selected).toBeTruthy();
    expect(await page.locator(`#outline [role="treeitem"][aria-selected="true"]`).getAttribute("data-claim")).toBe(selected);
  });

  it("evaluates: labels with icons, proposals read as acceptable or not, a why, and what-if withdrawals that change the labels", async () => {
    await open(`?map=${MAP}&mode=evaluate&claim=remedy`);
    await page.waitForSelector('[data-testid="verdict-label"]');
    // The remedy is a proposal: not "OUT — defeated" but not acceptable, because CAATSA is never answered.
    expect(await page.textContent('[data-testid="verdict-label"]')).toMatch(/^Not acceptable \(proposal, OUT\)/);
    expect(await page.textContent('[data-testid="why"]')).toMatch(/Not acceptable: these objections stand:.*CAATSA currently obstructs Turkey’s purchase/s);
    expect(await page.locator("#legend").textContent()).toMatch(/IN — stands.*OUT — defeated.*UNDEC.*proposals: IN reads acceptable/s);

    const choose = async (claim: string, words: string) => {
      await page.fill("#search-input", words);
      await page.click(`#search-results button[data-claim="${claim}"]`);
      await page.waitForFunction((id) => new URL(location.href).searchParams.get("claim") === id, claim);
    };
    await choose("f35-exposure", "Scaparrotti");
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict-label"]')?.textContent?.startsWith("IN — stands"));
    expect(await page.textContent('[data-testid="claim-speaker"]')).toBe("Curtis Scaparrotti claims:");

    await choose("challenge-caatsa", "obstructs");
    await page.check('[data-testid="withdraw"]');
    await page.waitForFunction(() => (new URL(location.href).searchParams.get("without") ?? "").includes("challenge-caatsa"));
    await choose("remedy", "only solution");
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict-label"]')?.textContent?.startsWith("Acceptable"));
    const evaluation = await page.evaluate(() => (window as any).__argmap.evaluation);
    expect(evaluation.labels.remedy).toBe("in");
    expect(evaluation.proposals.remedy).toBe("acceptable");

    await page.click("#reset-what-if");
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict-label"]')?.textContent?.startsWith("Not acceptable"));
  });

  it("shows who says a reported claim: “Russia claims: …”", async () => {
    await open(`?map=${MAP}&claim=russia-range-claim`);
    await page.waitForSelector('[data-testid="claim-speaker"]');
    expect(await page.textContent('[data-testid="claim-speaker"]')).toBe("Russia claims:");
    expect(await page.textContent('[data-testid="claim-text"]')).toContain("480 km");
    await page.click('[data-testid="attacked-by"] button[data-claim="russia-9m729-noncompliant"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get("claim") === "russia-9m729-noncompliant");
    await page.waitForSelector('[data-testid="claim-text"]');
    // The author's own assertions carry no speaker line.
    expect(await page.locator('[data-testid="claim-speaker"]').count()).toBe(0);
  });

  it("shows coverage: uncited claims marked, a sortable findings table whose rows select claims, and CSV", async () => {
    await open(`?map=${MAP}&mode=coverage`);
    await page.waitForSelector('[data-testid="findings"] tbody tr');
    const report = await page.evaluate(() => (window as any).__argmap.coverage);
    expect(await page.textContent('[data-testid="coverage-totals"]')).toContain(`${report.totals.cited} of ${report.totals.claims} claims`);
    expect(await page.locator('[data-testid="findings"] tbody tr').count()).toBe(report.findings.length);

    await page.click('th button[data-sort="claims"]');
    await page.click('th button[data-sort="claims"]'); // descending: most claims first
    const counts = await page.locator('[data-testid="findings"] tbody tr td:nth-child(5)').allTextContents();
    expect(counts.map(Number)).toEqual([...counts.map(Number)].sort((a, b) => b - a));

    const figureRow = page.locator('[data-testid="findings"] tbody tr[data-kind="uncited-figure"]', { hasText: "480 kilometers" });
    expect(await figureRow.locator("td.figures").textContent()).toBe("480 kilometers");
    expect(await page.locator('[data-testid="findings"] tbody tr[data-kind="repeated-figure"] td.figures').textContent()).toBe("$3.5bn");

    await page.click('[data-testid="findings"] tbody tr[data-kind="duplicate-citation"]');
    const focus: string[] = await page.evaluate(() => (window as any).__argmap.focus);
    expect(focus.sort()).toEqual(["putin-munich-nato-provocation", "putin-nato-military-alliance"]);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="coverage-csv"]')]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString("utf8");
    expect(text.split("\r\n")[0]).toBe("kind,message,citations,claims,figures");
    expect(text.split("\r\n").filter((line) => line.startsWith("uncited,")).length).toBe(report.totals.uncited);
    expect(text).toContain("self-citation,");
    expect(text).toMatch(/\r\nuncited-figure,.*,russia-range-claim,480 kilometers\r\n/);
    expect(text).toMatch(/\r\nrepeated-figure,.*,turkey-pays-s400 patriot-negotiations,\$3\.5bn\r\n/);
  });

  it("draws a large map's edges and labels once its layout settles, keeping the claim selected meanwhile", async () => {
    await open(`?map=${LARGE}&claim=c10`);
    const app = <T>(fn: string): Promise<T> => page.evaluate<T>(`(() => { const a = window.__argmap; return ${fn}; })()`);
    await page.waitForSelector("body[data-layout=settled]", { timeout: 60_000 });
    expect(await app<number>("a.map.positions.viewGraph.size")).toBe(await app<number>("a.graph.size"));
    expect(await app<boolean>(`a.renderer.getSetting("renderLabels")`)).toBe(true);
    expect(await app<boolean>("a.map.view.inputs.quiet")).toBe(false);
    // Every edge is drawn (none hidden), attacks as straight arrows told apart by colour.
    const edges = await app<{ type: string; hidden: boolean; relation: string }[]>(
      `a.graph.mapEdges((e, x) => ({ relation: x.type, ...a.map.view.edges.get(e) }))`,
    );
    expect(edges.filter((e) => e.hidden)).toEqual([]);
    expect(new Set(edges.map((e) => e.type))).toEqual(new Set(["arrow"]));
    expect(new Set(edges.map((e) => e.relation))).toEqual(new Set(["SUPPORTS", "ATTACKS"]));
    // Drawn by plain programs only (graph/plain-programs.ts), also the edges that joined late:
    // on software WebGL an instanced draw costs about ten times as much.
    const instanced = await app<string[]>(
      `[["node", a.renderer.nodePrograms], ["hover", a.renderer.nodeHoverPrograms], ["edge", a.renderer.edgePrograms]].flatMap(([kind, programs]) => Object.entries(programs).flatMap(([type, p]) => (p.programs ?? [p]).filter((part) => part.isInstanced).map(() => kind + " " + type)))`,
    );
    expect(instanced).toEqual([]);
    // The claim asked for at load is still selected, on the map and in the panel.
    expect(await app<string>("a.map.view.inputs.selected")).toBe("c10");
    await page.waitForSelector('[data-testid="claim-text"]');
    expect(await app<boolean>(`a.renderer.getNodeDisplayData("c10").hidden`)).toBe(false);
    const { ratio } = inkRatio(await page.locator("#sigma").screenshot());
    expect(ratio).toBeGreaterThan(0.02);
  });

  it("exports the view as PNG and the map as GraphML", async () => {
    await open();
    const [png] = await Promise.all([page.waitForEvent("download"), page.click("#export-png")]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = await (await png.createReadStream()).toArray();
    expect(Buffer.concat(pngBytes).subarray(1, 4).toString()).toBe("PNG");
    const [graphml] = await Promise.all([page.waitForEvent("download"), page.click("#export-graphml")]);
    const xml = Buffer.concat(await (await graphml.createReadStream()).toArray()).toString("utf8");
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<node id="remedy">');
    expect(xml).toContain('source="russia-also-exposed" target="challenge-acceptable-risk"');
  });
});
