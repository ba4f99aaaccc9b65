import type { Evaluator } from "../argumentation/budget.js";
import { UnknownArgumentError } from "../argumentation/framework.js";
import type { Semantics } from "../../contract/model.js";
import { attackGraphOf } from "../history/views.js";
import * as S from "../../contract/schemas.js";
import * as Q from "../db/queries.js";
import { BadRequestError } from "../errors.js";
import { defineRoute } from "../http/route.js";

function translate(err: unknown): never {
  if (err instanceof UnknownArgumentError) throw new BadRequestError(`body attacks[${err.attackIndex}]: "${err.argument}" is not among the arguments`);
  throw err;
}

async function evaluate(evaluator: Evaluator, graph: ReturnType<typeof attackGraphOf> | null, mapId: string, query: { without: string[]; semantics: Semantics }) {
  if (!graph) return null;
  const known = new Set(graph.claims);
  const unknown = query.without.filter((id) => !known.has(id));
  if (unknown.length) throw new BadRequestError(`query parameter without: no claim ${unknown.map((u) => `"${u}"`).join(", ")} in map "${mapId}"`);
  return evaluator.evaluateMap({ ...graph, without: query.without, semantics: query.semantics });
}

export const evaluationRoutes = [
  defineRoute({
    method: "get",
    path: "/api/maps/:map/evaluation",
    summary: "Which claims stand: a label for every claim under a Dung semantics, optionally with claims withdrawn",
    description:
      "Claims are ordinary premises, supports defeasible rules, attacks contraries (README: How claims are evaluated); the labels follow from the Dung framework of claims and ATTACKS.",
    tags: ["evaluation"],
    params: S.MapParams,
    query: S.EvaluationQuery,
    response: S.Evaluation,
    mapScoped: true,
    errors: [404, 422],
    handler: async ({ params, query }, { db, evaluator }) => evaluate(evaluator, await Q.attackGraph(db, params.map), params.map, query),
    atRevision: ({ params, query }, { contents }, { evaluator }) => evaluate(evaluator, attackGraphOf(contents), params.map, query),
  }),
  defineRoute({
    method: "post",
    path: "/api/evaluate",
    summary: "Extensions of any abstract argumentation framework (no database involved)",
    tags: ["evaluation"],
    query: S.NoQuery,
    body: S.EvaluateBody,
    bodyLimit: 8 * 2 ** 20,
    response: S.EvaluateResult,
    errors: [422],
    handler: async ({ body }, { evaluator }) => {
      try {
        return { extensions: (await evaluator.solve({ arguments: body.arguments, attacks: body.attacks }, body.semantics)).extensions };
      } catch (err) {
        translate(err);
      }
    },
  }),
];
