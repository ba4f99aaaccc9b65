/**
 * When a ForceAtlas2 run has settled: over the last interval (at least 200 ms and 3 iterations),
 * nodes moved on average less than `threshold` of the layout's extent per iteration. Measured over
 * an interval rather than per iteration, since ForceAtlas2 swings from one iteration to the next.
 */
const PPN = 10; // floats per node in ForceAtlas2's node matrix (x, y first)

export class Settling {
  private previous: Float64Array;
  private checkedAt = performance.now();
  private iterationsAt = 0;

  constructor(
    private readonly threshold: number,
    start: Float32Array,
  ) {
    this.previous = positionsOf(start);
  }

  settled(matrix: Float32Array, iterations: number): boolean {
    const elapsed = iterations - this.iterationsAt;
    if (elapsed < 3 || performance.now() - this.checkedAt < 200) return false;
    const current = positionsOf(matrix);
    const movement = meanDisplacement(this.previous, current) / elapsed;
    this.previous = current;
    this.checkedAt = performance.now();
    this.iterationsAt = iterations;
    return movement / Math.max(1, extentOf(current)) < this.threshold;
  }
}

function positionsOf(m: Float32Array): Float64Array {
  const out = new Float64Array((m.length / PPN) * 2);
  for (let i = 0, j = 0; i < m.length; i += PPN) {
    out[j++] = m[i] ?? 0;
    out[j++] = m[i + 1] ?? 0;
  }
  return out;
}

function meanDisplacement(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += Math.hypot((a[i] ?? 0) - (b[i] ?? 0), (a[i + 1] ?? 0) - (b[i + 1] ?? 0));
  return sum / (a.length / 2);
}

function extentOf(p: Float64Array): number {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i] ?? 0;
    const y = p[i + 1] ?? 0;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return Math.max(maxX - minX, maxY - minY);
}
