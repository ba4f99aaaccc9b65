/**
 * The argmap client: keeps the URL, the toolbar and the panels in step with one
 * view state, and the loaded map (a LoadedMap: graph, view, renderer) in step
 * with what that state asks to see.
 */
import { findingsCsv } from "../../contract/coverage.js";
import { claimOfNode } from "../../contract/graph.js";
import { toGraphML } from "../../contract/graphml.js";
import { api, ApiError, CLAIM_KINDS, type Claim, type CoverageReport, type Evaluation } from "./api.js";
import { $, download, h } from "./dom.js";
import { viewAsPng } from "./export/png.js";
import { KIND_STYLE, type LabelStyleKey } from "./graph/appearance.js";
import { runForceAtlas2 } from "./graph/layout.js";
import { Positions } from "./graph/positions.js";
import { attackersOf, claimRef, counterarguments, proCon } from "./map/arguments.js";
import { chainFocus, focusLinks, traceFocus, type ChainFocus } from "./map/focus.js";
import { LoadedMap, nextTask } from "./map/loaded-map.js";
import type { Focus } from "./map/view.js";
import { renderChain } from "./panels/chain.js";
import { citationEntries, renderCitations } from "./panels/citations.js";
import { coverageRowsForCsv, renderCoverage, type CoverageUi } from "./panels/coverage.js";
import { renderDetail, type VerdictInfo } from "./panels/detail.js";
import { renderLegend, swatch } from "./panels/legend.js";
import { Outline } from "./panels/outline.js";
import { Reader } from "./panels/reader.js";
import { CHAIN_PRESETS } from "./presets.js";
import { decodeState, defaultLayout, encodeState, Store, type Mode, type Semantics, type ViewState } from "./state.js";
import { announceError, copyText, onEscape, setupMenu } from "./ui/shell.js";
import { Editor } from "./edit/editor.js";
import { setupIntake } from "./intake/intake.js";

/** What has been fetched for the loaded map; replaced as a whole when another map loads. */
interface Session {
  map: LoadedMap;
  focus: Focus | null;
  chain: ChainFocus | null;
  evaluation: Evaluation | null;
  /** The evaluation with nothing withdrawn, to say what a what-if changed. */
  baseline: Evaluation | null;
  /** Every evaluation fetched for this revision, by semantics and withdrawn claims. */
  evaluations: Map<string, Evaluation>;
  coverage: CoverageReport | null;
  coverageUi: CoverageUi;
  /** Counts changes of the map's data: an answer asked for before the latest change is never kept. */
  edits: number;
}

const store = new Store(decodeState(location.search));
const status = $("#status");
const panel = $("#panel");
let session: Session | null = null;
let requestSeq = 0;
/** A permalink names its map: fetch it while the list of maps loads. */
let prefetched: { mapId: string; data: Promise<[Awaited<ReturnType<typeof api.graph>>, Awaited<ReturnType<typeof api.mapText>>]> } | null = null;

const reader = new Reader($("#reader"), (id) => select(id), () => store.update({ reader: false }));
const outline = new Outline($("#outline"), (id) => select(id), () => store.update({ outline: false }));

const editor = new Editor({
  mapId: () => store.state.map,
  graph: () => (session?.map.graph ?? null),
  text: () => reader.text,
  selection: () => {
    const s = document.getSelection();
    return s && s.rangeCount && !s.isCollapsed ? reader.offsetsOf(s.getRangeAt(0)) : null;
  },
  readerElement: $("#reader"),
  selected: () => store.state.claim,
  select: (id) => select(id),
  graphWillChange: () => session?.map.stopLayout(),
  graphChanged: () => graphEdited(),
  setStatus,
});

const intake = setupIntake({
  reader,
  readerElement: $("#reader"),
  editor,
  mapId: () => session?.map.id ?? null,
  graph: () => session?.map.graph ?? null,
  showSuggestedRelations: (relations) => session?.map.setSuggestedRelations(relations),
  showReader: () => store.update({ reader: true }),
  setStatus,
  openMap: async (id) => {
    fillMapSelect((await api.maps()).maps);
    ($("#map-select") as HTMLSelectElement).value = id;
    // Its coverage first; the text beside it where there is room (on a phone a finding opens it).
    const reader = !window.matchMedia("(max-width: 900px)").matches;
    store.update({ map: id, claim: null, mode: "coverage", layout: "force", without: [], finding: null, citation: null, reader });
  },
});

