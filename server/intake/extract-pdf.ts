/**
 * PDF → plain text with pdfjs-dist's Node build (pure JavaScript; no binary).
 * Text items are grouped into lines by baseline, lines into paragraphs by the
 * vertical gap between them; a line ending in a hyphen before a lowercase
 * word is joined without it. Raised small digits (superscript footnote
 * references) become [n]. A PDF without any text is a scan: it needs OCR.
 */
import { must } from "../../contract/errors.js";
import path from "node:path";
import { createRequire } from "node:module";
import { DocumentError } from "../errors.js";
import type { DocumentMeta, Extracted } from "./types.js";

/** Bounds on work: pages read, and wall-clock time for the whole document. */
export const PDF_LIMITS = { pages: 2_000, ms: 20_000 };

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  y: number;
  height: number;
  text: string;
}

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

/** "D:20190304120000Z" → "2019-03-04". */
export function pdfDate(value: unknown): string | null {
  const m = typeof value === "string" ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  if (!m) return null;
  return m.slice(1, 4).filter(Boolean).join("-");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function linesOf(items: Item[]): Line[] {
  const bodyHeight = median(items.filter((i) => i.str.trim()).map((i) => i.height)) || 10;
  const lines: { y: number; height: number; parts: Item[] }[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const last = lines[lines.length - 1];
    // Superscripts sit a little above the baseline of their line: same line if within half a body height.
    if (last && Math.abs(last.y - item.y) < bodyHeight * 0.5) last.parts.push(item);
    else lines.push({ y: item.y, height: item.height, parts: [item] });
  }
  return lines.map((line) => {
    const parts = [...line.parts].sort((a, b) => a.x - b.x);
    // The baseline is that of the line's body text (its tallest item), not of a raised superscript.
    const base = parts.reduce((a, b) => (b.height > a.height ? b : a)).y;
    let text = "";
    let lastEnd: number | null = null;
    for (const p of parts) {
      const superscript = /^\d{1,3}$/.test(p.str.trim()) && p.height < bodyHeight * 0.8 && p.y > base + bodyHeight * 0.15;
      const gap = lastEnd === null ? 0 : p.x - lastEnd;
      if (text && gap > bodyHeight * 0.2 && !/\s$/.test(text) && !/^\s/.test(p.str) && !superscript) text += " ";
      text += superscript ? `[${p.str.trim()}]` : p.str;
      lastEnd = p.x + p.width;
    }
    return { y: base, height: Math.max(line.height, bodyHeight * 0.5), text: text.replace(/\s+/g, " ").trim() };
  });
}

function paragraphsOf(lines: Line[]): string[] {
  const paragraphs: string[] = [];
  let current = "";
  let previous: Line | null = null;
  // Line spacing is the smallest regular gap (short paragraphs make paragraph gaps common, so not the median).
  const gaps = lines.slice(1).map((l, i) => must(lines[i], "the line before").y - l.y).filter((d) => d > 1).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 10)] ?? 14;
  for (const line of lines) {
    if (!line.text) continue;
    const gap = previous ? previous.y - line.y : 0;
    if (previous && (gap > spacing * 1.5 || gap < 0)) {
      paragraphs.push(current);
      current = "";
    }
    if (!current) current = line.text;
    else if (/[A-Za-z]-$/.test(current) && /^[a-z]/.test(line.text)) current = current.slice(0, -1) + line.text;
    else current += " " + line.text;
    previous = line;
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const deadline = Date.now() + PDF_LIMITS.ms;
  const task = getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false, verbosity: 0, useSystemFonts: false });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (err) {
    const name = (err as Error)?.name ?? "";
    if (name === "PasswordException") throw new DocumentError("unreadable_document", "the PDF is password-protected; send an unprotected copy");
    throw new DocumentError("unreadable_document", `the PDF cannot be read (${(err as Error)?.message ?? String(err)})`);
  }
  try {
    if (pdf.numPages > PDF_LIMITS.pages) {
      throw new DocumentError("document_too_large", `the PDF has ${pdf.numPages} pages; at most ${PDF_LIMITS.pages} are taken in`);
    }
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      if (Date.now() > deadline) throw new DocumentError("document_too_large", `reading the PDF took over ${PDF_LIMITS.ms / 1000} s (stopped at page ${p} of ${pdf.numPages})`);
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!("str" in it)) continue;
        // pdf.js types the text matrix as any[]: it is [scaleX, skewY, skewX, scaleY, x, y].
        const [, , , scaleY, x, y] = it.transform as [number, number, number, number, number, number];
        items.push({ str: it.str, x, y, width: it.width, height: it.height || Math.abs(scaleY), hasEOL: it.hasEOL });
      }
      page.cleanup();
      const text = paragraphsOf(linesOf(items)).join("\n\n");
      if (text) pages.push(text);
    }
    if (!pages.length) {
      throw new DocumentError(
        "needs_ocr",
        `the PDF has no text layer (${pdf.numPages} page${pdf.numPages === 1 ? "" : "s"} of images): it needs OCR first; run it through an OCR tool (e.g. ocrmypdf) and send the result`,
      );
    }
    // pdf.js types the document info dictionary as `Object`; its fields are read one by one below, each checked.
    const info = (await pdf.getMetadata()).info as unknown as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
    const meta: Partial<DocumentMeta> = { title: str(info?.Title), author: str(info?.Author), date: pdfDate(info?.CreationDate) };
    return { format: "pdf", text: pages.join("\n\n"), meta };
  } finally {
    await pdf.destroy();
  }
}
