/**
 * Kialo's discussion export (a text file): a numbered pro/con outline,
 *
 *   Discussion Title: Should the town build a bridge?
 *
 *   1. The town should build a bridge.
 *   1.1. Pro: The ferry is slow.
 *   1.1.1. Con: The ferry is only slow because of a strike.
 *   1.2. Con: A bridge costs too much.
 *   1.3. Pro: -> See 1.1.1.
 *
 * A Pro supports its parent, a Con attacks it, and `-> See N.` links the claim numbered N
 * there too (Kialo's linked claims). The file itself becomes the map's document, so every
 * claim quotes its own line of it and the reading pane shows the outline; URLs in claims
 * (bare or as Markdown links) become citations, so a Kialo debate can be checked for sources.
 */
import type { MapData } from "../../contract/model.js";
import { ValidationError, type Problem } from "../errors.js";
import { validateSeed } from "../import/seed.js";
import { Origins, uniqueIds, type LossReport } from "./origins.js";

const NUMBERED = /^(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s+)?(.*)$/;
const LINK = /^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$/i;
const URL = /\bhttps?:\/\/[^\s)<>\]]+[^\s)<>\].,;:!?'"]/g;

/** Does this text look like a Kialo export? */
export const looksLikeKialo = (text: string) => /^\s*Discussion Title:/i.test(text) || /^1\.\s+\S[^\n]*\n1\.1\.\s+(Pro|Con):/m.test(text);

export function kialoToMap(source: string, meta: { id?: string; title?: string; fileId?: string }, where: string): { data: MapData; warnings: LossReport } {
  const text = source.replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const problems: Problem[] = [];
  const warnings: LossReport = [];
  type Node = { number: string; stance: "Pro" | "Con" | null; body: string; start: number; end: number; line: number; link: string | null };
  const nodes: Node[] = [];
  let title: string | null = null;
  let offset = 0;
  lines.forEach((line, i) => {
    const lineStart = offset;
    offset += line.length + 1;
    const heading = /^\s*Discussion Title:\s*(.*)$/i.exec(line);
    if (heading && !nodes.length) return void (title = (heading[1] ?? "").trim());
    const m = NUMBERED.exec(line);
    if (m) {
      const [, number = "", stance, rest = ""] = m;
      const bodyStart = lineStart + line.length - rest.length;
      const link = LINK.exec(rest.trim());
      nodes.push({ number, stance: (stance as "Pro" | "Con" | undefined) ?? null, body: rest.trim(), start: bodyStart, end: bodyStart + rest.trimEnd().length, line: i + 1, link: link?.[1] ?? null });
      return;
    }
    const last = nodes.at(-1);
    if (line.trim() && last) {
      // A claim of several lines: the following lines up to the next number belong to it.
      last.end = lineStart + line.trimEnd().length;
      last.body = text.slice(last.start, last.end);
    } else if (line.trim()) problems.push({ where: `${where}:${i + 1}`, field: "", message: `expected "Discussion Title: …" or a numbered claim such as "1. …" or "1.1. Pro: …", found "${line.trim().slice(0, 60)}"` });
  });
  if (!nodes.length) problems.push({ where: `${where}:1`, field: "", message: 'no numbered claims ("1. The thesis", "1.1. Pro: a reason", "1.2. Con: an objection")' });
  const byNumber = new Map<string, Node>();
  for (const n of nodes) {
    if (byNumber.has(n.number)) problems.push({ where: `${where}:${n.line}`, field: "", message: `claim ${n.number} is numbered twice (first at line ${byNumber.get(n.number)!.line})` });
    byNumber.set(n.number, n);
  }
  const parentOf = (n: Node) => n.number.split(".").slice(0, -1).join(".");
  for (const n of nodes) {
    const parent = parentOf(n);
    if (parent && !byNumber.has(parent)) problems.push({ where: `${where}:${n.line}`, field: "", message: `claim ${n.number} has no parent claim ${parent}` });
    if (parent && !n.stance) problems.push({ where: `${where}:${n.line}`, field: "", message: `claim ${n.number} says neither "Pro:" nor "Con:"` });
    if (n.link && !byNumber.has(n.link)) problems.push({ where: `${where}:${n.line}`, field: "", message: `"-> See ${n.link}." names no claim` });
    if (n.link && byNumber.get(n.link)?.link) problems.push({ where: `${where}:${n.line}`, field: "", message: `"-> See ${n.link}." links to another link` });
  }
  if (problems.length) throw new ValidationError(problems, `${where} is not a Kialo discussion export`);

  // Citations: every distinct URL, numbered in order of appearance.
  const citations: { n: number; title: string | null; url: string }[] = [];
  const citationOf = new Map<string, number>();
  const claims = nodes.filter((n) => !n.link);
  const idOf = uniqueIds();
  const ids = new Map(claims.map((n) => [n.number, idOf(n.body.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(URL, ""))]));
  const origins = new Origins({ where: `${where}:1`, field: "" });
  const relations = new Map<string, { supports: string[]; attacks: string[] }>(claims.map((n) => [n.number, { supports: [], attacks: [] }]));
  for (const n of nodes) {
    const parent = parentOf(n);
    if (!parent) continue;
    const source = n.link ?? n.number;
    const target = byNumber.get(parent)!.link ?? parent;
    const into = relations.get(source)!;
    const list = n.stance === "Pro" ? into.supports : into.attacks;
    if (!list.includes(ids.get(target)!)) list.push(ids.get(target)!);
  }
  const seed = claims.map((n, i) => {
    const cites: number[] = [];
    for (const m of n.body.matchAll(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)|\bhttps?:\/\/[^\s)<>\]]+[^\s)<>\].,;:!?'"]/g)) {
      const url = m[2] ?? m[0];
      if (!citationOf.has(url)) {
        citationOf.set(url, citations.length + 1);
        citations.push({ n: citations.length + 1, title: m[1]?.trim() || null, url });
      }
      if (!cites.includes(citationOf.get(url)!)) cites.push(citationOf.get(url)!);
    }
    origins.set(["claims", i], `${where}:${n.line}`, `claim ${n.number}`);
    const r = relations.get(n.number)!;
    const both = r.supports.filter((t) => r.attacks.includes(t));
    if (both.length) warnings.push(`claim ${n.number} is both a Pro and a Con of the same claim; only the Con is kept`);
    let occurrence = 0;
    let count = 0;
    for (let k = text.indexOf(n.body); k !== -1; k = text.indexOf(n.body, k + 1)) {
      count++;
      if (k === n.start) occurrence = count;
    }
    return {
      id: ids.get(n.number)!,
      kind: !parentOf(n) ? "thesis" : n.stance === "Con" ? "challenge" : "claim",
      text: n.body.replace(/\s+/g, " "),
      quote: n.body,
      ...(count > 1 ? { occurrence } : {}),
      cites,
      supports: r.supports.filter((t) => !both.includes(t)),
      attacks: r.attacks,
    };
  });
  const root = claims.find((n) => !parentOf(n));
  const mapTitle = meta.title ?? title ?? root?.body.replace(/\s+/g, " ") ?? "Kialo discussion";
  const id = meta.id ?? meta.fileId ?? idOf(mapTitle);
  warnings.push("Kialo's votes, authors and comments are not in its text export; the export file itself is kept as the map's document");
  return { data: validateSeed({ map: { id, title: mapTitle, text }, citations, claims: seed }, origins, where), warnings };
}

