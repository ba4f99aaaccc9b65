/**
 * graphology graph → GraphML (for Gephi, yEd, Cytoscape). Keys are declared
 * from the attributes actually present; values are XML-escaped; arrays become
 * comma-separated strings.
 */
import type Graph from "graphology";

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");

type Kind = "string" | "double" | "boolean";
const kindOf = (v: unknown): Kind => (typeof v === "number" ? "double" : typeof v === "boolean" ? "boolean" : "string");
const valueOf = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v));

/**
 * `nodeExtras` adds attributes that are not the map's data (view positions, when the user asks for them)
 * to the written nodes without putting them into the graph.
 */
export function toGraphML(graph: Graph, nodeExtras?: (node: string) => Record<string, unknown> | undefined): string {
  const nodeAttributes = (node: string, attrs: Record<string, unknown>) => (nodeExtras ? { ...attrs, ...nodeExtras(node) } : attrs);
  const keys = new Map<string, { for: "node" | "edge" | "graph"; name: string; kind: Kind }>();
  const declare = (scope: "node" | "edge" | "graph", attrs: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      const id = `${scope[0]}_${name}`;
      if (!keys.has(id)) keys.set(id, { for: scope, name, kind: kindOf(value) });
      else if (keys.get(id)!.kind !== kindOf(value)) keys.get(id)!.kind = "string";
    }
  };
  declare("graph", graph.getAttributes());
  graph.forEachNode((n, a) => declare("node", nodeAttributes(n, a)));
  graph.forEachEdge((_e, a) => declare("edge", a));

  const data = (scope: "node" | "edge" | "graph", attrs: Record<string, unknown>, indent: string) =>
    Object.entries(attrs)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([name, v]) => `${indent}<data key="${escapeXml(`${scope[0]}_${name}`)}">${escapeXml(valueOf(v))}</data>`)
      .join("\n");

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...keys].map(([id, k]) => `  <key id="${escapeXml(id)}" for="${k.for}" attr.name="${escapeXml(k.name)}" attr.type="${k.kind}"/>`),
    `  <graph id="${escapeXml(String(graph.getAttribute("id") ?? "G"))}" edgedefault="directed">`,
    data("graph", graph.getAttributes(), "    "),
  ];
  graph.forEachNode((node, attrs) => {
    lines.push(`    <node id="${escapeXml(node)}">`, data("node", nodeAttributes(node, attrs), "      "), "    </node>");
  });
  graph.forEachEdge((edge, attrs, source, target) => {
    lines.push(`    <edge id="${escapeXml(edge)}" source="${escapeXml(source)}" target="${escapeXml(target)}">`, data("edge", attrs, "      "), "    </edge>");
  });
  lines.push("  </graph>", "</graphml>", "");
  return lines.filter((l) => l !== "").join("\n") + "\n";
}
