/**
 * Where each part of a converted seed came from in the user's file (a line and column, a
 * node id, an outline number), so that problems found by the seed validator are reported
 * there and never at lines of a YAML the user did not write.
 */
import type { Problem } from "../errors.js";
import type { SeedLocator } from "../import/seed.js";

type PathPart = string | number;

export class Origins implements SeedLocator {
  private readonly at = new Map<string, { where: string; field: string }>();

  constructor(private readonly fallback: { where: string; field: string }) {}

  set(path: PathPart[], where: string, field: string): void {
    this.at.set(path.join("."), { where, field });
  }

  problem(path: PathPart[], message: string): Problem {
    for (let depth = path.length; depth >= 0; depth--) {
      const origin = this.at.get(path.slice(0, depth).join("."));
      if (origin) return { ...origin, message };
    }
    return { ...this.fallback, message };
  }
}

/** What an import or export could not carry over, said in words (never dropped silently). */
export type LossReport = string[];

export const slugify = (s: string, max = 60) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "") || "claim";

/** Kebab-case ids, unique within one map: the second "x" becomes "x-2". */
export function uniqueIds() {
  const used = new Set<string>();
  return (wanted: string) => {
    const base = slugify(wanted);
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
}
