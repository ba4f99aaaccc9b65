/**
 * The client's typed view of a map graph as the graph route serializes it. Node
 * and edge attributes are data only: positions and every visual property live in
 * the view (positions.ts, view.ts), never in these attributes.
 */
import type Graph from "graphology";
import { entityKey, type EdgeType, type NodeType } from "../../../contract/keys.js";
import type { ClaimKind } from "../api.js";

export type { NodeType };
export type Relation = EdgeType;

export interface NodeAttrs {
  nodeType: NodeType;
  label: string;
  /** Claims. */
  kind?: ClaimKind;
  text?: string;
  quote?: string;
  start?: number;
  end?: number;
  citations?: number[];
  speaker?: string | null;
  /** Citations. */
  n?: number;
  title?: string | null;
  authors?: string | null;
  publisher?: string | null;
  date?: string | null;
  url?: string | null;
  /** Entities. */
  entityType?: string;
  [extra: string]: unknown;
}

export interface EdgeAttrs {
  type: Relation;
  quote?: string | null;
  /** UNDERCUTS: the supporting claim whose inference is attacked. */
  inference?: string;
  [extra: string]: unknown;
}

export interface GraphAttrs {
  id?: string;
  title?: string;
  author?: string | null;
  date?: string | null;
  venue?: string | null;
  revision?: string;
  [extra: string]: unknown;
}

export type MapGraph = Graph<NodeAttrs, EdgeAttrs, GraphAttrs>;

export const isClaim = (graph: MapGraph, node: string) => graph.getNodeAttribute(node, "nodeType") === "claim";
export const isArgumentEdge = (type: Relation) => type === "SUPPORTS" || type === "ATTACKS";

/** The node of an entity id (keys from contract/keys.ts). */
export function entityNode(graph: MapGraph, id: string): string | null {
  const key = entityKey(id);
  return graph.hasNode(key) ? key : null;
}
