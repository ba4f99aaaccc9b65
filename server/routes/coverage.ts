import * as S from "../../contract/schemas.js";
import * as Q from "../db/queries.js";
import { chainCoverage, citationImpact, coverageReport } from "../../contract/coverage.js";
import type { MapContents } from "../../contract/graph.js";
import { NotFoundError } from "../errors.js";
import { defineRoute } from "../http/route.js";
import { readDocument } from "../db/documents.js";
import { documentCoverage } from "../intake/coverage.js";

function impactOf(contents: MapContents | null, params: { map: string; n: number }) {
  if (!contents) return null;
  const citation = contents.citations.find((c) => c.n === params.n);
  if (!citation) throw new NotFoundError(`map "${params.map}" has no footnote ${params.n}; GET /api/maps/${params.map}/citations lists them`);
  return { citation, conclusions: citationImpact(contents, params.n) };
}

const chainOf = (contents: MapContents | null, id: string) => (contents && contents.claims.some((c) => c.id === id) ? chainCoverage(contents, id) : null);

export const coverageRoutes = [
  defineRoute({
    method: "get",
    path: "/api/maps/:map/coverage",
    summary: "Editors' citation coverage: totals, uncited claims and findings about the sources",
    tags: ["coverage"],
    params: S.MapParams,
    query: S.NoQuery,
    response: S.Coverage,
    mapScoped: true,
    handler: async ({ params }, { db, reader }) => {
      const [contents, doc] = await Promise.all([Q.mapContents(db, params.map), readDocument(db, params.map, reader.analyse)]);
      if (!contents || !doc) return null;
      // Maps written by hand (seed files) keep the claim-level report; documents add their sentences.
      return doc.fromIntake ? documentCoverage(contents, doc) : coverageReport(contents);
    },
    atRevision: (_input, { contents }) => coverageReport(contents),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/citations/:n/impact",
    summary: "Source impact: the conclusions that would lose all cited support if footnote n were withdrawn",
    tags: ["coverage", "citations"],
    params: S.CitationParams,
    query: S.NoQuery,
    response: S.CitationImpact,
    mapScoped: true,
    errors: [404],
    handler: async ({ params }, { db }) => impactOf(await Q.mapContents(db, params.map), params),
    atRevision: ({ params }, { contents }) => impactOf(contents, params),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/claims/:id/coverage",
    summary: "Coverage of a chain: the share of the claim's support tree that is cited",
    tags: ["coverage", "claims"],
    params: S.ClaimParams,
    query: S.NoQuery,
    response: S.ChainCoverage,
    mapScoped: true,
    errors: [404],
    handler: async ({ params }, { db }) => chainOf(await Q.mapContents(db, params.map), params.id),
    atRevision: ({ params }, { contents }) => chainOf(contents, params.id),
  }),
];
