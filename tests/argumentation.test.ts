import fc from "fast-check";
import { must } from "../contract/errors.js";
import { describe, expect, it } from "vitest";
import { normalizeExtensions, solve, type Framework, type Semantics } from "../server/argumentation/index.js";
import { evaluateMap } from "../server/argumentation/map-evaluation.js";

const af = (args: string, attacks: string): Framework => ({
  arguments: args ? args.split(" ") : [],
  attacks: attacks ? (attacks.split(" ").map((p) => p.split(">")) as [string, string][]) : [],
});
const ext = (f: Framework, s: Semantics) => solve(f, s).extensions;
/** Each semantics named in `expected` gives exactly those extensions of `f`. */
const expectExtensions = (f: Framework, expected: Partial<Record<Semantics, string[][]>>) => {
  for (const [semantics, extensions] of Object.entries(expected) as [Semantics, string[][]][]) expect(ext(f, semantics), semantics).toEqual(extensions);
};

describe("Dung semantics on the known cases", () => {
  it("the empty framework has one empty extension under every semantics", () => {
    for (const s of ["grounded", "complete", "preferred", "stable"] as const) expect(ext(af("", ""), s)).toEqual([[]]);
  });

  it("an unattacked chain a→b→c accepts a and c", () => {
    const f = af("a b c", "a>b b>c");
    for (const s of ["grounded", "complete", "preferred", "stable"] as const) expect(ext(f, s)).toEqual([["a", "c"]]);
  });

  it("a self-attacking argument is never accepted and leaves no stable extension", () => {
    const f = af("a", "a>a");
    expectExtensions(f, { grounded: [[]], complete: [[]], preferred: [[]], stable: [] });
  });

  it("a self-attacker attacking b leaves b undecided (b is defended by nobody)", () => {
    const f = af("a b", "a>a a>b");
    expectExtensions(f, { grounded: [[]], preferred: [[]], stable: [] });
  });

  it("an even cycle gives two preferred and stable extensions and an empty grounded one", () => {
    const f = af("a b", "a>b b>a");
    expectExtensions(f, { grounded: [[]], complete: [[], ["a"], ["b"]], preferred: [["a"], ["b"]], stable: [["a"], ["b"]] });
  });

  it("an odd cycle has only the empty preferred extension and no stable one", () => {
    const f = af("a b c", "a>b b>c c>a");
    expectExtensions(f, { grounded: [[]], complete: [[]], preferred: [[]], stable: [] });
  });

  it("floating acceptance: d is sceptically preferred-accepted but not grounded", () => {
    const f = af("a b c d", "a>b b>a a>c b>c c>d");
    expect(ext(f, "grounded")).toEqual([[]]);
    const preferred = ext(f, "preferred");
    expect(preferred).toEqual([["a", "d"], ["b", "d"]]);
    // Acceptance as a map's evaluation reports it (GET /api/maps/:map/evaluation).
    const evaluate = (semantics: Semantics) => evaluateMap({ claims: f.arguments, attacks: f.attacks.map(([source, target]) => ({ source, target })), without: [], semantics });
    expect(evaluate("preferred").acceptance.d).toEqual({ credulous: true, sceptical: true });
    expect(evaluate("preferred").acceptance.a).toEqual({ credulous: true, sceptical: false });
    expect(evaluate("preferred").labels).toEqual({ a: "undec", b: "undec", c: "out", d: "in" });
    expect(evaluate("grounded").acceptance.d).toEqual({ credulous: false, sceptical: false });
  });

  it("an odd cycle next to an even one: preferred exist, stable does not", () => {
    const f = af("a b c x y", "a>b b>c c>a x>y y>x");
    expectExtensions(f, { preferred: [["x"], ["y"]], stable: [] });
    // No stable extension: nothing is credulously accepted, everything vacuously sceptically, so every label is UNDEC.
    const stable = evaluateMap({ claims: f.arguments, attacks: f.attacks.map(([source, target]) => ({ source, target })), without: [], semantics: "stable" });
    expect(stable.acceptance.a).toEqual({ credulous: false, sceptical: true });
    expect(new Set(Object.values(stable.labels))).toEqual(new Set(["undec"]));
  });

  it("names numeric arguments numerically and sorts extensions", () => {
    expect(normalizeExtensions([["10", "2"], ["1", "9"]])).toEqual([["1", "9"], ["2", "10"]]);
  });

  it("rejects an attack on an argument that does not exist", () => {
    expect(() => solve(af("a", "a>b"), "grounded")).toThrow(/attack 1 names "b"/);
  });
});

// ── Properties on random frameworks, checked against brute force ─────────────
type Brute = { conflictFree: (s: number) => boolean; admissible: (s: number) => boolean; complete: (s: number) => boolean; stable: (s: number) => boolean };

