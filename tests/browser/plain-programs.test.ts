import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { PNG } from "pngjs";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inkRatio, launchChromium, screenshotDir } from "../helpers/browser.js";
import { fixture } from "../helpers/paths.js";

// The page draws one small graph with sigma's instanced programs or with argmap's plain ones
// (client/src/graph/plain-programs.ts), in the same place; it is bundled here, as the client is.
let browser: Browser;
let page: Page;
let script: string;

beforeAll(async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "argmap-programs-"));
  await build({
    configFile: false,
    logLevel: "silent",
    build: { outDir, emptyOutDir: true, minify: false, lib: { entry: fixture("browser/programs-page.ts"), formats: ["iife"], name: "programsPage", fileName: () => "page.js" } },
  });
  script = fs.readFileSync(path.join(outDir, "page.js"), "utf8");
  fs.rmSync(outDir, { recursive: true, force: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 600, height: 500 } });
  await page.setContent(`<!doctype html><body style="margin:0;background:#fff"><div id="stage" style="width:500px;height:400px"></div></body>`);
  await page.addScriptTag({ content: script });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Drawn {
  instanced: boolean;
  nodes: { node: string; x: number; y: number }[];
}

async function draw(kind: "stock" | "plain"): Promise<{ drawn: Drawn; png: Buffer }> {
  const drawn = await page.evaluate((k) => (window as any).draw(k) as Drawn, kind);
  // Two frames: the drawing reaches the screen before the screenshot.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const png = await page.locator("#stage").screenshot();
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(path.join(screenshotDir, `programs-${kind}.png`), png);
  return { drawn, png };
}

/** Pixels whose colour differs by more than `tolerance` in some channel. */
function differingPixels(a: Buffer, b: Buffer, tolerance = 8): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(x.data[i + c]! - y.data[i + c]!) > tolerance) {
        differing++;
        break;
      }
    }
  }
  return differing;
}

describe("argmap's plain (not instanced) sigma programs", () => {
  it("draw discs, squares, ringed discs, arrows, curved arrows and lines exactly as sigma's own programs do, and hidden ones not at all", async () => {
    const stock = await draw("stock");
    const plain = await draw("plain");
    expect(stock.drawn.instanced).toBe(true);
    expect(plain.drawn.instanced).toBe(false);
    // Something is drawn (two blank stages would match too), and it is the same drawing.
    expect(inkRatio(plain.png).ratio).toBeGreaterThan(0.02);
    expect(inkRatio(plain.png).colours).toBeGreaterThan(20);
    expect(differingPixels(stock.png, plain.png)).toBe(0);
  });

  it("leave sigma's picking intact: the node under each node's centre is that node, and empty space has none", async () => {
    const { drawn } = await draw("plain");
    expect(drawn.nodes).toHaveLength(9);
    for (const { node, x, y } of drawn.nodes) {
      expect(await page.evaluate(([px, py]) => (window as any).nodeAt(px, py), [x, y])).toBe(node);
    }
    expect(await page.evaluate(() => (window as any).nodeAt(250, 200))).toBeNull(); // the middle: only the hidden node is there
  });
});
