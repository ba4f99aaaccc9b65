/**
 * AIF (the Argument Interchange Format, AIFdb JSON): claims are I-nodes, each
 * support an RA-node (premise → RA → conclusion), each attack a CA-node
 * (attacker → CA → attacked). Import maps RA/CA back; an RA with several premises
 * becomes one support per premise. L/YA/TA nodes (dialogue) are ignored.
 */
import { z } from "zod";
import type { MapData } from "../../contract/model.js";
import { BadRequestError, ValidationError, type Problem } from "../errors.js";
import { validateSeed } from "../import/seed.js";
import { Origins } from "./origins.js";

export function toAif(data: MapData) {
  const nodes: { nodeID: string; text: string; type: string; timestamp: string }[] = [];
  const edges: { edgeID: string; fromID: string; toID: string; formEdgeID: null }[] = [];
  const timestamp = "2019-03-01 00:00:00";
  const nodeOf = new Map<string, string>();
  data.claims.forEach((c, i) => {
    const id = String(i + 1);
    nodeOf.set(c.id, id);
    nodes.push({ nodeID: id, text: c.text, type: "I", timestamp });
  });
  let next = data.claims.length + 1;
  const edge = (from: string, to: string) => edges.push({ edgeID: String(edges.length + 1), fromID: from, toID: to, formEdgeID: null });
  const inferenceNode = new Map<string, string>();
  // Supports first: an undercut's CA points at the RA node of the inference it attacks.
  for (const e of [...data.edges].sort((a, b) => Number(a.type === "UNDERCUTS") - Number(b.type === "UNDERCUTS"))) {
    const id = String(next++);
    nodes.push({ nodeID: id, text: e.type === "SUPPORTS" ? "Default Inference" : "Default Conflict", type: e.type === "SUPPORTS" ? "RA" : "CA", timestamp });
    if (e.type === "SUPPORTS") inferenceNode.set(`${e.source}>${e.target}`, id);
    edge(nodeOf.get(e.source)!, id);
    edge(id, e.type === "UNDERCUTS" ? inferenceNode.get(`${e.inference}>${e.target}`)! : nodeOf.get(e.target)!);
  }
  return { nodes, edges, locutions: [], participants: [] };
}

const AifNode = z.object({ nodeID: z.union([z.string(), z.number()]).transform(String), text: z.string().default(""), type: z.string() }).passthrough();
const AifEdge = z.object({ edgeID: z.union([z.string(), z.number()]).transform(String).optional(), fromID: z.union([z.string(), z.number()]).transform(String), toID: z.union([z.string(), z.number()]).transform(String) }).passthrough();
export const AifDocument = z.object({ nodes: z.array(AifNode).min(1, "an AIF document needs nodes"), edges: z.array(AifEdge) }).passthrough();

export const looksLikeAif = (value: unknown) =>
  !!value && typeof value === "object" && Array.isArray((value as { nodes?: unknown }).nodes) && Array.isArray((value as { edges?: unknown }).edges);

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 40).replace(/^-+|-+$/g, "") || "claim";

export function aifToMap(value: unknown, meta: { id?: string; title?: string; fileId?: string }, where: string): { data: MapData; warnings: string[] } {
  const id = meta.id ?? meta.fileId;
  if (!id) throw new BadRequestError("query parameter id: an AIF document carries no map id; add ?id=your-map-id");
  const seed = aifToSeed(value, { id, title: meta.title ?? id }, where);
  return { data: validateSeed(seed, new Origins({ where, field: "" }), where), warnings: [] };
}

/** AIF → a seed object (then validated like any seed). */
function aifToSeed(value: unknown, meta: { id: string; title: string }, where: string) {
  const parsed = AifDocument.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ where, field: i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, ""), message: i.message })),
      "not a valid AIF document",
    );
  }
  const { nodes, edges } = parsed.data;
  const problems: Problem[] = [];
  const byId = new Map(nodes.map((n) => [n.nodeID, n]));
  edges.forEach((e, i) => {
    for (const end of ["fromID", "toID"] as const) if (!byId.has(e[end])) problems.push({ where, field: `edges[${i}].${end}`, message: `no node "${e[end]}"` });
  });
  nodes.forEach((n, i) => {
    if (n.type === "I" && !n.text.trim()) problems.push({ where, field: `nodes[${i}].text`, message: "an I-node (a claim) needs text" });
  });
  if (problems.length) throw new ValidationError(problems, "not a valid AIF document");

  const information = nodes.filter((n) => n.type === "I");
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of information) {
    let id = slug(n.text);
    for (let k = 2; used.has(id); k++) id = `${slug(n.text)}-${k}`;
    used.add(id);
    ids.set(n.nodeID, id);
  }
  const text = information.map((n) => n.text.trim()).join("\n\n");
  const into = (id: string) => edges.filter((e) => e.toID === id).map((e) => e.fromID);
  const outOf = (id: string) => edges.filter((e) => e.fromID === id).map((e) => e.toID);
  const relations = new Map<string, { supports: Set<string>; attacks: Set<string> }>();
  for (const n of information) relations.set(n.nodeID, { supports: new Set(), attacks: new Set() });
  for (const scheme of nodes.filter((n) => n.type === "RA" || n.type === "CA")) {
    for (const from of into(scheme.nodeID).filter((x) => byId.get(x)?.type === "I")) {
      for (const to of outOf(scheme.nodeID).filter((x) => byId.get(x)?.type === "I")) {
        relations.get(from)![scheme.type === "RA" ? "supports" : "attacks"].add(ids.get(to)!);
      }
    }
  }
  const seen = new Map<string, number>();
  return {
    map: { id: meta.id, title: meta.title, text },
    claims: information.map((n) => {
      const quote = n.text.trim();
      const occurrence = (seen.get(quote) ?? 0) + 1;
      seen.set(quote, occurrence);
      const r = relations.get(n.nodeID)!;
      return {
        id: ids.get(n.nodeID)!,
        kind: "claim",
        text: quote,
        quote,
        ...(occurrence > 1 || text.split(quote).length > 2 ? { occurrence } : {}),
        supports: [...r.supports],
        attacks: [...r.attacks].filter((t) => !r.supports.has(t)),
      };
    }),
  };
}
