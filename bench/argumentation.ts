/** Dung semantics at scale: grounded on 1M arguments / 5M attacks, preferred on 30-argument random frameworks. */
import { fromEdges } from "../server/argumentation/framework.js";
import { groundedLabelling } from "../server/argumentation/grounded.js";
import { maximalSets, searchLabellings } from "../server/argumentation/labellings.js";
import { seededRandom } from "../client/src/graph/layout.js";
import { summarize } from "./stats.js";

export function benchGrounded(args = 1_000_000, attacks = 5_000_000, seed = 11) {
  const random = seededRandom(seed);
  const sources = new Int32Array(attacks);
  const targets = new Int32Array(attacks);
  for (let i = 0; i < attacks; i++) {
    sources[i] = Math.floor(random() * args);
    targets[i] = Math.floor(random() * args);
  }
  const names = Array.from({ length: args }, (_, i) => String(i));
  let t = performance.now();
  const af = fromEdges(names, sources, targets);
  const indexMs = performance.now() - t;
  t = performance.now();
  const labels = groundedLabelling(af);
  const groundedMs = performance.now() - t;
  const counts = { in: 0, out: 0, undec: 0 };
  for (const l of labels) counts[l === 1 ? "in" : l === 2 ? "out" : "undec"]++;
  return { arguments: args, attacks, indexMs: Math.round(indexMs), groundedMs: Math.round(groundedMs), labels: counts };
}

export function benchPreferred(frameworks = 40, size = 30, attacksPerArgument = 1.5, seed = 12) {
  const random = seededRandom(seed);
  const times: number[] = [];
  let extensions = 0;
  for (let f = 0; f < frameworks; f++) {
    const m = Math.round(size * attacksPerArgument);
    const s = new Int32Array(m);
    const t = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = Math.floor(random() * size);
      t[i] = Math.floor(random() * size);
    }
    const af = fromEdges(Array.from({ length: size }, (_, i) => `a${i}`), s, t);
    const started = performance.now();
    extensions += maximalSets(searchLabellings(af, { maximalOnly: true })).length;
    times.push(performance.now() - started);
  }
  return { frameworks, size, attacksPerArgument, ms: summarize(times), meanExtensions: Math.round((extensions / frameworks) * 10) / 10 };
}
