/**
 * Pair terms: each two adjacent words of a thread's text, hashed into one of 2^18 buckets and
 * stored as a term of its own, so a quoted phrase is found from the index (every pair of its
 * words, next to each other) instead of by reading candidate threads' texts.
 *
 * Why hashed: the distinct word pairs of a forum outnumber its words ten to one (most pairs in
 * pasted logs occur once), which would make the dictionary several times larger. 2^18 buckets
 * keep it small; two pairs sharing a bucket is what makes a pair term match a thread without the
 * pair (about 0.1% of threads having both words apart), so the result rows shown are checked
 * against the text word by word when it is at hand (`hasPhrase`), and a phrase of three or more
 * words (pairs in order, not necessarily in a row) is checked the same way.
 *
 * Hex numbers and plain numbers (addresses, ports, timestamps of pasted logs: most of the pairs
 * and of no use in a quoted phrase) make no pairs; a phrase pair with one of them is left to the
 * word-by-word check.
 */
import type { TokenKind } from './tokenizer';

/** Pair terms start with \u0003: no text yields that, so they never collide with words. */
export const PAIR_PREFIX = '\u0003';
const BUCKET_BITS = 18;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

interface PairToken {
  kind: TokenKind;
  raw: string;
}

/** Whether a token makes pairs with its neighbours. */
function pairs(kind: TokenKind): boolean {
  return kind !== 'hex' && kind !== 'number';
}

/** FNV-1a of a token's text. */
export function hashRaw(raw: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < raw.length; i++) {
    h ^= raw.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The bucket of the pair (`first`, `second`), by the two words' hashes. */
function bucketOf(first: number, second: number): number {
  let h = Math.imul(first ^ (second >>> 15), 0x85ebca6b) ^ second;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & BUCKET_MASK;
}

/** How many buckets there are: a bucket number is below this. */
export const PAIR_BUCKETS = 1 << BUCKET_BITS;

const bucketTerms: (string | undefined)[] = new Array<string | undefined>(PAIR_BUCKETS).fill(undefined);

/** The term standing for bucket `bucket`. */
export function pairBucketTerm(bucket: number): string {
  return (bucketTerms[bucket] ??= `${PAIR_PREFIX}${bucket.toString(36)}`);
}

function bucketTerm(first: number, second: number): string {
  return pairBucketTerm(bucketOf(first, second));
}

/**
 * The indexer's form of `PairTerms`: a thread's pair buckets as numbers, each once, in a list
 * reused from thread to thread (no string or set per pair). Call `start` before each thread.
 */
export class PairBuckets {
  /** This thread's buckets, each once, in the order first seen. */
  readonly buckets: number[] = [];
  /**
   * Two Int32s a bucket, side by side (one cache line for both): the thread that last had it
   * (`thread`), and the caller's number for it + 1 (`termOf`: the segment builder's term number).
   */
  private readonly slots = new Int32Array(2 * PAIR_BUCKETS);
  private thread = 0;
  private previous = -1;

  start(): void {
    this.thread++;
    this.buckets.length = 0;
    this.previous = -1;
  }

  /** The number set for `bucket` (`setTerm`), or -1. */
  termOf(bucket: number): number {
    return (this.slots[2 * bucket + 1] as number) - 1;
  }

  setTerm(bucket: number, term: number): void {
    this.slots[2 * bucket + 1] = term + 1;
  }

  /** `pairHash`, when a token has it, is `hashRaw(raw)` computed once (the tokenizer's templates). */
  add(tokens: readonly (PairToken & { pairHash?: number })[]): void {
    for (const token of tokens) {
      if (token.raw.charCodeAt(0) === 2) continue;
      if (!pairs(token.kind)) {
        this.previous = -1;
        continue;
      }
      this.next(token.pairHash ?? hashRaw(token.raw));
    }
  }

  /** The next token, one that makes pairs, by its `hashRaw`. */
  next(h: number): void {
    if (this.previous >= 0) {
      const bucket = bucketOf(this.previous, h);
      if (this.slots[2 * bucket] !== this.thread) {
        this.slots[2 * bucket] = this.thread;
        this.buckets.push(bucket);
      }
    }
    this.previous = h;
  }

  /** The next token makes no pairs (a hex number, a number): no pair spans it. */
  gap(): void {
    this.previous = -1;
  }
}

/**
 * The pair terms of a thread, fed its texts' tokens in the order the thread reads (title, question,
 * replies): a pair spans two texts as it does in the thread's whole text (`recordText`). Context
 * terms (raw starting with \u0002, see code-context.ts) stand for no text and are skipped.
 */
export class PairTerms {
  readonly terms = new Set<string>();
  private previous = -1;

  add(tokens: readonly PairToken[]): this {
    for (const token of tokens) {
      if (token.raw.charCodeAt(0) === 2) continue;
      if (!pairs(token.kind)) {
        this.previous = -1;
        continue;
      }
      const h = hashRaw(token.raw);
      if (this.previous >= 0) this.terms.add(bucketTerm(this.previous, h));
      this.previous = h;
    }
    return this;
  }
}

/** The pair terms of a phrase's tokens (as `tokenize` gives them); empty for one word. */
export function phrasePairTerms(tokens: readonly PairToken[]): string[] {
  return [...new PairTerms().add(tokens).terms];
}
