/**
 * A segment's sorted terms, behind a small interface: the query code looks terms up by number,
 * by value and by prefix, and never needs them as an array, so the storage can keep them packed
 * (one byte blob and offsets) and decode a term only when it is asked for.
 */
import { GrowingArray } from './build-growth';
import { decodeUtf8, PackedStringsBuilder } from './packed-strings';
import { runAll, sortSteps } from './slices';

export interface TermDictionary {
  /** How many terms. */
  readonly size: number;
  /** Term number `i` (0 ≤ i < size). */
  term(i: number): string;
  /** The number of `term`, or -1. */
  find(term: string): number;
  /** The term numbers `[from, to)` of the terms that start with `prefix`. */
  prefixRange(prefix: string): [number, number];
}

/** Every term, in order (tests, merging, encoding). */
export function* allTerms(dictionary: TermDictionary): Generator<string> {
  for (let i = 0; i < dictionary.size; i++) yield dictionary.term(i);
}

const encoder = new TextEncoder();

/** Scratch for encoding a looked-up key (grown as needed). */
let scratch = new Uint8Array(256);

function encodeKey(key: string): Uint8Array {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (scratch.length < key.length * 3) scratch = new Uint8Array(key.length * 3);
  const { written } = encoder.encodeInto(key, scratch);
  return scratch.subarray(0, written);
}

/** Compares `a[aFrom .. aTo]` with `b[bFrom .. bTo]` byte by byte. */
export function compareRanges(
  a: Uint8Array,
  aFrom: number,
  aTo: number,
  b: Uint8Array,
  bFrom: number,
  bTo: number,
): number {
  const n = Math.min(aTo - aFrom, bTo - bFrom);
  for (let k = 0; k < n; k++) {
    const d = (a[aFrom + k] as number) - (b[bFrom + k] as number);
    if (d !== 0) return d;
  }
  return aTo - aFrom - (bTo - bFrom);
}

/** Counts the 16-bit digit at `shift` of the key of items `lo .. hi`. */
function countDigits(
  items: Uint32Array,
  keys: Uint32Array,
  shift: number,
  counts: Uint32Array,
  lo: number,
  hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const digit = ((keys[items[i] as number] as number) >>> shift) & 0xffff;
    counts[digit] = (counts[digit] as number) + 1;
  }
}

/** Places items `lo .. hi` of `from` in `to` by their digit (`counts`: each digit's next place). */
function placeDigits(
  from: Uint32Array,
  to: Uint32Array,
  keys: Uint32Array,
  shift: number,
  counts: Uint32Array,
  lo: number,
  hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const item = from[i] as number;
    const digit = ((keys[item] as number) >>> shift) & 0xffff;
    const at = counts[digit] as number;
    counts[digit] = at + 1;
    to[at] = item;
  }
}

/**
 * Items per step of the sort's loops. Each loop is a plain function called a block a step: V8
 * does not optimise a loop inside a generator's body while it runs (no on-stack replacement
 * there), so a loop over millions of terms in the body ran interpreted in one slice (the term
 * sort's setup took 100–200 ms at 10k threads). 4k items: the first calls, before the function is
 * optimised, run a few milliseconds (64k took 20–30 ms, 16k 10–30 ms).
 */
const STEP = 1 << 12;

/** `order[lo .. hi]` = `lo .. hi`. */
function iota(order: Uint32Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) order[i] = i;
}

/**
 * Sorts `items` by `keys[item]` (unsigned 32-bit), stable: two passes of a 16-bit counting sort,
 * yielding every `STEP` items.
 */
function* radixSortSteps(items: Uint32Array, keys: Uint32Array): Generator<void, void> {
  const n = items.length;
  let from: Uint32Array = items;
  let to: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(1 << 16);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let lo = 0; lo < n; lo += STEP) {
      countDigits(from, keys, shift, counts, lo, Math.min(n, lo + STEP));
      yield;
    }
    let sum = 0;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let lo = 0; lo < n; lo += STEP) {
      placeDigits(from, to, keys, shift, counts, lo, Math.min(n, lo + STEP));
      yield;
    }
    [from, to] = [to, from];
  }
  if (from !== items) items.set(from);
}