function fillMapSelect(maps: { id: string; title: string }[]) {
  $("#map-select").replaceChildren(...maps.map((m) => h("option", { value: m.id }, m.title)));
}

const claimsOf = (map: LoadedMap): Claim[] => map.graph.mapNodes((n, a) => claimOfNode(n, a)).filter((c) => c !== null);

/** The map changed under us (an edit here or elsewhere): redraw what derives from its data. */
function graphEdited() {
  const s = session;
  if (!s) return;
  s.map.applyGraphChange();
  reader.render(s.map.title, reader.text, claimsOf(s.map));
  outline.render(s.map.graph);
  intake.mapChanged();
  Object.assign(s, { evaluation: null, baseline: null, coverage: null });
  s.evaluations.clear();
  s.edits++;
  if (store.state.claim && !s.map.graph.hasNode(store.state.claim)) return select(null);
  applyView(store.state, store.state).catch(showError);
}

function setStatus(text: string) {
  status.textContent = text;
}

function showError(err: unknown) {
  announceError(err instanceof ApiError ? err.message : `Something went wrong: ${(err as Error).message}`);
}

function select(id: string | null) {
  if (editor.consumeSelect(id)) return; // picking the target of a new relation
  store.update({ claim: id, procon: id ? store.state.procon : false });
}

// ── Loading a map ───────────────────────────────────────────────────────────
async function loadMap(mapId: string) {
  const t0 = performance.now();
  session?.map.dispose();
  session = null;
  delete document.body.dataset.ready;
  delete document.body.dataset.layout;
  const [serialized, text] = await (prefetched?.mapId === mapId ? prefetched.data : Promise.all([api.graph(mapId), api.mapText(mapId)]));
  prefetched = null;
  const fetchMs = performance.now() - t0;
  const t1 = performance.now();
  const map = await LoadedMap.load(serialized, $("#sigma"), inputsFor(store.state, null));
  if (store.state.map !== mapId) return map.dispose(); // another map was asked for meanwhile
  map.metrics.fetchMs = fetchMs;
  map.metrics.firstRenderMs = performance.now() - t1;
  session = { map, focus: null, chain: null, evaluation: null, baseline: null, evaluations: new Map(), coverage: null, edits: 0, coverageUi: { sort: { key: "severity", ascending: false }, kindFilter: "" } };
  map.on("node-click", (node) => {
    if (map.graph.getNodeAttribute(node, "nodeType") === "claim") select(node);
  });
  map.on("stage-click", () => select(null));
  map.on("layout-progress", (share) => {
    if (map.graph.order > 1000) setStatus(`${claimsLabel(claimCount(map))} · laying out… ${Math.round(share * 100)}%`);
  });
  document.title = `${map.title} — argmap`;

  const claims = claimsOf(map);
  await nextTask();
  let t = performance.now();
  reader.render(text.title, text.text, claims);
  map.metrics.readerMs = performance.now() - t;
  t = performance.now();
  outline.render(map.graph);
  map.metrics.outlineMs = performance.now() - t;
  const chain = CHAIN_PRESETS[mapId];
  const chainButton = $("#chain-preset") as HTMLButtonElement;
  chainButton.disabled = !chain;
  chainButton.textContent = "Chain";
  chainButton.title = chain ? `The chain ${chain.title}, step by step` : "This map has no chain preset";

  // Let the first frame reach the screen before the layout starts moving nodes: on software
  // WebGL (no GPU) that first frame, with its shader compilation, is the costly one.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (map.isDisposed) return;
  setStatus(`${claimsLabel(claims.length)} · laying out…${map.graph.order > 1000 ? " (edges and labels appear once it settles)" : ""}`);
  const settled = map.startForceLayout();
  map.metrics.readyAt = performance.now();
  editor.mapLoaded(mapId);
  intake.mapChanged();
  document.body.dataset.ready = "true";
  void settled.then(({ settledMs, reason, iterations }) => {
    if (map.isDisposed) return;
    map.metrics.layoutMs = settledMs;
    map.metrics.layoutIterations = iterations;
    map.metrics.settledAt = performance.now();
    setStatus(`${claimsLabel(claims.length)} · layout ${reason === "settled" ? "settled" : "stopped"} in ${(settledMs / 1000).toFixed(1)} s`);
    document.body.dataset.layout = "settled";
  });
  await applyView(store.state, null);
}

