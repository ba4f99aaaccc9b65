/**
 * Seed text → validated, resolved MapData. Pure apart from `readSource`,
 * which fetches the document text a seed names. Every problem is collected
 * (not just the first) and located as file:line plus the field's path.
 */
import { createHash } from "node:crypto";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { occurrences, relationProblem, relationQuoteProblem } from "../../contract/rules.js";
import { ValidationError, type Problem } from "../errors.js";
import type { ArgumentEdge, MapData } from "../../contract/model.js";
import { SeedCitation, SeedClaim, SeedEntity, SeedFile } from "./seed-schema.js";

type PathPart = string | number;

export interface SeedInput {
  /** The seed's YAML text. */
  text: string;
  /** Shown in messages: the file the text came from. */
  file: string;
  /** Returns the document text for `map.source`, or throws if it cannot. */
  readSource?: (relativePath: string) => string;
}

/** Says where a seed path is in the user's file: a YAML line, or (for converted formats) the user's own line, column or node id. */
export interface SeedLocator {
  problem(path: PathPart[], message: string): Problem;
}

class Locator implements SeedLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
    private readonly data: unknown,
  ) {}

  /** file:line of the deepest node on `path` that exists. */
  where(path: PathPart[]): string {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return `${this.file}:${this.lines.linePos(node.range[0]).line}`;
    }
    return `${this.file}:1`;
  }

  /** claims[3](id: foo).quote: the path, with the id of the item it sits in. */
  field(path: PathPart[]): string {
    let out = "";
    let cursor: unknown = this.data;
    for (const part of path) {
      cursor = cursor && typeof cursor === "object" ? (cursor as Record<PathPart, unknown>)[part] : undefined;
      if (typeof part === "number") {
        out += `[${part}]`;
        const id = cursor && typeof cursor === "object" ? (cursor as { id?: unknown; n?: unknown }).id ?? (cursor as { n?: unknown }).n : undefined;
        if ((typeof id === "string" || typeof id === "number") && out.split("[").length === 2) out += `(${id})`;
      } else {
        out += out ? `.${part}` : part;
      }
    }
    return out;
  }

  problem(path: PathPart[], message: string): Problem {
    return { where: this.where(path), field: this.field(path), message };
  }
}

function zodProblems(locator: SeedLocator, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is PathPart => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      return locator.problem([...path, ...issue.keys.slice(0, 1)], `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`);
    }
    return locator.problem(path, issue.message);
  });
}


const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

export function canonicalRevision(data: Omit<MapData, "revision">): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 20);
}

const MAX_ALIAS_COUNT = 100;

export function parseSeed(input: SeedInput): MapData {
  const lines = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      doc.errors.map((e) => ({
        where: `${input.file}:${e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line}`,
        field: "",
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
      })),
      `${input.file} is not a valid argmap seed`,
    );
  }
  let raw: unknown;
  try {
    // Aliases expand on conversion: a few hundred bytes of nested aliases would be gigabytes.
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw new ValidationError([{ where: input.file, field: "", message: `YAML aliases: ${err.message} (at most ${MAX_ALIAS_COUNT} alias expansions)` }], `${input.file} is not a valid argmap seed`);
  }
  return validateSeed(raw, new Locator(doc, lines, input.file, raw), input.file, input.readSource);
}

/**
 * A seed as data (from YAML, or converted from another format) → validated MapData. Problems are
 * placed by `locator`, so a converted file's problems name the user's own lines or node ids.
 */
