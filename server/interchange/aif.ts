/**
 * AIF, the Argument Interchange Format, in the two JSON shapes users bring:
 *
 * - AIFdb JSON: `{nodes, edges, locutions, participants}` at the top;
 * - OVA3's xAIF: the same nested under `AIF`, with the analysed `text` (HTML, each locution
 *   a `<span id="node{L-node id}">`, or `{txt}`) and OVA's layout under `OVA`.
 *
 * Node ids may be numbers or strings, mixed in one file. I-nodes are claims; an RA node is an
 * inference: each of its premises SUPPORTS its conclusion (a linked argument becomes one
 * support per premise); a CA node is a conflict: its source ATTACKS an I-node target, or
 * UNDERCUTS an RA target (an attack on the inference, kept as such). L-nodes (locutions) give
 * a claim its quote (the span of the text) and, through their locution's participant, its
 * speaker; YA and TA nodes (illocution, transition) are the dialogue, listed in the loss
 * report with MA (rephrase) and PA (preference) nodes, which argmap has no place for.
 */
import { z } from "zod";
import type { MapData } from "../../contract/model.js";
import { BadRequestError, ValidationError, type Problem } from "../errors.js";
import { SeedClaim } from "../import/seed-schema.js";
import { validateSeed } from "../import/seed.js";
import { Origins, slugify, uniqueIds, type LossReport } from "./origins.js";

const NodeId = z.union([z.string().min(1), z.number()]).transform(String);
const AifNode = z.object({ nodeID: NodeId, text: z.string().nullish().transform((t) => t ?? ""), type: z.string() }).passthrough();
const AifEdge = z.object({ edgeID: NodeId.optional(), fromID: NodeId, toID: NodeId }).passthrough();
const AifLocution = z.object({ nodeID: NodeId, personID: NodeId.nullish() }).passthrough();
const AifParticipant = z.object({ participantID: NodeId, firstname: z.string().nullish(), surname: z.string().nullish() }).passthrough();
const AifCore = z
  .object({
    nodes: z.array(AifNode).min(1, "an AIF document needs nodes"),
    edges: z.array(AifEdge),
    locutions: z.array(AifLocution).nullish().transform((l) => l ?? []),
    participants: z.array(AifParticipant).nullish().transform((p) => p ?? []),
  })
  .passthrough();

/** AIFdb JSON or xAIF: nodes and edges at the top or under `AIF`. */
export const looksLikeAif = (value: unknown): boolean => {
  if (!value || typeof value !== "object") return false;
  const v = value as { nodes?: unknown; edges?: unknown; AIF?: unknown };
  return (Array.isArray(v.nodes) && Array.isArray(v.edges)) || (!!v.AIF && typeof v.AIF === "object" && looksLikeAif(v.AIF));
};

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e.charAt(1).toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : HTML_ENTITIES[e.toLowerCase()] ?? m,
  );

/** OVA's HTML text → plain text, and where each locution's span starts and ends in it. */
function plainText(html: string): { text: string; spans: Map<string, { start: number; end: number }> } {
  const spans = new Map<string, { start: number; end: number }>();
  const open: { id: string | null; start: number }[] = [];
  let text = "";
  const tag = /<(\/?)([a-z0-9]+)([^>]*)>/gi;
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    text += decode(html.slice(last, m.index));
    last = tag.lastIndex;
    const [, closing, name = "", attrs = ""] = m;
    const lower = name.toLowerCase();
    if (lower === "br" || (closing && (lower === "p" || lower === "div"))) text += "\n";
    else if (lower === "span" && !closing) {
      const id = /\bid\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1] ?? null;
      open.push({ id: id ? id.replace(/^node/, "") : null, start: text.length });
    } else if (lower === "span" && closing) {
      const span = open.pop();
      if (span?.id) spans.set(span.id, { start: span.start, end: text.length });
    }
  }
  text += decode(html.slice(last));
  return { text, spans };
}

export interface AifMeta {
  id?: string;
  title?: string;
  /** From the file name, when there is one. */
  fileId?: string;
}