function bruteForce(n: number, attacks: [number, number][]): Brute {
  const attackersOf = Array.from({ length: n }, () => 0);
  for (const [a, b] of attacks) attackersOf[b] = (attackersOf[b] ?? 0) | (1 << a);
  const attackedBy = (s: number) => {
    let out = 0;
    for (const [a, b] of attacks) if (s & (1 << a)) out |= 1 << b;
    return out;
  };
  const defends = (s: number, x: number) => {
    const hit = attackedBy(s);
    return ((attackersOf[x] ?? 0) & ~hit) === 0;
  };
  const conflictFree = (s: number) => (attackedBy(s) & s) === 0;
  const admissible = (s: number) => conflictFree(s) && [...Array(n).keys()].every((x) => !(s & (1 << x)) || defends(s, x));
  const complete = (s: number) => admissible(s) && [...Array(n).keys()].every((x) => !defends(s, x) || (s & (1 << x)) !== 0);
  const stable = (s: number) => conflictFree(s) && (s | attackedBy(s)) === (1 << n) - 1;
  return { conflictFree, admissible, complete, stable };
}

const toSet = (e: string[]) => e.reduce((m, a) => m | (1 << Number(a)), 0);
const frameworks = fc.integer({ min: 0, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    attacks: n === 0 ? fc.constant([] as [number, number][]) : fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * n, selector: ([a, b]) => `${a}>${b}` }),
  }),
);
const named = ({ n, attacks }: { n: number; attacks: [number, number][] }): Framework => ({
  arguments: Array.from({ length: n }, (_, i) => String(i)),
  attacks: attacks.map(([a, b]) => [String(a), String(b)]),
});
const settings = { seed: 20261126, numRuns: 300 };

describe("Dung semantics on random frameworks (fast-check, seeded)", () => {
  it("complete and stable extensions are exactly the brute-force ones", () => {
    fc.assert(
      fc.property(frameworks, (f) => {
        const b = bruteForce(f.n, f.attacks);
        const all = [...Array(1 << f.n).keys()];
        const sets = (xs: string[][]) => xs.map(toSet).sort((x, y) => x - y);
        expect(sets(ext(named(f), "complete"))).toEqual(all.filter(b.complete));
        expect(sets(ext(named(f), "stable"))).toEqual(all.filter(b.stable));
      }),
      settings,
    );
  });

  it("grounded is contained in every complete extension, and is itself complete", () => {
    fc.assert(
      fc.property(frameworks, (f) => {
        const grounded = toSet(must(ext(named(f), "grounded")[0], "the grounded extension"));
        for (const e of ext(named(f), "complete")) expect(toSet(e) & grounded).toBe(grounded);
        expect(bruteForce(f.n, f.attacks).complete(grounded)).toBe(true);
      }),
      settings,
    );
  });

  it("preferred extensions are the maximal admissible sets", () => {
    fc.assert(
      fc.property(frameworks, (f) => {
        const b = bruteForce(f.n, f.attacks);
        const admissible = [...Array(1 << f.n).keys()].filter(b.admissible);
        const maximal = admissible.filter((s) => !admissible.some((t) => t !== s && (t & s) === s)).sort((x, y) => x - y);
        expect(ext(named(f), "preferred").map(toSet).sort((x, y) => x - y)).toEqual(maximal);
      }),
      settings,
    );
  });

  it("every stable extension is preferred", () => {
    fc.assert(
      fc.property(frameworks, (f) => {
        const preferred = ext(named(f), "preferred").map((e) => e.join(","));
        for (const e of ext(named(f), "stable")) expect(preferred).toContain(e.join(","));
      }),
      settings,
    );
  });

  it("results do not depend on how the arguments are named or ordered", () => {
    fc.assert(
      fc.property(frameworks, fc.infiniteStream(fc.nat()), (f, stream) => {
        // A random bijection onto fresh names, and the arguments listed in another order.
        const order = [...Array(f.n).keys()].map((i) => [i, stream.next().value as number] as const).sort((x, y) => x[1] - y[1]).map(([i]) => i);
        const rename = (i: number) => `arg-${order.indexOf(i)}`;
        const renamed: Framework = {
          arguments: [...order].reverse().map(rename),
          attacks: f.attacks.map(([a, b]) => [rename(a), rename(b)]),
        };
        for (const s of ["grounded", "complete", "preferred", "stable"] as const) {
          const original = ext(named(f), s).map((e) => e.map((a) => rename(Number(a))).sort());
          const viaRenamed = ext(renamed, s).map((e) => [...e].sort());
          expect(new Set(viaRenamed.map((e) => e.join()))).toEqual(new Set(original.map((e) => e.join())));
        }
      }),
      settings,
    );
  });
});
