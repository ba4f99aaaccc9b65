/**
 * The argmap client: loads a map from the API into graphology, draws it with
 * sigma, and keeps every panel and the URL in step with one view state.
 */
import { downloadAsPNG } from "@sigma/export-image";
import Graph from "graphology";
import type Sigma from "sigma";
import { animateNodes } from "sigma/utils";
import { findingsCsv } from "../../contract/coverage.js";
import { api, ApiError, CLAIM_KINDS, type Claim, type CoverageReport, type Evaluation } from "./api.js";
import { $, download, h } from "./dom.js";
import { KIND_STYLE, type LabelStyleKey } from "./graph/appearance.js";
import { layeredPositions, runForceAtlas2, seedPositions, type ForceLayoutRun } from "./graph/layout.js";
import { createRenderer, type Emphasis } from "./graph/renderer.js";
import { drawUndercuts } from "./graph/undercuts.js";
import { toGraphML } from "../../contract/graphml.js";
import { renderCoverage } from "./panels/coverage.js";
import { renderChainSummary, renderDetail, type VerdictInfo } from "./panels/detail.js";
import { renderLegend, swatch } from "./panels/legend.js";
import { Outline } from "./panels/outline.js";
import { Reader } from "./panels/reader.js";
import { CHAIN_PRESETS } from "./presets.js";
import { Editor } from "./edit/editor.js";
import { decodeState, defaultLayout, encodeState, Store, type Mode, type Semantics, type ViewState } from "./state.js";
import { edgeKey as keyOfEdge, entityKey } from "../../contract/keys.js";

type Focus = { nodes: Set<string>; edges: Set<string>; roots: string[]; title: string } | null;

const store = new Store(decodeState(location.search));
const status = $("#status");
const panel = $("#panel");
const metrics: Record<string, number> = {};

let graph: Graph | null = null;
let renderer: Sigma | null = null;
let layout: ForceLayoutRun | null = null;
let forcePositions = new Map<string, { x: number; y: number }>();
let focus: Focus = null;
let evaluation: Evaluation | null = null;
let verdicts: Map<string, LabelStyleKey> | null = null;
let coverage: CoverageReport | null = null;
let hovered: string | null = null;
/** While ForceAtlas2 runs on a large map, edges and labels wait until it settles. */
let layoutQuiet = false;
let requestSeq = 0;
let resizeObserver: ResizeObserver | null = null;
/** A permalink names its map: fetch it while the list of maps loads. */
let prefetched: { mapId: string; data: Promise<[Awaited<ReturnType<typeof api.graph>>, Awaited<ReturnType<typeof api.mapText>>]> } | null = null;

const emphasis = (): Emphasis => {
  const s = store.state;
  const layered = s.layout === "layered";
  return {
    selected: s.claim,
    hovered,
    focus: focus?.nodes ?? (layered && graph ? claimNodes(graph) : null),
    focusEdges: focus?.edges ?? null,
    hideOutsideFocus: layered,
    kinds: new Set(s.kinds),
    showCitations: s.citations && !layered,
    showEntities: s.entities && !layered,
    evaluation: s.mode === "evaluate" ? verdicts : null,
    uncited: s.mode === "coverage" && coverage ? new Set(coverage.uncited.map((c) => c.id)) : null,
    hideEdges: layoutQuiet,
  };
};

const claimNodes = (g: Graph) => new Set(g.filterNodes((_n, a) => a.nodeType === "claim"));
const edgeKey = (e: { type: "SUPPORTS" | "ATTACKS" | "UNDERCUTS"; source: string; target: string; inference?: string }) =>
  keyOfEdge(e.type, e.source, e.target, e.inference);

const reader = new Reader($("#reader"), (id) => select(id));
const outline = new Outline($("#outline"), (id) => select(id));
const editor = new Editor({
  mapId: () => store.state.map,
  graph: () => graph,
  text: () => reader.text,
  selection: () => {
    const s = document.getSelection();
    return s && s.rangeCount && !s.isCollapsed ? reader.offsetsOf(s.getRangeAt(0)) : null;
  },
  readerElement: $("#reader"),
  selected: () => store.state.claim,
  select: (id) => select(id),
  graphWillChange: () => layout?.stop(),
  graphChanged: () => graphEdited(),
  setStatus,
});

function setStatus(text: string) {
  status.textContent = text;
}

function showError(err: unknown) {
  const message = err instanceof ApiError ? err.message : `Something went wrong: ${(err as Error).message}`;
  setStatus(message);
  panel.hidden = false;
  panel.replaceChildren(h("p", { role: "alert" }, message));
}