/** The map as a Kialo outline: roots are the claims that support or attack nothing; a claim reached twice is a `-> See` link. */
export function toKialo(data: MapData): { body: string; warnings: LossReport } {
  const warnings: LossReport = [];
  const reasons = new Map<string, { source: string; stance: "Pro" | "Con" }[]>();
  for (const e of data.edges) {
    if (e.type === "UNDERCUTS") continue;
    reasons.set(e.target, [...(reasons.get(e.target) ?? []), { source: e.source, stance: e.type === "SUPPORTS" ? "Pro" : "Con" }]);
  }
  const byId = new Map(data.claims.map((c) => [c.id, c]));
  const urlsOf = (id: string) =>
    data.cites
      .filter((x) => x.claim === id)
      .map((x) => data.citations.find((c) => c.n === x.n)?.url)
      .filter((u): u is string => !!u);
  const textOf = (id: string) => {
    const c = byId.get(id)!;
    const urls = urlsOf(id).filter((u) => !c.text.includes(u));
    return [c.text.replace(/\s+/g, " ").trim(), ...urls].join(" ");
  };
  const placed = new Map<string, string>();
  const lines = [`Discussion Title: ${data.map.title.replace(/\s+/g, " ")}`, ""];
  const visit = (id: string, number: string, stance: "Pro" | "Con" | null) => {
    const prefix = `${number}. ${stance ? `${stance}: ` : ""}`;
    if (placed.has(id)) return void lines.push(`${prefix}-> See ${placed.get(id)}.`);
    placed.set(id, number);
    lines.push(`${prefix}${textOf(id)}`);
    (reasons.get(id) ?? []).forEach((r, i) => visit(r.source, `${number}.${i + 1}`, r.stance));
  };
  const givesReasons = new Set(data.edges.filter((e) => e.type !== "UNDERCUTS").map((e) => e.source));
  const roots = data.claims.filter((c) => !givesReasons.has(c.id));
  let k = 0;
  for (const r of roots) visit(r.id, String(++k), null);
  // Claims only in cycles (mutual attacks with nothing above them) start trees of their own.
  for (const c of data.claims) if (!placed.has(c.id)) visit(c.id, String(++k), null);
  if (k > 1) warnings.push(`the map has ${k} top claims; Kialo discussions have one thesis each, so the outline has ${k} numbered trees`);
  const undercuts = data.edges.filter((e) => e.type === "UNDERCUTS").length;
  if (undercuts) warnings.push(`${undercuts} undercut(s): Kialo has no attack on an inference`);
  warnings.push("claim ids, kinds and quotes (with their place in the document), the document text, entities, relation quotes and the map's author, date and venue: Kialo's outline holds only claim texts, pro/con and links");
  if (data.citations.length) warnings.push("citations are written as their URLs after the claim text (those without a URL are lost); they come back as citations");
  return { body: lines.join("\n") + "\n", warnings };
}
