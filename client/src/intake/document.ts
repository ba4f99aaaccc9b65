/**
 * A map's document in the reading pane, beyond its claims: the sentence a coverage finding is
 * about (scrolled to, marked and focused), and the suggestions of discourse markers, underlined
 * dashed in the text and listed with Accept and Dismiss for those who may edit.
 *
 * Marks are CSS Custom Highlights over DOM ranges, not elements: the pane's structure (claims'
 * <mark>s, offsets kept for selections) stays exactly as the reader builds it, and a passage may
 * cross a claim's boundary. Ranges are rebuilt whenever the pane is rebuilt.
 */
import type Graph from "graphology";
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { anchorOf, paraphraseOf, proposedCites, proposedId } from "../edit/anchor.js";
import { openDialog, type DialogHandle } from "../edit/dialog.js";
import type { Editor } from "../edit/editor.js";
import type { Reader } from "../panels/reader.js";
import { announceError } from "../ui/shell.js";
import { claimOfNode, type NodeAttrs } from "../../../contract/graph.js";
import type { Claim } from "../../../contract/model.js";
import { suggestedRelations, type SuggestedRelation } from "../graph/suggested.js";
import { intakeApi, type Suggestion } from "./api.js";

type Span = { start: number; end: number };
type Edit = Parameters<Editor["run"]>[0];

export interface DocumentHost {
  reader: Reader;
  readerElement: HTMLElement;
  editor: Editor;
  mapId(): string | null;
  graph(): Graph | null;
  /** Draws the open suggestions that join two claims on the map (dashed, "?"). */
  showSuggestedRelations(relations: SuggestedRelation[]): void;
  /** Opens the reading pane (it is built when first shown). */
  showReader(): void;
  setStatus(text: string): void;
}

const HIGHLIGHTS = { suggestion: "argmap-suggestion", shown: "argmap-suggestion-shown", sentence: "argmap-sentence" } as const;
const narrow = () => window.matchMedia("(max-width: 900px)").matches;
const canHighlight = () => typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";

