/**
 * A query's matches found a clause at a time over a shrinking list of candidates: the threads
 * that have every required clause, each scored exactly as `scoreClauses` scores it, without adding
 * every posting of every term into per-document arrays first.
 *
 * The clause cheapest to walk (or the threads the filters leave, when fewer) gives the candidates,
 * ascending; each other required clause is looked up for them (a galloping search from where the
 * last lookup ended, so a list is read at most once, and far less when candidates are few) and the
 * candidates without it are dropped; then the optional clauses. A clause of many alternatives (a
 * word being typed expands to up to 64 completions) is spread once into a dense array of its best
 * value per document instead, when that is cheaper than looking every alternative up.
 *
 * Exact, not approximate: every document with every required clause is counted (the list shows
 * the exact total), and its score is the same sum, in the same order, as the exhaustive path's,
 * so pages and totals are identical (test/unit/search/query-conjunctive.test.ts compares them).
 * Each step is a small loop over typed arrays (like score-kernels.ts), so the engine optimises
 * them apart, whatever the mix of queries.
 */

/** One posting list of one term in one segment: positions `from .. to` of `docs` and `weights`. */
export interface TermList {
  segment: number;
  docs: Uint32Array;
  weights: Float32Array;
  from: number;
  to: number;
}

export interface ConjunctiveClause {
  /** Each alternative term: its lists (one per segment that has it) and its factor (idf × boost). */
  terms: { lists: TermList[]; factor: number }[];
  required: boolean;
}

export interface ConjunctiveQuery {
  clauses: ConjunctiveClause[];
  /** Per segment: its first global document number, and 1 where a document is dead (null: none is). */
  bases: readonly number[];
  dead: readonly (Uint8Array | null)[];
  segmentOf: Uint16Array;
  /** The only documents that can pass the filters (ascending global numbers), or null. */
  candidates: Uint32Array | null;
  /** Scratch: a zeroed array of one value per global document (left zeroed), and two of one slot per document. */
  dense: Float64Array;
  hits: Uint32Array;
  spill: Uint32Array;
  /** Scratch: the i-th array of at least `length` values (any content). */
  column: (i: number, length: number) => Float64Array;
  /** 1 where a document is excluded (null: none is). */
  deny: Uint8Array | null;
  /** Bits a document must have all of in `allow` (0: none needed). */
  allow: Uint8Array;
  need: number;
  /** Column filters (`views:>100`, `after:`): per test, its column in each segment and its range. */
  ranges: readonly ColumnRange[];
  /** Flag filters (`is:answered`, `-is:resource`): each segment's flags, the bits needed and refused. */
  flags: { columns: readonly Uint8Array[]; on: number; off: number } | null;
  /** The other filters, when there are any (phrases checked in the text). */
  accept: ((g: number, segment: number, local: number) => boolean) | null;
  /** Per segment, the column the list is sorted by (null: by relevance, the score). */
  sortColumns: readonly (Float64Array | null)[] | null;
  /**
   * Offers a document that passed the filters and reaches the floor to the page; returns the new
   * floor: the lowest sort key (the score in millionths by relevance, else the sort column's
   * value, -Infinity when unknown) a document may still make the page with.
   */
  offer: (g: number, segment: number, local: number, score: number) => number;
}

/** A column filter: `min ≤ value ≤ max` (`< max` when `below`), or outside it when `negated` (NaN: never in range). */
export interface ColumnRange {
  columns: readonly Float64Array[];
  min: number;
  max: number;
  below: boolean;
  negated: boolean;
}

