/** Queries live in cypher/*.cypher, one per file, and take $parameters only. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const cypherDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher");
const cache = new Map<string, string>();

export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(cypherDir, `${name}.cypher`), "utf8");
    cache.set(name, text);
  }
  return text;
}

/** The schema file is the one place with several statements, each ending in ";". */
export function cypherStatements(name: string): string[] {
  return cypher(name)
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, "").trim())
    .filter(Boolean);
}
