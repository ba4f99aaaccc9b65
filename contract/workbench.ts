/**
 * Wire shapes of the analysis workbench (SPEC "Documents, editing, history,
 * people"): users and roles, map access, claim and relation edits, history,
 * diff, restore, undo and the events stream. Server routes validate with these
 * schemas and the client imports the same types (type-only, through
 * contract/schemas.ts, which re-exports them).
 */
import { z } from "zod";
import { edgeKey, parseEdgeKey } from "./keys.js";
import { CLAIM_KINDS, kebabIdFrom } from "./model.js";

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Id = z.string().regex(kebab, "must be kebab-case: lower-case letters, digits and single hyphens").max(200);

// ---------------------------------------------------------------- people
export const ROLES = ["reader", "analyst", "admin"] as const;
export const Role = z.enum(ROLES, { error: () => `must be one of ${ROLES.join(", ")}` });
export type Role = z.infer<typeof Role>;
export const UserName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, "must be 1–64 letters, digits, dots, hyphens or underscores, starting with a letter or digit");
export const UserCreateBody = z.object({ name: UserName, role: Role }).strict();
export const UserCreated = z
  .object({ name: z.string(), role: Role, token: z.string().meta({ description: "Shown once; only its hash is stored" }) })
  .meta({ id: "UserCreated" });
export const WhoAmI = z.object({ name: z.string().nullable(), role: Role.nullable() });

export const VISIBILITIES = ["public", "private"] as const;
export const AccessBody = z
  .object({ visibility: z.enum(VISIBILITIES, { error: () => 'must be "public" or "private"' }), members: z.array(UserName).max(1000).default([]) })
  .strict();
export const Access = z
  .object({ map: z.string(), visibility: z.enum(VISIBILITIES), owner: z.string().nullable(), members: z.array(z.string()) })
  .meta({ id: "Access" });

// ---------------------------------------------------------------- edits
export const RELATION_TYPES = ["SUPPORTS", "ATTACKS", "UNDERCUTS"] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** A claim as edits see it: the Claim of reads plus what it mentions. */
export const EditedClaim = z
  .object({
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
    text: z.string(),
    quote: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    citations: z.array(z.number().int()),
    speaker: z.string().nullable(),
    mentions: z.array(z.string()),
  })
  .meta({ id: "EditedClaim" });
export type EditedClaim = z.infer<typeof EditedClaim>;

export const Relation = z
  .object({
    key: z.string().meta({ description: "TYPE:source->target, or UNDERCUTS:source->inference->target" }),
    type: z.enum(RELATION_TYPES),
    source: z.string(),
    target: z.string(),
    inference: z.string().nullable().meta({ description: "UNDERCUTS only: the supporting claim whose inference to target is attacked" }),
    quote: z.string().nullable(),
  })
  .meta({ id: "Relation" });
export type Relation = z.infer<typeof Relation>;

const kindField = z.enum(CLAIM_KINDS, { error: () => `must be one of ${CLAIM_KINDS.join(", ")}` });
const offset = z.number().int("must be a whole number").min(0, "must be at least 0");

export const ClaimCreateBody = z
  .object({
    id: Id.optional().meta({ description: "Derived from text when absent" }),
    kind: kindField,
    text: z.string().trim().min(1, "must not be empty").max(5000),
    start: offset.meta({ description: "Offset of the quote in the map text (UTF-16 code units)" }),
    end: offset.meta({ description: "End offset (exclusive)" }),
    speaker: Id.nullable().optional(),
    cites: z.array(z.number().int().min(1)).max(200).optional(),
    mentions: z.array(Id).max(200).optional(),
  })
  .strict()
  .refine((b) => b.end > b.start, { message: "end must be greater than start", path: ["end"] });

export const ClaimPatchBody = z
  .object({
    kind: kindField.optional(),
    text: z.string().trim().min(1, "must not be empty").max(5000).optional(),
    start: offset.optional(),
    end: offset.optional(),
    speaker: Id.nullable().optional(),
    cites: z.array(z.number().int().min(1)).max(200).optional(),
    mentions: z.array(Id).max(200).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "give at least one field to change" })
  .refine((b) => (b.start === undefined) === (b.end === undefined), { message: "give start and end together", path: ["end"] });

export const RelationCreateBody = z
  .object({
    type: z.enum(RELATION_TYPES, { error: () => `must be one of ${RELATION_TYPES.join(", ")}` }),
    source: Id,
    target: Id,
    inference: Id.optional().meta({ description: "UNDERCUTS: the claim that SUPPORTS target; the attack is on that inference" }),
    quote: z.string().min(1).max(5000).optional().meta({ description: "The sentence that asserts the relation: an exact span of the text" }),
  })
  .strict();

export const MergeBody = z.object({ into: Id.meta({ description: "The claim that stays; the merged claim's relations move to it" }) }).strict();

export const EditResult = z.object({ revision: z.string() });
export const ClaimCreated = z.object({ claim: EditedClaim, revision: z.string() });
export const RelationCreated = z.object({ key: z.string(), relation: Relation, revision: z.string() });
export const ClaimMerged = z.object({ claim: EditedClaim, revision: z.string() });

