import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relationKey, type EditedClaim, type Relation } from "../contract/workbench.js";
import { evaluateMap } from "../server/argumentation/map-evaluation.js";
import { diffStates, groundedLabels } from "../server/history/diff.js";
import { applyChanges, cloneState, toContents, type MapState } from "../server/history/state.js";
import { attackGraphOf } from "../server/history/views.js";

const claim = (id: string, citations: number[] = []): EditedClaim => ({ id, kind: "claim", text: `Claim ${id}`, quote: "q", start: 0, end: 1, citations, speaker: null, mentions: [] });
const relation = (type: Relation["type"], source: string, target: string): Relation => {
  const r: Relation = { key: "", type, source, target, inference: null, quote: null };
  r.key = relationKey(r);
  return r;
};

function stateOf(claims: string[], relations: [Relation["type"], string, string][]): MapState {
  return {
    map: { id: "m", title: "M", author: null, date: null, venue: null, text: "q" },
    citations: [],
    entities: [],
    claims: new Map(claims.map((id) => [id, claim(id)])),
    relations: new Map(relations.filter(([, s, t]) => claims.includes(s) && claims.includes(t)).map(([type, s, t]) => relation(type, s, t)).map((r) => [r.key, r])),
  };
}

/** What the evaluation route answers for the whole map: every claim and every attack through the solver. */
const evaluated = (state: MapState) => evaluateMap({ ...attackGraphOf(toContents(state, "r")), without: [], semantics: "grounded" }).labels;

const ids = ["a", "b", "c", "d", "e", "f", "g"];
const states = fc.record({
  claims: fc.subarray(ids, { minLength: 0 }),
  relations: fc.array(fc.tuple(fc.constantFrom<Relation["type"]>("ATTACKS", "SUPPORTS"), fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 14 }),
}).map(({ claims, relations }) => stateOf(claims, relations));

describe("a diff's effect on the evaluation", () => {
  it("labels every claim as the evaluation of the whole map does (claims no attack touches are IN)", () => {
    fc.assert(
      fc.property(states, (state) => {
        expect(groundedLabels(state)).toEqual(evaluated(state));
      }),
      { numRuns: 300 },
    );
  });

  it("lists exactly the claims whose grounded label differs between the two revisions, with null for a claim absent from one", () => {
    fc.assert(
      fc.property(states, states, (from, to) => {
        const [a, b] = [evaluated(from), evaluated(to)];
        const expected = [...new Set([...Object.keys(a), ...Object.keys(b)])]
          .sort()
          .filter((c) => a[c] !== b[c])
          .map((c) => ({ claim: c, from: a[c] ?? null, to: b[c] ?? null }));
        expect(diffStates("r1", from, "r2", to).evaluation.changed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("sees a thesis fall to a new attack and stand again when its attacker is attacked", () => {
    const start = stateOf(["thesis", "cost", "grant"], []);
    const attacked = applyChanges(cloneState(start), { claims: {}, relations: { [relation("ATTACKS", "cost", "thesis").key]: relation("ATTACKS", "cost", "thesis") } });
    const answered = applyChanges(cloneState(attacked), { claims: {}, relations: { [relation("ATTACKS", "grant", "cost").key]: relation("ATTACKS", "grant", "cost") } });
    expect(diffStates("r0", start, "r1", attacked).evaluation.changed).toEqual([{ claim: "thesis", from: "in", to: "out" }]);
    expect(diffStates("r1", attacked, "r2", answered).evaluation.changed).toEqual([
      { claim: "cost", from: "in", to: "out" },
      { claim: "thesis", from: "out", to: "in" },
    ]);
    expect(diffStates("r0", start, "r2", answered).evaluation.changed).toEqual([{ claim: "cost", from: "in", to: "out" }]);
  });

  it("reports claims and coverage of the claims added, and a claim changed in place by its fields", () => {
    const from = stateOf(["thesis"], []);
    const to = applyChanges(cloneState(from), { claims: { thesis: { ...claim("thesis"), text: "Changed." }, cited: claim("cited", [1]) }, relations: {} });
    const diff = diffStates("r0", from, "r1", to);
    expect(diff.claims.added.map((c) => c.id)).toEqual(["cited"]);
    expect(diff.claims.changed).toMatchObject([{ id: "thesis", fields: ["text"] }]);
    expect(diff.coverage).toEqual({ from: { claims: 1, cited: 0, uncited: 1, ratio: 0 }, to: { claims: 2, cited: 1, uncited: 1, ratio: 0.5 } });
    expect(diff.evaluation.changed).toEqual([{ claim: "cited", from: null, to: "in" }]);
  });
});