/** AIFdb JSON or xAIF → a validated map, with the loss report. Problems name node and edge ids. */
export function aifToMap(value: unknown, meta: AifMeta, where: string): { data: MapData; warnings: LossReport } {
  const root = value as Record<string, unknown>;
  const nested = !Array.isArray(root.nodes) && root.AIF && typeof root.AIF === "object";
  const parsed = AifCore.safeParse(nested ? root.AIF : root);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.slice(0, 20).map((i) => {
        const [list, index] = i.path as [string, number];
        const item = typeof index === "number" ? ((nested ? (root.AIF as Record<string, unknown[]>) : (root as Record<string, unknown[]>))[list]?.[index] as Record<string, unknown> | undefined) : undefined;
        const id = item && (item.nodeID ?? item.edgeID ?? item.participantID);
        const named = typeof id === "string" || typeof id === "number" ? id : undefined;
        return { where, field: `${nested ? "AIF." : ""}${i.path.join(".")}${named !== undefined ? ` (${list === "edges" ? "edge" : "node"} ${String(named)})` : ""}`, message: i.message };
      }),
      `${where} is not a valid AIF document`,
    );
  }
  const { nodes, edges, locutions, participants } = parsed.data;
  const warnings: LossReport = [];
  const problems: Problem[] = [];
  const byId = new Map<string, (typeof nodes)[number]>();
  for (const n of nodes) {
    if (byId.has(n.nodeID)) problems.push({ where, field: `node ${n.nodeID}`, message: "two nodes have this id" });
    byId.set(n.nodeID, n);
  }
  edges.forEach((e, i) => {
    for (const end of ["fromID", "toID"] as const) {
      if (!byId.has(e[end])) problems.push({ where, field: `edge ${e.edgeID ?? `#${i + 1}`}`, message: `${end} names no node: "${e[end]}"` });
    }
  });
  for (const n of nodes) if (n.type === "I" && !n.text.trim()) problems.push({ where, field: `node ${n.nodeID} (I)`, message: "an I-node (a claim) needs text" });
  if (problems.length) throw new ValidationError(problems, `${where} is not a valid AIF document`);

  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const e of edges) {
    into.set(e.toID, [...(into.get(e.toID) ?? []), e.fromID]);
    outOf.set(e.fromID, [...(outOf.get(e.fromID) ?? []), e.toID]);
  }
  const typeOf = (id: string) => byId.get(id)?.type;
  const ofType = (ids: string[] | undefined, type: string) => (ids ?? []).filter((id) => typeOf(id) === type);

  // The document: xAIF's text (HTML or {txt}); AIFdb JSON carries none.
  const rawText = typeof root.text === "string" ? root.text : root.text && typeof root.text === "object" && typeof (root.text as { txt?: unknown }).txt === "string" ? (root.text as { txt: string }).txt : "";
  const { text: sourceText, spans } = rawText.trim() ? plainText(rawText) : { text: "", spans: new Map<string, { start: number; end: number }>() };

  const information = nodes.filter((n) => n.type === "I");
  const idOf = uniqueIds();
  const claimIds = new Map(information.map((n) => [n.nodeID, idOf(n.text)]));

  // Speakers: I ← YA ← L, and the L-node's locution names the participant.
  const participantName = new Map(participants.map((p) => [p.participantID, [p.firstname, p.surname].filter(Boolean).join(" ").trim() || `Participant ${p.participantID}`]));
  const personOf = new Map(locutions.filter((l) => l.personID != null).map((l) => [l.nodeID, String(l.personID)]));
  const locutionOf = (i: string) => ofType(into.get(i), "YA").flatMap((ya) => ofType(into.get(ya), "L"))[0];
  const entityOf = new Map<string, string>();
  const entityIds = uniqueIds();
  const speakers = "speaker" in SeedClaim.shape;
  let spoken = 0;

  // Anchors: the locution's span in the text; else the claim's own text found in it; else appended.
  let document = sourceText;
  const appended: string[] = [];
  const anchors = new Map<string, { quote: string; start: number }>();
  for (const n of information) {
    const l = locutionOf(n.nodeID);
    const span = l ? spans.get(l) : undefined;
    if (span && span.end > span.start && document.slice(span.start, span.end).trim()) {
      const raw = document.slice(span.start, span.end);
      const lead = raw.length - raw.trimStart().length;
      anchors.set(n.nodeID, { quote: raw.trim(), start: span.start + lead });
      continue;
    }
    const quote = n.text.trim();
    const at = document.indexOf(quote);
    if (at !== -1 && sourceText) anchors.set(n.nodeID, { quote, start: at });
    else {
      if (sourceText) appended.push(n.nodeID);
      const start = document ? document.length + 2 : 0;
      document = document ? `${document}\n\n${quote}` : quote;
      anchors.set(n.nodeID, { quote, start });
    }
  }
  if (!sourceText) warnings.push("the AIF carries no text (AIFdb JSON, or xAIF without `text`): the claims' texts are joined into the document and each claim quotes its own text");
  else if (appended.length) warnings.push(`${appended.length} I-node(s) have no span in the text and their text is not in it (nodes ${appended.join(", ")}): their texts are appended to the document`);

  const supports = new Map<string, Set<string>>();
  const attacks = new Map<string, Set<string>>();
  const undercuts = new Map<string, { target: string; inference: string }[]>();
  for (const n of information) {
    supports.set(n.nodeID, new Set());
    attacks.set(n.nodeID, new Set());
    undercuts.set(n.nodeID, []);
  }
  const origins = new Origins({ where, field: "AIF document" });
  const claimIndex = new Map(information.map((n, i) => [n.nodeID, i]));
  const inference = (ra: string) => ({ premises: ofType(into.get(ra), "I"), conclusions: ofType(outOf.get(ra), "I") });
  const counts: Record<string, number> = {};
  for (const n of nodes) {
    counts[n.type] = (counts[n.type] ?? 0) + 1;
    if (n.type === "RA") {
      const { premises, conclusions } = inference(n.nodeID);
      const [conclusion] = conclusions;
      if (!premises.length || conclusions.length !== 1 || conclusion === undefined) {
        warnings.push(`node ${n.nodeID} (RA) has ${premises.length} premise(s) and ${conclusions.length} conclusion(s); an inference needs premises and one conclusion, so it is left out`);
        continue;
      }
      if (premises.length > 1) warnings.push(`node ${n.nodeID} (RA) links ${premises.length} premises; argmap keeps one support per premise, not that they work only together`);
      for (const p of premises) {
        supports.get(p)!.add(conclusion);
        origins.set(["claims", claimIndex.get(p)!, "supports"], where, `node ${n.nodeID} (RA)`);
      }
    } else if (n.type === "CA") {
      const attackers = ofType(into.get(n.nodeID), "I");
      const targets = outOf.get(n.nodeID) ?? [];
      const [target] = targets;
      if (!attackers.length || targets.length !== 1 || target === undefined) {
        warnings.push(`node ${n.nodeID} (CA) has ${attackers.length} attacker(s) and ${targets.length} target(s); a conflict needs both, so it is left out`);
        continue;
      }
      for (const a of attackers) {
        if (typeOf(target) === "I") {
          attacks.get(a)!.add(target);
          origins.set(["claims", claimIndex.get(a)!, "attacks"], where, `node ${n.nodeID} (CA)`);
        } else if (typeOf(target) === "RA") {
          const { premises, conclusions } = inference(target);
          const [conclusion] = conclusions;
          if (conclusions.length === 1 && conclusion !== undefined) for (const p of premises) undercuts.get(a)!.push({ target: conclusion, inference: p });
          origins.set(["claims", claimIndex.get(a)!, "undercuts"], where, `node ${n.nodeID} (CA on RA ${target})`);
        } else warnings.push(`node ${n.nodeID} (CA) attacks a ${typeOf(target)} node (${target}); argmap has no place for that, so it is left out`);
      }
    }
  }
  const dialogue = ["L", "YA", "TA"].filter((t) => counts[t]).map((t) => `${counts[t]} ${t}`);
  if (dialogue.length) warnings.push(`dialogue nodes (${dialogue.join(", ")}) are not kept as such: locutions give their claims quotes${speakers ? " and speakers" : ""}; illocutions and transitions have no place in argmap`);
  for (const t of ["MA", "PA"]) if (counts[t]) warnings.push(`${counts[t]} ${t} node(s) (${t === "MA" ? "rephrase" : "preference"}) have no place in argmap and are left out`);
  const unknownTypes = Object.keys(counts).filter((t) => !["I", "RA", "CA", "L", "YA", "TA", "MA", "PA"].includes(t));
  if (unknownTypes.length) warnings.push(`nodes of unknown type ${unknownTypes.join(", ")} are left out`);
  const ovaNodes = (root.OVA as { nodes?: unknown[] } | undefined)?.nodes;
  if (Array.isArray(ovaNodes) && ovaNodes.length) warnings.push(`OVA's layout (x/y of ${ovaNodes.length} nodes) is not kept: argmap lays maps out itself`);
  if (participants.length && !speakers) warnings.push(`${participants.length} participant(s) are kept as entities, but not as the speakers of their claims (this argmap has no speakers yet)`);

  const entities = [...new Set(information.map((n) => personOf.get(locutionOf(n.nodeID) ?? "")).filter((p): p is string => !!p))].map((p) => {
    const id = entityIds(participantName.get(p) ?? `participant-${p}`);
    entityOf.set(p, id);
    return { id, name: participantName.get(p) ?? `Participant ${p}`, type: "actor" };
  });

  const claims = information.map((n, i) => {
    const anchor = anchors.get(n.nodeID)!;
    let occurrence = 0;
    let count = 0;
    for (let k = document.indexOf(anchor.quote); k !== -1; k = document.indexOf(anchor.quote, k + 1)) {
      count++;
      if (k === anchor.start) occurrence = count;
    }
    origins.set(["claims", i], where, `node ${n.nodeID} (I)`);
    const person = personOf.get(locutionOf(n.nodeID) ?? "");
    if (person && speakers) spoken++;
    const own = supports.get(n.nodeID)!;
    return {
      id: claimIds.get(n.nodeID)!,
      kind: "claim",
      text: n.text.replace(/\s+/g, " ").trim(),
      quote: anchor.quote,
      ...(count > 1 ? { occurrence } : {}),
      ...(person && speakers ? { speaker: entityOf.get(person) } : {}),
      supports: [...own].filter((t) => !attacks.get(n.nodeID)!.has(t)).map((t) => claimIds.get(t)!),
      attacks: [...attacks.get(n.nodeID)!].map((t) => claimIds.get(t)!),
      ...(undercuts.get(n.nodeID)!.length
        ? { undercuts: undercuts.get(n.nodeID)!.map((u) => ({ target: claimIds.get(u.target)!, inference: claimIds.get(u.inference)! })) }
        : {}),
    };
  });
  void spoken;
  for (const n of information) for (const t of attacks.get(n.nodeID)!) if (supports.get(n.nodeID)!.has(t)) warnings.push(`node ${n.nodeID} both supports and attacks node ${t}; only the attack is kept`);

  const nodesetId = [root.nodesetID, root.nodeSetID, (root.AIF as Record<string, unknown> | undefined)?.nodesetID].find((v) => typeof v === "string" || typeof v === "number");
  const firstLine = sourceText.split("\n").map((l) => l.trim()).find(Boolean);
  const fromNodeset = nodesetId === undefined ? undefined : /^[a-z0-9]+(-[a-z0-9]+)*$/.test(String(nodesetId)) && !/^\d+$/.test(String(nodesetId)) ? String(nodesetId) : `nodeset-${slugify(String(nodesetId))}`;
  const id = meta.id ?? fromNodeset ?? meta.fileId ?? (firstLine ? slugify(firstLine, 40) : undefined);
  if (!id) throw new BadRequestError("query parameter id: this AIF document names no map (no nodeset id, no text, no file name); add ?id=your-map-id");
  const title =
    meta.title ?? (typeof root.title === "string" ? root.title : undefined) ?? (firstLine ? (firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine) : undefined) ?? id;
  const seed = { map: { id, title, text: document }, entities, claims };
  return { data: validateSeed(seed, origins, where), warnings };
}

