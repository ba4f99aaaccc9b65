/**
 * The HTTP contract as zod schemas: the same objects validate requests, type
 * the handlers, and generate the OpenAPI document (server/api/openapi.ts).
 */
import { z } from "zod";
import { FINDING_KINDS } from "./coverage.js";
import { CLAIM_KINDS, ENTITY_TYPES, KEBAB_ID, PROPOSAL_READINGS, SEMANTICS, type ProposalReading } from "./model.js";

export const MAX_DEPTH = 10;

export const MapId = z
  .string()
  .regex(KEBAB_ID, "must be a kebab-case map id")
  .max(200)
  .meta({ description: "Map id (kebab-case)", example: "davidson-2019-inf" });
export const ClaimId = z
  .string()
  .regex(KEBAB_ID, "must be a kebab-case claim id")
  .max(200)
  .meta({ description: "Claim id (kebab-case, unique within its map)", example: "remedy" });
export const Depth = z.coerce
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_DEPTH, `must be at most ${MAX_DEPTH}`)
  .default(5)
  .meta({ description: `How many steps to follow (1–${MAX_DEPTH})` });

export const Claim = z
  .object({
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
    text: z.string().meta({ description: "The claim, paraphrased" }),
    quote: z.string().meta({ description: "Exact span of the map's text" }),
    start: z.number().int().meta({ description: "Offset of the quote in the map text (UTF-16 code units)" }),
    end: z.number().int().meta({ description: "End offset (exclusive)" }),
    citations: z.array(z.number().int()).meta({ description: "Footnote numbers the claim carries" }),
    speaker: z
      .string()
      .nullable()
      .meta({ description: "Entity id the claim is attributed to when it reports what someone says or believes (\"Russian leaders claim …\"); null for the author's own assertions" }),
  })
  .meta({ id: "Claim" });

export const Citation = z
  .object({
    n: z.number().int(),
    authors: z.string().nullable(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
    url: z.string().nullable(),
  })
  .meta({ id: "Citation" });

export const Entity = z
  .object({ id: z.string(), name: z.string(), type: z.enum(ENTITY_TYPES) })
  .meta({ id: "Entity" });

export const Edge = z
  .object({
    source: z.string(),
    target: z.string(),
    type: z.enum(["SUPPORTS", "ATTACKS", "UNDERCUTS"]),
    inference: z.string().optional().meta({ description: "UNDERCUTS only: the supporting claim whose inference to the target is attacked" }),
  })
  .meta({ id: "Edge" });

export const Subgraph = z
  .object({ root: z.string(), nodes: z.array(Claim), edges: z.array(Edge) })
  .meta({ id: "Subgraph", description: "A claim and the claims around it, with the relationships between them" });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: "Error" });

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  neo4j: z.enum(["up", "down"]),
  /** While Neo4j is down: what happened and what argmap does about it (e.g. restarting the embedded JVM). */
  message: z.string().optional(),
});

export const MapSummary = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  date: z.string().nullable(),
  claims: z.number().int(),
  citations: z.number().int(),
});
export const MapList = z.object({ maps: z.array(MapSummary) });

const GraphNodeAttributes = z
  .object({
    nodeType: z.enum(["claim", "citation", "entity"]),
    label: z.string(),
    kind: z.enum(CLAIM_KINDS).optional(),
    text: z.string().optional(),
    quote: z.string().optional(),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
    citations: z.array(z.number().int()).optional(),
    speaker: z.string().nullable().optional().meta({ description: "Claims: the entity id the claim is attributed to, or null" }),
    n: z.number().int().optional(),
    authors: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    publisher: z.string().nullable().optional(),
    date: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    entityType: z.enum(ENTITY_TYPES).optional(),
    id: z.string().optional().meta({ description: "An entity's own id (its key is `entity:ID`)" }),
  })
  .meta({ description: "Data only: appearance (colour, size, position) is the client's business" });

export const SerializedGraph = z
  .object({
    attributes: z.object({ id: z.string(), title: z.string(), author: z.string().nullable(), date: z.string().nullable(), venue: z.string().nullable(), revision: z.string() }),
    options: z.object({ type: z.literal("directed"), multi: z.literal(true), allowSelfLoops: z.literal(true) }).meta({ description: "multi: one claim may undercut several inferences into the same claim (one edge each)" }),
    nodes: z.array(z.object({ key: z.string(), attributes: GraphNodeAttributes })),
    edges: z.array(
      z.object({
        key: z.string(),
        source: z.string(),
        target: z.string(),
        attributes: z.object({
          type: z.enum(["SUPPORTS", "ATTACKS", "UNDERCUTS", "CITES", "MENTIONS"]),
          quote: z.string().nullable(),
          inference: z.string().nullable().optional().meta({ description: "UNDERCUTS only: the supporting claim whose inference to the target is attacked" }),
        }),
      }),
    ),
  })
  .meta({ id: "SerializedGraph", description: "graphology's serialized graph: Graph.from(body) rebuilds it" });