const claimsLabel = (n: number) => `${n} ${n === 1 ? "claim" : "claims"}`;
const claimCount = (map: LoadedMap) => map.graph.filterNodes((_n, a) => a.nodeType === "claim").length;

// ── Reacting to the view state ──────────────────────────────────────────────
store.subscribe((state, previous, origin) => {
  const url = location.pathname + encodeState(state);
  if (origin === "user") history.pushState(null, "", url);
  else if (origin === "replace") history.replaceState(null, "", url);
  if (state.map !== previous.map && state.map) {
    loadMap(state.map).catch(showError);
    return;
  }
  applyView(state, previous).catch(showError);
});

// Back and Forward move between views.
window.addEventListener("popstate", () => store.update(decodeState(location.search), "history"));

function labelsOf(evaluation: Evaluation | null): Map<string, LabelStyleKey> | null {
  if (!evaluation) return null;
  const labels = new Map<string, LabelStyleKey>(Object.entries(evaluation.labels) as [string, LabelStyleKey][]);
  for (const id of evaluation.without) labels.set(id, "withdrawn");
  return labels;
}

/** Claims whose label differs from the map as written (withdrawn claims themselves excluded). */
function changedClaims(s: Session): string[] {
  if (!s.evaluation || !s.baseline || s.evaluation.without.length === 0) return [];
  return Object.keys(s.evaluation.labels).filter((id) => !s.evaluation!.without.includes(id) && s.baseline!.labels[id] !== s.evaluation!.labels[id]);
}

function inputsFor(state: ViewState, s: Session | null) {
  const focusedLayout = state.layout !== "force";
  const highlight =
    state.mode === "coverage" && state.finding !== null && s?.coverage
      ? new Set((s.coverage.findings[state.finding]?.claims ?? []).filter((id) => s.map.graph.hasNode(id)))
      : state.mode === "citations" && state.citation !== null && s
        ? new Set(citationEntries(s.map.graph, null).find((c) => c.n === state.citation)?.claims.map((c) => c.id) ?? [])
        : null;
  const focus = s?.chain ?? s?.focus ?? null;
  return {
    selected: state.claim,
    kinds: new Set(state.kinds),
    showCitations: state.citations,
    showEntities: state.entities,
    focus,
    hideOutsideFocus: focusedLayout && focus !== null,
    labelPlacement: focusedLayout && focus !== null ? ("below" as const) : ("side" as const),
    evaluation: state.evaluate && s ? labelsOf(s.evaluation) : null,
    changed: state.evaluate && s ? new Set(changedClaims(s)) : null,
    uncited: state.mode === "coverage" && s?.coverage ? new Set(s.coverage.uncited.map((c) => c.id)) : null,
    highlight,
  };
}

function syncChrome(state: ViewState, previous: ViewState | null) {
  outline.setVisible(state.outline);
  reader.setVisible(state.reader);
  $("#toggle-outline").setAttribute("aria-pressed", String(state.outline));
  $("#toggle-reader").setAttribute("aria-pressed", String(state.reader));
  $("#toggle-evaluate").setAttribute("aria-pressed", String(state.evaluate));
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) {
    b.classList.toggle("active", b.dataset.mode === state.mode);
    b.setAttribute("aria-pressed", String(b.dataset.mode === state.mode));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-layout]")) {
    const active = b.dataset.layout === "force" ? state.layout === "force" : state.layout !== "force";
    b.classList.toggle("active", active);
    b.setAttribute("aria-pressed", String(active));
  }
  syncFilterControls(state);
  if (!previous || previous.citations !== state.citations || previous.entities !== state.entities || previous.mode !== state.mode || previous.evaluate !== state.evaluate) {
    renderLegend($("#legend"), { citations: state.citations, entities: state.entities, evaluate: state.evaluate, coverage: state.mode === "coverage" });
  }
  $("#evaluate-options").hidden = !state.evaluate;
  syncSheets();
  ($("#semantics-select") as HTMLSelectElement).value = state.semantics;
  $("#reset-what-if").hidden = state.without.length === 0;
}