// ---------------------------------------------------------------------------------------------
// Export

type OutNode = { nodeID: string; text: string; type: string; timestamp: string };
type OutEdge = { edgeID: string; fromID: string; toID: string; formEdgeID: null };

/** The map as AIF nodes and edges: I per claim, L (its quote) asserting it, RA per support, CA per attack or undercut. */
function aifGraph(data: MapData) {
  const nodes: OutNode[] = [];
  const edges: OutEdge[] = [];
  const locutions: { nodeID: string; personID: string | null; timestamp: string; start: null; end: null; source: null }[] = [];
  const participants: { participantID: string; firstname: string; surname: string }[] = [];
  const timestamp = "2000-01-01 00:00:00";
  let next = 1;
  const node = (text: string, type: string) => {
    const id = String(next++);
    nodes.push({ nodeID: id, text, type, timestamp });
    return id;
  };
  const edge = (from: string, to: string) => edges.push({ edgeID: String(edges.length + 1), fromID: from, toID: to, formEdgeID: null });
  const personOf = new Map<string, string>();
  const claimNode = new Map<string, string>();
  const locutionNode = new Map<string, string>();
  for (const c of data.claims) {
    const i = node(c.text, "I");
    claimNode.set(c.id, i);
    const speaker = (c as { speaker?: string | null }).speaker ?? null;
    if (speaker && !personOf.has(speaker)) {
      const entity = data.entities.find((e) => e.id === speaker);
      personOf.set(speaker, String(participants.length + 1));
      participants.push({ participantID: String(participants.length + 1), firstname: entity?.name ?? speaker, surname: "" });
    }
    const l = node(speaker ? `${data.entities.find((e) => e.id === speaker)?.name ?? speaker}: ${c.quote}` : c.quote, "L");
    locutionNode.set(c.id, l);
    locutions.push({ nodeID: l, personID: speaker ? personOf.get(speaker)! : null, timestamp, start: null, end: null, source: null });
    const ya = node("Asserting", "YA");
    edge(l, ya);
    edge(ya, i);
  }
  const inferenceNode = new Map<string, string>();
  // Supports first: an undercut's CA points at the RA node of the inference it attacks.
  for (const e of [...data.edges].sort((a, b) => Number(a.type === "UNDERCUTS") - Number(b.type === "UNDERCUTS"))) {
    const scheme = node(e.type === "SUPPORTS" ? "Default Inference" : "Default Conflict", e.type === "SUPPORTS" ? "RA" : "CA");
    if (e.type === "SUPPORTS") inferenceNode.set(`${e.source}>${e.target}`, scheme);
    edge(claimNode.get(e.source)!, scheme);
    edge(scheme, e.type === "UNDERCUTS" ? inferenceNode.get(`${e.inference}>${e.target}`)! : claimNode.get(e.target)!);
  }
  return { nodes, edges, locutions, participants, locutionNode };
}