export const MapText = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string().meta({ description: "The analysed document's full text; claims' start/end index into it" }),
});

export const ClaimDetail = z.object({
  claim: Claim,
  supportedBy: z.array(Claim),
  supports: z.array(Claim),
  attackedBy: z.array(Claim),
  attacks: z.array(Claim),
  citations: z.array(Citation),
  entities: z.array(Entity),
  speaker: Entity.nullable().meta({ description: "The entity the claim is attributed to (claim.speaker), or null" }),
});

export const ClaimList = z.object({ claims: z.array(Claim) });

export const PathList = z.object({
  paths: z.array(z.array(z.string())).meta({ description: "Chains of claim ids from `from` to `to` along SUPPORTS, shortest first" }),
});

export const CitationList = z.object({ citations: z.array(Citation.extend({ claims: z.array(z.string()) })) });
export const EntityList = z.object({ entities: z.array(Entity.extend({ claims: z.array(z.string()) })) });
export const EntitySearch = z.object({
  entities: z.array(
    z.object({
      name: z.string(),
      type: z.enum(ENTITY_TYPES),
      maps: z.array(z.object({ map: z.string(), id: z.string(), claims: z.array(z.string()) })),
    }),
  ),
});

// Requests
export const MapParams = z.object({ map: MapId });
export const ClaimParams = z.object({ map: MapId, id: ClaimId });
export const DepthQuery = z.object({ depth: Depth }).strict();
export const ClaimsQuery = z
  .object({
    q: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional().meta({ description: "Words to find in claim text and quote" }),
    kind: z.enum(CLAIM_KINDS, { error: () => `must be one of ${CLAIM_KINDS.join(", ")}` }).optional(),
  })
  .strict();
export const PathsQuery = z
  .object({
    from: ClaimId,
    to: ClaimId,
    max: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(10).meta({ description: "At most this many paths" }),
  })
  .strict();
export const EntitySearchQuery = z
  .object({ q: z.string().trim().min(1, "must not be empty").max(200).meta({ description: "Part of an entity's name" }) })
  .strict();
export const NoQuery = z.object({}).strict();

// Evaluation
export const SemanticsName = z
  .enum(SEMANTICS, { error: () => `must be one of ${SEMANTICS.join(", ")}` })
  .meta({ description: "Dung semantics" });
const LabelValue = z.enum(["in", "out", "undec"]);
/** Claim ids separated by commas (empty entries ignored): `without=` of evaluations. */
const WITHOUT_LIST = new RegExp(`^(?:${KEBAB_ID.source.slice(1, -1)})?(?:,(?:${KEBAB_ID.source.slice(1, -1)})?)*$`);
export const EvaluationQuery = z
  .object({
    semantics: SemanticsName.default("grounded"),
    without: z
      .string()
      // The pattern is what the OpenAPI document states, so what it allows is exactly what is accepted.
      .regex(WITHOUT_LIST, "must be claim ids (kebab-case) separated by commas, e.g. challenge-caatsa,remedy")
      .optional()
      .transform((s) => [...new Set((s ?? "").split(",").filter(Boolean))])
      .meta({ description: "Comma-separated claim ids to leave out: what if these were withdrawn?", example: "challenge-caatsa" }),
  })
  .strict();
export const Evaluation = z
  .object({
    semantics: SemanticsName,
    labels: z.record(z.string(), LabelValue).meta({ description: "Every claim not left out: in, out or undec (for several extensions: in = in all, out = attacked by all)" }),
    extensions: z.array(z.array(z.string())),
    without: z.array(z.string()),
    defeatedBy: z.record(z.string(), z.array(z.string())).meta({ description: "Why a claim does not stand: its IN attackers if OUT, its UNDEC attackers if UNDEC" }),
    acceptance: z.record(z.string(), z.object({ credulous: z.boolean(), sceptical: z.boolean() })),
    inferences: z
      .array(
        z.object({
          inference: z.string().meta({ description: "The supporting claim" }),
          target: z.string().meta({ description: "The claim it supports" }),
          label: LabelValue.meta({ description: "The derived argument inference ⇒ target: in, out or undec" }),
          undercutBy: z.array(z.string()),
          defeatedBy: z.array(z.string()).meta({ description: "Its IN undercutters if OUT, its UNDEC undercutters if UNDEC" }),
        }),
      )
      .meta({ description: "Every undercut inference: undercuts defeat inferences, never claims' premise arguments (README: How claims are evaluated)" }),
    proposals: z
      .record(z.string(), z.enum(Object.values(PROPOSAL_READINGS) as [ProposalReading, ...ProposalReading[]]))
      .meta({
        description:
          "Options and remedies are proposals, not facts: each one's label read as acceptable (in), not acceptable (out) or undecided (undec)",
        example: { remedy: "not acceptable", "option-expire": "not acceptable" },
      }),
  })
  .meta({ id: "Evaluation" });
