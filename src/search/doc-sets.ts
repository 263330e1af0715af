/**
 * Sets of documents as ascending arrays of global document numbers: what filters, exclusions and
 * phrase pairs narrow a query to before anything is scored.
 */

/** The first index `>= from` in ascending `a` whose value is `>= x` (galloping, then bisection). */
function seek(a: Uint32Array, from: number, x: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < a.length && (a[hi] as number) < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, a.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Documents in both; the cost follows the smaller set. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length && j < large.length; i++) {
    const x = small[i] as number;
    j = seek(large, j, x);
    if (large[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Documents in every set (none given: null, no restriction). */
export function intersectAll(sets: Uint32Array[]): Uint32Array | null {
  if (sets.length === 0) return null;
  const sorted = [...sets].sort((x, y) => x.length - y.length);
  let out = sorted[0] as Uint32Array;
  for (const set of sorted.slice(1)) {
    if (out.length === 0) break;
    out = intersect(out, set);
  }
  return out;
}

/** An ascending set of the given document numbers (any order, repeats allowed). */
export function docSet(docs: Iterable<number>): Uint32Array {
  const out = Uint32Array.from(docs).sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i] as number;
  return out.subarray(0, n);
}

/** Whether ascending `a` holds `x`. */
export function has(a: Uint32Array, x: number): boolean {
  const i = seek(a, 0, x);
  return a[i] === x;
}