/** Runs of equal heads up to this long are sorted in place by insertion (as are blocks of longer ones). */
const SHORT_RUN = 32;

/** Each string's first four bytes (zero past its end) as one number, for strings `lo .. hi`. */
function headsInto(
  head: Uint32Array,
  bytes: Uint8Array,
  from: Uint32Array,
  to: Uint32Array,
  lo: number,
  hi: number,
): void {
  for (let i = lo; i < hi; i++) {
    const f = from[i] as number;
    const length = (to[i] as number) - f;
    let key = 0;
    for (let k = 0; k < 4; k++) key = key * 256 + (k < length ? (bytes[f + k] as number) : 0);
    head[i] = key;
  }
}

/** Insertion sort of `items[lo .. hi]` (stable). */
function insertionSort(items: Uint32Array, lo: number, hi: number, compare: (a: number, b: number) => number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = items[i] as number;
    let j = i - 1;
    while (j >= lo && compare(items[j] as number, x) > 0) {
      items[j + 1] = items[j] as number;
      j--;
    }
    items[j + 1] = x;
  }
}

/** Runs of equal heads up to this long are merge-sorted in one go; longer ones by `sortSteps`. */
const MID_RUN = 1 << 12;

/**
 * Merge sort of `items[lo .. hi]` (stable; at most `MID_RUN` items, `scratch` as long): insertion
 * sort of blocks of `SHORT_RUN`, then merged pairwise, as `sortSteps` does but without yielding.
 * Returns the comparisons it may have made, for the caller's step budget.
 */
function mergeSortRun(
  items: Uint32Array,
  lo: number,
  hi: number,
  compare: (a: number, b: number) => number,
  scratch: Uint32Array,
): number {
  const n = hi - lo;
  let work = 0;
  for (let at = lo; at < hi; at += SHORT_RUN) {
    insertionSort(items, at, Math.min(at + SHORT_RUN, hi), compare);
    work += (SHORT_RUN * SHORT_RUN) / 4;
  }
  // `from` and `to` alternate between the items (offset `lo`) and the scratch (offset 0).
  let inItems = true;
  for (let width = SHORT_RUN; width < n; width *= 2) {
    const from = inItems ? items : scratch;
    const to = inItems ? scratch : items;
    const fromBase = inItems ? lo : 0;
    const toBase = inItems ? 0 : lo;
    for (let start = 0; start < n; start += 2 * width) {
      const mid = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let i = start;
      let j = mid;
      let k = start;
      while (i < mid && j < end) {
        const a = from[fromBase + i] as number;
        const b = from[fromBase + j] as number;
        if (compare(b, a) < 0) {
          to[toBase + k++] = b;
          j++;
        } else {
          to[toBase + k++] = a;
          i++;
        }
      }
      while (i < mid) to[toBase + k++] = from[fromBase + i++] as number;
      while (j < end) to[toBase + k++] = from[fromBase + j++] as number;
    }
    work += n;
    inItems = !inItems;
  }
  if (!inItems) items.set(scratch.subarray(0, n), lo);
  return work;
}

/**
 * Sorts the runs of equal heads of `order[lo .. n]` (by `compare`) until about `budget`
 * comparisons are spent or a run longer than `MID_RUN` comes (left for the caller); returns where
 * it stopped: the start of the next run. A plain function looping over runs, called a step at a
 * time (a segment has ~100k runs: a loop in the generator's body ran interpreted).
 */
function sortRuns(
  order: Uint32Array,
  head: Uint32Array,
  lo: number,
  n: number,
  compare: (a: number, b: number) => number,
  scratch: Uint32Array,
  budget: number,
): number {
  let work = 0;
  while (lo < n && work < budget) {
    const key = head[order[lo] as number] as number;
    let hi = lo + 1;
    while (hi < n && head[order[hi] as number] === key) hi++;
    if (hi - lo > MID_RUN) return lo;
    if (hi - lo > SHORT_RUN) work += mergeSortRun(order, lo, hi, compare, scratch);
    else {
      insertionSort(order, lo, hi, compare);
      work += 1 + ((hi - lo) * (hi - lo)) / 4;
    }
    lo = hi;
  }
  return lo;
}

