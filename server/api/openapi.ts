/** OpenAPI 3.1 generated from the route declarations and their zod schemas: no second copy to drift. */
import { z } from "zod";
import { needOf, type RouteDef } from "../http/route.js";
import { ErrorBody } from "../../contract/schemas.js";

type JsonSchema = Record<string, unknown>;

/** The schema with every `$ref` into its own `$defs` pointed at the document's components instead. */
function withComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withComponentRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, key === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : withComponentRefs(v)]),
  );
}

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), named sub-schemas hoisted into components. */
function schemaOf(schema: z.ZodType, components: Record<string, JsonSchema>, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  const rewritten = withComponentRefs(json) as JsonSchema;
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

const IMPORT_FORMATS: Record<string, string> = {
  "application/json": "AIF (AIFdb JSON: nodes and edges) or the project's own map JSON (GET …/export?format=json)",
  "application/yaml": "the project's seed format (YAML) with the document inline as map.text",
  "text/x-argdown": "Argdown: [title]: text statements with <+ / <- relations",
};

const statusText: Record<number, string> = {
  409: "A conflict: a map with that id exists (imports), or what the edit touches changed since its If-Match revision (body.current has the current state)",
  304: "Not modified: the map's revision matches If-None-Match",
  400: "Invalid input; the message names the parameter",
  401: "Missing or wrong bearer token",
  413: "The request body is larger than this route accepts",
  415: "Unsupported Content-Type, charset or Content-Encoding of the body",
  403: "The user's role or the map's owner does not allow this (readers cannot edit; sharing is for the owner or an admin)",
  412: "If-Match names a revision this map does not have",
  404: "No such map or claim",
  422: "A rule of the map is broken (an edit: the message names the field), a framework too large for an exhaustive search, or a document with no text (a scan that needs OCR)",
  429: "Too many writes, or failed authentications, from this address in the current window; retry after Retry-After seconds (RateLimit and RateLimit-Policy say more)",
  503: "Neo4j is unreachable or the query timed out; retry after Retry-After seconds",
};

/**
 * A JSON import is a JSON document (AIF, the project's JSON), not a string; a binary upload is bytes. A text body
 * has no type but text: whatever arrives is read as UTF-8, so `null` or `{}` sent as text/html is the text "null"
 * or "{}", a document like any other. A `type: string` there made schemathesis's negative_data_rejection send such
 * bodies as "wrong type" and count their acceptance as a failure; with no type, nothing claims otherwise.
 */
function rawBodySchema(mediaType: string, bytes: boolean, description: string): JsonSchema {
  if (mediaType === "application/json") return { type: "object", description };
  if (bytes && !mediaType.startsWith("text/")) return { type: "string", format: "binary", description };
  return { description };
}

/**
 * An event stream's `schema` describes one event, not the payload (OpenAPI 3.1 has no `itemSchema`;
 * 3.2's registry reads an SSE event as this object): the route's response is the JSON in `data`,
 * and `id` is the operation's sequence number that Last-Event-ID resumes from.
 */
function eventSchema(payload: JsonSchema): JsonSchema {
  return {
    type: "object",
    required: ["data"],
    properties: {
      id: { type: "string", pattern: "^[0-9]+$" },
      event: { type: "string" },
      retry: { type: "integer", minimum: 0 },
      data: { type: "string", contentMediaType: "application/json", contentSchema: payload },
    },
  };
}

export function openApiDocument(routes: RouteDef[]) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: "#/components/schemas/Error" };
  schemaOf(ErrorBody, components, "output"); // registers components.Error (ErrorBody carries meta id "Error")

  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const ok = String(route.successStatus ?? 200);
    const responseSchema = schemaOf(route.response, components, "output");
    const responses: Record<string, unknown> = {
      [ok]: {
        description: ok === "201" ? "Created" : "OK",
        ...(route.responseHeaders
          ? { headers: Object.fromEntries(Object.entries(route.responseHeaders).map(([name, description]) => [name, { description, schema: { type: "string" } }])) }
          : {}),
        content: Object.fromEntries(
          (route.produces ?? ["application/json"]).map((t) => [
            t,
            { schema: route.bodies?.[t] ? schemaOf(route.bodies[t], components, "output") : t === "text/event-stream" ? eventSchema(responseSchema) : responseSchema },
          ]),
        ),
      },
    };
    const need = needOf(route);
    const authenticated = need !== "anyone" && need !== "read";
    // 429: any request that sends a token may fail authentication, and any write may be one too many.
    const statuses = new Set([400, 429, 503, ...(route.errors ?? []), ...(route.mapScoped ? [304, 404] : []), ...(authenticated ? [401, 403] : []), ...(route.body ? [413, 415] : [])]);
    for (const status of [...statuses].sort()) {
      const schema = status === 503 && route.statusOf ? responses[ok] : { content: { "application/json": { schema: errorRef } } };
      responses[String(status)] = status === 304 ? { description: statusText[304] } : { ...(schema as object), description: statusText[status] };
    }
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      operationId: `${route.method}${path.replace(/[{}]/g, "").replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: [
        ...parametersOf(route.params, "path", components),
        ...parametersOf(route.query, "query", components),
        ...(route.atRevision
          ? [{ name: "revision", in: "query", required: false, description: "Answer for this earlier revision of the map (GET /api/maps/{map}/history lists them)", schema: { type: "string", pattern: "^[0-9a-f]{1,64}$" } }]
          : []),
      ],
      ...(route.body && !route.rawBody
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body, components, "input") } } } }
        : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                Object.entries(route.bodyTypes ?? IMPORT_FORMATS).map(([t, description]) => [
                  t,
                  { schema: rawBodySchema(t, route.rawBody === "bytes", description) },
                ]),
              ),
            },
          }
        : {}),
      ...(authenticated ? { security: [{ bearer: [] }], "x-argmap-needs": need } : {}),
      responses,
    };
  }
  // The document describes itself too: every route the app answers is in it.
  paths["/api/openapi.json"] = {
    get: {
      summary: "This OpenAPI 3.1 document",
      tags: ["meta"],
      operationId: "getApiOpenapiJson",
      responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object", required: ["openapi", "paths"] } } } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "argmap API",
      version: "1.0.0",
      description:
        "Argument maps (claims, supports, attacks, citations, entities) stored in Neo4j. Public maps are read without credentials; writes and private maps need Authorization: Bearer <token> (ARGMAP_TOKEN for the admin, or a user's token). Each operation's `x-argmap-needs` says what it requires: create (analyst or admin), edit (analyst or admin who can read the map), owner (the map's owner or an admin), admin.",
    },
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "ARGMAP_TOKEN (admin) or a user's token from POST /api/users" } } },
  };
}
