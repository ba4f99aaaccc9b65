/**
 * Rows are checked at the repository edge against the contract's schemas: a row in another shape
 * (written by an older version, or by hand in the Neo4j browser) is a located 500 naming the query,
 * the row and the field, never a wrong answer further in.
 */
import { z } from "zod";
import * as schemas from "../../contract/schemas.js";
import { StoredDataError } from "../errors.js";
import { CITATION_FIELDS, MARKER_FORMS } from "../intake/types.js";
import type { Row } from "./neo4j.js";

/** `rows` as `schema` describes them, or StoredDataError naming the first bad field. */
export function rowsAs<S extends z.ZodType>(schema: S, rows: Row[], query: string): z.infer<S>[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    throw new StoredDataError(`cypher/${query}.cypher row ${i}: ${field ? `${field}: ` : ""}${issue?.message ?? "unexpected shape"}`);
  });
}

/**
 * A claim as every read query projects it: `c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]}`,
 * all its stored properties and its footnote numbers (map-graph.cypher sends a whole map's claims as
 * columns, zipped into this shape by mapContentsRows). This schema is the one place that says which
 * of those properties a claim has (others, like mapId, are dropped); footnotes in order.
 */
const StoredClaim = schemas.Claim.extend({
  citations: z.array(z.number().int()).transform((ns) => [...ns].sort((a, b) => a - b)),
  speaker: z.string().nullish().transform((s) => s ?? null),
});

/** cypher/map-graph.cypher: the whole map (its text only when asked for). */
const MapContentsRow = z.object({
  map: schemas.MapInfoResult,
  claims: z.array(StoredClaim),
  citations: z.array(schemas.Citation),
  entities: z.array(schemas.Entity),
  edges: z.array(
    z.object({
      type: z.enum(["SUPPORTS", "ATTACKS", "UNDERCUTS", "CITES", "MENTIONS"]),
      source: z.string(),
      target: z.string(),
      inference: z.string().nullish(),
      quote: z.string().nullable(),
    }),
  ),
  text: z.string().nullable(),
});

/** Columns (a list per property, all of one length) → one object per position. */
function zipColumns(columns: unknown, where: string): Record<string, unknown>[] {
  const isColumns = typeof columns === "object" && columns !== null && !Array.isArray(columns) && Object.values(columns).every(Array.isArray);
  if (!isColumns) throw new StoredDataError(`${where}: expected a list per property`);
  const entries = Object.entries(columns as Record<string, unknown[]>);
  const length = entries[0]?.[1].length ?? 0;
  const uneven = entries.find(([, list]) => list.length !== length);
  if (uneven) throw new StoredDataError(`${where}.${uneven[0]}: ${uneven[1].length} values where the other properties have ${length}`);
  // Plain loops: this runs over every claim and relationship of a map on each cold read.
  const objects = new Array<Record<string, unknown>>(length);
  for (let i = 0; i < length; i++) {
    const object: Record<string, unknown> = {};
    for (const [name, list] of entries) object[name] = list[i];
    objects[i] = object;
  }
  return objects;
}

/**
 * cypher/map-graph.cypher's rows: its claims and relationships come as columns (see the query
 * for why), zipped here into the objects MapContentsRow checks, each claim with its footnotes
 * (its CITES relationships' targets), so a bad value is still named by its claim or edge.
 */
export function mapContentsRows(rows: Row[]): z.infer<typeof MapContentsRow>[] {
  const zipped = rows.map((row, i) => {
    const where = `cypher/map-graph.cypher row ${i}`;
    const edges = zipColumns(row.edges, `${where}: edges`);
    const claims = zipColumns(row.claims, `${where}: claims`);
    const footnotes = new Map<unknown, number[]>();
    for (const e of edges) {
      if (e.type !== "CITES") continue;
      const ns = footnotes.get(e.source);
      if (ns) ns.push(Number(e.target));
      else footnotes.set(e.source, [Number(e.target)]);
    }
    return { ...row, edges, claims: claims.map((c) => ({ ...c, citations: footnotes.get(c.id) ?? [] })) };
  });
  return rowsAs(MapContentsRow, zipped, "map-graph");
}

/** cypher/map-counts.cypher. */
const count = z.number().int();
export const MapCountsRow = z.object({ claims: count, citations: count, entities: count, supports: count, attacks: count, undercuts: count, cites: count, mentions: count });
export type MapCounts = z.infer<typeof MapCountsRow>;

/** cypher/index-config.cypher. */
export const IndexConfigRow = z.object({ config: z.record(z.string(), z.unknown()) });

/** cypher/claims-list.cypher, cypher/claims-search.cypher. */
export const ClaimRow = z.object({ claim: StoredClaim });