async function applyView(state: ViewState, previous: ViewState | null) {
  syncChrome(state, previous);
  const s = session;
  if (!s) return;
  const { map } = s;
  const claimExists = state.claim !== null && map.graph.hasNode(state.claim);
  if (state.claim !== null && !claimExists && (!previous || previous.claim !== state.claim)) {
    announceError(`No claim "${state.claim}" in the map “${map.title}”.`);
  }
  outline.select(claimExists ? state.claim : null);
  reader.highlight(claimExists ? state.claim : null, previous?.claim !== state.claim && state.reader);

  const seq = ++requestSeq;
  const traced = (state.mode === "support" || state.mode === "attack") && claimExists;
  if ((state.mode === "support" || state.mode === "attack") && !claimExists && (!previous || previous.mode !== state.mode)) {
    announceError("Nothing is selected: select a claim first, then trace what supports or attacks it.");
  }
  const needsFocus = !previous || previous.mode !== state.mode || (traced && previous.claim !== state.claim);
  // Evaluations are kept per (semantics, withdrawn claims): an answer that arrives after the user
  // moved on is still stored, so coming back to it costs nothing and nothing stale is shown.
  const evalKey = (without: string[]) => `${state.semantics}|${[...without].sort().join(",")}`;
  const wanted = state.evaluate ? evalKey(state.without) : null;
  const baseKey = state.evaluate && state.without.length ? evalKey([]) : null;
  // An answer that arrives after the map changed again describes the old map: it is dropped.
  const edits = s.edits;
  const fetchEvaluation = (key: string | null, without: string[]) =>
    key === null || s.evaluations.has(key)
      ? Promise.resolve()
      : api.evaluation(map.id, state.semantics, without).then((e) => void (s.edits === edits && s.evaluations.set(key, e)));
  const needsEvaluation = (wanted !== null && !s.evaluations.has(wanted)) || (baseKey !== null && !s.evaluations.has(baseKey));
  const needsCoverage = (state.mode === "coverage" || state.mode === "citations") && !s.coverage;
  if (needsFocus || needsEvaluation || needsCoverage) {
    const [focus, chain, , , coverage] = await Promise.all([
      needsFocus ? (traced ? traceFocus(map.id, map.graph, state.mode as "support" | "attack", state.claim!) : Promise.resolve(null)) : Promise.resolve(s.focus),
      needsFocus ? (state.mode === "chain" ? chainFocus(map.id, map.graph) : Promise.resolve(null)) : Promise.resolve(s.chain),
      fetchEvaluation(wanted, state.without),
      fetchEvaluation(baseKey, []),
      needsCoverage ? api.coverage(map.id).then((c) => (s.edits === edits ? (s.coverage = c) : null)) : Promise.resolve(s.coverage),
    ]);
    if (seq !== requestSeq || session !== s) return; // a newer change superseded this one
    Object.assign(s, { focus, chain, coverage });
  }
  const evaluation = wanted ? s.evaluations.get(wanted) ?? null : s.evaluation;
  if (evaluation && evaluation !== s.evaluation) reportEvaluation(s, evaluation);
  s.evaluation = evaluation;
  s.baseline = baseKey ? s.evaluations.get(baseKey) ?? null : null;
  map.update(inputsFor(state, s));
  if (!previous || needsFocus || previous.layout !== state.layout) arrange(s, state);
  renderWhatIf(s, state);
  await renderPanel(s, state, previous, seq);
}

function arrange(s: Session, state: ViewState) {
  const focus = s.chain ?? s.focus;
  if (state.layout === "force" || !focus) return s.map.arrange("force");
  if (s.chain && state.layout !== "layered") return s.map.arrange("chain", { nodes: [...s.chain.nodes], edges: [], roots: s.chain.roots, columns: s.chain.columns });
  s.map.arrange("layered", { nodes: [...focus.nodes], edges: focusLinks(s.map.graph, focus), roots: focus.roots });
}

function reportEvaluation(s: Session, next: Evaluation) {
  const count = (l: string) => Object.values(next.labels).filter((x) => x === l).length;
  setStatus(`${next.semantics}: ${count("in")} in · ${count("out")} out · ${count("undec")} undecided${next.without.length ? ` · ${next.without.length} withdrawn` : ""}`);
  void s;
}

