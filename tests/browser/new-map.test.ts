/**
 * A document becomes a map in the browser, against the real server and Neo4j: an analyst signs
 * in, pastes (or chooses) a document with numbered notes, corrects what was read of its title,
 * author and date, and lands on its text and its sentence-level coverage; a finding takes the
 * reading pane to its sentence. Bad documents are refused in the dialog, saying why. Suggestions
 * are underlined in the text and accepted or dismissed. Screenshots at 1440×900 and 390×844.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteMap } from "../../server/db/maps.js";
import { readSeedFile } from "../../server/import/read-seed-file.js";
import { axeViolations, clickToolbar, saveScreenshot, useBrowserSuite } from "../helpers/browser.js";
import { fixture } from "../helpers/paths.js";
import { pdfWithoutText } from "../helpers/pdf.js";

const START = "nm-start";
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;
const HARBOUR = fs.readFileSync(fixture("documents/harbour.txt"), "utf8");

const suite = useBrowserSuite(
  () => {
    const seed = readSeedFile(fixture("editing.argmap.yaml"));
    return [{ ...seed, map: { ...seed.map, id: START } }];
  },
  { secret: "new-map-test-secret-0123456789abcdef0123456789" },
  { users: { ada: "analyst", rex: "reader" }, removeMaps: true },
);
const users = suite.users;
let url: string;
beforeAll(() => {
  url = suite.server.url;
});
/** Maps the tests make: other test files count maps, so they go when this file ends. */
const made = new Set<string>();
/** The page a test is on, to keep a screenshot of where it failed. */
let current: Page | null = null;
/** Each test drives a browser through several server round trips on a shared machine. */
const SLOW = 180_000;
/** expect.poll gives up after 1 s by default: too soon for a round trip on a loaded machine. */
const POLL = { timeout: 30_000 };

afterAll(async () => {
  for (const id of made) await deleteMap(suite.db, id).catch(() => {});
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && current) await saveScreenshot(current, `new-map-failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60).toLowerCase()}`).catch(() => {});
  current = null;
});

async function browserAt(size: Size, who: "ada" | "rex" | null = null): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await suite.newPage({ as: who, viewport: SIZES[size] });
  current = page;
  await page.goto(`${url}/?map=${START}`);
  await page.waitForSelector("body[data-ready=true]");
  return { page, errors };
}

/** The text of the sentence marked in the reading pane, and whether it is in view there. */
const markedSentence = (page: Page) =>
  page.evaluate(() => {
    const marked = [...((CSS as any).highlights.get("argmap-sentence") ?? [])] as Range[];
    const pane = document.querySelector("#reader")!.getBoundingClientRect();
    const box = marked[0]?.getBoundingClientRect();
    return {
      text: marked.map((r) => r.toString()),
      inView: !!box && box.top >= pane.top && box.bottom <= pane.bottom && box.height > 0,
      focusInReader: document.querySelector("#reader")!.contains(document.activeElement),
    };
  });

