/**
 * A map's content as history sees it: claims and relations keyed the way edits
 * touch them, plus the parts that only whole-map operations change (document,
 * citations, entities). Pure: operations are applied, compared and converted
 * here, with no database.
 */
import { MAP_INFO_FIELDS, relationKey, type Changes, type EditedClaim, type MapInfoFields, type Relation } from "../../contract/workbench.js";
import type { MapContents } from "../../contract/graph.js";
import type { Citation, Entity, MapData, MapDocument } from "../../contract/model.js";
import { toMapData as contentsToMapData } from "../interchange/from-store.js";

export interface MapState {
  map: MapDocument;
  citations: Citation[];
  entities: Entity[];
  claims: Map<string, EditedClaim>;
  relations: Map<string, Relation>;
}

/** The JSON form kept in (:Snapshot).content. */
export interface StoredState {
  map: MapDocument;
  citations: Citation[];
  entities: Entity[];
  claims: EditedClaim[];
  relations: Relation[];
}

export const toStored = (s: MapState): StoredState => ({
  map: s.map,
  citations: s.citations,
  entities: s.entities,
  claims: [...s.claims.values()],
  relations: [...s.relations.values()],
});

export const fromStored = (s: StoredState): MapState => ({
  map: s.map,
  citations: s.citations,
  entities: s.entities,
  claims: new Map(s.claims.map((c) => [c.id, c])),
  relations: new Map(s.relations.map((r) => [r.key, r])),
});

export const cloneState = (s: MapState): MapState => ({ ...s, claims: new Map(s.claims), relations: new Map(s.relations) });

/** Applies an operation's changes in place (replay works on a private copy). */
export function applyChanges(state: MapState, changes: Changes): MapState {
  for (const [id, claim] of Object.entries(changes.claims)) {
    if (claim) state.claims.set(id, claim);
    else state.claims.delete(id);
  }
  for (const [key, relation] of Object.entries(changes.relations)) {
    if (relation) state.relations.set(key, relation);
    else state.relations.delete(key);
  }
  // A new map object: the old one may be shared with a cached state.
  if (changes.info) state.map = { ...state.map, ...changes.info };
  return state;
}

/** The metadata edits change (title, author, date, venue). */
export const infoOf = (s: MapState): MapInfoFields => ({ title: s.map.title, author: s.map.author ?? null, date: s.map.date ?? null, venue: s.map.venue ?? null });

/** The metadata fields that differ between two states. */
export const infoFieldsChanged = (a: MapInfoFields, b: MapInfoFields) => MAP_INFO_FIELDS.filter((f) => a[f] !== b[f]);

/** Validated seed data → state (a load's snapshot). */
export function fromMapData(data: MapData): MapState {
  const claims = new Map<string, EditedClaim>();
  for (const c of data.claims) {
    const speaker = (c as { speaker?: string | null }).speaker ?? null;
    claims.set(c.id, { id: c.id, kind: c.kind, text: c.text, quote: c.quote, start: c.start, end: c.end, citations: [], speaker, mentions: [] });
  }
  for (const x of data.cites) claims.get(x.claim)?.citations.push(x.n);
  for (const m of data.mentions) claims.get(m.claim)?.mentions.push(m.entity);
  for (const c of claims.values()) normaliseClaim(c);
  const relations = new Map<string, Relation>();
  for (const e of data.edges) {
    const inference = (e as { inference?: string | null }).inference ?? null;
    const r: Relation = { key: "", type: e.type, source: e.source, target: e.target, inference, quote: e.quote ?? null };
    r.key = relationKey(r);
    relations.set(r.key, r);
  }
  return { map: data.map, citations: data.citations, entities: data.entities, claims, relations };
}