export function validateSeed(raw: unknown, locator: SeedLocator, file: string, readSource?: (relativePath: string) => string): MapData {
  const input = { file, readSource };
  const parsed = SeedFile.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(zodProblems(locator, parsed.error), `${input.file} is not a valid argmap seed`);
  }
  const problems: Problem[] = [];
  const at = (path: PathPart[], message: string) => problems.push(locator.problem(path, message));
  /** Valid items of one list; the invalid ones are reported and left out of the checks below. */
  function items<S extends z.ZodType>(schema: S, list: unknown[], key: string): [z.infer<S>, number][] {
    const valid: [z.infer<S>, number][] = [];
    list.forEach((item, i) => {
      const result = schema.safeParse(item);
      if (result.success) valid.push([result.data, i]);
      else
        for (const issue of result.error.issues) {
          const local = new z.ZodError([{ ...issue, path: [key, i, ...issue.path] }]);
          problems.push(...zodProblems(locator, local));
        }
    });
    return valid;
  }
  // Ids of items that failed validation still exist for the author: do not report references to them as unknown.
  const rawIds = (list: unknown[]) =>
    list.map((item) => (item && typeof item === "object" ? (item as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === "string");
  const rawClaimIds = new Set(rawIds(parsed.data.claims));
  const rawFootnotes = new Set(
    parsed.data.citations.map((c) => (c && typeof c === "object" ? (c as { n?: unknown }).n : undefined)).filter((n) => typeof n === "number"),
  );
  const rawEntityIds = new Set(rawIds(parsed.data.entities));
  const seed = {
    map: parsed.data.map,
    entities: items(SeedEntity, parsed.data.entities, "entities"),
    citations: items(SeedCitation, parsed.data.citations, "citations"),
    claims: items(SeedClaim, parsed.data.claims, "claims"),
  };

  let text = seed.map.text ?? "";
  if (seed.map.source !== undefined) {
    try {
      if (!input.readSource) throw new Error("no file access here: inline the document as map.text");
      text = input.readSource(seed.map.source);
    } catch (err) {
      at(["map", "source"], `cannot read the document "${seed.map.source}": ${(err as Error).message}`);
    }
  }

  // Claims, entities and footnotes are each unique in their own kind; their graph keys are namespaced (contract/keys.ts).
  const claimIds = new Map<string, number>();
  const entityIds = new Map<string, number>();
  const citationNs = new Map<number, number>();
  seed.claims.forEach(([c, i]) => {
    if (claimIds.has(c.id)) at(["claims", i, "id"], `duplicate claim id "${c.id}" (first used at claims[${claimIds.get(c.id)}])`);
    else claimIds.set(c.id, i);
  });
  seed.entities.forEach(([e, i]) => {
    if (entityIds.has(e.id)) at(["entities", i, "id"], `duplicate entity id "${e.id}" (first used at entities[${entityIds.get(e.id)}])`);
    else entityIds.set(e.id, i);
  });
  seed.citations.forEach(([c, i]) => {
    if (citationNs.has(c.n)) at(["citations", i, "n"], `duplicate footnote number ${c.n} (first used at citations[${citationNs.get(c.n)}])`);
    else citationNs.set(c.n, i);
  });

  const claims: MapData["claims"] = [];
  const edges: ArgumentEdge[] = [];
  const cites: MapData["cites"] = [];
  const mentions: MapData["mentions"] = [];

  seed.claims.forEach(([c, i]) => {
    if (text) {
      const found = occurrences(text, c.quote);
      const start = found[(c.occurrence ?? 1) - 1];
      if (found.length === 0) {
        at(["claims", i, "quote"], "quote not found in the document text; it must be an exact span (same punctuation, quotes and spaces)");
      } else if (start === undefined) {
        at(["claims", i, "occurrence"], `occurrence ${c.occurrence} asked, but the quote occurs ${found.length} time(s)`);
      } else if (c.occurrence === undefined && found.length > 1) {
        at(
          ["claims", i, "quote"],
          `quote occurs ${found.length} times (document lines ${found.map((o) => lineOf(text, o)).join(", ")}); add occurrence: N to pick one`,
        );
      } else {
        claims.push({ id: c.id, kind: c.kind, text: c.text, quote: c.quote, start, end: start + c.quote.length, speaker: c.speaker ?? null });
      }
    }
    c.cites.forEach((n, j) => {
      if (!rawFootnotes.has(n)) at(["claims", i, "cites", j], `footnote ${n} is not among the citations; add it under citations`);
      else cites.push({ claim: c.id, n });
    });
    if (c.speaker !== undefined && !rawEntityIds.has(c.speaker)) {
      at(["claims", i, "speaker"], `unknown entity "${c.speaker}"; the speaker must be one of the entities (add it under entities)`);
    }
    c.mentions.forEach((e, j) => {
      if (!rawEntityIds.has(e)) at(["claims", i, "mentions", j], `unknown entity "${e}"; add it under entities`);
      else mentions.push({ claim: c.id, entity: e });
    });
    const ofThisClaim: ArgumentEdge[] = [];
    for (const [field, type] of [["supports", "SUPPORTS"], ["attacks", "ATTACKS"]] as const) {
      c[field].forEach((target, j) => {
        const to = typeof target === "string" ? target : target.to;
        const quote = typeof target === "string" ? null : target.quote ?? null;
        const path = ["claims", i, field, j];
        if (!rawClaimIds.has(to)) return at(path, `unknown claim "${to}"`);
        const edge: ArgumentEdge = { type, source: c.id, target: to, quote };
        const problem = relationProblem(ofThisClaim, edge);
        if (problem) return at(path, problem);
        const quoteProblem = quote !== null && text ? relationQuoteProblem(text, quote) : null;
        if (quoteProblem) return at([...path, "quote"], quoteProblem);
        ofThisClaim.push(edge);
        edges.push(edge);
      });
    }
  });
  // Undercuts are checked once every support is known: the inference they attack must be one.
  const supportsOf = new Set(edges.filter((e) => e.type === "SUPPORTS").map((e) => `${e.source}>${e.target}`));
  const undercut = new Set<string>();
  seed.claims.forEach(([c, i]) => {
    c.undercuts.forEach((u, j) => {
      const path = ["claims", i, "undercuts", j];
      if (!rawClaimIds.has(u.target)) return at([...path, "target"], `unknown claim "${u.target}"`);
      if (!rawClaimIds.has(u.inference)) return at([...path, "inference"], `unknown claim "${u.inference}"`);
      if (!supportsOf.has(`${u.inference}>${u.target}`)) {
        if (!claimIds.has(u.inference) || !claimIds.has(u.target)) return; // the support's claims have problems of their own
        return at(path, `"${u.inference}" does not support "${u.target}", so there is no inference to undercut; add supports: [${u.target}] to ${u.inference}`);
      }
      if (u.inference === c.id || u.target === c.id) return at(path, "a claim cannot undercut an inference it is part of; attack the other claim instead");
      const key = `${c.id}>${u.inference}>${u.target}`;
      if (undercut.has(key)) return at(path, `the inference ${u.inference} ⇒ ${u.target} is undercut twice`);
      undercut.add(key);
      if (u.quote !== undefined && text && !text.includes(u.quote)) return at([...path, "quote"], "relationship quote not found in the document text");
      edges.push({ type: "UNDERCUTS", source: c.id, target: u.target, inference: u.inference, quote: u.quote ?? null });
    });
  });

  if (problems.length > 0) {
    const lineNo = (p: Problem) => Number(p.where.slice(p.where.lastIndexOf(":") + 1)) || 0;
    problems.sort((a, b) => lineNo(a) - lineNo(b));
    throw new ValidationError(problems, `${input.file} is not a valid argmap seed`);
  }

  const data: Omit<MapData, "revision"> = {
    map: { id: seed.map.id, title: seed.map.title, author: seed.map.author, date: seed.map.date, venue: seed.map.venue, text },
    claims,
    citations: seed.citations.map(([c]) => c),
    entities: seed.entities.map(([e]) => e),
    edges,
    cites,
    mentions,
  };
  return { ...data, revision: canonicalRevision(data) };
}