/** "N claims changed: …", kept beside the map while a what-if is in force. */
function renderWhatIf(s: Session, state: ViewState) {
  let box = document.querySelector<HTMLElement>("#what-if");
  const changed = state.evaluate ? changedClaims(s) : [];
  if (!state.evaluate || state.without.length === 0) {
    box?.remove();
    return;
  }
  if (!box) {
    box = h("section", { id: "what-if", class: "what-if changed-list", "aria-label": "What if", "aria-live": "polite" });
    $(".stage").append(box);
  }
  if (!s.evaluation) return;
  const labels = s.evaluation.labels;
  const base = s.baseline?.labels ?? {};
  box.replaceChildren(
    h("strong", { "data-testid": "what-if-summary" }, `${changed.length} claim${changed.length === 1 ? "" : "s"} changed`),
    changed.length ? ": " : ` (with ${state.without.length} withdrawn).`,
    h(
      "ul",
      {},
      changed.map((id) =>
        h(
          "li",
          { "data-claim": id },
          h("button", { type: "button", class: "link", onclick: () => select(id) }, claimRef(s.map.graph, id).text),
          ` ${String(base[id] ?? "?").toUpperCase()} → ${String(labels[id]).toUpperCase()}`,
        ),
      ),
    ),
  );
}

function verdictFor(s: Session, state: ViewState, id: string): VerdictInfo | null {
  const evaluation = s.evaluation;
  if (!state.evaluate || !evaluation) return null;
  const graph = s.map.graph;
  const refs = (ids: string[] | undefined) => (ids ?? []).filter((c) => graph.hasNode(c)).map((c) => claimRef(graph, c));
  const label = evaluation.without.includes(id) ? "withdrawn" : evaluation.labels[id];
  if (label === undefined) return null; // a claim the evaluation has not seen has no verdict yet
  return {
    label,
    semantics: evaluation.semantics,
    defeatedBy: refs(evaluation.defeatedBy[id]),
    attackers: attackersOf(graph, id).map((a) => ({
      claim: a,
      label: evaluation.without.includes(a.id) ? "withdrawn" : evaluation.labels[a.id] ?? "?",
      defeatedBy: refs(evaluation.defeatedBy[a.id]),
    })),
    acceptance: evaluation.acceptance[id] ?? null,
    inferences: evaluation.inferences
      .filter((f) => (f.inference === id || f.target === id || f.undercutBy.includes(id)) && graph.hasNode(f.inference) && graph.hasNode(f.target))
      .map((f) => ({
        inference: claimRef(graph, f.inference),
        target: claimRef(graph, f.target),
        label: f.label,
        undercutBy: refs(f.undercutBy).map((u) => ({ claim: u, label: evaluation.labels[u.id] ?? "?", defeatedBy: refs(evaluation.defeatedBy[u.id]) })),
      })),
    toggleWithdrawn: () => {
      const without = state.without.includes(id) ? state.without.filter((w) => w !== id) : [...state.without, id];
      store.update({ without });
    },
  };
}

/** On narrow screens an open sheet covers the lower part of the stage: the map keeps the part above it. */
function syncSheets() {
  document.body.classList.toggle("sheet-open", !panel.hidden || !$("#reader").hidden || !$("#outline").hidden);
}

async function renderPanel(s: Session, state: ViewState, previous: ViewState | null, seq: number) {
  try {
    await renderPanelContent(s, state, previous, seq);
  } finally {
    syncSheets();
  }
}