function select(id: string | null) {
  if (editor.consumeSelect(id)) return; // picking the target of a new relation
  store.update({ claim: id });
}

const claimsOf = (g: Graph) => g.filterNodes((_n, a) => a.nodeType === "claim").map((n) => ({ id: n, ...g.getNodeAttributes(n) }) as unknown as Claim);

/** The map changed under us (an edit here or elsewhere): redraw what derives from its data. */
function graphEdited() {
  if (!graph) return;
  for (const n of graph.nodes()) if (!forcePositions.has(n)) forcePositions.set(n, { x: graph.getNodeAttribute(n, "x") as number, y: graph.getNodeAttribute(n, "y") as number });
  reader.render((graph.getAttribute("title") as string | undefined) ?? "", reader.text, claimsOf(graph));
  outline.render(graph);
  evaluation = null;
  coverage = null;
  if (store.state.claim && !graph.hasNode(store.state.claim)) return select(null);
  applyView(store.state, store.state).catch(showError);
}

// ── Loading a map ───────────────────────────────────────────────────────────
async function loadMap(mapId: string) {
  const t0 = performance.now();
  layout?.kill();
  renderer?.kill();
  focus = null;
  evaluation = null;
  verdicts = null;
  coverage = null;
  const [serialized, text] = await (prefetched?.mapId === mapId ? prefetched.data : Promise.all([api.graph(mapId), api.mapText(mapId)]));
  prefetched = null;
  metrics.fetchMs = performance.now() - t0;
  const t1 = performance.now();
  graph = Graph.from(serialized);
  seedPositions(graph);
  renderer = createRenderer(graph, $("#sigma"), emphasis, () => (store.state.layout === "layered" ? "below" : "side"));
  drawUndercuts(renderer, graph);
  metrics.firstRenderMs = performance.now() - t1;
  wireRenderer(renderer);
  // Panels opening and closing change the stage's size; sigma only watches the window.
  resizeObserver?.disconnect();
  resizeObserver = new ResizeObserver(() => {
    renderer?.resize();
    renderer?.refresh({ skipIndexation: true });
  });
  resizeObserver.observe($("#sigma"));
  document.title = `${graph.getAttribute("title")} — argmap`;

  const claims = claimsOf(graph);
  let t = performance.now();
  reader.render(text.title, text.text, claims);
  metrics.readerMs = performance.now() - t;
  t = performance.now();
  outline.render(graph);
  metrics.outlineMs = performance.now() - t;
  renderLegend($("#legend"), { citations: store.state.citations, entities: store.state.entities });
  const chain = CHAIN_PRESETS[mapId];
  const chainButton = $("#chain-preset") as HTMLButtonElement;
  chainButton.disabled = !chain;
  chainButton.textContent = chain ? `Chain: ${chain.title}` : "Chain";

  // Let the first frame reach the screen before the layout starts moving nodes: on software
  // WebGL (no GPU) that first frame, with its shader compilation, is the costly one.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  layoutQuiet = graph.order > 1000;
  renderer.setSetting("renderLabels", !layoutQuiet);
  setStatus(`${claims.length} claims · laying out…${layoutQuiet ? " (edges and labels appear once it settles)" : ""}`);
  layout = runForceAtlas2(graph, {
    onProgress: (share) => {
      if (layoutQuiet) setStatus(`${claims.length} claims · laying out… ${Math.round(share * 100)}%`);
    },
  });
  metrics.readyAt = performance.now();
  editor.mapLoaded(mapId);
  document.body.dataset.ready = "true";
  void layout.done.then(({ settledMs, reason }) => {
    metrics.layoutMs = settledMs;
    metrics.settledAt = performance.now();
    layoutQuiet = false;
    renderer?.setSetting("renderLabels", true);
    forcePositions = new Map(graph!.mapNodes((n, a) => [n, { x: a.x as number, y: a.y as number }]));
    setStatus(`${claims.length} claims · layout ${reason === "settled" ? "settled" : "stopped"} in ${(settledMs / 1000).toFixed(1)} s`);
    document.body.dataset.layout = "settled";
    if (store.state.layout === "layered") applyLayout(false);
  });
  await applyView(store.state, null);
}

