/**
 * Argdown, the subset that maps onto claims and relations:
 *
 *   ===
 *   title: …          (YAML front matter: title, author, date, venue)
 *   ===
 *   [remedy]: The US should allow … #remedy
 *     <+ [thesis]          thesis supports remedy
 *     <- [challenge-caatsa]: CAATSA …   the attacker, defined in place
 *
 * `<+`/`+` (incoming support) and `<-`/`-` (incoming attack) hang a reason under
 * the claim above it; `+>` and `->` point from it to another. A `#tag` naming a
 * kind sets the claim's kind. Export writes the explicit arrows.
 */
import { parse as parseYaml } from "yaml";
import { CLAIM_KINDS, type MapData } from "../../contract/model.js";
import { ValidationError, type Problem } from "../errors.js";

const esc = (s: string) => s.replace(/\s+/g, " ").trim();

export function toArgdown(data: MapData): string {
  const front = ["===", `title: ${JSON.stringify(data.map.title)}`];
  if (data.map.author) front.push(`author: ${JSON.stringify(data.map.author)}`);
  if (data.map.date) front.push(`date: ${JSON.stringify(data.map.date)}`);
  if (data.map.venue) front.push(`venue: ${JSON.stringify(data.map.venue)}`);
  front.push("===", "", `# ${esc(data.map.title)}`, "");
  const lines = [...front];
  for (const c of data.claims) {
    lines.push(`[${c.id}]: ${esc(c.text)} #${c.kind}`);
    for (const e of data.edges.filter((x) => x.target === c.id && x.type !== "UNDERCUTS")) lines.push(`  ${e.type === "SUPPORTS" ? "<+" : "<-"} [${e.source}]`);
    lines.push("");
  }
  return lines.join("\n");
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "claim";

/** Argdown → a seed object (then validated like any seed). Problems name the line. */
export function argdownToSeed(source: string, fallbackId: string, where: string) {
  const problems: Problem[] = [];
  let lines = source.split(/\r?\n/);
  let offset = 0;
  let meta: Record<string, unknown> = {};
  if (lines[0]?.trim() === "===") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === "===");
    if (end === -1) problems.push({ where: `${where}:1`, field: "", message: "front matter opened with === is never closed" });
    else {
      try {
        meta = (parseYaml(lines.slice(1, end).join("\n")) as Record<string, unknown>) ?? {};
      } catch (err) {
        problems.push({ where: `${where}:2`, field: "", message: `front matter: ${(err as Error).message.split("\n")[0]}` });
      }
      offset = end + 1;
      lines = lines.slice(end + 1);
    }
  }
  const statements = new Map<string, { text: string; kind: string; line: number; supports: Set<string>; attacks: Set<string> }>();
  let heading: string | null = null;
  let current: string | null = null;
  const define = (title: string, text: string | undefined, line: number) => {
    const id = slug(title);
    const existing = statements.get(id);
    const tags = [...(text ?? "").matchAll(/#([a-z]+)/g)].map((m) => m[1]);
    const clean = (text ?? "").replace(/#[a-z]+/g, "").trim();
    if (!existing) statements.set(id, { text: clean, kind: tags.find((t) => (CLAIM_KINDS as readonly string[]).includes(t)) ?? "claim", line, supports: new Set(), attacks: new Set() });
    else if (clean) {
      if (existing.text && existing.text !== clean) problems.push({ where: `${where}:${line}`, field: "", message: `[${title}] is defined twice with different texts` });
      existing.text = clean;
      const kind = tags.find((t) => (CLAIM_KINDS as readonly string[]).includes(t));
      if (kind) existing.kind = kind;
    }
    return id;
  };
  lines.forEach((raw, i) => {
    const lineNo = i + 1 + offset;
    const line = raw.replace(/\/\/.*$/, "");
    if (!line.trim()) return;
    const h = /^#\s+(.+)$/.exec(line);
    if (h) {
      heading ??= h[1].trim();
      return;
    }
    const statement = /^\[([^\]]+)\](?::\s*(.*))?$/.exec(line.trim());
    if (!/^\s/.test(line) && statement) {
      current = define(statement[1], statement[2], lineNo);
      return;
    }
    const relation = /^\s+(<\+|<-|\+>|->|\+|-)\s*\[([^\]]+)\](?::\s*(.*))?$/.exec(line);
    if (relation) {
      if (!current) return problems.push({ where: `${where}:${lineNo}`, field: "", message: "a relation needs a statement above it" });
      const other = define(relation[2], relation[3], lineNo);
      const arrow = relation[1];
      if (arrow === "<+" || arrow === "+") statements.get(other)!.supports.add(current);
      else if (arrow === "<-" || arrow === "-") statements.get(other)!.attacks.add(current);
      else if (arrow === "+>") statements.get(current)!.supports.add(other);
      else statements.get(current)!.attacks.add(other);
      return;
    }
    problems.push({ where: `${where}:${lineNo}`, field: "", message: `not a statement "[title]: text" or an indented relation "<+ [title]": "${line.trim().slice(0, 60)}"` });
  });
  for (const [id, s] of statements) if (!s.text) problems.push({ where: `${where}:${s.line}`, field: "", message: `[${id}] is referred to but never given a text` });
  if (problems.length) throw new ValidationError(problems, `${where} is not valid Argdown for argmap`);

  const texts = [...statements.values()].map((s) => s.text);
  const text = texts.join("\n\n");
  const seen = new Map<string, number>();
  return {
    map: {
      id: typeof meta.id === "string" ? meta.id : fallbackId,
      title: String(meta.title ?? heading ?? fallbackId),
      author: typeof meta.author === "string" ? meta.author : null,
      date: meta.date === undefined ? null : String(meta.date),
      venue: typeof meta.venue === "string" ? meta.venue : null,
      text,
    },
    claims: [...statements].map(([id, s]) => {
      const occurrence = (seen.get(s.text) ?? 0) + 1;
      seen.set(s.text, occurrence);
      return {
        id,
        kind: s.kind,
        text: s.text,
        quote: s.text,
        ...(text.split(s.text).length > 2 ? { occurrence } : {}),
        supports: [...s.supports],
        attacks: [...s.attacks].filter((t) => !s.supports.has(t)),
      };
    }),
  };
}
