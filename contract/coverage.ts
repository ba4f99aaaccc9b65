/**
 * Citation coverage of a map, for editors: which claims carry a source, and
 * findings about the sources themselves. Pure: it works on a map's contents.
 */
import { findFigures } from "./figures.js";
import type { MapContents } from "./graph.js";
import type { Citation, Claim } from "./model.js";

/** The groups of two or more `items` that share a key, in the order of their first member. */
export function repeatedGroups<T, K>(items: Iterable<T>, key: (item: T) => K): [T, T, ...T[]][] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].filter((g): g is [T, T, ...T[]] => g.length >= 2);
}

export const FINDING_KINDS = [
  "duplicate-citation",
  "self-citation",
  "missing-date",
  "unused-citation",
  "uncited-claim",
  "dangling-support",
  "uncited-figure",
  "repeated-figure",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  message: string;
  citations?: number[];
  claims?: string[];
  /** The figures concerned, as written (uncited-figure, repeated-figure). */
  figures?: string[];
}

export interface CoverageReport {
  totals: { claims: number; cited: number; uncited: number; ratio: number };
  uncited: Claim[];
  findings: Finding[];
}

/** Supporters of each claim, and each claim's whole support tree (transitive supporters). */
export class SupportIndex {
  private readonly supporters = new Map<string, string[]>();

  constructor(contents: Pick<MapContents, "claims" | "edges">) {
    for (const c of contents.claims) this.supporters.set(c.id, []);
    for (const e of contents.edges) if (e.type === "SUPPORTS") this.supporters.get(e.target)?.push(e.source);
  }

  directSupporters(id: string): string[] {
    return this.supporters.get(id) ?? [];
  }

  /** Every claim that supports `id`, directly or through others (cycles are followed once). */
  tree(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [...this.directSupporters(id)];
    while (stack.length) {
      const next = stack.pop()!;
      if (next === id || seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.directSupporters(next));
    }
    return seen;
  }
}

const describeCitation = (c: Citation) =>
  [c.authors, c.title ? `“${c.title}”` : null, c.publisher, c.date].filter(Boolean).join(", ") || `footnote ${c.n}`;

const quoteOf = (c: Claim) => `“${c.text.length > 90 ? c.text.slice(0, 89) + "…" : c.text}”`;

/** The same source twice: by URL when there is one, otherwise by authors, title, publisher and date. */
function sourceKey(c: Citation): string {
  if (c.url) return "url:" + c.url.trim().toLowerCase().replace(/^https?:\/\/(www\.)?/, "").replace(/\/+$/, "");
  return "ref:" + [c.authors, c.title, c.publisher, c.date].map((v) => (v ?? "").trim().toLowerCase().replace(/\s+/g, " ")).join("|");
}

interface PersonName {
  surname: string;
  initial: string;
}

/** "Anna J. Davidson" or "Davidson, Anna J." → {surname: davidson, initial: a}. */
export function parsePersonName(name: string): PersonName | null {
  const clean = name.trim().replace(/\s+/g, " ");
  if (!clean) return null;
  if (clean.includes(",")) {
    const [surname, given] = clean.split(",", 2).map((s) => s.trim());
    if (!surname || !given) return null;
    return { surname: surname.toLowerCase(), initial: given.charAt(0).toLowerCase() };
  }
  const parts = clean.split(" ");
  const [first, last] = [parts[0], parts.at(-1)];
  if (parts.length < 2 || !first || !last) return null;
  return { surname: last.toLowerCase(), initial: first.charAt(0).toLowerCase() };
}

/** Authors of a citation as people: "Mehta, Aaron and Joe Gould" → Mehta A., Gould J. */
export function citationPeople(authors: string | null): PersonName[] {
  if (!authors) return [];
  return authors
    .split(/\s+and\s+|;\s*|&/)
    .map(parsePersonName)
    .filter((p): p is PersonName => p !== null);
}

/** How many claims carry a footnote: the report's totals, alone (a diff needs only these). */
export function coverageTotals(claims: readonly { citations: readonly number[] }[]): CoverageReport["totals"] {
  const cited = claims.filter((c) => c.citations.length > 0).length;
  return { claims: claims.length, cited, uncited: claims.length - cited, ratio: claims.length ? Number((cited / claims.length).toFixed(4)) : 0 };
}