/** The document's metadata that edits change (PATCH /api/maps/:map); its text never changes by an edit. */
export const MapInfoFields = z
  .object({ title: z.string(), author: z.string().nullable(), date: z.string().nullable(), venue: z.string().nullable() })
  .meta({ id: "MapInfoFields" });
export type MapInfoFields = z.infer<typeof MapInfoFields>;
export const MAP_INFO_FIELDS = ["title", "author", "date", "venue"] as const;

/** What an operation changed: each touched claim or relation and its value after (null: removed), and the metadata when it changed. */
export const Changes = z
  .object({
    claims: z.record(z.string(), EditedClaim.nullable()),
    relations: z.record(z.string(), Relation.nullable()),
    info: MapInfoFields.optional().meta({ description: "The document's title, author, date and venue, when the operation changed them" }),
  })
  .meta({ id: "Changes" });
export type Changes = z.infer<typeof Changes>;

// ---------------------------------------------------------------- history
export const OP_TYPES = [
  "load",
  "claim.create",
  "claim.update",
  "claim.delete",
  "claim.merge",
  "relation.create",
  "relation.delete",
  "restore",
  "undo",
  "map.update",
] as const;
export type OpType = (typeof OP_TYPES)[number];
export const Op = z
  .object({
    type: z.enum(OP_TYPES),
    claim: z.string().optional(),
    into: z.string().optional(),
    key: z.string().optional(),
    revision: z.string().optional().meta({ description: "restore: the revision restored; undo: the revision whose operation was undone" }),
    status: z.string().optional().meta({ description: "load: created or replaced" }),
    fields: z.array(z.string()).optional().meta({ description: "map.update: the metadata fields changed (title, author, date, venue)" }),
  })
  .meta({ id: "Op" });
export type Op = z.infer<typeof Op>;

export const HistoryEntry = z.object({
  seq: z.number().int(),
  revision: z.string(),
  parent: z.string().nullable(),
  user: z.string(),
  at: z.string(),
  op: Op,
});
export const History = z.object({ revisions: z.array(HistoryEntry) });
export const HistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    before: z.coerce.number().int().min(1).optional().meta({ description: "Only operations with a lower sequence number (paging)" }),
  })
  .strict();

export const RevisionBody = z.object({ revision: z.string().min(1).max(100) }).strict();
export const DiffQuery = z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) }).strict();

const Totals = z.object({ claims: z.number().int(), cited: z.number().int(), uncited: z.number().int(), ratio: z.number() });
export const Diff = z
  .object({
    from: z.string(),
    to: z.string(),
    claims: z.object({
      added: z.array(EditedClaim),
      removed: z.array(EditedClaim),
      changed: z.array(z.object({ id: z.string(), before: EditedClaim, after: EditedClaim, fields: z.array(z.string()) })),
    }),
    relations: z.object({ added: z.array(Relation), removed: z.array(Relation), changed: z.array(z.object({ key: z.string(), before: Relation, after: Relation })) }),
    info: z
      .object({ before: MapInfoFields, after: MapInfoFields, fields: z.array(z.enum(MAP_INFO_FIELDS)) })
      .nullable()
      .meta({ description: "The document's metadata before and after, when it differs; null when the same" }),
    coverage: z.object({ from: Totals, to: Totals }),
    evaluation: z.object({
      semantics: z.literal("grounded"),
      changed: z.array(z.object({ claim: z.string(), from: z.enum(["in", "out", "undec"]).nullable(), to: z.enum(["in", "out", "undec"]).nullable() })),
    }),
  })
  .meta({ id: "Diff" });
export type Diff = z.infer<typeof Diff>;

/** One event of GET /api/maps/:map/events (`id:` is seq). `changes` is null for whole-map operations (load, a restore across a reload): reload the map. */
export const OpEvent = z
  .object({ seq: z.number().int(), revision: z.string(), parent: z.string().nullable(), user: z.string(), at: z.string(), op: Op, changes: Changes.nullable() })
  .meta({ id: "OpEvent" });
export type OpEvent = z.infer<typeof OpEvent>;

/** The body of a 409 on an edit: the current state of everything the edit touched. */
export const ConflictBody = z.object({
  error: z.object({ code: z.literal("edit_conflict"), message: z.string() }),
  current: z.object({
    revision: z.string(),
    claims: z.record(z.string(), EditedClaim.nullable()),
    relations: z.record(z.string(), Relation.nullable()),
    info: MapInfoFields.optional(),
  }),
});

// ---------------------------------------------------------------- keys
/** A relation's key (contract/keys.ts): `TYPE:source->target`, `UNDERCUTS:source->inference->target`. */
export const relationKey = (r: { type: RelationType; source: string; target: string; inference?: string | null }) => edgeKey(r.type, r.source, r.target, r.inference);

/** The relation a key names, or null for a key no relation can have. */
export function parseRelationKey(key: string): { type: RelationType; source: string; target: string; inference: string | null } | null {
  const parsed = parseEdgeKey(key);
  return parsed && (RELATION_TYPES as readonly string[]).includes(parsed.type) ? (parsed as ReturnType<typeof parseRelationKey>) : null;
}

/** A claim id from its text: the first words, kebab-cased (the server adds -2, -3 … when taken). */
export const claimIdFromText = (text: string): string => kebabIdFrom(text, 48) || "claim";
