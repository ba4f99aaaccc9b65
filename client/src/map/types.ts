/** Helpers on the client's typed map graph; the graph's types are the contract's (contract/graph.ts). */
import { entityKey, type EdgeType, type NodeType } from "../../../contract/keys.js";
import type { EdgeAttrs, GraphAttrs, MapGraph, NodeAttrs } from "../../../contract/graph.js";

export type { EdgeAttrs, GraphAttrs, MapGraph, NodeAttrs, NodeType };
export type Relation = EdgeType;

export const isClaim = (graph: MapGraph, node: string) => graph.getNodeAttribute(node, "nodeType") === "claim";
export const isArgumentEdge = (type: Relation) => type === "SUPPORTS" || type === "ATTACKS";

/** The node of an entity id (keys from contract/keys.ts). */
export function entityNode(graph: MapGraph, id: string): string | null {
  const key = entityKey(id);
  return graph.hasNode(key) ? key : null;
}