/** What AIF cannot hold of this map, whichever shape. */
function aifLosses(data: MapData, withText: boolean): LossReport {
  const losses: LossReport = ["claim ids (AIF numbers its nodes; ids are made again from claim texts on import)"];
  const kinds = new Set(data.claims.map((c) => c.kind));
  if ([...kinds].some((k) => k !== "claim")) losses.push(`claim kinds (${[...kinds].sort().join(", ")}): AIF's I-nodes have none`);
  if (data.citations.length) losses.push(`${data.citations.length} citation(s) and which claims carry them`);
  const spoken = new Set(data.claims.map((c) => (c as { speaker?: string | null }).speaker).filter(Boolean));
  const unspoken = data.entities.filter((e) => !spoken.has(e.id));
  if (unspoken.length) losses.push(`${unspoken.length} entit(ies) and which claims mention them${spoken.size ? " (speakers are kept as participants)" : ""}`);
  const quoted = data.edges.filter((e) => e.quote).length;
  if (quoted) losses.push(`${quoted} relation quote(s) (the sentence asserting a relation)`);
  losses.push(
    withText
      ? "the map's author, date and venue"
      : "the document text and where each quote sits in it (AIFdb JSON keeps each quote as its L-node's text; export as xAIF to keep the text and anchors), and the map's id, title, author, date and venue",
  );
  return losses;
}

