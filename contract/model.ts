/**
 * The argument graph as server, client, CLI and tests see it, independent of
 * storage: kinds, ids, labels and the records a map is made of.
 */

/** Ids of maps, claims and entities: kebab-case, so they never contain the ':' that namespaces node keys. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isKebabId = (s: string) => KEBAB_ID.test(s);

/**
 * An id from a text (a claim's, a document's title): its first words, accents dropped, lower-cased,
 * joined by '-' within `max` characters (a first word longer than that is cut); "" when the text has
 * no letter or digit.
 */
export function kebabIdFrom(text: string, max: number): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = "";
  for (const w of words) {
    if (id && id.length + 1 + w.length > max) break;
    id = id ? `${id}-${w}` : w.slice(0, max);
  }
  return id;
}

export const SEMANTICS = ["grounded", "complete", "preferred", "stable"] as const;
export type Semantics = (typeof SEMANTICS)[number];

/** A claim's (or argument's) status under a semantics: the one encoding on the wire and in the solvers' answers. */
export const LABELS = ["in", "out", "undec"] as const;
export type Label = (typeof LABELS)[number];

export const CLAIM_KINDS = ["thesis", "claim", "premise", "evidence", "challenge", "rebuttal", "remedy", "option"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/**
 * Options and remedies are proposals: what the evaluation says of them reads as acceptable / not
 * acceptable / undecided, never as true or false (the labels stay in / out / undec).
 */
export const PROPOSAL_KINDS: readonly ClaimKind[] = ["option", "remedy"];
export const PROPOSAL_READINGS = { in: "acceptable", out: "not acceptable", undec: "undecided" } as const;
export type ProposalReading = (typeof PROPOSAL_READINGS)[keyof typeof PROPOSAL_READINGS];

export const ENTITY_TYPES = ["actor", "weapon-system", "treaty", "law", "place", "event", "infrastructure", "concept"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export type ArgumentRelation = "SUPPORTS" | "ATTACKS";

export interface MapInfo {
  id: string;
  title: string;
  author: string | null;
  date: string | null;
  venue: string | null;
}

export interface MapDocument extends MapInfo {
  /** The analysed document's full text; claims' offsets index into it. */
  text: string;
}

export interface ClaimRecord {
  id: string;
  kind: ClaimKind;
  text: string;
  /** Exact span of the document: text.slice(start, end) === quote (UTF-16 offsets, end exclusive). */
  quote: string;
  start: number;
  end: number;
  /** The entity the claim is attributed to when it reports what someone says or believes; null for the author's own assertions. */
  speaker?: string | null;
}

export interface Claim extends ClaimRecord {
  citations: number[];
  speaker: string | null;
}

export interface Citation {
  n: number;
  authors: string | null;
  title: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
}

export interface ArgumentEdge {
  type: ArgumentRelation | "UNDERCUTS";
  source: string;
  target: string;
  quote: string | null;
  /** UNDERCUTS only: the supporting claim whose inference to `target` the source attacks. */
  inference?: string;
}

/** A whole map, validated and resolved, ready to be written. */
export interface MapData {
  map: MapDocument;
  claims: ClaimRecord[];
  citations: Citation[];
  entities: Entity[];
  edges: ArgumentEdge[];
  cites: { claim: string; n: number }[];
  mentions: { claim: string; entity: string }[];
  /** Content hash: equal revisions mean equal graphs. */
  revision: string;
}