export function coverageReport(contents: MapContents): CoverageReport {
  const claims = [...contents.claims].sort((a, b) => a.start - b.start);
  const uncited = claims.filter((c) => c.citations.length === 0);
  const findings: Finding[] = [];

  const citing = (ns: number[]) => claims.filter((x) => x.citations.some((n) => ns.includes(n))).map((x) => x.id);
  for (const [first, ...rest] of repeatedGroups([...contents.citations].sort((a, b) => a.n - b.n), sourceKey)) {
    const ns = [first, ...rest].map((c) => c.n);
    findings.push({
      kind: "duplicate-citation",
      message: `Footnotes ${ns.join(" and ")} cite the same source (${describeCitation(first)}); cite it once and refer back to it.`,
      citations: ns,
      claims: citing(ns),
    });
  }

  const author = contents.map.author ? parsePersonName(contents.map.author) : null;
  if (author) {
    for (const c of contents.citations) {
      if (citationPeople(c.authors).some((p) => p.surname === author.surname && p.initial === author.initial)) {
        findings.push({
          kind: "self-citation",
          message: `Footnote ${c.n} cites the author's own work (${describeCitation(c)}); check that an independent source supports the same point.`,
          citations: [c.n],
          claims: citing([c.n]),
        });
      }
    }
  }

  for (const c of contents.citations) {
    if (!c.date) {
      findings.push({ kind: "missing-date", message: `Footnote ${c.n} (${describeCitation(c)}) gives no date.`, citations: [c.n], claims: citing([c.n]) });
    }
  }

  const usedFootnotes = new Set(claims.flatMap((c) => c.citations));
  for (const c of contents.citations) {
    if (!usedFootnotes.has(c.n)) {
      findings.push({ kind: "unused-citation", message: `Footnote ${c.n} (${describeCitation(c)}) is cited by no claim.`, citations: [c.n] });
    }
  }

  // Evidence is where a reader expects a source; reasoning and conclusions rest on their supports instead.
  for (const c of uncited.filter((x) => x.kind === "evidence")) {
    findings.push({ kind: "uncited-claim", message: `Evidence without a source: ${quoteOf(c)}.`, claims: [c.id] });
  }

  const support = new SupportIndex(contents);
  const isCited = new Map(claims.map((c) => [c.id, c.citations.length > 0]));
  for (const c of claims) {
    if (support.directSupporters(c.id).length === 0 || isCited.get(c.id)) continue;
    const tree = support.tree(c.id);
    if ([...tree].some((id) => isCited.get(id))) continue;
    findings.push({
      kind: "dangling-support",
      message: `${quoteOf(c)} rests only on uncited claims (${tree.size} in its support tree).`,
      claims: [c.id, ...[...tree].sort()],
    });
  }

  findings.push(...figureFindings(claims));

  return {
    totals: coverageTotals(claims),
    uncited,
    findings,
  };
}

/**
 * Editors check every figure against a source: each uncited claim's figures (whatever its kind),
 * and the same amount or percentage given in claims about different things.
 */
function figureFindings(claims: Claim[]): Finding[] {
  const findings: Finding[] = [];
  const figuresOf = new Map(claims.map((c) => [c.id, findFigures(c.quote)]));
  for (const c of claims) {
    const figures = [...new Set(figuresOf.get(c.id)!.map((f) => f.text))];
    if (c.citations.length > 0 || figures.length === 0) continue;
    const list = figures.map((f) => `“${f}”`).join(", ");
    findings.push({
      kind: "uncited-figure",
      message: `${figures.length === 1 ? "Figure" : "Figures"} ${list} without a source, in ${quoteOf(c)}.`,
      claims: [c.id],
      figures,
    });
  }
  const byValue = new Map<string, { text: string; claims: Claim[] }>();
  for (const c of claims) {
    for (const f of figuresOf.get(c.id)!) {
      if (f.kind !== "amount" && f.kind !== "percentage") continue;
      const group = byValue.get(f.value) ?? { text: f.text, claims: [] };
      // The same passage quoted twice is one statement, not two things with one figure.
      if (!group.claims.some((x) => x.id === c.id || x.quote === c.quote)) group.claims.push(c);
      byValue.set(f.value, group);
    }
  }
  for (const { text, claims: same } of byValue.values()) {
    if (same.length < 2) continue;
    findings.push({
      kind: "repeated-figure",
      message: `The same figure, “${text}”, is given in ${same.length} claims about different things: ${same.map(quoteOf).join("; ")}. Check that it is right for each.`,
      claims: same.map((c) => c.id),
      figures: [text],
    });
  }
  return findings;
}

/** The conclusions that would be left with no cited support if footnote `n` were withdrawn. */
export function citationImpact(contents: MapContents, n: number): Claim[] {
  const support = new SupportIndex(contents);
  const byId = new Map(contents.claims.map((c) => [c.id, c]));
  const citedWith = (id: string, without: number | null) => (byId.get(id)?.citations ?? []).some((x) => x !== without);
  return contents.claims
    .filter((c) => support.directSupporters(c.id).length > 0)
    .filter((c) => {
      const claimsOfTree = [c.id, ...support.tree(c.id)];
      return claimsOfTree.some((id) => citedWith(id, null)) && !claimsOfTree.some((id) => citedWith(id, n));
    })
    .sort((a, b) => a.start - b.start);
}

/** The share of a claim's support tree (the claim included) that carries a citation. */
export function chainCoverage(contents: MapContents, id: string) {
  const support = new SupportIndex(contents);
  const byId = new Map(contents.claims.map((c) => [c.id, c]));
  const tree = [id, ...[...support.tree(id)].sort()];
  const cited = tree.filter((x) => (byId.get(x)?.citations.length ?? 0) > 0);
  return {
    claim: id,
    claims: tree.length,
    cited: cited.length,
    ratio: Number((cited.length / tree.length).toFixed(4)),
    uncited: tree.filter((x) => !cited.includes(x)),
  };
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function findingsCsv(report: { findings: readonly { kind: string; message: string; citations?: number[]; claims?: string[]; figures?: string[] }[] }): string {
  const rows = [["kind", "message", "citations", "claims", "figures"]];
  for (const f of report.findings) rows.push([f.kind, f.message, (f.citations ?? []).join(" "), (f.claims ?? []).join(" "), (f.figures ?? []).join("; ")]);
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