async function renderPanelContent(s: Session, state: ViewState, previous: ViewState | null, seq: number) {
  const claimExists = state.claim !== null && s.map.graph.hasNode(state.claim);
  panel.classList.toggle("wide", state.mode === "coverage" || (claimExists && state.procon));
  if (claimExists) {
    if (panel.dataset.claim !== state.claim) {
      // Never leave another claim's controls on screen while this one's details load.
      panel.dataset.claim = state.claim!;
      panel.hidden = false;
      panel.replaceChildren(h("p", { class: "empty" }, `Loading “${claimRef(s.map.graph, state.claim!).text}”…`));
    }
    const detail = await api.claim(s.map.id, state.claim!);
    if (seq !== requestSeq || session !== s) return;
    panel.hidden = false;
    const labels = state.evaluate ? labelsOf(s.evaluation) : null;
    const listMode = state.mode === "coverage" || state.mode === "citations" || state.mode === "chain";
    renderDetail(
      panel,
      detail,
      {
        select,
        showInArticle: (claim) => {
          store.update({ reader: true });
          reader.highlight(claim.id, true, true);
        },
        trace: (mode) => store.update({ mode, layout: defaultLayout(mode) }),
        toggleProCon: () => store.update({ procon: !state.procon }),
        close: () => select(null),
        back: listMode ? { label: `Back to ${state.mode === "chain" ? "the chain" : state.mode}`, go: () => select(null) } : undefined,
      },
      {
        verdict: verdictFor(s, state, state.claim!),
        counters: state.mode === "attack" || state.evaluate ? counterarguments(s.map.graph, state.claim!, labels) : null,
        procon: state.procon ? proCon(s.map.graph, state.claim!, 3) : null,
      },
    );
    editor.decorateDetail(panel, state.claim!);
    if (previous?.claim !== state.claim) s.map.centreOn(state.claim!);
  } else if (state.mode === "chain") {
    delete panel.dataset.claim;
    panel.hidden = false;
    const chain = s.chain;
    const labels = state.evaluate ? labelsOf(s.evaluation) : null;
    renderChain(
      panel,
      {
        title: chain?.title ?? CHAIN_PRESETS[s.map.id]?.title ?? "",
        steps: chain?.ordered ?? [],
        conclusion: chain ? claimRef(s.map.graph, chain.conclusion) : null,
        challenges: chain ? counterarguments(s.map.graph, chain.conclusion, labels) : [],
      },
      { select, close: () => store.update({ mode: "explore", layout: "force" }) },
    );
  } else if (state.mode === "coverage" && s.coverage) {
    delete panel.dataset.claim;
    panel.hidden = false;
    const report = s.coverage;
    const sentences = report.sentences && report.totals.claims === 0 ? report.sentences : null;
    setStatus(`${sentences ? `${sentences.cited} of ${sentences.sentences} sentences` : `${report.totals.cited} of ${report.totals.claims} claims`} cited · ${report.findings.length} findings`);
    renderCoverage(
      panel,
      report,
      state.finding,
      {
        chooseFinding: (index) => {
          store.update({ finding: index });
          if (index !== null) intake.findingChosen(report.findings[index]);
        },
        openClaim: (id) => select(id),
        downloadCsv: () => download(new Blob([findingsCsv(coverageRowsForCsv(report))], { type: "text/csv" }), `${state.map}-coverage.csv`),
        close: () => store.update({ mode: "explore", finding: null }),
      },
      s.coverageUi,
    );
  } else if (state.mode === "citations") {
    delete panel.dataset.claim;
    panel.hidden = false;
    renderCitations(panel, citationEntries(s.map.graph, s.coverage), state.citation, {
      choose: (n) => store.update({ citation: n }),
      openClaim: (id) => select(id),
      close: () => store.update({ mode: "explore", citation: null }),
    });
  } else {
    delete panel.dataset.claim;
    panel.hidden = true;
  }
}

// ── Controls ────────────────────────────────────────────────────────────────
function buildFilterControls() {
  const fieldset = $("#kind-filter");
  for (const kind of CLAIM_KINDS) {
    const box = h("input", { type: "checkbox", value: kind, "data-kind": kind });
    box.addEventListener("change", () => {
      const kinds = CLAIM_KINDS.filter((k) => (fieldset.querySelector(`[data-kind="${k}"]`) as HTMLInputElement).checked);
      store.update({ kinds });
    });
    fieldset.append(h("label", {}, box, swatch(KIND_STYLE[kind].color, KIND_STYLE[kind].shape), KIND_STYLE[kind].label));
  }
  $("#show-citations").addEventListener("change", (ev) => store.update({ citations: (ev.target as HTMLInputElement).checked }));
  $("#show-entities").addEventListener("change", (ev) => store.update({ entities: (ev.target as HTMLInputElement).checked }));
}

function syncFilterControls(state: ViewState) {
  for (const box of document.querySelectorAll<HTMLInputElement>("#kind-filter input")) box.checked = state.kinds.includes(box.value as never);
  ($("#show-citations") as HTMLInputElement).checked = state.citations;
  ($("#show-entities") as HTMLInputElement).checked = state.entities;
}