/** The first position in `docs[at..to)` (ascending) holding `x` or more: galloping, then bisection. */
export function gallop(docs: Uint32Array, at: number, to: number, x: number): number {
  if (at >= to || (docs[at] as number) >= x) return at;
  let lo = at;
  let step = 1;
  let hi = at + 1;
  while (hi < to && (docs[hi] as number) < x) {
    lo = hi;
    step *= 2;
    hi += step;
  }
  if (hi > to) hi = to;
  // docs[lo] < x; the answer is in (lo, hi].
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends a list's live documents (global numbers) and values; returns the new count. */
function collect(
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  base: number,
  factor: number,
  dead: Uint8Array | null,
  cand: Uint32Array,
  values: Float64Array,
  count: number,
): number {
  let n = count;
  for (let p = from; p < to; p++) {
    const local = docs[p] as number;
    if (dead !== null && dead[local] === 1) continue;
    cand[n] = base + local;
    values[n++] = (weights[p] as number) * factor;
  }
  return n;
}

/** Keeps each document's best value of a list in `dense`, noting first-time documents in `hits`. */
function spread(
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  base: number,
  factor: number,
  dead: Uint8Array | null,
  dense: Float64Array,
  hits: Uint32Array,
  count: number,
): number {
  let n = count;
  for (let p = from; p < to; p++) {
    const local = docs[p] as number;
    if (dead !== null && dead[local] === 1) continue;
    const g = base + local;
    const value = (weights[p] as number) * factor;
    const previous = dense[g] as number;
    if (previous === 0) hits[n++] = g;
    if (value > previous) dense[g] = value;
  }
  return n;
}

/** Reads the candidates' values out of `dense`, then zeroes what `spread` set. */
function gather(
  cand: Uint32Array,
  n: number,
  dense: Float64Array,
  values: Float64Array,
  hits: Uint32Array,
  set: number,
): void {
  for (let i = 0; i < n; i++) values[i] = dense[cand[i] as number] as number;
  for (let h = 0; h < set; h++) dense[hits[h] as number] = 0;
}

/**
 * For candidates `lo .. hi` (ascending global numbers, all in the list's segment), keeps in
 * `values` the larger of what is there and the list's value; the list is read forward only.
 */
function probe(
  cand: Uint32Array,
  lo: number,
  hi: number,
  base: number,
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  factor: number,
  values: Float64Array,
): void {
  let at = from;
  // Candidates about as many as the postings: a plain merge; far fewer: galloping skips ahead.
  if (to - from < 2 * (hi - lo)) {
    for (let i = lo; i < hi; i++) {
      const local = (cand[i] as number) - base;
      while (at < to && (docs[at] as number) < local) at++;
      if (at >= to) return;
      if (docs[at] === local) {
        const value = (weights[at] as number) * factor;
        if (value > (values[i] as number)) values[i] = value;
      }
    }
    return;
  }
  for (let i = lo; i < hi && at < to; i++) {
    const local = (cand[i] as number) - base;
    at = gallop(docs, at, to, local);
    if (at < to && docs[at] === local) {
      const value = (weights[at] as number) * factor;
      if (value > (values[i] as number)) values[i] = value;
    }
  }
}

/** The first candidate position at or above global number `g`. */
function lowerBound(cand: Uint32Array, n: number, g: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cand[mid] as number) < g) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Drops the candidates whose `values` are 0 (the clause is missing), moving every column (`values` among them) along. */
function keepFound(cand: Uint32Array, n: number, values: Float64Array, columns: Float64Array[]): number {
  // Where the first one is missing: none before it moves.
  let i = 0;
  while (i < n && (values[i] as number) !== 0) i++;
  if (i === n) return n;
  const keep = i;
  let j = i;
  for (; i < n; i++) if ((values[i] as number) !== 0) cand[j++] = cand[i] as number;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c] as Float64Array;
    if (column !== values) moveFound(column, values, keep, n);
  }
  moveFound(values, values, keep, n);
  return j;
}

/** `keepFound` for one column (`values` itself last, as the others are moved by it). */
function moveFound(column: Float64Array, values: Float64Array, from: number, n: number): void {
  if (column === values) {
    let j = from;
    for (let i = from; i < n; i++) {
      const v = values[i] as number;
      if (v !== 0) values[j++] = v;
    }
    return;
  }
  let j = from;
  for (let i = from; i < n; i++) if ((values[i] as number) !== 0) column[j++] = column[i] as number;
}

/** Drops the candidates excluded or lacking an `allow` bit, moving the columns along. */
function keepAllowed(
  cand: Uint32Array,
  n: number,
  deny: Uint8Array | null,
  allow: Uint8Array,
  need: number,
  columns: Float64Array[],
): number {
  let j = 0;
  for (let i = 0; i < n; i++) {
    const g = cand[i] as number;
    if (deny !== null && deny[g] === 1) continue;
    if (need !== 0 && ((allow[g] as number) & need) !== need) continue;
    cand[j] = g;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as Float64Array;
      column[j] = column[i] as number;
    }
    j++;
  }
  return j;
}

/** The first candidate from `i` whose score (in millionths) reaches `floor`, or `n`. */
function nextReaching(scores: Float64Array, i: number, n: number, floor: number): number {
  let j = i;
  while (j < n && (scores[j] as number) * 1e6 < floor) j++;
  return j;
}

/** Drops the candidates outside a column filter's range, moving the columns along. */
function keepInRange(
  cand: Uint32Array,
  n: number,
  segmentOf: Uint16Array,
  bases: readonly number[],
  range: ColumnRange,
  values: Float64Array[],
): number {
  const { columns, min, max, below, negated } = range;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const g = cand[i] as number;
    const segment = segmentOf[g] as number;
    const v = (columns[segment] as Float64Array)[g - (bases[segment] as number)] as number;
    const inRange = v >= min && (below ? v < max : v <= max);
    if (inRange === negated) continue;
    cand[j] = g;
    for (let c = 0; c < values.length; c++) {
      const column = values[c] as Float64Array;
      column[j] = column[i] as number;
    }
    j++;
  }
  return j;
}

