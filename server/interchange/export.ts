/** A stored map rendered in one of the export formats: shared by the HTTP route and the CLI. */
import Graph from "graphology";
import type { SerializedGraph } from "graphology-types";
import type { EXPORT_FORMATS } from "../../contract/schemas.js";
import { toSerializedGraph, type MapContents } from "../../contract/graph.js";
import { toGraphML } from "../../contract/graphml.js";
import { toAif, toXaif } from "./aif.js";
import { toArgdown } from "./argdown.js";
import { toKialo } from "./kialo.js";
import { toMapData } from "./from-store.js";
import { toOwnJson } from "./own-json.js";

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RenderedExport {
  contentType: string;
  body: string;
  extension: string;
  /** What the format cannot hold of this map (the loss report); empty when nothing is lost. */
  warnings: string[];
}

export function renderExport(contents: MapContents, text: string, format: ExportFormat): RenderedExport {
  const data = toMapData(contents, text);
  switch (format) {
    case "json":
      return { contentType: "application/json", body: JSON.stringify(toOwnJson(data), null, 2) + "\n", extension: "argmap.json", warnings: [] };
    case "aif": {
      const { value, warnings } = toAif(data);
      return { contentType: "application/json", body: JSON.stringify(value, null, 2) + "\n", extension: "aif.json", warnings };
    }
    case "xaif": {
      const { value, warnings } = toXaif(data);
      return { contentType: "application/json", body: JSON.stringify(value, null, 2) + "\n", extension: "xaif.json", warnings };
    }
    case "argdown": {
      const { body, warnings } = toArgdown(data);
      return { contentType: "text/x-argdown; charset=utf-8", body, extension: "argdown", warnings };
    }
    case "kialo": {
      const { body, warnings } = toKialo(data);
      return { contentType: "text/x-kialo; charset=utf-8", body, extension: "kialo.txt", warnings };
    }
    case "graphml": {
      const serialized: SerializedGraph = toSerializedGraph(contents);
      return { contentType: "application/graphml+xml", body: toGraphML(Graph.from(serialized)), extension: "graphml", warnings: [] };
    }
  }
}
