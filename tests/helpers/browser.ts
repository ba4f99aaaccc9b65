import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll } from "vitest";
import type { MapData } from "../../contract/model.js";
import type { Role } from "../../contract/workbench.js";
import type { AppOptions } from "../../server/app.js";
import { deleteMap, loadMap } from "../../server/db/maps.js";
import type { Database } from "../../server/db/neo4j.js";
import { testDatabase } from "./db.js";
import { root } from "./paths.js";
import { startTestServer, TEST_TOKEN, type TestServer } from "./server.js";

export const CHROMIUM = "/usr/bin/chromium";
export const screenshotDir = path.join(root, "test-results", "browser");

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (npm test does it when root)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Share of pixels that differ clearly from the background: 0 for a blank canvas. */
export function inkRatio(png: Buffer, background: readonly [number, number, number] = [255, 255, 255]): { ratio: number; colours: number } {
  const image = PNG.sync.read(png);
  let ink = 0;
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data.readUInt8(i), image.data.readUInt8(i + 1), image.data.readUInt8(i + 2)];
    if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 60) {
      ink++;
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
  }
  return { ratio: ink / (image.width * image.height), colours: colours.size };
}

/**
 * Collects every Content-Security-Policy violation of `page` into `into` ("directive: blocked"):
 * the securitypolicyviolation events of the document (listened to before any script of the page
 * runs) and Chromium's own "Refused to …" console reports.
 */
export async function recordCspViolations(page: Page, into: string[]): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.effectiveDirective}: ${e.blockedURI || "inline"} at ${e.sourceFile || "?"}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
    );
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/^CSP violation: /.test(text)) into.push(text);
  });
}

/**
 * What every browser spec file needs: the maps it reads loaded into the test run's Neo4j, the real
 * server with the built client, the users it signs in as, and Chromium; all started before the
 * file's tests and stopped after.
 */
export interface BrowserSuite<U extends string = never> {
  readonly db: Database;
  readonly server: TestServer;
  readonly browser: Browser;
  /** The suite's users by the keys it named, each with the token POST /api/users gave once. */
  readonly users: Record<U, SuiteUser>;
  /**
   * A browser of its own (own storage), signed in as `as` when given; `errors` collects the page's
   * uncaught errors and Content-Security-Policy violations, which every spec expects to stay empty.
   */
  newPage(options?: { as?: U | null; viewport?: { width: number; height: number } }): Promise<{ page: Page; errors: string[] }>;
}

export interface SuiteUser {
  name: string;
  token: string;
}

export interface SuiteSetup<U extends string> {
  /** Users to make through POST /api/users as the admin, by key and role. Their names get a per-run suffix: the database outlives a file. */
  users?: Record<U, Role>;
  /** Maps owned by one of those users (private maps), by the user's key: loaded once the users exist. */
  owned?: () => { map: MapData; owner: NoInfer<U> }[];
  /** Delete every map the suite loaded when it stops (other files count maps and entities). */
  removeMaps?: boolean;
}

export function useBrowserSuite<U extends string = never>(maps: () => MapData[], options: Partial<AppOptions> = {}, setup: SuiteSetup<U> = {}): BrowserSuite<U> {
  const suite: { db?: Database; server?: TestServer; browser?: Browser } = {};
  // Filled in beforeAll, before any test reads it.
  const users = {} as Record<U, SuiteUser>;
  const loaded: string[] = [];
  const contexts: BrowserContext[] = [];
  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`the browser suite's ${name} is used before beforeAll started it`);
    return part;
  };
  beforeAll(async () => {
    const db = (suite.db = testDatabase());
    for (const map of maps()) {
      await loadMap(db, map, { force: true });
      loaded.push(map.map.id);
    }
    const server = (suite.server = await startTestServer(db, path.join(root, "client/dist"), options));
    const suffix = Date.now().toString(36);
    for (const [key, role] of Object.entries<Role>(setup.users ?? {})) {
      const res = await fetch(`${server.url}/api/users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${options.token ?? TEST_TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: `${key}-${suffix}`, role }),
      });
      if (res.status !== 201) throw new Error(`the browser suite could not make user ${key}: ${res.status} ${await res.text()}`);
      users[key as U] = (await res.json()) as SuiteUser;
    }
    for (const { map, owner } of setup.owned?.() ?? []) {
      await loadMap(db, map, { force: true, owner: users[owner].name });
      loaded.push(map.map.id);
    }
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await suite.browser?.close();
    await suite.server?.close();
    if (setup.removeMaps && suite.db) for (const id of loaded) await deleteMap(suite.db, id).catch(() => {});
    await suite.db?.close();
  });
  return {
    get db() {
      return started(suite.db, "database");
    },
    get server() {
      return started(suite.server, "server");
    },
    get browser() {
      return started(suite.browser, "browser");
    },
    users,
    async newPage({ as = null, viewport = { width: 1440, height: 900 } } = {}) {
      const context = await started(suite.browser, "browser").newContext({ viewport });
      contexts.push(context);
      if (as) await context.addInitScript((token) => localStorage.setItem("argmap.token", token), users[as].token);
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(err.message));
      await recordCspViolations(page, errors);
      return { page, errors };
    },
  };
}

/** Clicks a toolbar control; on a phone the toolbar folds into a menu, opened first. */
export async function clickToolbar(page: Page, selector: string): Promise<void> {
  const toggle = page.locator("#menu-toggle");
  if ((await toggle.isVisible()) && !(await page.locator(selector).isVisible())) await toggle.click();
  await page.click(selector);
}

const AXE = path.join(root, "node_modules/axe-core/axe.min.js");

/**
 * axe-core run in the page on the part `selector` names (the whole document without one): the
 * serious and critical WCAG 2.1 A/AA violations, as "rule: target" lines. Evaluated through the
 * driver rather than added as a <script>, so a strict Content-Security-Policy does not stop it.
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(fs.readFileSync(AXE, "utf8") + "\n;0");
  const result = await page.evaluate<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }, string | null>(
    (sel) => (window as any).axe.run(sel ? document.querySelector(sel) : document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    selector ?? null,
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}
