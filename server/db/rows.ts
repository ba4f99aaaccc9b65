/**
 * Rows are checked at the repository edge against the contract's schemas: a row in another shape
 * (written by an older version, or by hand in the Neo4j browser) is a located 500 naming the query,
 * the row and the field, never a wrong answer further in.
 */
import { z } from "zod";
import * as schemas from "../../contract/schemas.js";
import { StoredDataError } from "../errors.js";
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

const MapRow = z.object({ id: z.string(), title: z.string(), author: z.string().nullable(), date: z.string().nullable(), venue: z.string().nullable() });

/** cypher/map-graph.cypher: the whole map. */
export const MapContentsRow = z.object({
  map: MapRow.extend({ revision: z.string() }),
  claims: z.array(schemas.Claim),
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
});

/** cypher/map-counts.cypher. */
export const MapCountsRow = z.object({
  claims: z.number().int(),
  citations: z.number().int(),
  entities: z.number().int(),
  supports: z.number().int(),
  attacks: z.number().int(),
  undercuts: z.number().int(),
  cites: z.number().int(),
  mentions: z.number().int(),
});
export type MapCounts = z.infer<typeof MapCountsRow>;
