/**
 * The fields of a claim: the quote it rests on (read-only: it is the text),
 * kind, paraphrase, speaker, entities and footnotes. New claims start from
 * the selected passage: its footnote markers and the entities it names are
 * proposed, and a paraphrase and id are drafted from it.
 */
import type Graph from "graphology";
import { CLAIM_KINDS, type ClaimKind } from "../api.js";
import { h } from "../dom.js";
import { KIND_STYLE } from "../graph/appearance.js";
import { anchorOf, paraphraseOf, proposedCites, proposedId, suggestedEntities, type Anchor } from "./anchor.js";
import { field } from "./dialog.js";
import { entityIdOf, type ClaimState } from "./ops.js";
import type { ClaimInput } from "./server.js";

export interface MapVocabulary {
  entities: { id: string; name: string; type: string }[];
  citations: { n: number; title: string }[];
}

export function vocabularyOf(graph: Graph): MapVocabulary {
  const entities: MapVocabulary["entities"] = [];
  const citations: MapVocabulary["citations"] = [];
  graph.forEachNode((key, a) => {
    if (a.nodeType === "entity") entities.push({ id: entityIdOf(key), name: String(a.label ?? key), type: String(a.entityType ?? "") });
    else if (a.nodeType === "citation") citations.push({ n: Number(a.n), title: String(a.title ?? a.authors ?? "") });
  });
  entities.sort((x, y) => x.name.localeCompare(y.name));
  citations.sort((x, y) => x.n - y.n);
  return { entities, citations };
}

export interface ClaimForm {
  nodes: HTMLElement[];
  /** The claim as filled in; `id` only for a new claim. */
  read(): ClaimInput;
  /** Anchors the claim to another passage (edit: "use the selected passage"). */
  reanchor(anchor: Anchor): void;
}

function quoteBlock(anchor: Anchor) {
  return [
    h("blockquote", { class: "edit-quote", "data-testid": "edit-quote" }, anchor.quote),
    h(
      "p",
      { class: "edit-hint", "data-testid": "edit-anchor" },
      `characters ${anchor.start}–${anchor.end}`,
      anchor.occurrences > 1 ? ` · occurrence ${anchor.occurrence} of ${anchor.occurrences} in the text` : "",
    ),
  ];
}

export function claimForm(
  graph: Graph,
  text: string,
  start: { anchor: Anchor; existing?: never } | { existing: ClaimState; anchor?: never },
): ClaimForm {
  const vocab = vocabularyOf(graph);
  let anchor: Anchor = start.anchor ?? anchorOf(text, start.existing.start, start.existing.end) ?? {
    start: start.existing.start,
    end: start.existing.end,
    quote: start.existing.quote,
    occurrence: 1,
    occurrences: 1,
  };
  const existing = start.existing;
  const quoteHolder = h("div", {}, ...quoteBlock(anchor));

  const kind = h("select", { name: "kind", "data-testid": "edit-kind" }, CLAIM_KINDS.map((k) => h("option", { value: k }, KIND_STYLE[k].label)));
  kind.value = existing?.kind ?? "claim";
  const paraphrase = h("textarea", { name: "text", rows: 3, "data-testid": "edit-text" });
  paraphrase.value = existing?.text ?? paraphraseOf(anchor.quote);
  const id = h("input", { name: "id", "data-testid": "edit-id", pattern: "[a-z0-9]+(-[a-z0-9]+)*", spellcheck: "false", autocomplete: "off" });
  id.value = existing ? existing.id : proposedId(paraphrase.value, (x) => graph.hasNode(x));
  // The id follows the paraphrase until the user edits it.
  let idTouched = Boolean(existing);
  id.addEventListener("input", () => (idTouched = true));
  paraphrase.addEventListener("input", () => {
    if (!idTouched) id.value = proposedId(paraphrase.value, (x) => graph.hasNode(x));
  });

  const speaker = h(
    "select",
    { name: "speaker", "data-testid": "edit-speaker" },
    h("option", { value: "" }, "the author (no speaker)"),
    vocab.entities.filter((e) => e.type === "actor" || !e.type).map((e) => h("option", { value: e.id }, e.name)),
  );
  speaker.value = existing?.speaker ?? "";

  const suggested = new Set(existing ? existing.mentions : suggestedEntities(`${anchor.quote} ${paraphrase.value}`, vocab.entities));
  const entityBoxes = vocab.entities
    .slice()
    .sort((a, b) => Number(suggested.has(b.id)) - Number(suggested.has(a.id)))
    .map((e) => h("label", { class: "edit-check" }, h("input", { type: "checkbox", value: e.id, "data-entity": e.id, checked: suggested.has(e.id) }), e.name));
  const entities = h("div", { class: "edit-checks", "data-testid": "edit-entities" }, entityBoxes.length ? entityBoxes : h("span", { class: "edit-hint" }, "this map has no entities"));

  const known = new Set(vocab.citations.map((c) => c.n));
  const proposed = new Set(existing ? existing.cites : proposedCites(text, anchor.start, anchor.end, known));
  const cites = h(
    "div",
    { class: "edit-checks", "data-testid": "edit-cites" },
    vocab.citations.length
      ? vocab.citations.map((c) =>
          h("label", { class: "edit-check" }, h("input", { type: "checkbox", value: String(c.n), "data-cite": c.n, checked: proposed.has(c.n) }), `[${c.n}] ${c.title}`),
        )
      : h("span", { class: "edit-hint" }, "this map has no footnotes"),
  );

  const checked = (box: HTMLElement, attr: string) => [...box.querySelectorAll<HTMLInputElement>(`input[${attr}]:checked`)].map((i) => i.value);

  return {
    nodes: [
      quoteHolder,
      field("Kind", kind),
      field("Paraphrase", paraphrase),
      existing ? null : field("Id", id, "kebab-case, unique in the map"),
      field("Speaker", speaker, "who asserts it, when the author reports someone else's claim"),
      field("Footnotes", cites, proposed.size ? "proposed from the markers in or closing the passage" : undefined),
      field("Entities", entities, suggested.size && !existing ? "suggested from the names in the passage" : undefined),
    ].filter((n) => n !== null),
    read() {
      return {
        ...(existing ? {} : { id: id.value.trim() }),
        kind: kind.value as ClaimKind,
        text: paraphrase.value.trim(),
        start: anchor.start,
        end: anchor.end,
        speaker: speaker.value || null,
        cites: checked(cites, "data-cite").map(Number),
        mentions: checked(entities, "data-entity"),
      };
    },
    reanchor(next) {
      anchor = next;
      quoteHolder.replaceChildren(...quoteBlock(next));
    },
  };
}