export const EvaluateBody = z
  .object({
    arguments: z.array(z.string().min(1).max(200)).max(200_000),
    attacks: z.array(z.tuple([z.string(), z.string()])).max(2_000_000),
    semantics: SemanticsName,
  })
  .strict();
export const EvaluateResult = z.object({ extensions: z.array(z.array(z.string())) });

// Coverage
export const FindingKindName = z.enum([...FINDING_KINDS, "unparsed-note", "marker-without-note", "note-without-marker"]);
export const Coverage = z
  .object({
    totals: z.object({ claims: z.number().int(), cited: z.number().int(), uncited: z.number().int(), ratio: z.number() }),
    uncited: z.array(Claim),
    findings: z.array(
      z.object({
        kind: FindingKindName,
        message: z.string(),
        citations: z.array(z.number().int()).optional(),
        claims: z.array(z.string()).optional(),
        sentences: z
          .array(z.object({ start: z.number().int(), end: z.number().int() }))
          .optional()
          .meta({ description: "The sentences concerned (offsets into the map's text), to take the reader to them" }),
        figures: z.array(z.string()).optional().meta({ description: "The figures concerned, as written (uncited-figure, repeated-figure)" }),
      }),
    ),
    sentences: z
      .object({ sentences: z.number().int(), cited: z.number().int(), ratio: z.number() })
      .optional()
      .meta({ description: "Sentences of the document and how many carry a footnote" }),
  })
  .meta({ id: "Coverage" });
export const CitationParams = z.object({
  map: MapId,
  n: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a footnote number (1, 2, …)")
    .transform(Number)
    .meta({ description: "Footnote number", example: "15" }),
});
export const CitationImpact = z.object({
  citation: Citation,
  conclusions: z.array(Claim).meta({ description: "Claims whose support tree would be left with no cited claim without this footnote" }),
});
export const ChainCoverage = z.object({
  claim: z.string(),
  claims: z.number().int().meta({ description: "Claims in the support tree, the claim included" }),
  cited: z.number().int(),
  ratio: z.number(),
  uncited: z.array(z.string()),
});

// Import, export, delete
export const ImportQuery = z
  .object({
    id: MapId.optional().meta({ description: "Map id; by default the file's own (seed map.id, Argdown front matter id, AIF nodeset id, a slug of the title)" }),
    title: z.string().min(1).max(300).optional().meta({ description: "Title; by default the file's own" }),
    replace: z.enum(["true", "false"], { error: () => 'must be "true" or "false"' }).default("false").transform((v) => v === "true"),
  })
  .strict();
export const ImportResult = z.object({
  id: z.string(),
  status: z.enum(["created", "replaced", "unchanged"]),
  claims: z.number().int(),
  warnings: z.array(z.string()).meta({ description: "The loss report: what the sent file held that argmap could not keep, or had to read in a particular way" }),
});
export const DeleteResult = z.object({ id: z.string(), deleted: z.literal(true) });
export const EXPORT_FORMATS = ["aif", "argdown", "graphml", "json", "kialo", "xaif"] as const;
export const ExportQuery = z
  .object({ format: z.enum(EXPORT_FORMATS, { error: () => `must be one of ${EXPORT_FORMATS.join(", ")}` }).default("json") })
  .strict();
export const ExportBody = z.string().meta({ description: "The map in the requested format" });
export const ExportJsonBody = z
  .record(z.string(), z.unknown())
  .meta({ description: "format=json: the project's map JSON (POST /api/maps takes it back); format=aif: AIFdb JSON; format=xaif: OVA3's xAIF" });

