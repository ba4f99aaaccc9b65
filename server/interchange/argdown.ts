/**
 * Argdown (https://argdown.org), read by the language's own parser, @argdown/core 1.7.x
 * (2.x needs Node >= 22.11; we run on Node 20): statements are claims, every relation type
 * maps onto the argmap model, and an argument's premise–conclusion structure (PCS) becomes
 * supports from its premises to its conclusion.
 *
 *   support, entails        → SUPPORTS
 *   attack                  → ATTACKS
 *   contradictory, contrary → ATTACKS both ways (neither can stand with the other)
 *   undercut (of an inference of a reconstructed argument)
 *                           → UNDERCUTS of every premise ⇒ conclusion support of that inference
 *
 * An argument without a PCS is kept as a claim (its description is what it says). Relations
 * into a reconstructed argument are read as relations into its conclusion (listed in the
 * loss report). Tags naming a kind, and `{kind, speaker, quote, occurrence, cites, mentions}`
 * data (and `relationQuotes`, the sentences asserting its relations), go onto the claim; the front matter may carry the map's id, title, author, date,
 * venue, the document `text` and its `citations` and `entities`, which is how the export
 * keeps everything argmap holds. Problems name the line and column of the user's Argdown.
 */
import { ArgdownApplication, DataPlugin, ModelPlugin, ParserPlugin, RelationType } from "@argdown/core";
import { must } from "../../contract/errors.js";
import { CLAIM_KINDS, type MapData } from "../../contract/model.js";
import { ValidationError, type Problem } from "../errors.js";
import { validateSeed } from "../import/seed.js";
import { SeedClaim } from "../import/seed-schema.js";
import { Origins, uniqueIds, type LossReport } from "./origins.js";

/** A front-matter value as text when it is a scalar (YAML reads `date: 2019` as a number); a list or map is not a title or date. */
const scalarText = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined);

type Located = { startLine?: number; startColumn?: number };
type Statement = Located & { title?: string; text?: string; tags?: string[]; data?: Record<string, unknown>; ranges?: { type: string; start: number; stop: number; url?: string }[] };
type EquivalenceClass = Located & { type: "equivalence-class"; title: string; members: Statement[]; data?: Record<string, unknown>; tags?: string[] };
type Inference = { type: "inference"; argumentTitle?: string; conclusionIndex?: number };
type PcsStatement = Statement & { role: string; inference?: Inference };
type Argument = Located & { type: "argument"; title: string; members: Statement[]; pcs: PcsStatement[]; data?: Record<string, unknown>; tags?: string[] };
type Member = EquivalenceClass | Argument | Inference;
type Relation = { relationType: RelationType; from: Member; to: Member; occurrences: Located[] };

let application: ArgdownApplication | null = null;
function argdown(): ArgdownApplication {
  if (!application) {
    application = new ArgdownApplication();
    application.addPlugin(new ParserPlugin(), "parse-input");
    application.addPlugin(new DataPlugin(), "build-model");
    application.addPlugin(new ModelPlugin({ removeTagsFromText: true }), "build-model");
  }
  return application;
}

/**
 * In Argdown `//` opens a comment, so a bare `https://…` in a statement would be cut there.
 * `scheme://` is escaped to `scheme:\/\/` (Argdown's own escape) outside front matter, data
 * and Markdown links; `shifts` maps columns of the escaped text back to the user's.
 */
function protectUrls(source: string): { text: string; shifts: Map<number, number[]> } {
  const shifts = new Map<number, number[]>();
  const lines = source.split("\n");
  let inFrontMatter = false;
  let inBlockComment = false;
  const out = lines.map((line, i) => {
    if (i === 0 && /^===+\s*$/.test(line)) inFrontMatter = true;
    else if (inFrontMatter) {
      if (/^===+\s*$/.test(line)) inFrontMatter = false;
      return line;
    }
    if (inFrontMatter) return line;
    let result = "";
    let depth = 0;
    const inserted: number[] = [];
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (inBlockComment) {
        if (line.startsWith("*/", c)) inBlockComment = false;
      } else if (depth === 0 && line.startsWith("/*", c)) inBlockComment = true;
      else if (ch === "{") depth++;
      else if (ch === "}" && depth > 0) depth--;
      else if (depth === 0 && line.startsWith("://", c) && /[a-z][a-z0-9+.-]*$/i.test(line.slice(0, c)) && !/\]\([a-z][a-z0-9+.-]*$/i.test(line.slice(0, c))) {
        result += ":\\/\\/";
        inserted.push(c + 1, c + 2);
        c += 2;
        continue;
      }
      result += ch;
    }
    if (inserted.length) shifts.set(i + 1, inserted);
    return result;
  });
  return { text: out.join("\n"), shifts };
}