/** The end of the run of equal heads starting at `lo`. */
function runEnd(order: Uint32Array, head: Uint32Array, lo: number, n: number): number {
  const key = head[order[lo] as number] as number;
  let hi = lo + 1;
  while (hi < n && head[order[hi] as number] === key) hi++;
  return hi;
}

/** Adds the strings `order[lo .. hi]` to `writer`, each distinct one once (`same`: null when all are). */
function writeTerms(
  writer: FrontCodedWriter,
  order: Uint32Array,
  rank: Uint32Array,
  bytes: Uint8Array,
  from: Uint32Array,
  to: Uint32Array,
  lo: number,
  hi: number,
  same: ((a: number, b: number) => boolean) | null,
): void {
  for (let i = lo; i < hi; i++) {
    const t = order[i] as number;
    if (i === 0 || same === null || !same(order[i - 1] as number, t))
      writer.add(bytes, from[t] as number, to[t] as number);
    rank[t] = writer.count - 1;
  }
}

/** Terms per block: each block's first term is stored whole, the others as suffixes. */
const BLOCK = 16;

/** Longest shared prefix front coding records (one byte). */
const MAX_SHARED = 255;

/** Appends terms, in byte order, front-coded in blocks. */
export class FrontCodedWriter {
  private readonly growing = new GrowingArray((n) => new Uint8Array(n), 1 << 12);
  private data = this.growing.array;
  private used = 0;
  private readonly blocks: number[] = [];
  private previous = new Uint8Array(64);
  private previousLength = 0;
  count = 0;

  private ensure(extra: number): void {
    if (this.used + extra > this.growing.checkAt) this.data = this.growing.reserve(this.used, extra);
  }