function buildSearch() {
  const input = $("#search-input") as HTMLInputElement;
  const list = $("#search-results");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q || !store.state.map) {
      list.hidden = true;
      return;
    }
    try {
      const { claims } = await api.search(store.state.map, q);
      if (mine !== seq) return;
      list.replaceChildren(
        ...(claims.length
          ? claims.slice(0, 30).map((c) =>
              h(
                "li",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    "data-claim": c.id,
                    onclick: () => {
                      list.hidden = true;
                      select(c.id);
                    },
                  },
                  h("span", { class: "kind" }, c.kind),
                  c.text,
                ),
              ),
            )
          : [h("li", { class: "empty" }, "No claim matches.")]),
      );
      list.hidden = false;
    } catch (err) {
      showError(err);
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 200);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(timer);
      void run().then(() => list.querySelector<HTMLButtonElement>("button")?.focus());
    }
  });
  document.addEventListener("click", (ev) => {
    if (!(ev.target as Element).closest(".search")) list.hidden = true;
  });
  return {
    close: () => {
      if (list.hidden) return false;
      list.hidden = true;
      input.focus();
      return true;
    },
  };
}

function buildButtons() {
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) {
    b.addEventListener("click", () => {
      const mode = b.dataset.mode as Mode;
      if ((mode === "support" || mode === "attack") && !store.state.claim) {
        announceError("Nothing is selected: select a claim first, then trace what supports or attacks it.");
        return;
      }
      store.update({ mode, layout: defaultLayout(mode), finding: null, citation: null });
    });
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-layout]")) {
    b.addEventListener("click", () => {
      const focused = store.state.mode === "chain" ? "chain" : "layered";
      store.update({ layout: b.dataset.layout === "force" ? "force" : focused });
    });
  }
  $("#toggle-outline").addEventListener("click", () => store.update({ outline: !store.state.outline }));
  $("#toggle-reader").addEventListener("click", () => store.update({ reader: !store.state.reader }));
  $("#toggle-evaluate").addEventListener("click", () => store.update({ evaluate: !store.state.evaluate }));
  $("#zoom-in").addEventListener("click", () => session?.map.zoom("in"));
  $("#zoom-out").addEventListener("click", () => session?.map.zoom("out"));
  $("#zoom-fit").addEventListener("click", () => session?.map.zoom("fit"));
  $("#copy-link").addEventListener("click", () => {
    void copyText(location.href).then((ok) => {
      if (ok) setStatus("Link to this view copied.");
      else announceError(`The link could not be copied; copy it from the address bar: ${location.href}`);
    });
  });
  $("#export-png").addEventListener("click", () => void exportPng().catch(showError));
  const exportPng = async () => {
    if (!session) return;
    const state = store.state;
    const what = state.mode === "explore" ? "the whole map" : state.mode === "chain" ? `chain: ${session.chain?.title ?? ""}` : state.mode;
    const subtitle = [what, state.claim ? `selected: ${claimRef(session.map.graph, state.claim).text}` : "", state.evaluate ? `evaluation: ${state.semantics}` : ""].filter(Boolean).join(" · ");
    const blob = await viewAsPng(session.map.renderer, session.map.title, subtitle, {
      citations: state.citations,
      entities: state.entities,
      evaluate: state.evaluate,
      coverage: state.mode === "coverage",
    });
    download(blob, `${state.map}-${state.mode}.png`);
  };
  $("#export-graphml").addEventListener("click", () => {
    if (!session) return;
    const { graph, positions } = session.map;
    const withPositions = ($("#graphml-positions") as HTMLInputElement).checked;
    // The data as loaded; view positions only when asked for (written beside the data, never into the graph).
    const graphml = toGraphML(graph, withPositions ? (n) => ({ ...positions.get(n) }) : undefined);
    download(new Blob([graphml], { type: "application/graphml+xml" }), `${store.state.map}.graphml`);
  });
  $("#semantics-select").addEventListener("change", (ev) => store.update({ semantics: (ev.target as HTMLSelectElement).value as Semantics }));
  $("#reset-what-if").addEventListener("click", () => store.update({ without: [] }));
  $("#map-select").addEventListener("change", (ev) =>
    store.update({ map: (ev.target as HTMLSelectElement).value, claim: null, mode: "explore", layout: "force", without: [], finding: null, citation: null }),
  );
}

