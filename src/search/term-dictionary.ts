/**
 * A segment's sorted terms, behind a small interface: the query code looks terms up by number,
 * by value and by prefix, and never needs them as an array, so the storage can keep them packed
 * (one byte blob and offsets) and decode a term only when it is asked for.
 */
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

/**
 * Terms packed as one UTF-8 byte blob with each term's start: two typed arrays however many terms
 * there are, loaded as views of the stored bytes (nothing is decoded at load), 4 bytes plus the
 * term's UTF-8 per term. Terms are in UTF-8 byte order (code point order), so lookups bisect by
 * comparing bytes and a prefix's terms are one run. A term becomes a string only when asked for.
 */
export class PackedTermDictionary implements TermDictionary {
  /**
   * @param bytes the terms' UTF-8, one after another, in byte order
   * @param starts term `i` is `bytes[starts[i] .. starts[i + 1]]`; `size + 1` entries
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Uint32Array,
  ) {
    if (starts.length === 0 || starts[starts.length - 1] !== bytes.length)
      throw new Error('term dictionary: starts do not match the bytes');
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

  /** `sort` in steps (see slices.ts). */
  static *sorting(
    builder: PackedStringsBuilder,
  ): Generator<void, { dictionary: PackedTermDictionary; rank: Uint32Array }> {
    const n = builder.length;
    const bytes = builder.buffer;
    const from = new Uint32Array(n);
    const to = new Uint32Array(n);
    for (let i = 0; i < n; i++) [from[i], to[i]] = builder.range(i);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const compare = (a: number, b: number) =>
      compareRanges(bytes, from[a] as number, to[a] as number, bytes, from[b] as number, to[b] as number);
    // Each string's first four bytes as one number decide most comparisons without the bytes.
    const head = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const f = from[i] as number;
      const length = (to[i] as number) - f;
      let key = 0;
      for (let k = 0; k < 4; k++) key = key * 256 + (k < length ? (bytes[f + k] as number) : 0);
      head[i] = key;
    }
    yield* sortSteps(order, (a, b) => (head[a] as number) - (head[b] as number) || compare(a, b));
    // Equal strings are next to each other now: one term each.
    const rank = new Uint32Array(n);
    const starts: number[] = [];
    const firsts: number[] = [];
    let length = 0;
    for (let i = 0; i < n; i++) {
      const t = order[i] as number;
      if (i === 0 || compare(order[i - 1] as number, t) !== 0) {
        starts.push(length);
        firsts.push(t);
        length += (to[t] as number) - (from[t] as number);
      }
      rank[t] = starts.length - 1;
      if ((i & 0xffff) === 0xffff) yield;
    }
    starts.push(length);
    const out = new Uint8Array(length);
    firsts.forEach((t, i) => out.set(bytes.subarray(from[t] as number, to[t] as number), starts[i] as number));
    return { dictionary: new PackedTermDictionary(out, Uint32Array.from(starts)), rank };
  }

  /** From distinct terms' UTF-8, already in byte order. */
  static fromSorted(encoded: readonly Uint8Array[]): PackedTermDictionary {
    const starts = new Uint32Array(encoded.length + 1);
    let length = 0;
    encoded.forEach((e, i) => {
      starts[i] = length;
      length += e.length;
    });
    starts[encoded.length] = length;
    const bytes = new Uint8Array(length);
    encoded.forEach((e, i) => bytes.set(e, starts[i] as number));
    return new PackedTermDictionary(bytes, starts);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** Term `i`'s UTF-8 (a view, no copy). */
  termBytes(i: number): Uint8Array {
    return this.bytes.subarray(this.starts[i] as number, this.starts[i + 1] as number);
  }

  term(i: number): string {
    return decodeUtf8(this.bytes, this.starts[i] as number, this.starts[i + 1] as number);
  }

  /** Compares term `i` with term `j` of `other` (byte order). */
  compareWith(i: number, other: PackedTermDictionary, j: number): number {
    return compareRanges(
      this.bytes,
      this.starts[i] as number,
      this.starts[i + 1] as number,
      other.bytes,
      other.starts[j] as number,
      other.starts[j + 1] as number,
    );
  }

  /** Compares term `i` with `key`: negative, 0 or positive. */
  private compare(i: number, key: Uint8Array): number {
    return compareRanges(this.bytes, this.starts[i] as number, this.starts[i + 1] as number, key, 0, key.length);
  }

  /** Whether term `i` starts with `key`. */
  private startsWith(i: number, key: Uint8Array): boolean {
    const from = this.starts[i] as number;
    if ((this.starts[i + 1] as number) - from < key.length) return false;
    for (let k = 0; k < key.length; k++) if (this.bytes[from + k] !== key[k]) return false;
    return true;
  }

  /** Index of the first term >= `key`. */
  private lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(term: string): number {
    const key = encodeKey(term);
    const i = this.lowerBound(key);
    return i < this.size && this.compare(i, key) === 0 ? i : -1;
  }

  prefixRange(prefix: string): [number, number] {
    const key = encodeKey(prefix);
    const from = this.lowerBound(key);
    let lo = from;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsWith(mid, key)) lo = mid + 1;
      else hi = mid;
    }
    return [from, lo];
  }
}
