/**
 * Node and edge keys of a map's graph (graph route, GraphML, client). Claim ids are
 * kebab-case and so never contain ':'; citations and entities get a prefix ending in
 * ':', so a claim named `citation-1` and footnote 1 (`citation:1`) can never collide,
 * whatever ids a user chooses.
 */

export type NodeType = "claim" | "citation" | "entity";
export type EdgeType = "SUPPORTS" | "ATTACKS" | "UNDERCUTS" | "CITES" | "MENTIONS";

export const claimKey = (id: string) => id;
export const citationKey = (n: number) => `citation:${n}`;
export const entityKey = (id: string) => `entity:${id}`;

/** The key of a node of `type` whose own id (claim or entity id, footnote number) is `id`. */
export function nodeKey(type: NodeType, id: string | number): string {
  return type === "claim" ? claimKey(String(id)) : type === "citation" ? citationKey(Number(id)) : entityKey(String(id));
}

/** What a node key names; null for a key no map can have. */
export function parseNodeKey(key: string): { type: "claim"; id: string } | { type: "citation"; n: number } | { type: "entity"; id: string } | null {
  if (key.startsWith("citation:")) {
    const n = Number(key.slice("citation:".length));
    return Number.isInteger(n) && n > 0 ? { type: "citation", n } : null;
  }
  if (key.startsWith("entity:")) return { type: "entity", id: key.slice("entity:".length) };
  return key.includes(":") ? null : { type: "claim", id: key };
}

/** `TYPE:sourceKey->targetKey`; an undercut also names the inference it attacks (`UNDERCUTS:source->inference->target`). */
export function edgeKey(type: EdgeType, sourceKey: string, targetKey: string, inference?: string | null): string {
  return type === "UNDERCUTS" ? `UNDERCUTS:${sourceKey}->${inference}->${targetKey}` : `${type}:${sourceKey}->${targetKey}`;
}

/** The relation an edge key names, or null for a key no map can have. */
export function parseEdgeKey(key: string): { type: EdgeType; source: string; target: string; inference: string | null } | null {
  const m = /^(SUPPORTS|ATTACKS|UNDERCUTS|CITES|MENTIONS):([^>]+?)->(?:([^>]+?)->)?([^>]+)$/.exec(key);
  if (!m || !m[2] || !m[4]) return null;
  const type = m[1] as EdgeType;
  if ((m[3] !== undefined) !== (type === "UNDERCUTS")) return null;
  return { type, source: m[2], target: m[4], inference: m[3] ?? null };
}
