/**
 * What the user is looking at, and its permalink. The URL's query string holds
 * all of it, so reloading or sharing a link restores the same view.
 */
import { CLAIM_KINDS, type ClaimKind } from "./api.js";
import { KEBAB_ID } from "../../contract/model.js";

/** What the map concentrates on. The evaluation is an overlay (`evaluate`), available in every mode. */
export const MODES = ["explore", "support", "attack", "chain", "coverage", "citations"] as const;
export const SEMANTICS = ["grounded", "preferred", "stable", "complete"] as const;
export type Semantics = (typeof SEMANTICS)[number];
export type Mode = (typeof MODES)[number];
export type LayoutName = "force" | "layered" | "chain";

export interface ViewState {
  map: string | null;
  claim: string | null;
  mode: Mode;
  layout: LayoutName;
  /** Claim kinds shown; all when the set is full. */
  kinds: ClaimKind[];
  citations: boolean;
  entities: boolean;
  outline: boolean;
  reader: boolean;
  /** The evaluation overlay, its semantics, and the claims withdrawn ("what if"). */
  evaluate: boolean;
  semantics: Semantics;
  without: string[];
  /** The pro/con columns of the selected claim. */
  procon: boolean;
  /** Coverage: the selected finding (its index in the report); citations: the selected footnote. */
  finding: number | null;
  citation: number | null;
}

export const defaultLayout = (mode: Mode): LayoutName => (mode === "support" || mode === "attack" ? "layered" : mode === "chain" ? "chain" : "force");

export const DEFAULT_STATE: ViewState = {
  map: null,
  claim: null,
  mode: "explore",
  layout: "force",
  kinds: [...CLAIM_KINDS],
  citations: false,
  entities: false,
  outline: false,
  reader: false,
  evaluate: false,
  semantics: "grounded",
  without: [],
  procon: false,
  finding: null,
  citation: null,
};

const ID = KEBAB_ID;

/** Unknown or malformed values fall back to defaults: a mangled link still opens something sensible. */
export function decodeState(search: string): ViewState {
  const p = new URLSearchParams(search);
  // mode=evaluate is what links from before the overlay said: the overlay on the whole map.
  const legacyEvaluate = p.get("mode") === "evaluate";
  const mode = (MODES as readonly string[]).includes(p.get("mode") ?? "") ? (p.get("mode") as Mode) : DEFAULT_STATE.mode;
  const layoutParam = p.get("layout");
  const kindsParam = p.get("kinds");
  const kinds = kindsParam === null ? [...CLAIM_KINDS] : CLAIM_KINDS.filter((k) => kindsParam.split(",").includes(k));
  const count = (name: string) => {
    const v = p.get(name);
    return v !== null && /^\d{1,6}$/.test(v) ? Number(v) : null;
  };
  const id = (name: string) => {
    const v = p.get(name);
    return v && ID.test(v) ? v : null;
  };
  return {
    map: id("map"),
    claim: id("claim"),
    mode,
    layout: layoutParam === "force" || layoutParam === "layered" || layoutParam === "chain" ? layoutParam : defaultLayout(mode),
    kinds,
    citations: p.get("citations") === "1",
    entities: p.get("entities") === "1",
    outline: p.get("outline") === "1",
    reader: p.get("reader") === "1",
    semantics: (SEMANTICS as readonly string[]).includes(p.get("semantics") ?? "") ? (p.get("semantics") as Semantics) : "grounded",
    evaluate: legacyEvaluate || p.get("eval") === "1",
    without: (p.get("without") ?? "").split(",").filter((id) => ID.test(id)),
    procon: p.get("procon") === "1",
    finding: count("finding"),
    citation: count("citation"),
  };
}

export function encodeState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.map) p.set("map", s.map);
  if (s.claim) p.set("claim", s.claim);
  if (s.mode !== "explore") p.set("mode", s.mode);
  if (s.layout !== defaultLayout(s.mode)) p.set("layout", s.layout);
  if (s.kinds.length !== CLAIM_KINDS.length) p.set("kinds", s.kinds.join(","));
  if (s.citations) p.set("citations", "1");
  if (s.entities) p.set("entities", "1");
  if (s.outline) p.set("outline", "1");
  if (s.reader) p.set("reader", "1");
  if (s.evaluate) p.set("eval", "1");
  if (s.semantics !== "grounded") p.set("semantics", s.semantics);
  if (s.without.length) p.set("without", s.without.join(","));
  if (s.procon) p.set("procon", "1");
  if (s.finding !== null) p.set("finding", String(s.finding));
  if (s.citation !== null) p.set("citation", String(s.citation));
  const query = p.toString();
  return query ? `?${query}` : "";
}

/** How a change reached the store: a user's step (a new history entry), a correction, or Back/Forward. */
export type Origin = "user" | "replace" | "history";
type Listener = (state: ViewState, previous: ViewState, origin: Origin) => void;

export class Store {
  private listeners: Listener[] = [];
  constructor(private current: ViewState) {}

  get state(): ViewState {
    return this.current;
  }

  update(patch: Partial<ViewState>, origin: Origin = "user"): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    if (encodeState(previous) === encodeState(this.current) && origin !== "history") return;
    for (const listener of this.listeners) listener(this.current, previous, origin);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }
}
