/**
 * Read queries of the HTTP API: Cypher from cypher/, rows → domain objects.
 * Each function takes validated input and returns plain data; "not found" is null.
 */
import { PROPOSAL_KINDS, type ArgumentRelation, type Claim, type Entity } from "../../contract/model.js";
import type { MapContents } from "../../contract/graph.js";
import { edgeKey } from "../../contract/keys.js";
import { cypher } from "./cypher.js";
import { int, type Database } from "./neo4j.js";
import {
  AttackGraphRow,
  AttackRow,
  CitationListRow,
  ClaimDetailRow,
  ClaimRow,
  EntityListRow,
  EntitySearchRow,
  mapContentsRows,
  MapListRow,
  MapTextRow,
  PathsRow,
  rowsAs,
  SupportRow,
} from "./rows.js";

const byStart = (a: Claim, b: Claim) => a.start - b.start || (a.id < b.id ? -1 : 1);

export interface SubgraphResult {
  root: string;
  nodes: Claim[];
  edges: { source: string; target: string; type: ArgumentRelation | "UNDERCUTS"; inference?: string }[];
}

/** Who is asking, for queries that span maps: private maps are seen only by their owner, members and admins. */
export interface Viewer {
  name: string;
  role: string;
}
const viewerParams = (viewer: Viewer | null) => ({ user: viewer?.name ?? null, admin: viewer?.role === "admin" });

export async function listMaps(db: Database, viewer: Viewer | null = null) {
  return rowsAs(MapListRow, await db.read(cypher("maps-list"), viewerParams(viewer)), "maps-list");
}

export async function mapContents(db: Database, mapId: string): Promise<MapContents | null> {
  const [row] = mapContentsRows(await db.read(cypher("map-graph"), { mapId, withText: false }));
  if (!row) return null;
  const { text: _text, ...contents } = row;
  return contents;
}

export async function mapText(db: Database, mapId: string) {
  const [row] = rowsAs(MapTextRow, await db.read(cypher("map-text"), { mapId }), "map-text");
  return row ?? null;
}

export async function findClaims(db: Database, mapId: string, q: string | undefined, kind: string | undefined): Promise<Claim[]> {
  if (q === undefined) {
    return rowsAs(ClaimRow, await db.read(cypher("claims-list"), { mapId, kind: kind ?? null }), "claims-list").map((r) => r.claim);
  }
  const rows = await db.read(cypher("claims-search"), { mapId, kind: kind ?? null, query: luceneQuery(q) });
  return rowsAs(ClaimRow, rows, "claims-search").map((r) => r.claim);
}

/**
 * The user's words → a Lucene query where every word must match, exactly or as a prefix (for
 * search-as-you-type, and for words the analyzer keeps whole, like "Branch’s").
 * Lucene's operators are escaped: the words are searched, never interpreted.
 */