/** Drops the candidates without every `on` flag or with an `off` one, moving the columns along. */
function keepFlags(
  cand: Uint32Array,
  n: number,
  segmentOf: Uint16Array,
  bases: readonly number[],
  flags: readonly Uint8Array[],
  on: number,
  off: number,
  values: Float64Array[],
): number {
  let j = 0;
  for (let i = 0; i < n; i++) {
    const g = cand[i] as number;
    const segment = segmentOf[g] as number;
    const f = (flags[segment] as Uint8Array)[g - (bases[segment] as number)] as number;
    if ((f & on) !== on || (f & off) !== 0) continue;
    cand[j] = g;
    for (let c = 0; c < values.length; c++) {
      const column = values[c] as Float64Array;
      column[j] = column[i] as number;
    }
    j++;
  }
  return j;
}

/** Adds `values` into `scores` (the clauses' values summed in clause order, as `scoreClauses` does). */
function addInto(scores: Float64Array, values: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + (values[i] as number);
}

function postingsOf(clause: ConjunctiveClause): number {
  let n = 0;
  for (const term of clause.terms) for (const list of term.lists) n += list.to - list.from;
  return n;
}

/**
 * Whether a clause is looked up per candidate (`probe`), not spread into a dense array: always for
 * one term, for several when their postings outnumber the lookups.
 */
function probes(clause: ConjunctiveClause, postings: number, candidates: number): boolean {
  if (clause.terms.length === 1) return true;
  let lists = 0;
  for (const term of clause.terms) lists += term.lists.length;
  return postings >= candidates * lists;
}

/**
 * Whether `matchEvery` is likely cheaper than scoring every posting (`scoreClauses`, then a pass
 * over every document touched). It is when the driver (or the filters' candidates) is small beside
 * the other clauses, or for one clause; when every clause matches much of the forum, the
 * exhaustive path's sequential adds beat the candidates' several passes. Either gives the same answer.
 */
export function prefersConjunctive(clauses: readonly ConjunctiveClause[], candidates: number | null): boolean {
  if (clauses.length === 1) return true;
  const postings = clauses.map(postingsOf);
  let driver = -1;
  let total = 0;
  let most = 0;
  for (let c = 0; c < clauses.length; c++) {
    const p = postings[c] as number;
    total += p;
    most = Math.max(most, p);
    if ((clauses[c] as ConjunctiveClause).required && (driver < 0 || p < (postings[driver] as number))) driver = c;
  }
  if (driver < 0) return false;
  const n = Math.min(candidates ?? Infinity, postings[driver] as number);
  let conjunctive = n * (clauses.length + 2) * 2;
  for (let c = 0; c < clauses.length; c++) {
    if (c === driver && candidates === null) continue;
    const clause = clauses[c] as ConjunctiveClause;
    const p = postings[c] as number;
    conjunctive += probes(clause, p, n) ? Math.min(p + n, n * 12) : p + n;
  }
  return conjunctive < total * 2 + most * 2;
}

/**
 * Finds every document that has every required clause (within `candidates` when given), counts
 * those that pass the filters and offers the page those whose sort key reaches the floor. Returns
 * how many had every required clause (`matched`) and how many of them passed (`counted`). Needs at
 * least one required clause.
 */