// Documents taken in as maps (SPEC "Documents, editing, history, people"): the new-map request and answer,
// sentences, parsed notes, metadata edits. Offsets are UTF-16 indexes into the map's text, end exclusive.
export const DOCUMENT_MEDIA_TYPES = {
  "text/plain": "Plain text (UTF-8), stored exactly",
  "text/markdown": "Markdown: front matter and headings give the metadata; [^n] references and [^n]: definitions are the notes",
  "text/html": "HTML: <meta> gives the metadata; <sup>n</sup> and links to #fnN are the markers, a footnotes list the notes",
  "application/pdf": "PDF with a text layer (a scan without one needs OCR first)",
} as const;

export const DocumentQuery = z
  .object({
    id: MapId.optional().meta({ description: "The new map's id; derived from the title when absent" }),
    title: z.string().trim().min(1).max(300).optional().meta({ description: "The map's title; taken from the document's metadata when absent" }),
  })
  .strict();

export const TextSpan = z.object({ start: z.number().int(), end: z.number().int() });

export const Sentence = TextSpan.extend({ markers: z.array(z.number().int()).meta({ description: "Footnote numbers the sentence carries" }) }).meta({
  id: "Sentence",
});

export const FootnoteMarker = TextSpan.extend({ n: z.number().int(), form: z.enum(["bracket", "caret", "superscript"]) }).meta({ id: "FootnoteMarker" });

export const FieldStatus = z.enum(["parsed", "raw", "absent"]);

export const ParsedCitation = Citation.extend({
  raw: z.string().meta({ description: "The note as printed, lines joined" }),
  start: z.number().int(),
  end: z.number().int(),
  fields: z
    .object({ authors: FieldStatus, title: FieldStatus, publisher: FieldStatus, date: FieldStatus, url: FieldStatus })
    .meta({ description: "parsed: recognised by its form; raw: a guess to check; absent: not in the note" }),
  repeats: z.number().int().nullable().meta({ description: "Ibid./Id./op. cit.: the note it repeats" }),
  source: z.number().int().meta({ description: "The first note citing the same source (itself when it is the first)" }),
  unparsed: z.boolean().meta({ description: "The note could not be split into fields: kept raw, to check" }),
}).meta({ id: "ParsedCitation" });

export const DocumentMeta = z.object({ title: z.string(), author: z.string().nullable(), date: z.string().nullable(), venue: z.string().nullable() });

export const DocumentCreated = z
  .object({
    id: z.string(),
    revision: z.string(),
    format: z.enum(["text", "markdown", "html", "pdf"]),
    meta: DocumentMeta,
    sentences: z.array(Sentence),
    citations: z.array(ParsedCitation),
    markers: z.array(FootnoteMarker),
  })
  .meta({ id: "DocumentCreated" });

export const NoteList = z.object({ notes: z.array(ParsedCitation) }).meta({ id: "NoteList" });

export const SentenceList = z.object({ sentences: z.array(Sentence) }).meta({ id: "SentenceList" });

export const MapPatch = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    author: z.string().trim().max(300).nullable().optional(),
    date: z.string().trim().max(40).nullable().optional(),
    venue: z.string().trim().max(300).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "give at least one of title, author, date, venue")
  .meta({ id: "MapPatch" });

export const MapInfoResult = z.object({ id: z.string(), title: z.string(), author: z.string().nullable(), date: z.string().nullable(), venue: z.string().nullable(), revision: z.string() });

export const Suggestion = z
  .object({
    id: z.string(),
    type: z.enum(["SUPPORTS", "ATTACKS"]),
    marker: z.string().meta({ description: "The discourse marker that prompted it (because, therefore, however, …)" }),
    at: z.number().int().meta({ description: "Offset of the marker in the map's text" }),
    source: TextSpan.meta({ description: "The candidate reason (or attacker): a span of the text" }),
    target: TextSpan.meta({ description: "The candidate conclusion (or what is attacked)" }),
    status: z.enum(["open", "accepted", "dismissed"]).meta({
      description: "accepted: the map has a relation of this type between claims quoting the two spans; dismissed: an analyst said no",
    }),
  })
  .meta({ id: "Suggestion" });
export const SuggestionList = z.object({ suggestions: z.array(Suggestion) }).meta({ id: "SuggestionList" });
export const SuggestionParams = z.object({
  map: MapId,
  id: z
    .string()
    .regex(/^[sa]-\d{1,9}-\d{1,9}-\d{1,9}-\d{1,9}$/, "must be a suggestion id as GET /api/maps/:map/suggestions gives it (e.g. s-120-180-0-119)")
    .meta({ description: "Suggestion id" }),
});
export const SuggestionDismissal = z.object({ id: z.string(), status: z.enum(["open", "dismissed"]) }).meta({ id: "SuggestionDismissal" });
// The workbench's shapes (users, access, edits, history, events) live beside this file.
export * from "./workbench.js";