export function luceneQuery(q: string): string {
  const words = q
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^(AND|OR|NOT|TO)$/.test(w) ? w.toLowerCase() : w))
    .map((w) => w.replace(/([+\-!(){}[\]^"~*?:\\/&|])/g, "\\$1"));
  return words.map((w) => (w.length >= 2 ? `(${w} OR ${w}*)` : w)).join(" AND ");
}

export async function claimDetail(db: Database, mapId: string, claimId: string) {
  const [r] = rowsAs(ClaimDetailRow, await db.read(cypher("claim-detail"), { mapId, claimId }), "claim-detail");
  const claim = r?.claims.find((c) => c.role === "claim")?.claim;
  if (!r || !claim) return null;
  const related = (role: (typeof r.claims)[number]["role"]) => r.claims.filter((c) => c.role === role).map((c) => c.claim).sort(byStart);
  return {
    claim,
    supportedBy: related("supportedBy"),
    supports: related("supports"),
    attackedBy: related("attackedBy"),
    attacks: related("attacks"),
    citations: r.citations.sort((a, b) => a.n - b.n),
    entities: r.entities.sort((a, b) => a.name.localeCompare(b.name)),
    speaker: r.speaker,
  };
}

export function subgraph(root: Claim, nodes: Claim[], edges: SubgraphResult["edges"]): SubgraphResult {
  const unique = new Map(nodes.map((n) => [n.id, n]));
  unique.set(root.id, root);
  const keyOf = (e: SubgraphResult["edges"][number]) => edgeKey(e.type, e.source, e.target, e.inference);
  const uniqueEdges = new Map(edges.map((e) => [keyOf(e), e]));
  return {
    root: root.id,
    nodes: [...unique.values()].sort(byStart),
    edges: [...uniqueEdges.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)),
  };
}

export async function supportTree(db: Database, mapId: string, claimId: string, depth: number): Promise<SubgraphResult | null> {
  const rows = rowsAs(SupportRow, await db.read(cypher("claim-support"), { mapId, claimId, depth: int(depth) }), "claim-support");
  const root = rows.map((r) => r.claim).find((c) => c.id === claimId);
  if (!root) return null;
  const edges = rows.flatMap((r) => r.targets.map((target) => ({ source: r.claim.id, target, type: "SUPPORTS" as const })));
  return subgraph(root, rows.map((r) => r.claim), edges);
}

export async function attackView(db: Database, mapId: string, claimId: string, depth: number): Promise<SubgraphResult | null> {
  const rows = rowsAs(AttackRow, await db.read(cypher("claim-attack"), { mapId, claimId, depth: int(depth) }), "claim-attack");
  const root = rows.map((r) => r.claim).find((c) => c.id === claimId);
  if (!root) return null;
  return subgraph(
    root,
    rows.map((r) => r.claim),
    rows.flatMap((r) => r.edges.map(({ inference, ...e }) => (inference ? { ...e, inference } : e))),
  );
}

/** Chains from `from` to `to`, or the id that names no claim. */
export async function paths(db: Database, mapId: string, from: string, to: string, max: number): Promise<{ paths: string[][] } | { missing: string }> {
  const [row] = rowsAs(PathsRow, await db.read(cypher("claim-paths"), { mapId, from, to, max: int(max) }), "claim-paths");
  if (!row?.fromExists) return { missing: from };
  if (!row.toExists) return { missing: to };
  return { paths: row.chains };
}

export async function citationsOf(db: Database, mapId: string) {
  const rows = rowsAs(CitationListRow, await db.read(cypher("citations-list"), { mapId }), "citations-list");
  return rows.map((r) => ({ ...r.citation, claims: r.claims.sort() }));
}

export async function entitiesOf(db: Database, mapId: string) {
  const rows = rowsAs(EntityListRow, await db.read(cypher("entities-list"), { mapId }), "entities-list");
  return rows.map((r) => ({ ...r.entity, claims: r.claims.sort() }));
}

/** Entities of all maps matching `q`, grouped by name: how maps connect through what they talk about. */
export async function searchEntities(db: Database, q: string, viewer: Viewer | null = null) {
  const rows = rowsAs(EntitySearchRow, await db.read(cypher("entities-search"), { q, ...viewerParams(viewer) }), "entities-search");
  const byName = new Map<string, { name: string; type: Entity["type"]; maps: { map: string; id: string; claims: string[] }[] }>();
  for (const r of rows) {
    const key = r.name.toLowerCase();
    const group = byName.get(key) ?? { name: r.name, type: r.type, maps: [] };
    group.maps.push({ map: r.map, id: r.id, claims: r.claims.sort() });
    byName.set(key, group);
  }
  return [...byName.values()];
}

export async function attackGraph(db: Database, mapId: string) {
  const [row] = rowsAs(AttackGraphRow, await db.read(cypher("map-attack-graph"), { mapId, proposalKinds: [...PROPOSAL_KINDS] }), "map-attack-graph");
  return row ?? null;
}
