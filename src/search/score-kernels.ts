/**
 * The inner loops of a query, as small functions over typed arrays only (the engine optimises them
 * apart from the code around them): adding a term's postings into per-document scores, and counting
 * the hits while picking those that may make the page.
 */

/** Adds a single-term clause's postings: score += weight × factor, mask |= bit. Returns the new touched count. */
export function addPostings(
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  base: number,
  factor: number,
  dead: Uint8Array | null,
  bit: number,
  scores: Float64Array,
  masks: Uint32Array,
  touched: Uint32Array,
  touchedCount: number,
): number {
  let n = touchedCount;
  for (let p = from; p < to; p++) {
    const local = docs[p] as number;
    if (dead !== null && dead[local] === 1) continue;
    const g = base + local;
    const mask = masks[g] as number;
    if (mask === 0) touched[n++] = g;
    scores[g] = (scores[g] as number) + (weights[p] as number) * factor;
    masks[g] = mask | bit;
  }
  return n;
}

/** Keeps each document's best value of one alternative of a clause. Returns the new hit count. */
export function bestPostings(
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  base: number,
  factor: number,
  dead: Uint8Array | null,
  best: Float64Array,
  hits: Uint32Array,
  hitCount: number,
): number {
  let n = hitCount;
  for (let p = from; p < to; p++) {
    const local = docs[p] as number;
    if (dead !== null && dead[local] === 1) continue;
    const g = base + local;
    const value = (weights[p] as number) * factor;
    const previous = best[g] as number;
    if (previous === 0) hits[n++] = g;
    if (value > previous) best[g] = value;
  }
  return n;
}

/** Adds a multi-alternative clause's best values (and clears them). Returns the new touched count. */
export function addBest(
  hits: Uint32Array,
  hitCount: number,
  best: Float64Array,
  bit: number,
  scores: Float64Array,
  masks: Uint32Array,
  touched: Uint32Array,
  touchedCount: number,
): number {
  let n = touchedCount;
  for (let h = 0; h < hitCount; h++) {
    const g = hits[h] as number;
    const mask = masks[g] as number;
    if (mask === 0) touched[n++] = g;
    scores[g] = (scores[g] as number) + (best[g] as number);
    masks[g] = mask | bit;
    best[g] = 0;
  }
  return n;
}

/**
 * The hit loop of a query by relevance without filters: counts the touched documents whose clause
 * mask holds every bit of `every` and one of `some`, and keeps in `out` those that may make a page
 * of `k` (every hit whose rounded score reaches the k-th best seen; ties are kept for the page's
 * own tie-breaks). `out` is refilled as the bar rises; `overflow` when ties alone fill it.
 */
export function topHits(
  touched: Uint32Array,
  touchedCount: number,
  masks: Uint32Array,
  scores: Float64Array,
  every: number,
  some: number,
  k: number,
  out: Uint32Array,
  scratch: Float64Array,
): { total: number; picked: number; overflow: boolean } {
  let total = 0;
  let picked = 0;
  /** In units of 1e-6 of a score, as the page rounds them. */
  let cut = -Infinity;
  for (let i = 0; i < touchedCount; i++) {
    const g = touched[i] as number;
    const mask = masks[g] as number;
    if ((mask & every) >>> 0 !== every || (mask & some) === 0) continue;
    total++;
    if ((scores[g] as number) * 1e6 < cut) continue;
    out[picked++] = g;
    if (picked < out.length) continue;
    for (let j = 0; j < picked; j++) scratch[j] = scores[out[j] as number] as number;
    const sorted = scratch.subarray(0, picked).sort();
    cut = Math.round((sorted[picked - k] as number) * 1e6) - 0.5;
    let kept = 0;
    for (let j = 0; j < picked; j++) {
      const h = out[j] as number;
      if ((scores[h] as number) * 1e6 >= cut) out[kept++] = h;
    }
    if (kept > out.length / 2) return { total, picked: kept, overflow: true };
    picked = kept;
  }
  return { total, picked, overflow: false };
}

/** Clears the clause mask of each touched document whose `allow` bits lack one of `need`. */
export function dropUnless(
  touched: Uint32Array,
  touchedCount: number,
  allow: Uint8Array,
  need: number,
  masks: Uint32Array,
): void {
  for (let i = 0; i < touchedCount; i++) {
    const g = touched[i] as number;
    if (((allow[g] as number) & need) !== need) masks[g] = 0;
  }
}