/** AIFdb JSON: `{nodes, edges, locutions, participants}`. */
export function toAif(data: MapData): { value: unknown; warnings: LossReport } {
  const { nodes, edges, locutions, participants } = aifGraph(data);
  return { value: { nodes, edges, locutions, participants }, warnings: aifLosses(data, false) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** OVA3's xAIF: the AIF under `AIF`, the document as HTML with a span per locution at its anchor, an empty OVA layout. */
export function toXaif(data: MapData): { value: unknown; warnings: LossReport } {
  const { nodes, edges, locutions, participants, locutionNode } = aifGraph(data);
  const warnings = aifLosses(data, true);
  // Spans cannot cross: a quote overlapping an earlier one is found again by its text on import.
  const ordered = [...data.claims].sort((a, b) => a.start - b.start || b.end - a.end);
  let html = "";
  let cursor = 0;
  const crossing: string[] = [];
  for (const c of ordered) {
    if (c.start < cursor) {
      crossing.push(c.id);
      continue;
    }
    html += escapeHtml(data.map.text.slice(cursor, c.start)).replace(/\n/g, "<br>");
    html += `<span class="highlighted" id="node${locutionNode.get(c.id)}">${escapeHtml(c.quote).replace(/\n/g, "<br>")}</span>`;
    cursor = c.end;
  }
  html += escapeHtml(data.map.text.slice(cursor)).replace(/\n/g, "<br>");
  if (crossing.length) warnings.push(`${crossing.length} quote(s) overlap an earlier one and get no span of their own (${crossing.slice(0, 5).join(", ")}${crossing.length > 5 ? ", …" : ""}); on import they are found by their text`);
  return {
    value: {
      AIF: { nodes, edges, locutions, participants, schemefulfillments: [], descriptorfulfillments: [] },
      text: html,
      dialog: false,
      OVA: { firstname: "", surname: "", url: "", nodes: [], edges: [] },
      nodesetID: data.map.id,
      title: data.map.title,
    },
    warnings,
  };
}
