import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { recordCspViolations, saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
import { fixture } from "../helpers/paths.js";

const suite = useBrowserSuite(() => [readSeedFile(fixture("interchange/undercut.argmap.yaml"))]);
let page: Page;

describe("an undercut in the browser", () => {
  it("is drawn as a dashed vermillion arrow from the undercutter onto the middle of the support it attacks", async () => {
    page = await suite.browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(suite.server.url + "/?map=undercut-bridge");
    await page.waitForSelector("body[data-layout=settled]", { timeout: 60_000 });
    await saveScreenshot(page, "undercut-arrow");
    const drawn = await page.evaluate(() => {
      const { renderer } = (window as any).__argmap;
      const at = (n: string) => renderer.framedGraphToViewport(renderer.getNodeDisplayData(n));
      const [s, t] = [at("ferry-slow"), at("build-bridge")];
      const mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
      const canvas = document.querySelector("canvas.sigma-undercuts") as HTMLCanvasElement;
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext("2d")!;
      const inkNear = (x: number, y: number, r: number) => {
        const data = ctx.getImageData(Math.round((x - r) * ratio), Math.round((y - r) * ratio), Math.round(2 * r * ratio), Math.round(2 * r * ratio)).data;
        let vermillion = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r = 0, g = 0, b = 0, a = 0] = data.subarray(i, i + 4);
          if (a > 100 && r > 150 && g < 140 && b < 80) vermillion++;
        }
        return vermillion;
      };
      return { atMidpoint: inkNear(mid.x, mid.y, 8), farAway: inkNear(5, 5, 4) };
    });
    expect(drawn.atMidpoint).toBeGreaterThan(10);
    expect(drawn.farAway).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says why in the evaluation: the undercutting claim and the inference it defeats, and a what-if that lets the undercut succeed", async () => {
    page = await suite.browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await recordCspViolations(page, errors);
    await page.goto(suite.server.url + "/?map=undercut-bridge&claim=build-bridge&eval=1");
    const inference = '[data-testid="why-undercuts"] li[data-inference="ferry-slow->build-bridge"]';
    await page.waitForSelector(inference);
    // The strike is answered (the strike will last), so the step from the slow ferry to the bridge holds.
    expect(await page.getAttribute(inference, "data-label")).toBe("in");
    expect(await page.textContent(inference)).toBe(
      "The inference from The ferry is slow. to The town should build a bridge. is IN: it holds, since every undercutter is defeated: " +
        "The ferry is slow only because of a strike that will end. (OUT, defeated by The union says the strike will last for years.)",
    );

    // What if the union's answer were withdrawn? Open it from the why list, withdraw it, go to the strike.
    await page.click(`${inference} button[data-claim="strike-lasts"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="claim-text"]')?.textContent === "The union says the strike will last for years.");
    await page.click('[data-testid="withdraw"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get("without") === "strike-lasts");
    await page.click('[data-testid="attacks"] button[data-claim="strike"]');
    const cut = '[data-testid="why-undercuts"] li[data-inference="ferry-slow->build-bridge"][data-label="out"]';
    await page.waitForSelector(cut);
    expect(await page.textContent(cut)).toBe(
      "The inference from The ferry is slow. to The town should build a bridge. is OUT: defeated by the undercut of The ferry is slow only because of a strike that will end. (IN)",
    );
    // The undercut defeats the inference, not the claims it joins: both still stand.
    const labels = await page.evaluate(() => (window as unknown as { __argmap: { evaluation: { labels: Record<string, string> } } }).__argmap.evaluation.labels);
    expect({ ferry: labels["ferry-slow"], bridge: labels["build-bridge"], strike: labels["strike"] }).toEqual({ ferry: "in", bridge: "in", strike: "in" });
    await saveScreenshot(page, "undercut-why");
    expect(errors).toEqual([]);
    await page.close();
  });
});