function wireRenderer(r: Sigma) {
  r.on("enterNode", ({ node }) => {
    hovered = node;
    r.refresh({ skipIndexation: true });
    $("#sigma").style.cursor = graph?.getNodeAttribute(node, "nodeType") === "claim" ? "pointer" : "default";
  });
  r.on("leaveNode", () => {
    hovered = null;
    r.refresh({ skipIndexation: true });
    $("#sigma").style.cursor = "default";
  });
  r.on("clickNode", ({ node }) => {
    if (graph?.getNodeAttribute(node, "nodeType") === "claim") select(node);
  });
  r.on("clickStage", () => select(null));
}

// ── Reacting to the view state ──────────────────────────────────────────────
store.subscribe((state, previous) => {
  history.replaceState(null, "", location.pathname + encodeState(state));
  if (state.map !== previous.map && state.map) {
    loadMap(state.map).catch(showError);
    return;
  }
  applyView(state, previous).catch(showError);
});

async function applyView(state: ViewState, previous: ViewState | null) {
  if (!graph || !renderer) return;
  outline.setVisible(state.outline);
  $("#reader").hidden = !state.reader;
  $("#toggle-outline").setAttribute("aria-pressed", String(state.outline));
  $("#toggle-reader").setAttribute("aria-pressed", String(state.reader));
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) b.classList.toggle("active", b.dataset.mode === state.mode);
  panel.classList.remove("wide");
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-layout]")) b.classList.toggle("active", b.dataset.layout === state.layout);
  syncFilterControls(state);
  if (!previous || previous.citations !== state.citations || previous.entities !== state.entities || previous.mode !== state.mode) {
    renderLegend($("#legend"), { citations: state.citations, entities: state.entities, evaluate: state.mode === "evaluate", coverage: state.mode === "coverage" });
  }
  $("#evaluate-controls").hidden = state.mode !== "evaluate";
  ($("#semantics-select") as HTMLSelectElement).value = state.semantics;
  $("#reset-what-if").hidden = state.without.length === 0;

  const claimExists = state.claim !== null && graph.hasNode(state.claim);
  outline.select(claimExists ? state.claim : null);
  reader.highlight(claimExists ? state.claim : null, previous?.claim !== state.claim && state.reader);

  const seq = ++requestSeq;
  const needsFocus = !previous || previous.mode !== state.mode || previous.claim !== state.claim || previous.map !== state.map;
  const needsEvaluation =
    state.mode === "evaluate" &&
    (!evaluation || !previous || previous.mode !== "evaluate" || previous.semantics !== state.semantics || previous.without.join() !== state.without.join());
  const needsCoverage = state.mode === "coverage" && !coverage;
  if (needsFocus || needsEvaluation || needsCoverage) {
    const [nextFocus, nextEvaluation, nextCoverage] = await Promise.all([
      needsFocus ? computeFocus(state) : Promise.resolve(focus),
      needsEvaluation ? api.evaluation(state.map!, state.semantics, state.without) : Promise.resolve(evaluation),
      needsCoverage ? api.coverage(state.map!) : Promise.resolve(coverage),
    ]);
    if (seq !== requestSeq) return; // a newer change superseded this one
    focus = nextFocus;
    coverage = nextCoverage;
    if (needsEvaluation && nextEvaluation) setEvaluation(nextEvaluation);
  }
  if (!previous || needsFocus || previous.layout !== state.layout) applyLayout(true);
  renderer.refresh({ skipIndexation: true });

  if (state.mode === "chain" && focus) {
    panel.hidden = false;
    const ordered = [...focus.nodes].map((id) => ({ id, ...graph!.getNodeAttributes(id) }) as unknown as Claim).sort((a, b) => a.start - b.start);
    renderChainSummary(panel, `Chain: ${focus.title}`, ordered, { select, close: () => store.update({ mode: "explore" }) });
    if (claimExists) await showDetail(state.claim!, seq);
  } else if (claimExists) {
    await showDetail(state.claim!, seq);
  } else if (state.mode === "coverage" && coverage) {
    panel.hidden = false;
    panel.classList.add("wide");
    const report = coverage;
    setStatus(`${report.totals.cited} of ${report.totals.claims} claims cited · ${report.findings.length} findings`);
    renderCoverage(panel, report, {
      focusFinding: (finding) => {
        const claims = (finding.claims ?? []).filter((id) => graph?.hasNode(id));
        focus = claims.length ? { nodes: new Set(claims), edges: new Set(), roots: claims.slice(0, 1), title: finding.kind } : null;
        renderer?.refresh({ skipIndexation: true });
      },
      downloadCsv: () => download(new Blob([findingsCsv(report)], { type: "text/csv" }), `${state.map}-coverage.csv`),
      close: () => store.update({ mode: "explore" }),
    });
  } else {
    panel.hidden = true;
    if (state.claim !== null && !claimExists) setStatus(`No claim "${state.claim}" in this map.`);
  }
}

