/** OpenAPI 3.1 generated from the route declarations and their zod schemas: no second copy to drift. */
import { z } from "zod";
import type { RouteDef } from "../http/route.js";
import { ErrorBody } from "./schemas.js";

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), named sub-schemas hoisted into components. */
function schemaOf(schema: z.ZodType, components: Record<string, JsonSchema>, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  const rewritten = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  const defs = (rewritten.$defs ?? {}) as Record<string, JsonSchema>;
  Object.assign(components, defs);
  delete rewritten.$defs;
  delete rewritten.$schema;
  return rewritten;
}

function parametersOf(schema: z.ZodObject<z.ZodRawShape> | undefined, location: "path" | "query", components: Record<string, JsonSchema>) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = schemaOf(field as z.ZodType, components, "input");
    return {
      name,
      in: location,
      required: location === "path" || !(field as z.ZodType).safeParse(undefined).success,
      description: fieldSchema.description,
      schema: fieldSchema,
    };
  });
}

const statusText: Record<number, string> = {
  304: "Not modified: the map's revision matches If-None-Match",
  400: "Invalid input; the message names the parameter",
  401: "Missing or wrong bearer token",
  404: "No such map or claim",
  422: "The framework is too large for an exhaustive search of extensions",
  503: "Neo4j is unreachable or the query timed out; retry after Retry-After seconds",
};

export function openApiDocument(routes: RouteDef[]) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: "#/components/schemas/Error" };
  schemaOf(ErrorBody, components, "output"); // registers components.Error (ErrorBody carries meta id "Error")

  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const responses: Record<string, unknown> = {
      "200": { description: "OK", content: { "application/json": { schema: schemaOf(route.response, components, "output") } } },
    };
    const statuses = new Set([400, 503, ...(route.errors ?? []), ...(route.mapScoped ? [304, 404] : [])]);
    for (const status of [...statuses].sort()) {
      const schema = status === 503 && route.statusOf ? responses["200"] : { content: { "application/json": { schema: errorRef } } };
      responses[String(status)] = status === 304 ? { description: statusText[304] } : { ...(schema as object), description: statusText[status] };
    }
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      operationId: `${route.method}${path.replace(/[{}]/g, "").replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: [...parametersOf(route.params, "path", components), ...parametersOf(route.query, "query", components)],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body, components, "input") } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "argmap API",
      version: "1.0.0",
      description: "Argument maps (claims, supports, attacks, citations, entities) stored in Neo4j. Reads need no credentials.",
    },
    paths,
    components: { schemas: components },
  };
}
