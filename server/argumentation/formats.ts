/**
 * Framework files: ICCMA 2023 (`p af N`, then `a b` attack lines, `#` comments)
 * and ASPARTIX (`arg(a).`, `att(a,b).`, `%` comments). Problems name the line.
 */
import { ValidationError, type Problem } from "../errors.js";
import type { Framework } from "./framework.js";

export function parseI23(text: string, file: string): Framework {
  const problems: Problem[] = [];
  const at = (line: number, message: string) => problems.push({ where: `${file}:${line}`, field: "", message });
  let n = -1;
  const attacks: [string, string][] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const lineNo = i + 1;
    if (line === "" || line.startsWith("#")) return;
    if (n < 0) {
      const header = /^p\s+af\s+(\d+)$/.exec(line);
      if (!header) return at(lineNo, `expected the header "p af N" before any attack, got "${line.slice(0, 60)}"`);
      n = Number(header[1]);
      return;
    }
    if (line.startsWith("p ")) return at(lineNo, "a second header; a file describes one framework");
    const parts = line.split(/\s+/);
    const [a, b] = parts.map(Number);
    if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p)) || a === undefined || b === undefined) {
      return at(lineNo, `expected an attack "a b" of two argument numbers, got "${line.slice(0, 60)}"`);
    }
    for (const x of [a, b]) if (x < 1 || x > n) return at(lineNo, `argument ${x} is outside 1..${n} declared by the header`);
    attacks.push([String(a), String(b)]);
  });
  if (n < 0 && problems.length === 0) at(1, 'missing the header "p af N"');
  if (problems.length) throw new ValidationError(problems, `${file} is not a valid ICCMA 2023 framework`);
  return { arguments: Array.from({ length: n }, (_, i) => String(i + 1)), attacks };
}

export function parseApx(text: string, file: string): Framework {
  const problems: Problem[] = [];
  const at = (line: number, message: string) => problems.push({ where: `${file}:${line}`, field: "", message });
  const args = new Map<string, number>();
  const attacks: { a: string; b: string; line: number }[] = [];
  const NAME = "([A-Za-z0-9_][A-Za-z0-9_\\-.]*)";
  const fact = new RegExp(`^(arg)\\(\\s*${NAME}\\s*\\)$|^(att)\\(\\s*${NAME}\\s*,\\s*${NAME}\\s*\\)$`);
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/%.*$/, "").trim();
    if (!line) return;
    // Several facts may share a line: "arg(a). arg(b)."
    const statements = line.split(/\.(?=\s|$)/).map((s) => s.trim()).filter(Boolean);
    if (!line.endsWith(".")) return at(lineNo, `a fact must end with "." (got "${line.slice(0, 60)}")`);
    for (const statement of statements) {
      const m = fact.exec(statement);
      if (!m) {
        at(lineNo, `expected arg(name). or att(name,name)., got "${statement.slice(0, 60)}"`);
        continue;
      }
      // One alternative matched: arg(name) fills name, att(a,b) fills a and b.
      const [, arg, name, , a, b] = m;
      if (arg === "arg" && name !== undefined) {
        if (!args.has(name)) args.set(name, lineNo);
      } else if (a !== undefined && b !== undefined) attacks.push({ a, b, line: lineNo });
    }
  });
  for (const { a, b, line } of attacks) {
    for (const x of [a, b]) if (!args.has(x)) at(line, `att(${a},${b}): "${x}" is not declared with arg(${x}).`);
  }
  const lineOf = (p: Problem) => Number(p.where.slice(p.where.lastIndexOf(":") + 1));
  if (problems.length) throw new ValidationError(problems.sort((a, b) => lineOf(a) - lineOf(b)), `${file} is not a valid ASPARTIX framework`);
  return { arguments: [...args.keys()], attacks: attacks.map(({ a, b }) => [a, b]) };
}

/** By extension (.i23, .af / .apx), or by content when the extension says nothing. */
export function parseFrameworkFile(text: string, file: string): Framework {
  if (/\.(i23|af)$/i.test(file)) return parseI23(text, file);
  if (/\.apx$/i.test(file)) return parseApx(text, file);
  const firstFact = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith("#") && !l.startsWith("%"));
  return firstFact?.startsWith("p ") ? parseI23(text, file) : parseApx(text, file);
}
