import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
page.on("console", (m) => { if (!m.text().includes("GL Driver")) console.log("console:", m.type(), m.text()); });
page.on("pageerror", (e) => console.log("pageerror:", e.message));
const t = Date.now();
await page.goto(process.argv[2]);
for (let i = 0; i < 12; i++) {
  await page.waitForTimeout(5000);
  const s = await page.evaluate(() => ({ ready: document.body.dataset.ready, layout: document.body.dataset.layout, status: document.querySelector("#status")?.textContent, m: window.__argmap?.metrics }));
  console.log(Math.round((Date.now() - t) / 1000), JSON.stringify(s));
  if (s.layout) break;
}
await browser.close();