/** Fills the new map's details and opens it; answers its id. */
async function openMade(page: Page): Promise<string> {
  await page.click('[data-testid="new-map-open"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get("map") !== "nm-start" && document.body.dataset.ready === "true");
  await page.waitForSelector('[data-testid="findings"] tbody tr');
  const id = new URL(page.url()).searchParams.get("map")!;
  made.add(id);
  return id;
}

describe("New map: a pasted document becomes a map with its notes, sentences and coverage", () => {
  it("signs in, pastes a document with numbered notes, corrects its date, and lands on its coverage; a finding scrolls the text to its sentence (desktop)", async () => {
    const { page, errors } = await browserAt("desktop");
    // Signing in as the reader's client does it: the token in the dialog, then the page reads everything again.
    await page.click('[data-testid="sign-in"]');
    await page.fill('[data-testid="token-input"]', users.ada.token);
    await Promise.all([page.waitForEvent("load"), page.click('[data-testid="sign-in-submit"]')]);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector(`[data-testid="sign-in"][data-role="analyst"]`, { state: "attached" });

    await clickToolbar(page, '[data-testid="new-map"]');
    await page.fill('[data-testid="new-map-text"]', HARBOUR);
    expect(await axeViolations(page, '[data-testid="new-map-dialog"]')).toEqual([]);
    await saveScreenshot(page, "new-map-form-desktop");
    await page.click('[data-testid="new-map-submit"]');

    await page.waitForSelector('[data-testid="new-map-details"]');
    expect(await page.textContent('[data-testid="new-map-summary"]')).toMatch(/11 sentences, 6 footnote markers, 6 notes/);
    expect(await page.inputValue('[data-testid="new-map-meta-title"]')).toBe("Ferries and the Harbour Question");
    expect(await page.inputValue('[data-testid="new-map-meta-author"]')).toBe("Jane Q. Public");
    await page.fill('[data-testid="new-map-meta-date"]', "2021-05");
    expect(await axeViolations(page, '[data-testid="new-map-details"]')).toEqual([]);
    const id = await openMade(page);
    expect(id).toMatch(/^ferries-and-the-harbour-question(-\d+)?$/);

    // The details as corrected, the text in the reading pane, the notes as the map's citations.
    const listed = (await (await fetch(`${url}/api/maps`)).json()).maps.find((m: { id: string }) => m.id === id);
    expect(listed).toMatchObject({ title: "Ferries and the Harbour Question", author: "Jane Q. Public", date: "2021-05", citations: 6, claims: 0 });
    await page.waitForSelector("#reader:not([hidden])");
    expect(await page.textContent("#reader")).toContain("The terminal would replace berth No. 3 by 2030.[7]");

    // Sentence-level coverage, on a map with no claims yet.
    expect(await page.textContent('[data-testid="coverage-totals"]')).toMatch(/6 of 11 sentences carry a footnote \(55%\); no claims yet/);
    const kinds = await page.$$eval('[data-testid="findings"] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.kind));
    expect(new Set(kinds)).toEqual(new Set(["duplicate-citation", "self-citation", "missing-date", "marker-without-note", "note-without-marker", "uncited-figure"]));
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="coverage-csv"]')]);
    const rows = Buffer.concat(await (await csv.createReadStream()).toArray()).toString("utf8").trim().split("\r\n");
    expect(rows[0]).toBe("kind,message,citations,claims,figures");
    expect(rows.slice(1).map((r) => r.split(",")[0]).sort()).toEqual([...kinds].sort());
    expect(rows.find((r) => r.startsWith("uncited-figure"))).toMatch(/The city spent \$3\.5bn on new piers\..*,\$3\.5bn$/);

    await page.click('[data-testid="findings"] tr[data-kind="uncited-figure"]');
    await page.waitForFunction(() => (CSS as any).highlights.get("argmap-sentence")?.size === 1);
    expect(await markedSentence(page)).toEqual({ text: ["The city spent $3.5bn on new piers."], inView: true, focusInReader: true });
    await saveScreenshot(page, "new-map-coverage-desktop");

    await page.click('[data-testid="findings"] tr[data-kind="marker-without-note"]');
    await page.waitForFunction(() => [...(CSS as any).highlights.get("argmap-sentence")][0]?.toString().includes("[7]"));
    expect(await markedSentence(page)).toMatchObject({ text: ["The terminal would replace berth No. 3 by 2030.[7]"], inView: true });

    // The notes, as the map's citations.
    await clickToolbar(page, '[data-mode="citations"]');
    await page.waitForSelector('[data-testid="citations-list"]');
    expect(await page.locator('[data-testid="citation-choose"]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\[2\] .*Testimony on Port Safety/), expect.stringMatching(/^\[6\] .*Testimony on Port Safety/)]),
    );
    expect(await page.locator('[data-testid="citation-choose"]').count()).toBe(6);
    expect(errors).toEqual([]);
  }, SLOW);

  it("takes a chosen Markdown file in on a phone, and a finding brings up the text at its sentence (phone)", async () => {
    const { page, errors } = await browserAt("phone", "ada");
    await page.waitForSelector(`[data-testid="sign-in"][data-role="analyst"]`, { state: "attached" });
    await clickToolbar(page, '[data-testid="new-map"]');
    await page.setInputFiles('[data-testid="new-map-file-input"]', fixture("documents/harbour.md"));
    expect(await page.textContent('[data-testid="new-map-file"]')).toMatch(/harbour\.md/);
    expect(await axeViolations(page, '[data-testid="new-map-dialog"]')).toEqual([]);
    await saveScreenshot(page, "new-map-form-phone");
    await page.click('[data-testid="new-map-submit"]');
    await page.waitForSelector('[data-testid="new-map-details"]');
    expect(await page.textContent('[data-testid="new-map-summary"]')).toMatch(/from the MARKDOWN: 11 sentences, 6 footnote markers, 6 notes/);
    await saveScreenshot(page, "new-map-details-phone");
    await openMade(page);
    await saveScreenshot(page, "new-map-coverage-phone");

    await page.click('[data-testid="findings"] tr[data-kind="uncited-figure"]');
    await page.waitForFunction(() => (CSS as any).highlights.get("argmap-sentence")?.size === 1);
    expect(await markedSentence(page)).toEqual({ text: ["The city spent $3.5bn on new piers."], inView: true, focusInReader: true });
    expect(await page.locator("#reader").isVisible()).toBe(true);
    await saveScreenshot(page, "new-map-sentence-phone");
    expect(errors).toEqual([]);
  }, SLOW);
});

describe("New map: documents that cannot become maps are refused in the dialog, saying why", () => {
  for (const size of ["desktop", "phone"] as const) {
    it(`says what is wrong with an empty paste, a binary file, a file over 10 MB and a scan without a text layer, and makes nothing (${size})`, async () => {
      const { page, errors } = await browserAt(size, "ada");
      await page.waitForSelector(`[data-testid="sign-in"][data-role="analyst"]`, { state: "attached" });
      const before = (await (await fetch(`${url}/api/maps`)).json()).maps.length;
      await clickToolbar(page, '[data-testid="new-map"]');
      const error = page.locator('[data-testid="new-map-dialog"] [data-testid="edit-error"]');

      await page.click('[data-testid="new-map-submit"]');
      await expect.poll(() => error.textContent(), POLL).toMatch(/Nothing to take in/);
      expect(await error.getAttribute("role")).toBe("alert");

      await page.setInputFiles('[data-testid="new-map-file-input"]', fixture("documents/image.png"));
      await page.click('[data-testid="new-map-submit"]');
      await expect.poll(() => error.textContent(), POLL).toMatch(/^Not taken in: .*binary and not a PDF/);

      await page.setInputFiles('[data-testid="new-map-file-input"]', { name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
      await page.click('[data-testid="new-map-submit"]');
      await expect.poll(() => error.textContent(), POLL).toMatch(/^Not taken in: the file is 10\.0 MB, over the limit of 10 MB/);

      await page.setInputFiles('[data-testid="new-map-file-input"]', { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(await pdfWithoutText()) });
      await page.click('[data-testid="new-map-submit"]');
      await expect.poll(() => error.textContent(), POLL).toMatch(/no text layer.*needs OCR/);
      expect(await axeViolations(page, '[data-testid="new-map-dialog"]')).toEqual([]);
      await saveScreenshot(page, `new-map-refused-${size}`);

      expect((await (await fetch(`${url}/api/maps`)).json()).maps.length).toBe(before);
      expect(await page.locator('[data-testid="new-map-details"]').count()).toBe(0);
      expect(errors).toEqual([]);
    }, SLOW);
  }

  it("tells an anonymous visitor to sign in, and a reader that making maps needs the analyst role", async () => {
    const anonymous = await browserAt("desktop");
    await clickToolbar(anonymous.page, '[data-testid="new-map"]');
    expect(await anonymous.page.textContent('[data-testid="new-map-refusal"]')).toMatch(/needs an analyst's or an admin's token: sign in first/);
    await anonymous.page.click('[data-testid="new-map-sign-in"]');
    await anonymous.page.waitForSelector('[data-testid="sign-in-dialog"]');

    const reader = await browserAt("desktop", "rex");
    await reader.page.waitForSelector(`[data-testid="sign-in"][data-role="reader"]`, { state: "attached" });
    await clickToolbar(reader.page, '[data-testid="new-map"]');
    expect(await reader.page.textContent('[data-testid="new-map-refusal"]')).toMatch(/signed in as rex-\w+, a reader: .*needs the analyst or admin role/);
    expect(await reader.page.locator('[data-testid="new-map-text"]').count()).toBe(0);
    expect(await axeViolations(reader.page, '[data-testid="new-map-dialog"]')).toEqual([]);
    await saveScreenshot(reader.page, "new-map-reader-desktop");
    expect([...anonymous.errors, ...reader.errors]).toEqual([]);
  }, SLOW);
});

describe("Suggestions: underlined in the text, accepted or dismissed", () => {
  it("underlines the open suggestions, dismisses one for good and accepts another as two claims and a support (desktop)", async () => {
    const res = await fetch(`${url}/api/documents?id=nm-suggest`, { method: "POST", headers: { Authorization: `Bearer ${users.ada.token}`, "Content-Type": "text/plain" }, body: HARBOUR });
    expect(res.status).toBe(201);
    made.add("nm-suggest");
    const { page, errors } = await browserAt("desktop", "ada");
    await page.goto(`${url}/?map=nm-suggest&reader=1`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('[data-testid="suggestions"]:not([hidden])');
    const count = async () => Number(/\((\d+)\)/.exec((await page.textContent('[data-testid="suggestions"]')) ?? "")?.[1]);
    const open = await count();
    expect(open).toBeGreaterThanOrEqual(2);
    await page.waitForFunction((n) => (CSS as any).highlights.get("argmap-suggestion")?.size === 2 * n, open);

    await clickToolbar(page, '[data-testid="suggestions"]');
    const item = (marker: string) => page.locator('[data-testid="suggestion-list"] li', { hasText: `“${marker}”` });
    await item("However").locator('[data-testid="suggestion-show"]').click();
    await page.waitForFunction(() => (CSS as any).highlights.get("argmap-suggestion-shown")?.size === 2);
    expect(await axeViolations(page, '[data-testid="suggestions-dialog"]')).toEqual([]);
    await saveScreenshot(page, "new-map-suggestions-desktop");

    const [dismissed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/dismiss") && r.request().method() === "POST"),
      item("However").locator('[data-testid="suggestion-dismiss"]').click(),
    ]);
    expect(dismissed.status()).toBe(200);
    await expect.poll(count, POLL).toBe(open - 1);
    await item("Therefore").locator('[data-testid="suggestion-accept"]').click();
    await page.waitForFunction(() => (window as any).__argmap.graph.filterEdges((_e: string, a: { type: string }) => a.type === "SUPPORTS").length === 1);
    await expect.poll(count, POLL).toBe(open - 2);

    // Remembered by the server: a reload shows the same.
    const suggestions = (await (await fetch(`${url}/api/maps/nm-suggest/suggestions`)).json()).suggestions as { marker: string; status: string }[];
    expect(suggestions.find((s) => s.marker === "However")!.status).toBe("dismissed");
    expect(suggestions.find((s) => s.marker === "Therefore")!.status).toBe("accepted");
    const graph = await (await fetch(`${url}/api/maps/nm-suggest/graph`)).json();
    const quotes = graph.nodes.filter((n: any) => n.attributes.nodeType === "claim").map((n: any) => n.attributes.quote);
    expect(quotes).toEqual(expect.arrayContaining([expect.stringMatching(/^However, the port authority says that waiting times fell in 2020\.\[4\]$/), expect.stringMatching(/^the city should build a second terminal/)]));
    expect(errors).toEqual([]);
  }, SLOW);

  it("draws an open suggestion between two claims already on the map as a dashed relation, and drops it once dismissed (desktop)", async () => {
    const made201 = await fetch(`${url}/api/documents?id=nm-suggest-map`, { method: "POST", headers: { Authorization: `Bearer ${users.ada.token}`, "Content-Type": "text/plain" }, body: HARBOUR });
    expect(made201.status).toBe(201);
    made.add("nm-suggest-map");
    const open = ((await (await fetch(`${url}/api/maps/nm-suggest-map/suggestions`)).json()).suggestions as { id: string; type: string; marker: string; source: { start: number; end: number }; target: { start: number; end: number } }[]);
    const chosen = open.find((s) => s.type === "SUPPORTS");
    expect(chosen).toBeDefined();
    // Two claims quoting the suggestion's two passages, made through the edit routes.
    const claimIds: string[] = [];
    for (const span of [chosen!.source, chosen!.target]) {
      const revision = (await (await fetch(`${url}/api/maps/nm-suggest-map/graph`)).json()).attributes.revision as string;
      const res = await fetch(`${url}/api/maps/nm-suggest-map/claims`, {
        method: "POST",
        headers: { Authorization: `Bearer ${users.ada.token}`, "Content-Type": "application/json", "If-Match": `"${revision}"` },
        body: JSON.stringify({ kind: "claim", text: `Passage at ${span.start}`, start: span.start, end: span.end }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      claimIds.push(((await res.json()) as { claim: { id: string } }).claim.id);
    }
    const { page, errors } = await browserAt("desktop", "ada");
    await page.goto(`${url}/?map=nm-suggest-map`);
    await page.waitForSelector("body[data-ready=true]");
    const drawn = () => page.evaluate(() => (window as any).__argmap.map.suggestedRelations as { source: string; target: string; type: string }[]);
    await expect.poll(drawn, POLL).toContainEqual({ source: claimIds[0], target: claimIds[1], type: "SUPPORTS" });
    await saveScreenshot(page, "new-map-suggested-relation-on-map-desktop");
    // A reader is offered no suggestions, so none are drawn for them.
    const reader = await browserAt("desktop", "rex");
    await reader.page.goto(`${url}/?map=nm-suggest-map`);
    await reader.page.waitForSelector("body[data-ready=true]");
    expect(await reader.page.evaluate(() => (window as any).__argmap.map.suggestedRelations.length)).toBe(0);
    // Dismissed: gone from the map.
    await clickToolbar(page, '[data-testid="suggestions"]');
    await page.locator(`[data-testid="suggestion-list"] li[data-suggestion="${chosen!.id}"] [data-testid="suggestion-dismiss"]`).click();
    await expect.poll(async () => (await drawn()).some((r) => r.source === claimIds[0] && r.target === claimIds[1]), POLL).toBe(false);
    expect(errors).toEqual([]);
    expect(reader.errors).toEqual([]);
  }, SLOW);
});
