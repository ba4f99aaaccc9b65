/**
 * Markdown → plain text: front matter read as metadata, headings and emphasis
 * dropped, links reduced to their text, footnote references [^n] rendered as
 * [n] and definitions "[^n]: …" as note paragraphs "[n] …". Paragraphs become
 * one line each, separated by a blank line (soft line breaks are spaces).
 */
import { parse as parseYaml } from "yaml";
import type { DocumentMeta, Extracted } from "./types.js";

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/;

function frontMatter(text: string): { meta: Partial<DocumentMeta>; rest: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { meta: {}, rest: text };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch {
    return { meta: {}, rest: text }; // not front matter after all: keep it as text
  }
  const record = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const field = (...names: string[]) => {
    for (const name of names) {
      const v = record[name];
      if (Array.isArray(v) && v.length) return v.map(String).join(" and ");
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === "string" || typeof v === "number") return String(v).trim() || null;
    }
    return null;
  };
  return {
    meta: {
      title: field("title"),
      author: field("author", "authors", "creator"),
      date: field("date", "published"),
      venue: field("venue", "journal", "publisher", "publication"),
    },
    rest: text.slice(match[0].length),
  };
}

/** Inline Markdown → text; footnote labels (numeric or not) numbered by `numberOf`. */
function inline(line: string, numberOf: (label: string) => number): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[\^([^\]\s]+)\]/g, (_m, label: string) => `[${numberOf(label)}]`)
    .replace(/\[([^\]]+)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+"[^"]*")?\)/g, "$1")
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1");
}

export function extractMarkdown(source: string): Extracted {
  const { meta, rest } = frontMatter(source);
  const labels = new Map<string, number>();
  const numberOf = (label: string) => {
    let n = labels.get(label);
    if (n === undefined) {
      n = /^\d{1,4}$/.test(label) ? Number(label) : labels.size + 1;
      labels.set(label, n);
    }
    return n;
  };
  const paragraphs: string[] = [];
  let current: string[] = [];
  let firstHeading: string | null = null;
  const flush = () => {
    if (current.length) paragraphs.push(current.join(" "));
    current = [];
  };
  let fence = false;
  for (const rawLine of rest.split("\n")) {
    if (/^\s*(```|~~~)/.test(rawLine)) {
      fence = !fence;
      flush();
      continue;
    }
    if (fence) {
      current.push(rawLine.trim());
      continue;
    }
    const line = rawLine.replace(/\s+$/, "");
    if (!line.trim()) {
      flush();
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush(); // thematic break
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?$/.exec(line);
    if (heading) {
      flush();
      const text = inline(heading[1] ?? "", numberOf);
      firstHeading ??= text;
      paragraphs.push(text);
      continue;
    }
    const definition = /^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$/.exec(line);
    if (definition) {
      flush();
      current.push(`[${numberOf(definition[1] ?? "")}]`, inline(definition[2] ?? "", numberOf));
      continue;
    }
    const item = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (item && !current.length) {
      current.push(inline(item[1] ?? "", numberOf));
      flush(); // each list item is its own paragraph
      continue;
    }
    current.push(inline(line.replace(/^\s*>\s?/, "").trim(), numberOf));
  }
  flush();
  return {
    format: "markdown",
    text: paragraphs.filter((p) => p.trim()).join("\n\n"),
    meta: { ...meta, title: meta.title ?? firstHeading },
  };
}