/** Stored graph (map-graph query) + text → state: for maps written before history existed. */
export function fromContents(contents: MapContents, text: string, speakers: Record<string, string | null> = {}): MapState {
  const claims = new Map<string, EditedClaim>();
  for (const c of contents.claims) {
    claims.set(c.id, { id: c.id, kind: c.kind, text: c.text, quote: c.quote, start: c.start, end: c.end, citations: [...c.citations], speaker: speakers[c.id] ?? null, mentions: [] });
  }
  const relations = new Map<string, Relation>();
  for (const e of contents.edges) {
    if (e.type === "MENTIONS") claims.get(e.source)?.mentions.push(e.target);
    else if (e.type !== "CITES") {
      const r: Relation = { key: "", type: e.type, source: e.source, target: e.target, inference: e.inference ?? null, quote: e.quote ?? null };
      r.key = relationKey(r);
      relations.set(r.key, r);
    }
  }
  for (const c of claims.values()) normaliseClaim(c);
  const { revision: _revision, ...info } = contents.map;
  return { map: { ...info, text }, citations: contents.citations, entities: contents.entities, claims, relations };
}

export function normaliseClaim(c: EditedClaim): EditedClaim {
  c.citations = [...new Set(c.citations)].sort((a, b) => a - b);
  c.mentions = [...new Set(c.mentions)].sort();
  return c;
}

/** State → the shape the read routes compute from (coverage, graph, export, evaluation). */
export function toContents(state: MapState, revision: string): MapContents {
  const claims = [...state.claims.values()].map((c) => ({ id: c.id, kind: c.kind, text: c.text, quote: c.quote, start: c.start, end: c.end, citations: c.citations, speaker: c.speaker }));
  const edges: MapContents["edges"] = [];
  for (const r of state.relations.values()) {
    const edge = { type: r.type, source: r.source, target: r.target, quote: r.quote } as MapContents["edges"][number];
    if (r.inference) (edge as { inference?: string }).inference = r.inference;
    edges.push(edge);
  }
  for (const c of state.claims.values()) {
    for (const n of c.citations) edges.push({ type: "CITES", source: c.id, target: String(n), quote: null });
    for (const e of c.mentions) edges.push({ type: "MENTIONS", source: c.id, target: e, quote: null });
  }
  const { text: _text, ...info } = state.map;
  return { map: { ...info, revision }, claims, citations: state.citations, entities: state.entities, edges };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each entry that differs between `from` and `to` (null: absent), as before and after. */
function entriesChanged<T>(from: Map<string, T>, to: Map<string, T>, before: Record<string, T | null>, after: Record<string, T | null>): void {
  for (const [key, value] of from) {
    if (same(value, to.get(key))) continue;
    before[key] = value;
    after[key] = to.get(key) ?? null;
  }
  for (const [key, value] of to) {
    if (from.has(key)) continue;
    before[key] = null;
    after[key] = value;
  }
}

/** The changes that turn `from` into `to` (claims and relations, and the document's details). */
export function changesBetween(from: MapState, to: MapState): { before: Changes; after: Changes } {
  const before: Changes = { claims: {}, relations: {} };
  const after: Changes = { claims: {}, relations: {} };
  entriesChanged(from.claims, to.claims, before.claims, after.claims);
  entriesChanged(from.relations, to.relations, before.relations, after.relations);
  if (infoFieldsChanged(infoOf(from), infoOf(to)).length) {
    before.info = infoOf(from);
    after.info = infoOf(to);
  }
  return { before, after };
}

/** Do both states share the parts only a whole-map write changes (the text, footnotes and entities; metadata is an edit)? */
export const sameFrame = (a: MapState, b: MapState) =>
  a.map.id === b.map.id && a.map.text === b.map.text && same(a.citations, b.citations) && same(a.entities, b.entities);

export const CLAIM_FIELDS = ["kind", "text", "quote", "start", "end", "citations", "speaker", "mentions"] as const;

/** State → seed data, for writing a whole revision back (a restore across a reload). */
export const toMapData = (state: MapState, revision: string): MapData => contentsToMapData(toContents(state, revision), state.map.text);