/** Escape: the menu, then search results, then the open panel (the selection, the mode's panel), then sheets. */
function buildEscape(menu: { close(): boolean }, search: { close(): boolean }) {
  onEscape([
    () => menu.close(),
    () => search.close(),
    () => {
      const state = store.state;
      if (panel.hidden) return false;
      if (state.claim) select(null);
      else if (state.mode !== "explore") store.update({ mode: "explore", layout: "force", finding: null, citation: null });
      else return false;
      return true;
    },
    () => (store.state.reader ? (store.update({ reader: false }), true) : false),
    () => (store.state.outline ? (store.update({ outline: false }), true) : false),
  ]);
}

async function start() {
  buildFilterControls();
  const search = buildSearch();
  buildButtons();
  buildEscape(setupMenu(), search);
  syncChrome(store.state, null);
  const wanted = store.state.map;
  if (wanted) {
    prefetched = { mapId: wanted, data: Promise.all([api.graph(wanted), api.mapText(wanted)]) };
    prefetched.data.catch(() => {}); // a wrong map id is reported once the list of maps is known
  }
  const { maps } = await api.maps();
  const mapSelect = $("#map-select") as HTMLSelectElement;
  fillMapSelect(maps);
  const [first] = maps;
  if (!first) {
    setStatus("No maps yet: load one with `npm run -s argmap -- load FILE`.");
    return;
  }
  if (wanted && !maps.some((m) => m.id === wanted)) announceError(`No map "${wanted}"; showing “${first.title}” instead.`);
  const mapId = maps.some((m) => m.id === store.state.map) ? store.state.map! : first.id;
  mapSelect.value = mapId;
  if (store.state.map !== mapId) store.update({ map: mapId }, "replace");
  else await loadMap(mapId);
}

// For benchmarks and end-to-end tests: read-only access to what is on screen.
Object.assign(window, {
  __argmap: {
    get map() {
      return session?.map ?? null;
    },
    get graph() {
      return session?.map.graph ?? null;
    },
    get renderer() {
      return session?.map.renderer ?? null;
    },
    get state() {
      return store.state;
    },
    get focus() {
      const f = session?.chain ?? session?.focus;
      if (store.state.mode === "coverage" || store.state.mode === "citations") {
        const h = session?.map.view.inputs.highlight;
        return h ? [...h] : null;
      }
      return f ? [...f.nodes] : null;
    },
    get chain() {
      return session?.chain ? session.chain.ordered.map((s) => s.id) : null;
    },
    get evaluation() {
      return session?.evaluation ?? null;
    },
    get coverage() {
      return session?.coverage ?? null;
    },
    /** Edits as the UI makes them, e.g. to check what the server says to a write the UI does not offer. */
    get editor() {
      return editor;
    },
    get metrics() {
      return session?.map.metrics ?? {};
    },
    /** npm run bench: main-thread cost of a hover and of a selection, and the stock layout worker. */
    bench: {
      hover(nodes: string[]): number[] {
        const map = session!.map;
        return nodes.flatMap((n) => {
          const t0 = performance.now();
          map.setHover(n);
          const t1 = performance.now();
          map.setHover(null);
          return [t1 - t0, performance.now() - t1];
        });
      },
      select(nodes: string[]): number[] {
        const map = session!.map;
        const times = nodes.map((n) => {
          const t0 = performance.now();
          map.update({ selected: n });
          return performance.now() - t0;
        });
        map.update({ selected: store.state.claim });
        return times;
      },
      /** Our worker again, on the idle page, from the same seeded start (on positions nobody draws). */
      async ourLayout(maxMs?: number) {
        const graph = session!.map.graph;
        return runForceAtlas2(graph, new Positions(graph), { maxMs }).done;
      },
      async stockLayout(maxMs?: number) {
        const { stockForceAtlas2 } = await import("./graph/stock-layout.js");
        return stockForceAtlas2(session!.map.graph, maxMs);
      },
    },
  },
});

window.addEventListener("pagehide", () => session?.map.dispose());

start().catch(showError);
