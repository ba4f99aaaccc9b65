/**
 * HTML → plain text without a DOM: a tag tokenizer that knows block elements
 * (each a paragraph), skips scripts, styles and navigation, renders footnote
 * references (<sup>3</sup>, <a href="#fn3">) as [3] and the items of a
 * footnotes list as note paragraphs "[3] …", and reads <title> and <meta>.
 */
import type { DocumentMeta, Extracted } from "./types.js";

const BLOCK = new Set([
  "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "li", "ol", "ul", "dl", "dt", "dd",
  "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "figure", "figcaption", "pre", "hr", "br", "address", "body", "html",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "nav", "head", "button", "form", "select", "iframe", "object"]);
const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"]);

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", ldquo: "“", rdquo: "”",
  lsquo: "‘", rsquo: "’", hellip: "…", copy: "©", reg: "®", deg: "°", shy: "", laquo: "«", raquo: "»", eacute: "é",
  egrave: "è", aacute: "á", oacute: "ó", uacute: "ú", iacute: "í", ntilde: "ñ", uuml: "ü", ouml: "ö", auml: "ä", ccedil: "ç",
  sup1: "¹", sup2: "²", sup3: "³", thinsp: " ", ensp: " ", emsp: " ", times: "×", euro: "€", pound: "£", sect: "§", para: "¶",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : null;
};

/** A note reference's number from its link target: #fn3, #fn:3, #note-3, #footnote-3, #cite_note-3, #en3. */
function noteNumberOfHref(href: string | null): number | null {
  const m = href && /^#(?:fn|footnote|note|endnote|en|cite_note|ftn)[-_:]?(?:[a-z]+-)?(\d{1,4})$/i.exec(href);
  return m ? Number(m[1]) : null;
}

/** A footnotes list item's number from its id: fn3, fn:3, footnote-3, note-3, cite_note-3. */
function noteNumberOfId(id: string | null): number | null {
  const m = id && /^(?:fn|footnote|note|endnote|en|cite_note|ftn)[-_:]?(?:[a-z]+-)?(\d{1,4})$/i.exec(id);
  return m ? Number(m[1]) : null;
}

function readMeta(html: string): Partial<DocumentMeta> {
  const meta: Record<string, string> = {};
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const key = (attr(m[0], "name") ?? attr(m[0], "property") ?? "").toLowerCase();
    const content = attr(m[0], "content");
    if (key && content && !(key in meta)) meta[key] = content.trim();
  }
  const pick = (...keys: string[]) => keys.map((k) => meta[k]).find((v) => v) ?? null;
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return {
    title: pick("citation_title", "dc.title", "og:title") ?? (title ? decodeEntities(title[1] ?? "").replace(/\s+/g, " ").trim() || null : null),
    author: pick("citation_author", "author", "dc.creator", "article:author"),
    date: pick("citation_publication_date", "citation_date", "dc.date", "article:published_time", "date"),
    venue: pick("citation_journal_title", "og:site_name", "dc.publisher"),
  };
}

export function extractHtml(html: string): Extracted {
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const text = current.replace(/\s+/g, " ").trim();
    if (text) paragraphs.push(text);
    current = "";
  };
  let skipDepth = 0;
  let skipTag = "";
  let supDepth = 0;
  let supText = "";
  let link: { n: number | null; back: boolean; text: string } | null = null;
  let h1: string | null = null;
  let inH1 = false;
  const itemCounters: number[] = [];

  const emit = (s: string) => {
    if (link) link.text += s;
    else if (supDepth) supText += s;
    else current += s;
    if (inH1) h1 = (h1 ?? "") + s;
  };

  const tokens = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|</g;
  for (const m of html.matchAll(tokens)) {
    const token = m[0];
    const name = m[1]?.toLowerCase();
    if (!name) {
      if (token.startsWith("<!")) continue;
      if (!skipDepth) emit(decodeEntities(token));
      continue;
    }
    const closing = token[1] === "/";
    const selfClosing = VOID.has(name) || /\/>$/.test(token);
    if (skipDepth) {
      if (name === skipTag) skipDepth += closing ? -1 : selfClosing ? 0 : 1;
      continue;
    }
    if (SKIP.has(name) && !closing && !selfClosing) {
      skipDepth = 1;
      skipTag = name;
      continue;
    }
    if (name === "sup") {
      if (!closing) {
        supDepth++;
        if (supDepth === 1) supText = "";
      } else if (supDepth) {
        supDepth--;
        if (!supDepth) {
          const t = supText.trim();
          // A superscript number is a footnote reference; other superscripts (km², 1st) stay text.
          current += /^\[?\d{1,4}\]?$/.test(t) ? `[${t.replace(/[[\]]/g, "")}]` : supText;
        }
      }
      continue;
    }
    if (name === "a") {
      if (!closing) {
        const href = attr(token, "href");
        const n = noteNumberOfHref(href);
        const back = /^#(?:fnref|footnote-ref|ref|cite_ref|fnr)/i.test(href ?? "") || /footnote-back|backref|reversefootnote/i.test(token);
        link = n !== null || back ? { n, back, text: "" } : null;
      } else if (link) {
        const { n, back, text } = link;
        link = null;
        if (back) continue; // "↩" back to the text: not part of the note
        const t = text.trim().replace(/[[\]]/g, "");
        emit(supDepth ? t : /^\d{1,4}$/.test(t) ? `[${t}]` : n !== null ? `[${n}]` : text);
      }
      continue;
    }
    if (name === "h1") inH1 = !closing;
    if (name === "ol") {
      if (!closing) itemCounters.push(Number(attr(token, "start") ?? "1") - 1);
      else itemCounters.pop();
    }
    if (BLOCK.has(name)) {
      flush();
      if (name === "li" && !closing) {
        const depth = itemCounters.length;
        if (depth) itemCounters[depth - 1] = (itemCounters[depth - 1] ?? 0) + 1;
        const n = noteNumberOfId(attr(token, "id"));
        if (n !== null) current = `[${n}] `;
      }
    }
  }
  flush();
  const meta = readMeta(html);
  return { format: "html", text: paragraphs.join("\n\n"), meta: { ...meta, title: meta.title ?? (h1 as string | null)?.replace(/\s+/g, " ").trim() ?? null } };
}
