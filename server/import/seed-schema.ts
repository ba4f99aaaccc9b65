/** The argmap seed format (YAML): what a file must contain, field by field. */
import { z } from "zod";
import { CLAIM_KINDS, ENTITY_TYPES, KEBAB_ID } from "../../contract/model.js";

export const Id = z
  .string()
  .regex(KEBAB_ID, "must be kebab-case: lower-case letters, digits and single hyphens");

const nullableText = z.string().min(1).nullable().default(null);

const RelationTarget = z.union([
  Id,
  z.object({ to: Id, quote: z.string().min(1).optional() }).strict(),
]);

export const SeedClaim = z
  .object({
    id: Id,
    kind: z.enum(CLAIM_KINDS, { error: () => `must be one of ${CLAIM_KINDS.join(", ")}` }),
    text: z.string().min(1),
    quote: z.string().min(1),
    occurrence: z.number().int().min(1).optional(),
    cites: z.array(z.number().int().min(1)).default([]),
    mentions: z.array(Id).default([]),
    /** Who the claim is attributed to (an entity id), when it reports what someone says or believes. */
    speaker: Id.optional(),
    supports: z.array(RelationTarget).default([]),
    attacks: z.array(RelationTarget).default([]),
    /** Attacks on an inference: `inference` supports `target`, and this claim says that support does not hold. */
    undercuts: z.array(z.object({ target: Id, inference: Id, quote: z.string().min(1).optional() }).strict()).default([]),
  })
  .strict();

export const SeedCitation = z
  .object({
    n: z.number().int().min(1),
    authors: nullableText,
    title: nullableText,
    publisher: nullableText,
    date: z
      .union([z.string().min(1), z.number().int().transform(String)], { error: () => "must be a date as printed (text, or a year), or null" })
      .nullable()
      .default(null),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "must be an http or https address")
      .nullable()
      .default(null),
  })
  .strict();

export const SeedEntity = z.object({ id: Id, name: z.string().min(1), type: z.enum(ENTITY_TYPES, { error: () => `must be one of ${ENTITY_TYPES.join(", ")}` }) }).strict();

export const SeedFile = z
  .object({
    map: z
      .object({
        id: Id,
        title: z.string().min(1),
        author: nullableText,
        date: z.union([z.string(), z.number()]).transform(String).nullable().default(null),
        venue: nullableText,
        /** The document's text file, relative to the seed file; or `text` inline. */
        source: z.string().min(1).optional(),
        text: z.string().min(1).optional(),
      })
      .strict()
      .refine((m) => (m.source === undefined) !== (m.text === undefined), {
        message: "give exactly one of `source` (a text file beside the seed) or `text` (the document inline)",
      }),
    // Items are checked one by one (see seed.ts) so that one bad item does not hide the problems of the others.
    entities: z.array(z.unknown()).default([]),
    citations: z.array(z.unknown()).default([]),
    claims: z.array(z.unknown()).min(1, "a map needs at least one claim"),
  })
  .strict();

export type SeedFile = z.infer<typeof SeedFile>;
export type SeedClaim = z.infer<typeof SeedClaim>;