const userColumn = (shifts: Map<number, number[]>, line: number, column: number) => column - (shifts.get(line) ?? []).filter((c) => c < column - 1).length;

/** A statement's text with Markdown links written out ("title (url)"), so URLs are kept. */
function textOf(s: Statement | undefined): string {
  if (!s?.text) return "";
  let text = s.text;
  for (const r of [...(s.ranges ?? [])].filter((r) => r.type === "link" && r.url).sort((a, b) => b.start - a.start)) {
    const title = text.slice(r.start, r.stop + 1).trim();
    if (title !== r.url) text = `${text.slice(0, r.stop + 1).trimEnd()} (${r.url})${text.slice(r.stop + 1)}`;
  }
  // @argdown/core 1.7 leaves some escaped slashes undecoded (e.g. "a.org/d\/\/e."): decode what it left.
  return text.replace(/\\\//g, "/").replace(/\s+/g, " ").trim();
}

const canonical = (members: Statement[]) => members.find((m) => textOf(m)) ?? members[0];
const mergedData = (holder: { data?: Record<string, unknown>; members?: Statement[] }) =>
  Object.assign({}, ...(holder.members ?? []).map((m) => m.data ?? {}), holder.data ?? {}) as Record<string, unknown>;
const mergedTags = (holder: { tags?: string[]; members?: Statement[] }) => [...new Set([...(holder.tags ?? []), ...(holder.members ?? []).flatMap((m) => m.tags ?? [])])];

export interface Converted {
  data: MapData;
  warnings: LossReport;
}

/** Argdown text → a validated map, with what could not be kept. */
export function argdownToMap(source: string, fallback: { id?: string; title?: string; fileId?: string }, where: string): Converted {
  const { text: input, shifts } = protectUrls(source.replace(/\r\n?/g, "\n"));
  const at = (l?: Located) => (l?.startLine ? `${where}:${l.startLine}:${userColumn(shifts, l.startLine, l.startColumn ?? 1)}` : where);
  // @argdown/core types the response as its generic IArgdownResponse (an open record); the fields this
  // module reads are declared here as the parser and model plugins produce them.
  const response = argdown().run({ input, process: ["parse-input", "build-model"], logLevel: "none", throwExceptions: false }) as unknown as {
    lexerErrors?: { line?: number; column?: number; message: string }[];
    parserErrors?: { message: string; token: { startLine?: number; startColumn?: number; image?: string } }[];
    exceptions?: Error[];
    frontMatter?: unknown;
    statements?: Record<string, EquivalenceClass>;
    arguments?: Record<string, Argument>;
    relations?: Relation[];
    sections?: { title?: string }[];
  };
  const syntax: Problem[] = [
    ...(response.lexerErrors ?? []).map((e) => ({ where: e.line ? `${where}:${e.line}:${userColumn(shifts, e.line, e.column ?? 1)}` : where, field: "", message: `Argdown syntax: ${e.message}` })),
    ...(response.parserErrors ?? []).map((e) => ({
      where: e.token.startLine ? `${where}:${e.token.startLine}:${userColumn(shifts, e.token.startLine, e.token.startColumn ?? 1)}` : where,
      field: "",
      message: `Argdown syntax: ${e.message.replace(/\s+/g, " ")}`,
    })),
  ];
  // Exceptions of later plugins only repeat that parsing failed.
  if (!syntax.length) syntax.push(...(response.exceptions ?? []).map((e) => ({ where, field: "", message: `Argdown: ${e.message.split("\n")[0]}` })));
  if (syntax.length) throw new ValidationError(syntax, `${where} is not valid Argdown`);

  const warnings: LossReport = [];
  const front = (response.frontMatter && typeof response.frontMatter === "object" ? response.frontMatter : {}) as Record<string, unknown>;
  const statements = Object.values(response.statements ?? {});
  const args = Object.values(response.arguments ?? {});
  const relations = response.relations ?? [];
  const origins = new Origins({ where: `${where}:1:1`, field: "" });
  const idOf = uniqueIds();

  // Claims: every statement, and every argument that has no premise–conclusion structure.
  type Draft = { id: string; title: string; kind: string; text: string; data: Record<string, unknown>; origin: Located; supports: Map<string, string | null>; attacks: Set<string>; undercuts: { target: string; inference: string }[] };
  const drafts: Draft[] = [];
  const byStatement = new Map<string, Draft>();
  const byArgument = new Map<string, Draft>();
  const kindOf = (tags: string[], data: Record<string, unknown>) =>
    typeof data.kind === "string" ? data.kind : tags.find((t) => (CLAIM_KINDS as readonly string[]).includes(t)) ?? "claim";
  for (const ec of statements) {
    const member = canonical(ec.members);
    const data = mergedData(ec);
    const draft: Draft = {
      id: idOf(ec.title),
      title: `[${ec.title}]`,
      kind: kindOf(mergedTags(ec), data),
      text: textOf(member) || ec.title,
      data,
      origin: member ?? ec,
      supports: new Map(),
      attacks: new Set(),
      undercuts: [],
    };
    if (!textOf(member)) warnings.push(`[${ec.title}] has no text anywhere; its title is used as its text`);
    drafts.push(draft);
    byStatement.set(ec.title, draft);
  }
  for (const a of args.filter((a) => !a.pcs?.length)) {
    const member = canonical(a.members);
    const data = mergedData(a);
    const draft: Draft = { id: idOf(a.title), title: `<${a.title}>`, kind: kindOf(mergedTags(a), data), text: textOf(member) || a.title, data, origin: member ?? a, supports: new Map(), attacks: new Set(), undercuts: [] };
    drafts.push(draft);
    byArgument.set(a.title, draft);
  }

  // PCS: each conclusion is supported by the statements since the previous conclusion, and by that conclusion.
  const inferencePremises = new Map<string, { premises: string[]; conclusion: string }>();
  for (const a of args.filter((a) => a.pcs?.length)) {
    let since: string[] = [];
    for (const s of a.pcs) {
      const ec = byStatement.get(s.title!)!;
      if (s.role === "premise") {
        since.push(ec.id);
        continue;
      }
      for (const p of since) drafts.find((d) => d.id === p)!.supports.set(ec.id, null);
      inferencePremises.set(`${a.title}#${s.inference?.conclusionIndex ?? a.pcs.indexOf(s)}`, { premises: [...since], conclusion: ec.id });
      since = [ec.id];
    }
    const [unused] = a.members.map(textOf).filter(Boolean);
    if (unused) warnings.push(`<${a.title}>: the argument's description ("${unused.slice(0, 60)}") is not kept; its premises and conclusion are`);
  }

  const conclusionOf = (a: Argument) => byStatement.get(must(a.pcs.at(-1), `<${a.title}>'s conclusion`).title!)!;
  const endpoint = (m: Member, role: "from" | "to", rel: Relation): Draft | null => {
    if (m.type === "equivalence-class") return byStatement.get(m.title)!;
    if (m.type === "argument") {
      if (byArgument.has(m.title)) return byArgument.get(m.title)!;
      if (role === "to") warnings.push(`${at(rel.occurrences[0])}: the ${rel.relationType} of <${m.title}> is read as a ${rel.relationType} of its conclusion`);
      return conclusionOf(m);
    }
    return null;
  };

  relations.forEach((rel) => {
    const origin = at(rel.occurrences[0]);
    if (rel.relationType === RelationType.UNDERCUT) {
      const from = endpoint(rel.from, "from", rel);
      const to = rel.to;
      if (!from) return;
      if (to.type === "inference") {
        const inference = inferencePremises.get(`${to.argumentTitle}#${to.conclusionIndex}`) ?? [...inferencePremises.entries()].filter(([k]) => k.startsWith(`${to.argumentTitle}#`)).map(([, v]) => v).at(-1);
        if (!inference) return warnings.push(`${origin}: the undercut by ${from.title} names no inference; it is left out`);
        for (const p of inference.premises) from.undercuts.push({ target: inference.conclusion, inference: p });
        origins.set(["claims", drafts.indexOf(from), "undercuts"], origin, `${from.title} undercuts <${to.argumentTitle}>`);
        return;
      }
      const target = endpoint(to, "to", rel);
      if (target) {
        warnings.push(`${origin}: ${from.title} undercuts ${target.title}, which has no inference (no premise–conclusion structure); read as an attack`);
        from.attacks.add(target.id);
      }
      return;
    }
    const from = endpoint(rel.from, "from", rel);
    const to = endpoint(rel.to, "to", rel);
    if (!from || !to) return;
    if (from === to) return warnings.push(`${origin}: ${from.title} ${rel.relationType}s itself; left out`);
    const kind = rel.relationType;
    const field = kind === RelationType.SUPPORT || kind === RelationType.ENTAILS ? "supports" : "attacks";
    if (field === "supports") from.supports.set(to.id, null);
    else {
      from.attacks.add(to.id);
      if (kind === RelationType.CONTRADICTORY || kind === RelationType.CONTRARY) to.attacks.add(from.id);
    }
    origins.set(["claims", drafts.indexOf(from), field], origin, `${from.title} ${kind} ${to.title}`);
    if (field === "attacks" && kind !== RelationType.ATTACK) origins.set(["claims", drafts.indexOf(to), field], origin, `${to.title} ${kind} ${from.title}`);
  });

  const generated = !front.text;
  const documentText = typeof front.text === "string" ? front.text : drafts.map((d) => d.text).join("\n\n");
  if (generated) warnings.push("the Argdown names no document (front matter `text`): the claims' texts are joined into one and each claim quotes its own text");
  // Relation quotes ride in the source statement's data, `{relationQuotes: {"ATTACKS:target": "…"}}`: Argdown relations carry no data.
  const quoteOf = (d: Draft, key: string) => {
    const quotes = d.data.relationQuotes;
    const quote = quotes && typeof quotes === "object" ? (quotes as Record<string, unknown>)[key] : undefined;
    return typeof quote === "string" ? { quote } : {};
  };
  const withQuote = (d: Draft, type: string, target: string) => {
    const q = quoteOf(d, `${type}:${target}`);
    return q.quote ? { to: target, quote: q.quote } : target;
  };
  const seen = new Map<string, number>();
  const claims = drafts.map((d, i) => {
    const quote = typeof d.data.quote === "string" ? d.data.quote : d.text;
    const occurrence = typeof d.data.occurrence === "number" ? d.data.occurrence : generated ? (seen.set(quote, (seen.get(quote) ?? 0) + 1).get(quote) ?? 1) : undefined;
    origins.set(["claims", i], at(d.origin), d.title);
    const ambiguous = generated && documentText.split(quote).length > 2;
    return {
      id: d.id,
      kind: d.kind,
      text: d.text,
      quote,
      ...(occurrence !== undefined && (ambiguous || !generated) ? { occurrence } : {}),
      ...(Array.isArray(d.data.cites) ? { cites: d.data.cites } : {}),
      ...(Array.isArray(d.data.mentions) ? { mentions: d.data.mentions } : {}),
      ...(typeof d.data.speaker === "string" && "speaker" in SeedClaim.shape ? { speaker: d.data.speaker } : {}),
      supports: [...d.supports.keys()].filter((t) => !d.attacks.has(t)).map((t) => withQuote(d, "SUPPORTS", t)),
      attacks: [...d.attacks].map((t) => withQuote(d, "ATTACKS", t)),
      ...(d.undercuts.length ? { undercuts: d.undercuts.map((u) => ({ ...u, ...quoteOf(d, `UNDERCUTS:${u.inference}->${u.target}`) })) } : {}),
    };
  });
  if (!("speaker" in SeedClaim.shape)) for (const d of drafts) if (typeof d.data.speaker === "string") warnings.push(`${d.title}: speaker "${d.data.speaker}" is not kept (this argmap has no speakers yet)`);
  for (const d of drafts) for (const t of d.attacks) if (d.supports.has(t)) warnings.push(`${d.title} both supports and attacks ${drafts.find((x) => x.id === t)!.title}; only the attack is kept`);

  const seed = {
    map: {
      id: fallback.id ?? (typeof front.id === "string" ? front.id : undefined) ?? fallback.fileId ?? uniqueIds()(scalarText(front.title) ?? response.sections?.[0]?.title ?? "imported-map"),
      title: fallback.title ?? scalarText(front.title) ?? response.sections?.[0]?.title ?? fallback.id ?? "Imported map",
      author: front.author === undefined || front.author === null ? null : Array.isArray(front.author) ? front.author.join(", ") : (scalarText(front.author) ?? null),
      date: front.date === undefined || front.date === null ? null : front.date instanceof Date ? front.date.toISOString().slice(0, 10) : (scalarText(front.date) ?? null),
      venue: typeof front.venue === "string" ? front.venue : null,
      text: documentText,
    },
    entities: Array.isArray(front.entities) ? front.entities : [],
    citations: Array.isArray(front.citations) ? front.citations : [],
    claims,
  };
  origins.set(["map"], `${where}:1:1`, "front matter");
  origins.set(["citations"], `${where}:1:1`, "front matter citations");
  origins.set(["entities"], `${where}:1:1`, "front matter entities");
  return { data: validateSeed(seed, origins, where), warnings };
}

// ---------------------------------------------------------------------------------------------
// Export

/** Text as it can stand in an Argdown statement: one line, `//` and Argdown's special characters escaped. */
const inline = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/([\\[\]<>{}#*_@])/g, "\\$1")
    .replace(/\/\//g, "\\/\\/")
    .replace(/^([+-]|\d+\.|\(\d+\))(\s)/, "\\$1$2");
/** Data as YAML flow (JSON is YAML); braces inside strings escaped so Argdown's lexer does not end the data early. */
const flow = (data: Record<string, unknown>) =>
  JSON.stringify(data).replace(/"(?:[^"\\]|\\.)*"/g, (literal) => literal.replace(/\{/g, "\\u007b").replace(/\}/g, "\\u007d"));
const blockYaml = (key: string, value: string) => `${key}: |-\n${value.split("\n").map((l) => `  ${l}`).join("\n")}`;

export function toArgdown(data: MapData): { body: string; warnings: LossReport } {
  const warnings: LossReport = [];
  const occurrenceOf = (quote: string, start: number) => {
    let count = 0;
    for (let i = data.map.text.indexOf(quote); i !== -1 && i <= start; i = data.map.text.indexOf(quote, i + 1)) count++;
    return count;
  };
  const front = [
    "===",
    `id: ${JSON.stringify(data.map.id)}`,
    `title: ${JSON.stringify(data.map.title)}`,
    ...(data.map.author ? [`author: ${JSON.stringify(data.map.author)}`] : []),
    ...(data.map.date ? [`date: ${JSON.stringify(data.map.date)}`] : []),
    ...(data.map.venue ? [`venue: ${JSON.stringify(data.map.venue)}`] : []),
    ...(data.citations.length ? [`citations:`, ...data.citations.map((c) => `  - ${JSON.stringify(c)}`)] : []),
    ...(data.entities.length ? [`entities:`, ...data.entities.map((e) => `  - ${JSON.stringify(e)}`)] : []),
    blockYaml("text", data.map.text),
    "===",
  ];
  if (/^===/m.test(data.map.text)) warnings.push("the document text has a line starting with ===, which ends Argdown front matter; re-importing will fail");
  const lines = [...front, "", `# ${inline(data.map.title)}`, ""];
  for (const c of data.claims) {
    const meta: Record<string, unknown> = { quote: c.quote };
    const occurrence = occurrenceOf(c.quote, c.start);
    if (data.map.text.split(c.quote).length > 2) meta.occurrence = occurrence;
    const cites = data.cites.filter((x) => x.claim === c.id).map((x) => x.n);
    const mentions = data.mentions.filter((x) => x.claim === c.id).map((x) => x.entity);
    if (cites.length) meta.cites = cites;
    if (mentions.length) meta.mentions = mentions;
    const relationQuotes = Object.fromEntries(
      data.edges
        .filter((e) => e.source === c.id && e.quote)
        .map((e) => [e.type === "UNDERCUTS" ? `UNDERCUTS:${e.inference}->${e.target}` : `${e.type}:${e.target}`, e.quote]),
    );
    if (Object.keys(relationQuotes).length) meta.relationQuotes = relationQuotes;
    const speaker = (c as { speaker?: string | null }).speaker;
    if (speaker) meta.speaker = speaker;
    lines.push(`[${c.id}]: ${inline(c.text)} #${c.kind} ${flow(meta)}`);
    for (const e of data.edges.filter((x) => x.target === c.id && x.type !== "UNDERCUTS")) lines.push(`  ${e.type === "SUPPORTS" ? "<+" : "<-"} [${e.source}]`);
    lines.push("");
  }
  // An undercut attacks an inference, which Argdown gives only to reconstructed arguments: one per undercut support.
  const undercutSupports = [...new Set(data.edges.filter((e) => e.type === "UNDERCUTS").map((e) => `${e.inference}>${e.target}`))];
  for (const key of undercutSupports) {
    const [inference, target] = key.split(">");
    const title = `${inference} to ${target}`;
    lines.push(`<${title}>`, "", `(1) [${inference}]`, "----", `(2) [${target}]`, "", `<${title}>`);
    for (const e of data.edges.filter((x) => x.type === "UNDERCUTS" && `${x.inference}>${x.target}` === key)) lines.push(`  <_ [${e.source}]`);
    lines.push("");
  }
  return { body: lines.join("\n"), warnings };
}