function setEvaluation(next: Evaluation) {
  evaluation = next;
  verdicts = new Map<string, LabelStyleKey>(Object.entries(next.labels));
  for (const id of next.without) verdicts.set(id, "withdrawn");
  const count = (l: string) => Object.values(next.labels).filter((x) => x === l).length;
  setStatus(`${next.semantics}: ${count("in")} in · ${count("out")} out · ${count("undec")} undecided${next.without.length ? ` · ${next.without.length} withdrawn` : ""}`);
}

function verdictFor(id: string): VerdictInfo | null {
  if (store.state.mode !== "evaluate" || !evaluation || !graph) return null;
  const withdrawn = evaluation.without.includes(id);
  const claimOf = (c: string) => ({ id: c, ...graph!.getNodeAttributes(c) }) as unknown as Claim;
  return {
    label: withdrawn ? "withdrawn" : evaluation.labels[id],
    semantics: evaluation.semantics,
    defeatedBy: (evaluation.defeatedBy[id] ?? []).map(claimOf),
    acceptance: evaluation.acceptance[id] ?? null,
    toggleWithdrawn: () => {
      const without = store.state.without.includes(id) ? store.state.without.filter((w) => w !== id) : [...store.state.without, id];
      store.update({ without });
    },
  };
}

async function showDetail(id: string, seq: number) {
  const detail = await api.claim(store.state.map!, id);
  if (seq !== requestSeq) return;
  panel.hidden = false;
  renderDetail(panel, detail, {
    select,
    showInArticle: (claim) => {
      store.update({ reader: true });
      reader.highlight(claim.id, true);
    },
    trace: (mode) => store.update({ mode, layout: defaultLayout(mode) }),
    close: () => select(null),
  }, verdictFor(id));
  editor.decorateDetail(panel, id);
  if (renderer && graph?.hasNode(id)) {
    const { x, y } = renderer.getNodeDisplayData(id) ?? { x: 0.5, y: 0.5 };
    if (store.state.layout === "force") void renderer.getCamera().animate({ x, y }, { duration: 400 });
  }
}

async function computeFocus(state: ViewState): Promise<Focus> {
  const map = state.map!;
  if (state.mode === "chain") {
    const preset = CHAIN_PRESETS[map];
    if (!preset || !graph) return null;
    const mentions = (entity: string) =>
      new Set(graph!.filterNodes((n, a) => a.nodeType === "claim" && graph!.hasEdge(keyOfEdge("MENTIONS", n, entityKey(entity)))));
    const from = [...mentions(preset.fromEntity)];
    const via = mentions(preset.viaEntity);
    const results = await Promise.all(from.map((f) => (f === preset.to ? Promise.resolve({ paths: [] }) : api.paths(map, f, preset.to, 50))));
    const nodes = new Set<string>();
    const edges = new Set<string>();
    for (const path of results.flatMap((r) => r.paths)) {
      if (!path.slice(1, -1).some((id) => via.has(id))) continue;
      path.forEach((id, i) => {
        nodes.add(id);
        if (i > 0) edges.add(edgeKey({ type: "SUPPORTS", source: path[i - 1], target: id }));
      });
    }
    return { nodes, edges, roots: [preset.to], title: preset.title };
  }
  if ((state.mode === "support" || state.mode === "attack") && state.claim && graph?.hasNode(state.claim)) {
    const sub = state.mode === "support" ? await api.support(map, state.claim) : await api.attack(map, state.claim);
    return {
      nodes: new Set(sub.nodes.map((n) => n.id)),
      edges: new Set(sub.edges.map(edgeKey)),
      roots: [sub.root],
      title: state.mode === "support" ? "What supports this" : "What attacks this",
    };
  }
  return null;
}