export function matchEvery(q: ConjunctiveQuery): { matched: number; counted: number } {
  const { clauses, bases, dead, segmentOf, dense, hits, spill } = q;
  const count = clauses.length;
  const postings = clauses.map(postingsOf);
  // The driver: the required clause cheapest to walk (a single term's lists are walked as they
  // are; several alternatives are spread and sorted first), or the filters' candidates.
  const walkCost = (c: number) =>
    (postings[c] as number) * ((clauses[c] as ConjunctiveClause).terms.length === 1 ? 1 : 3);
  let driver = -1;
  for (let c = 0; c < count; c++)
    if ((clauses[c] as ConjunctiveClause).required && (driver < 0 || walkCost(c) < walkCost(driver))) driver = c;
  if (driver < 0) throw new Error('matchEvery: no required clause');
  const narrowed = q.candidates !== null && q.candidates.length <= walkCost(driver) ? q.candidates : null;

  // The candidates, ascending, and one column of values per clause (the driver's first).
  const cand = hits;
  const values: Float64Array[] = [];
  const columnOf: (Float64Array | null)[] = new Array<Float64Array | null>(count).fill(null);
  const limit = narrowed ? narrowed.length : Math.min(dense.length, postings[driver] as number);
  let n = 0;
  if (narrowed) {
    for (let i = 0; i < narrowed.length; i++) {
      const g = narrowed[i] as number;
      const segment = segmentOf[g] as number;
      const deadHere = dead[segment];
      if (deadHere && deadHere[g - (bases[segment] as number)] === 1) continue;
      cand[n++] = g;
    }
  } else {
    const column = q.column(0, limit);
    columnOf[driver] = column;
    values.push(column);
    const clause = clauses[driver] as ConjunctiveClause;
    if (clause.terms.length === 1) {
      const { lists, factor } = clause.terms[0] as ConjunctiveClause['terms'][number];
      for (const { segment, docs, weights, from, to } of lists)
        n = collect(docs, weights, from, to, bases[segment] as number, factor, dead[segment] ?? null, cand, column, n);
    } else {
      // Spread into `dense`, the documents noted in `cand`, sorted, then read back.
      for (const { lists, factor } of clause.terms)
        for (const { segment, docs, weights, from, to } of lists)
          n = spread(docs, weights, from, to, bases[segment] as number, factor, dead[segment] ?? null, dense, cand, n);
      // Lookups need the candidates ascending; dense reads and the page do not.
      if (clauses.some((other, c) => c !== driver && probes(other, postings[c] as number, n)))
        cand.subarray(0, n).sort();
      for (let i = 0; i < n; i++) {
        const g = cand[i] as number;
        column[i] = dense[g] as number;
        dense[g] = 0;
      }
    }
  }

  const first = n;
  // The other clauses: required ones first, the rarest first (most candidates drop early).
  const order = [...Array(count).keys()]
    .filter((c) => c !== driver || narrowed !== null)
    .sort(
      (a, b) =>
        Number((clauses[b] as ConjunctiveClause).required) - Number((clauses[a] as ConjunctiveClause).required) ||
        (postings[a] as number) - (postings[b] as number),
    );
  const segments = bases.length;
  /** Per segment, where its candidates start (recomputed as candidates drop). */
  const starts = new Array<number>(segments + 1).fill(0);
  for (const c of order) {
    if (n === 0) break;
    const clause = clauses[c] as ConjunctiveClause;
    const column = q.column(values.length, limit);
    columnOf[c] = column;
    column.fill(0, 0, n);
    if (!probes(clause, postings[c] as number, first)) {
      let set = 0;
      for (const { lists: termLists, factor } of clause.terms)
        for (const { segment, docs, weights, from, to } of termLists)
          set = spread(
            docs,
            weights,
            from,
            to,
            bases[segment] as number,
            factor,
            dead[segment] ?? null,
            dense,
            spill,
            set,
          );
      gather(cand, n, dense, column, spill, set);
    } else {
      for (let s = 0; s <= segments; s++) starts[s] = s === segments ? n : lowerBound(cand, n, bases[s] as number);
      for (const { lists: termLists, factor } of clause.terms)
        for (const { segment, docs, weights, from, to } of termLists) {
          const lo = starts[segment] as number;
          const hi = starts[segment + 1] as number;
          if (lo < hi) probe(cand, lo, hi, bases[segment] as number, docs, weights, from, to, factor, column);
        }
    }
    values.push(column);
    if (clause.required) n = keepFound(cand, n, column, values);
  }
  const matched = n;
  if (n === 0) return { matched, counted: 0 };

  // Filters.
  if (q.deny !== null || q.need !== 0) n = keepAllowed(cand, n, q.deny, q.allow, q.need, values);
  if (q.flags !== null) n = keepFlags(cand, n, segmentOf, bases, q.flags.columns, q.flags.on, q.flags.off, values);
  for (const range of q.ranges) n = keepInRange(cand, n, segmentOf, bases, range, values);
  const accept = q.accept;
  if (accept !== null) {
    let j = 0;
    for (let i = 0; i < n; i++) {
      const g = cand[i] as number;
      const segment = segmentOf[g] as number;
      if (!accept(g, segment, g - (bases[segment] as number))) continue;
      cand[j] = g;
      for (const column of values) column[j] = column[i] as number;
      j++;
    }
    n = j;
  }

  // Scores, summed in clause order (the first clause's values are its sum so far); then the page.
  const scores = q.column(values.length, limit);
  let summed = false;
  for (let c = 0; c < count; c++) {
    const column = columnOf[c];
    if (!column) continue;
    if (summed) addInto(scores, column, n);
    else scores.set(column.subarray(0, n));
    summed = true;
  }
  let floor = -Infinity;
  const sortColumns = q.sortColumns;
  for (let i = 0; i < n; i++) {
    if (sortColumns === null) {
      i = nextReaching(scores, i, n, floor);
      if (i === n) break;
    }
    const g = cand[i] as number;
    const segment = segmentOf[g] as number;
    const local = g - (bases[segment] as number);
    if (sortColumns !== null) {
      let key = (sortColumns[segment] as Float64Array)[local] as number;
      if (key !== key) key = -Infinity;
      if (key < floor) continue;
    }
    floor = q.offer(g, segment, local, scores[i] as number);
  }
  return { matched, counted: n };
}