/** cypher/claim-support.cypher: each claim of the tree with the claims of the tree it supports. */
export const SupportRow = z.object({ claim: StoredClaim, targets: z.array(z.string()) });

/** cypher/claim-attack.cypher: each claim of the view with the relationships into the view. */
export const AttackRow = z.object({
  claim: StoredClaim,
  edges: z.array(z.object({ source: z.string(), target: z.string(), type: z.enum(["SUPPORTS", "ATTACKS", "UNDERCUTS"]), inference: z.string().nullable() })),
});

/** cypher/claim-detail.cypher. */
export const ClaimDetailRow = z.object({
  claims: z.array(z.object({ role: z.enum(["claim", "supports", "supportedBy", "attacks", "attackedBy"]), claim: StoredClaim })),
  citations: z.array(schemas.Citation),
  entities: z.array(schemas.Entity),
  speaker: schemas.Entity.nullable(),
});

/** cypher/claim-paths.cypher. */
export const PathsRow = z.object({ fromExists: z.boolean(), toExists: z.boolean(), chains: z.array(z.array(z.string())) });

/** cypher/citations-list.cypher. */
export const CitationListRow = z.object({ citation: schemas.Citation, claims: z.array(z.string()) });

/** cypher/entities-list.cypher. */
export const EntityListRow = z.object({ entity: schemas.Entity, claims: z.array(z.string()) });

/** cypher/entities-search.cypher. */
export const EntitySearchRow = schemas.Entity.extend({ map: z.string(), claims: z.array(z.string()) });

/** cypher/map-attack-graph.cypher: what evaluation needs of a map. */
export const AttackGraphRow = z.object({
  claims: z.array(z.string()),
  proposals: z.array(z.string()),
  attacks: z.array(z.object({ source: z.string(), target: z.string() })),
  undercuts: z.array(z.object({ source: z.string(), inference: z.string(), target: z.string() })),
});

/** cypher/maps-list.cypher. */
export const MapListRow = schemas.MapSummary;

/** cypher/map-text.cypher. */
export const MapTextRow = schemas.MapText;

/** cypher/map-meta.cypher: what every map-scoped request checks first. */
export const MapMetaRow = z.object({
  revision: z.string(),
  visibility: z.enum(["public", "private"]),
  owner: z.string().nullable(),
  members: z.array(z.string()),
});

/** cypher/map-head.cypher: the head of the map's history, read under its write lock. */
export const HeadRow = MapMetaRow.extend({
  id: z.string(),
  seq: z.number().int(),
  contentHash: z.string().nullable(),
  snapshotted: z.boolean(),
  logged: z.boolean(),
  /** Its operation rewrote the whole map (a load): replaying the log cannot rebuild it without a snapshot. */
  whole: z.boolean(),
});

/** cypher/map-head-read.cypher. */
export const HeadReadRow = z.object({ seq: z.number().int(), revision: z.string(), snapshotted: z.boolean(), replayable: z.boolean() });

/** cypher/map-access-set.cypher. */
export const AccessRow = MapMetaRow.omit({ revision: true }).extend({ map: z.string() });

const int = z.number().int();
const citationFields = z.array(z.enum(CITATION_FIELDS));

/** A note as intake stored it on its Citation (cypher/document-create.cypher). */
export const IntakeNoteRow = schemas.Citation.extend({
  raw: z.string(),
  start: int,
  end: int,
  parsedFields: citationFields,
  rawFields: citationFields,
  repeats: int.nullable(),
  source: int,
  unparsed: z.boolean(),
});

/**
 * cypher/document-read.cypher: a map's document. The offsets and the notes' intake fields are
 * null for a map not made by intake (a seed file, an import); IntakeNoteRow checks them when it was.
 */
export const DocumentRow = schemas.MapInfoResult.omit({ revision: true }).extend({
  text: z.string().nullable(),
  origin: z.string().nullable(),
  notesStart: int.nullable(),
  sentenceStarts: z.array(int).nullable(),
  sentenceEnds: z.array(int).nullable(),
  markerNs: z.array(int).nullable(),
  markerStarts: z.array(int).nullable(),
  markerEnds: z.array(int).nullable(),
  markerForms: z.array(z.enum(MARKER_FORMS)).nullable(),
  dismissedSuggestions: z.array(z.string()),
  citations: z.array(
    schemas.Citation.extend({
      raw: z.string().nullable(),
      start: int.nullable(),
      end: int.nullable(),
      parsedFields: citationFields.nullable(),
      rawFields: citationFields.nullable(),
      repeats: int.nullable(),
      source: int.nullable(),
      unparsed: z.boolean().nullable(),
    }),
  ),
});