function applyLayout(animate: boolean) {
  if (!graph || !renderer) return;
  const state = store.state;
  if (state.layout === "layered") {
    layout?.stop();
    const nodes = focus ? [...focus.nodes] : [...claimNodes(graph)];
    const nodeSet = new Set(nodes);
    const edges = graph
      .filterEdges((_e, a, s, t) => (a.type === "SUPPORTS" || a.type === "ATTACKS") && nodeSet.has(s) && nodeSet.has(t))
      .map((e) => ({ source: graph!.source(e), target: graph!.target(e) }));
    const roots = focus?.roots ?? nodes.filter((n) => !edges.some((e) => e.source === n));
    const positions = layeredPositions(roots, nodes, edges);
    const target = Object.fromEntries([...positions].map(([n, p]) => [n, p]));
    setBBox(positions.values());
    if (animate) animateNodes(graph, target, { duration: 500 });
    else for (const [n, p] of positions) graph.mergeNodeAttributes(n, p);
  } else {
    renderer.setCustomBBox(null);
    if (forcePositions.size) {
      const target = Object.fromEntries(forcePositions);
      if (animate) animateNodes(graph, target, { duration: 500 });
      else for (const [n, p] of forcePositions) graph.mergeNodeAttributes(n, p);
    }
  }
  void renderer.getCamera().animatedReset({ duration: 300 });
}

function setBBox(points: Iterable<{ x: number; y: number }>) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
  }
  if (minX === Infinity) return renderer!.setCustomBBox(null);
  const pad = 5;
  renderer!.setCustomBBox({ x: [minX - pad, maxX + pad], y: [minY - pad, maxY + pad] });
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
                { role: "option" },
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
    } else if (ev.key === "Escape") list.hidden = true;
  });
  document.addEventListener("click", (ev) => {
    if (!(ev.target as Element).closest(".search")) list.hidden = true;
  });
}

function buildButtons() {
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-mode]")) {
    b.addEventListener("click", () => {
      const mode = b.dataset.mode as Mode;
      if ((mode === "support" || mode === "attack") && !store.state.claim) {
        setStatus("Select a claim first, then trace what supports or attacks it.");
        return;
      }
      store.update({ mode, layout: defaultLayout(mode) });
    });
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-layout]")) {
    b.addEventListener("click", () => store.update({ layout: b.dataset.layout as ViewState["layout"] }));
  }
  $("#toggle-outline").addEventListener("click", () => store.update({ outline: !store.state.outline }));
  $("#toggle-reader").addEventListener("click", () => store.update({ reader: !store.state.reader }));
  $("#export-png").addEventListener("click", () => {
    if (renderer) void downloadAsPNG(renderer, { fileName: `${store.state.map}-${store.state.mode}`, backgroundColor: "#ffffff" });
  });
  $("#export-graphml").addEventListener("click", () => {
    if (graph) download(new Blob([toGraphML(graph)], { type: "application/graphml+xml" }), `${store.state.map}.graphml`);
  });
  $("#semantics-select").addEventListener("change", (ev) => store.update({ semantics: (ev.target as HTMLSelectElement).value as Semantics }));
  $("#reset-what-if").addEventListener("click", () => store.update({ without: [] }));
  $("#map-select").addEventListener("change", (ev) => store.update({ map: (ev.target as HTMLSelectElement).value, claim: null, mode: "explore", layout: "force", without: [] }));
}

async function start() {
  buildFilterControls();
  buildSearch();
  buildButtons();
  const wanted = store.state.map;
  if (wanted) {
    prefetched = { mapId: wanted, data: Promise.all([api.graph(wanted), api.mapText(wanted)]) };
    prefetched.data.catch(() => {}); // a wrong map id is reported once the list of maps is known
  }
  const { maps } = await api.maps();
  const select = $("#map-select") as HTMLSelectElement;
  select.replaceChildren(...maps.map((m) => h("option", { value: m.id }, m.title)));
  if (maps.length === 0) {
    setStatus("No maps yet: load one with `npm run -s argmap -- load FILE`.");
    return;
  }
  const mapId = maps.some((m) => m.id === store.state.map) ? store.state.map! : maps[0].id;
  select.value = mapId;
  if (store.state.map !== mapId) store.update({ map: mapId });
  else await loadMap(mapId);
}

// For benchmarks and end-to-end tests: read-only access to what is on screen.
Object.assign(window, {
  __argmap: {
    get graph() { return graph; },
    get renderer() { return renderer; },
    get state() { return store.state; },
    get focus() { return focus ? [...focus.nodes] : null; },
    get evaluation() { return evaluation; },
    get coverage() { return coverage; },
    /** Edits as the UI makes them, e.g. to check what the server says to a write the UI does not offer. */
    get editor() { return editor; },
    metrics,
  },
});

window.addEventListener("pagehide", () => {
  resizeObserver?.disconnect();
  layout?.kill();
  renderer?.kill();
});

start().catch(showError);