const RELATION_WORDS: Record<Suggestion["type"], string> = { SUPPORTS: "a reason for", ATTACKS: "against" };
const excerpt = (text: string, s: Span, max = 160) => {
  const t = text.slice(s.start, s.end).replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export class DocumentPane {
  private suggestions: Suggestion[] = [];
  private sentences: Span[] = [];
  private sentence: Span | null = null;
  private shown: Suggestion | null = null;
  private loadedFor: string | null = null;
  /** The map whose suggestions were asked for (only for someone who may edit: nobody else sees them). */
  private suggestionsFor: string | null = null;
  private fetchSeq = 0;
  private list: DialogHandle | null = null;
  private readonly button: HTMLButtonElement;

  constructor(
    private readonly host: DocumentHost,
    button: HTMLButtonElement,
  ) {
    this.button = button;
    this.button.hidden = true;
    // The reader rebuilds its content on every change to the map: the ranges go with it.
    new MutationObserver(() => this.paint()).observe(host.readerElement, { childList: true });
    // Signing in (or the answer to who is signed in) decides whether suggestions are offered: they
    // are fetched once someone who may edit is signed in.
    new MutationObserver(() => {
      if (this.host.editor.canEdit && this.suggestionsFor !== this.host.mapId()) this.refresh();
      else this.update();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-can-edit"] });
  }

  private get text(): string {
    return this.host.reader.text;
  }

  /** A map was loaded (or changed): where its suggestions stand now. */
  refresh(): void {
    const map = this.host.mapId();
    if (!map) return;
    if (this.loadedFor !== map) {
      this.loadedFor = map;
      this.suggestions = [];
      this.sentences = [];
      this.sentence = null;
      this.shown = null;
      this.list?.close();
    }
    const seq = ++this.fetchSeq;
    // Suggestions are computed from the whole document on the server (seconds for a large map):
    // not asked for on behalf of a reader, who would never see them.
    const wanted = this.host.editor.canEdit;
    this.suggestionsFor = wanted ? map : null;
    Promise.all([wanted ? intakeApi.suggestions(map) : Promise.resolve({ suggestions: [] }), intakeApi.sentences(map)]).then(
      ([{ suggestions }, { sentences }]) => {
        if (seq !== this.fetchSeq || this.host.mapId() !== map) return;
        this.suggestions = suggestions.filter((s) => s.status === "open");
        this.sentences = sentences;
        this.update();
      },
      () => {
        if (seq !== this.fetchSeq) return;
        this.suggestions = [];
        this.update();
      },
    );
  }

  /** Who is signed in may have changed what they may do. */
  private get active(): Suggestion[] {
    return this.host.editor.canEdit ? this.suggestions : [];
  }

  private update(): void {
    this.drawOnMap();
    const open = this.active.length;
    this.button.hidden = open === 0;
    this.button.textContent = `Suggestions (${open})`;
    this.paint();
    if (this.list?.el.isConnected) this.renderList(this.list);
  }

  /** Open suggestions whose two passages are quoted by claims on the map, as dashed relations there. */
  private drawOnMap(): void {
    const graph = this.host.graph();
    if (!graph) return;
    const claims: Claim[] = graph.mapNodes((n, a) => claimOfNode(n, a as NodeAttrs)).filter((c) => c !== null);
    const related = (type: string, source: string, target: string) =>
      graph.someOutEdge(source, (_e, a, _s, t) => t === target && a.type === type);
    this.host.showSuggestedRelations(suggestedRelations(claims, this.active, related));
  }

  /** Takes the reader to a sentence (a coverage finding's), marks it and moves the keyboard focus there. */
  showSentence(span: Span): void {
    this.sentence = span;
    this.host.showReader();
    this.paint();
    this.reveal(span, true);
  }

  private reveal(span: Span, focus: boolean): void {
    const range = this.host.reader.rangeOf(span.start, span.end);
    if (!range) return;
    const pane = this.host.readerElement;
    const box = range.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    pane.scrollTop += box.top - view.top - Math.max(0, (view.height - box.height) / 2);
    if (!focus) return;
    // A sentence is no element: the focus goes to its paragraph, which now reads as the place to go on from.
    const block = range.startContainer.parentElement?.closest("p") ?? range.startContainer.parentElement;
    if (block) {
      block.tabIndex = -1;
      block.focus({ preventScroll: true });
    }
  }

  /** (Re)draws the highlights over the pane as it is now. */
  private paint(): void {
    if (!canHighlight()) return;
    const ranges = (spans: Span[]) => spans.map((s) => this.host.reader.rangeOf(s.start, s.end)).filter((r): r is Range => r !== null);
    CSS.highlights.set(HIGHLIGHTS.suggestion, new Highlight(...ranges(this.active.flatMap((s) => [s.source, s.target]))));
    CSS.highlights.set(HIGHLIGHTS.shown, new Highlight(...ranges(this.shown ? [this.shown.source, this.shown.target] : [])));
    CSS.highlights.set(HIGHLIGHTS.sentence, new Highlight(...ranges(this.sentence ? [this.sentence] : [])));
  }

  // ── The list of suggestions ───────────────────────────────────────────────
  openList(): void {
    this.host.showReader();
    // On a phone the list closes to show a passage (both are sheets): the passage stays marked.
    this.list = openDialog({ title: "Suggestions from discourse markers", testId: "suggestions-dialog", content: [], onClose: () => narrow() || this.show(null) });
    this.list.el.classList.add("wide", "suggestions");
    // Beside the reading pane, not over it: the passages it proposes are in there.
    const pane = this.host.readerElement.getBoundingClientRect();
    if (!narrow() && pane.width > 0) this.list.el.style.right = `${Math.round(window.innerWidth - pane.left + 12)}px`;
    this.renderList(this.list);
  }

  private renderList(d: DialogHandle): void {
    const text = this.text;
    const items = this.active;
    d.body.replaceChildren(
      h(
        "p",
        { class: "edit-hint" },
        "Never applied by themselves: each proposes two passages and a relation, read from a discourse marker. Accept makes the claims (or uses the ones already quoting those passages) and the relation; Dismiss hides it for everyone on this map.",
      ),
      items.length
        ? h(
            "ol",
            { class: "suggestion-list", "data-testid": "suggestion-list" },
            items.map((s) =>
              h(
                "li",
                { "data-suggestion": s.id, class: this.shown?.id === s.id ? "shown" : "" },
                h("p", { class: "suggestion-head" }, h("strong", {}, `“${s.marker}”`), `: ${RELATION_WORDS[s.type]}`),
                h("p", { class: "suggestion-span" }, h("span", { class: "edit-label" }, s.type === "SUPPORTS" ? "Reason " : "Objection "), excerpt(text, s.source)),
                h("p", { class: "suggestion-span" }, h("span", { class: "edit-label" }, s.type === "SUPPORTS" ? "Conclusion " : "Target "), excerpt(text, s.target)),
                h(
                  "div",
                  { class: "edit-actions" },
                  h("button", { type: "button", "data-testid": "suggestion-show", onclick: () => this.show(s) }, "Show in text"),
                  h("button", { type: "button", "data-testid": "suggestion-dismiss", onclick: () => void this.dismiss(s) }, "Dismiss"),
                  h("button", { type: "button", class: "primary", "data-testid": "suggestion-accept", onclick: () => void this.accept(s) }, "Accept"),
                ),
              ),
            ),
          )
        : h("p", { "data-testid": "suggestion-none" }, "No open suggestions: each was accepted or dismissed."),
    );
  }

  private show(s: Suggestion | null): void {
    this.shown = s;
    this.paint();
    if (this.list?.el.isConnected) for (const li of this.list.el.querySelectorAll<HTMLElement>("[data-suggestion]")) li.classList.toggle("shown", li.dataset.suggestion === s?.id);
    if (!s) return;
    if (narrow()) this.list?.close();
    this.host.showReader();
    this.paint();
    this.reveal({ start: Math.min(s.source.start, s.target.start), end: Math.max(s.source.end, s.target.end) }, false);
  }

  private async dismiss(s: Suggestion): Promise<void> {
    const map = this.host.mapId();
    if (!map) return;
    try {
      await intakeApi.dismiss(map, s.id);
      this.suggestions = this.suggestions.filter((x) => x.id !== s.id);
      if (this.shown?.id === s.id) this.shown = null;
      this.update();
      this.refresh(); // an answer fetched before the dismissal must not bring it back
      this.host.setStatus(`Suggestion dismissed (“${s.marker}”).`);
    } catch (err) {
      announceError(`Not dismissed: ${err instanceof ApiError ? err.message : (err as Error).message}`);
    }
  }

  /**
   * Accept: the two passages become claims (a claim already quoting most of a passage is used
   * instead), then the relation between them, each through the editor like any edit (undoable,
   * with If-Match, refusals shown as the editor shows them).
   */
  private async accept(s: Suggestion): Promise<void> {
    const graph = this.host.graph();
    if (!graph) return;
    const source = await this.claimFor(graph, s.source);
    const target = source && (await this.claimFor(graph, s.target));
    if (!source || !target) return;
    if (source === target) {
      announceError("Not accepted: both passages are quoted by the same claim, and a claim cannot support or attack itself.");
      return;
    }
    const quote = this.sentenceAround(s.at);
    const relation: Edit = { op: "createRelation", relation: { type: s.type, source, target, ...(quote ? { quote } : {}) } };
    if (await this.host.editor.run(relation, `${source} ${s.type === "SUPPORTS" ? "supports" : "attacks"} ${target}`)) {
      this.host.setStatus(`Accepted: ${source} ${s.type === "SUPPORTS" ? "supports" : "attacks"} ${target}.`);
      this.refresh();
    }
  }

  /** The claim quoting most of the passage (at least 60% of it, both ways), or a new one made from it. */
  private async claimFor(graph: Graph, span: Span): Promise<string | null> {
    const length = span.end - span.start;
    let best: { id: string; overlap: number } | null = null;
    graph.forEachNode((id, a) => {
      if (a.nodeType !== "claim" || typeof a.start !== "number" || typeof a.end !== "number") return;
      const overlap = Math.min(span.end, a.end) - Math.max(span.start, a.start);
      if (overlap >= 0.6 * length && overlap >= 0.6 * (a.end - a.start) && (!best || overlap > best.overlap)) best = { id, overlap };
    });
    if (best) return (best as { id: string }).id;
    const anchor = anchorOf(this.text, span.start, span.end);
    if (!anchor) return null;
    const known = new Set(graph.filterNodes((_n, a) => a.nodeType === "citation").map((n) => Number(graph.getNodeAttribute(n, "n"))));
    const text = paraphraseOf(anchor.quote);
    const id = proposedId(text, (x) => graph.hasNode(x));
    const claim: Edit = { op: "createClaim", claim: { id, kind: "claim", text, start: anchor.start, end: anchor.end, cites: proposedCites(this.text, anchor.start, anchor.end, known) } };
    return (await this.host.editor.run(claim, `new claim “${text}”`)) ? id : null;
  }

  /** The sentence holding the discourse marker: the passage that asserts the relation. */
  private sentenceAround(at: number): string | null {
    const s = this.sentences.find((x) => x.start <= at && at < x.end);
    return s ? this.text.slice(s.start, s.end).trim() || null : null;
  }
}