  private varint(n: number): void {
    while (n >= 0x80) {
      this.data[this.used++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.data[this.used++] = n;
  }

  /** Appends `bytes[from .. to]`, which must sort after the previous term. */
  add(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    this.ensure(length + 12);
    // Terms are a few bytes: copied byte by byte (a subarray view per copy cost more than the copy).
    const data = this.data;
    let shared = 0;
    if (this.count % BLOCK === 0) {
      this.blocks.push(this.used);
      this.varint(length);
    } else {
      const limit = Math.min(length, this.previousLength, MAX_SHARED);
      while (shared < limit && this.previous[shared] === bytes[from + shared]) shared++;
      data[this.used++] = shared;
      this.varint(length - shared);
    }
    let at = this.used;
    for (let k = from + shared; k < to; k++) data[at++] = bytes[k] as number;
    this.used = at;
    // The previous term's first `shared` bytes are this one's already (unless the buffer grows).
    let keep = shared;
    if (this.previous.length < length) {
      this.previous = new Uint8Array(length * 2);
      keep = 0;
    }
    const previous = this.previous;
    for (let k = keep; k < length; k++) previous[k] = bytes[from + k] as number;
    this.previousLength = length;
    this.count++;
  }

  finish(): PackedTermDictionary {
    return runAll(this.finishSteps());
  }

  /**
   * `finish` in steps: the terms' bytes copied 1 MB a step (a 50k-thread segment's are tens of
   * MB: one copy of them held up queries), the block table from a typed array, not a spread.
   */
  *finishSteps(): Generator<void, PackedTermDictionary> {
    const data = new Uint8Array(this.used);
    for (let at = 0; at < this.used; at += 1 << 20) {
      data.set(this.data.subarray(at, Math.min(this.used, at + (1 << 20))), at);
      yield;
    }
    const blocks = new Uint32Array(this.blocks.length + 1);
    blocks.set(this.blocks);
    blocks[this.blocks.length] = this.used;
    return new PackedTermDictionary(data, blocks, this.count);
  }
}

/** A term decoded into a reusable buffer, and where the next one starts. */
class TermReader {
  buffer = new Uint8Array(64);
  length = 0;
  /** The term in the buffer (-1: none) and the position after it in the data. */
  index = -1;
  next = 0;

  constructor(private readonly dictionary: PackedTermDictionary) {}

  private varint(data: Uint8Array): number {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = data[this.next++] as number;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  }

  /** Decodes term `i` (reading on from the last one when it is the next in its block). */
  read(i: number): void {
    if (i === this.index) return;
    const { data, blocks } = this.dictionary;
    let at: number;
    if (i === this.index + 1 && i % BLOCK !== 0) at = i;
    else {
      at = i - (i % BLOCK);
      this.next = blocks[at / BLOCK] as number;
    }
    for (; at <= i; at++) {
      let shared = 0;
      if (at % BLOCK !== 0) shared = data[this.next++] as number;
      const rest = this.varint(data);
      const length = shared + rest;
      if (this.buffer.length < length) {
        const grown = new Uint8Array(length * 2);
        grown.set(this.buffer.subarray(0, shared));
        this.buffer = grown;
      }
      this.buffer.set(data.subarray(this.next, this.next + rest), shared);
      this.next += rest;
      this.length = length;
    }
    this.index = i;
  }

  /** Compares the term in the buffer with `key`. */
  compare(key: Uint8Array): number {
    return compareRanges(this.buffer, 0, this.length, key, 0, key.length);
  }
}

/**
 * Terms in UTF-8 byte order (code point order), front-coded: in blocks of 16, each block's first
 * term whole and the others as the length they share with the previous term plus the rest. One
 * byte array and one block table however many terms there are, loaded as views of the stored
 * bytes (nothing is decoded at load); a forum's terms (many near-identical log tokens) take about
 * half their plain size. Lookups bisect the blocks' first terms, then read one block; a term
 * becomes a string only when asked for; reading terms in order costs no more than one each.
 */
export class PackedTermDictionary implements TermDictionary {
  private readonly reader: TermReader;
  private readonly other: TermReader;

  /**
   * @param data the front-coded blocks
   * @param blocks where each block starts in `data`, then `data.length`
   * @param size how many terms
   */
  constructor(
    readonly data: Uint8Array,
    readonly blocks: Uint32Array,
    readonly size: number,
  ) {
    if (blocks.length !== Math.ceil(size / BLOCK) + 1 || blocks[blocks.length - 1] !== data.length)
      throw new Error('term dictionary: the block table does not match the terms');
    this.reader = new TermReader(this);
    this.other = new TermReader(this);
  }

  /** From terms in any order (duplicates kept once). */
  static of(terms: Iterable<string>): PackedTermDictionary {
    const builder = new PackedStringsBuilder();
    for (const t of terms) builder.push(t);
    return PackedTermDictionary.sort(builder).dictionary;
  }

  /**
   * The strings pushed to `builder`, sorted, each distinct one once; `rank[i]` is the term
   * number of the string `push` numbered `i`.
   */
  static sort(builder: PackedStringsBuilder): { dictionary: PackedTermDictionary; rank: Uint32Array } {
    return runAll(PackedTermDictionary.sorting(builder));
  }

  /** `sort` in steps (see slices.ts); `distinct`: the builder holds no string twice (not checked). */
  static *sorting(
    builder: PackedStringsBuilder,
    distinct = false,
  ): Generator<void, { dictionary: PackedTermDictionary; rank: Uint32Array }> {
    const n = builder.length;
    const bytes = builder.buffer;
    const from = new Uint32Array(n);
    const to = new Uint32Array(n);
    const order = new Uint32Array(n);
    for (let lo = 0; lo < n; lo += STEP) {
      builder.rangesInto(from, to, lo, Math.min(n, lo + STEP));
      iota(order, lo, Math.min(n, lo + STEP));
      yield;
    }
    // Strings of one run share their first four bytes (or all of the shorter one's): compared
    // from there on.
    const compare = (a: number, b: number) => {
      const fa = from[a] as number;
      const ta = to[a] as number;
      const fb = from[b] as number;
      const tb = to[b] as number;
      const k = Math.min(4, ta - fa, tb - fb);
      return compareRanges(bytes, fa + k, ta, bytes, fb + k, tb);
    };
    // Whether two strings are the same: neighbours in order share long prefixes (log tokens), so
    // the lengths are compared first and the bytes from the end.
    const same = (a: number, b: number) => {
      const fa = from[a] as number;
      const fb = from[b] as number;
      let k = (to[a] as number) - fa;
      if (k !== (to[b] as number) - fb) return false;
      while (k > 0) {
        k--;
        if (bytes[fa + k] !== bytes[fb + k]) return false;
      }
      return true;
    };
    // Each string's first four bytes as one number decide most comparisons without the bytes.
    // (Loops in plain functions, a block a step: loops in a generator's body are slower.)
    const head = new Uint32Array(n);
    for (let lo = 0; lo < n; lo += STEP) {
      headsInto(head, bytes, from, to, lo, Math.min(n, lo + STEP));
      yield;
    }
    // By the heads first (a radix sort: no comparisons), then each run of equal heads by its bytes
    // (a short run in place, a long one by merge sort in steps).
    yield* radixSortSteps(order, head);
    // A step every 16k comparisons or so (runs are whole: a step is not a fixed count of terms).
    const scratch = new Uint32Array(MID_RUN);
    for (let lo = 0; lo < n;) {
      lo = sortRuns(order, head, lo, n, compare, scratch, 1 << 14);
      if (lo < n && runEnd(order, head, lo, n) - lo > MID_RUN) {
        const hi = runEnd(order, head, lo, n);
        yield* sortSteps(order.subarray(lo, hi), compare);
        lo = hi;
      }
      yield;
    }
    // Equal strings are next to each other now: one term each.
    const rank = new Uint32Array(n);
    const writer = new FrontCodedWriter();
    for (let lo = 0; lo < n; lo += STEP) {
      writeTerms(writer, order, rank, bytes, from, to, lo, Math.min(n, lo + STEP), distinct ? null : same);
      yield;
    }
    return { dictionary: yield* writer.finishSteps(), rank };
  }

  /** From distinct terms' UTF-8, already in byte order. */
  static fromSorted(encoded: Iterable<Uint8Array>): PackedTermDictionary {
    const writer = new FrontCodedWriter();
    for (const e of encoded) writer.add(e, 0, e.length);
    return writer.finish();
  }

  /** Term `i`'s UTF-8 (a copy). */
  termBytes(i: number): Uint8Array {
    this.reader.read(i);
    return this.reader.buffer.slice(0, this.reader.length);
  }

  term(i: number): string {
    this.reader.read(i);
    return decodeUtf8(this.reader.buffer, 0, this.reader.length);
  }

  /** Compares term `i` with term `j` of `other` (byte order). */
  compareWith(i: number, other: PackedTermDictionary, j: number): number {
    this.reader.read(i);
    const b = other === this ? this.other : other.reader;
    b.read(j);
    return compareRanges(this.reader.buffer, 0, this.reader.length, b.buffer, 0, b.length);
  }

  /** Compares block `b`'s first term, in place, with `key`. */
  private compareFirst(b: number, key: Uint8Array): number {
    const data = this.data;
    let at = this.blocks[b] as number;
    let length = 0;
    let shift = 0;
    for (;;) {
      const x = data[at++] as number;
      length += (x & 0x7f) * 2 ** shift;
      if (x < 0x80) break;
      shift += 7;
    }
    return compareRanges(data, at, at + length, key, 0, key.length);
  }

  /** Index of the first term >= `key`. */
  private lowerBound(key: Uint8Array): number {
    // The last block whose first term is < key holds the answer, or it is the next block's first.
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareFirst(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const block = lo - 1;
    const end = Math.min(this.size, lo * BLOCK);
    for (let i = block * BLOCK + 1; i < end; i++) {
      this.reader.read(i);
      if (this.reader.compare(key) >= 0) return i;
    }
    return end;
  }

  find(term: string): number {
    const key = encodeKey(term);
    const i = this.lowerBound(key);
    if (i >= this.size) return -1;
    this.reader.read(i);
    return this.reader.compare(key) === 0 ? i : -1;
  }

  prefixRange(prefix: string): [number, number] {
    const key = encodeKey(prefix);
    const from = this.lowerBound(key);
    if (key.length === 0) return [from, this.size];
    // UTF-8 never has a 0xff byte: the terms starting with the prefix end before prefix+1.
    const after = key.slice();
    after[after.length - 1] = (after[after.length - 1] as number) + 1;
    return [from, this.lowerBound(after)];
  }
}
