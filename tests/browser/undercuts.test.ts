import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
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
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 100 && data[i] > 150 && data[i + 1] < 140 && data[i + 2] < 80) vermillion++;
        return vermillion;
      };
      return { atMidpoint: inkNear(mid.x, mid.y, 8), farAway: inkNear(5, 5, 4) };
    });
    expect(drawn.atMidpoint).toBeGreaterThan(10);
    expect(drawn.farAway).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
