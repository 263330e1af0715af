/**
 * Hashed terms: long hex and decimal numbers (addresses, UUID parts, timestamps, IP addresses of
 * pasted logs) are not kept in the dictionary one by one. Each goes to one of 2^16 bucket terms,
 * and its posting's weight holds 24 bits of a second hash of it (`check`), so a query for one
 * keeps only the postings of its own bucket whose check is its own.
 *
 * Why: such tokens are most of a forum's distinct terms and almost all of them occur once. Every
 * one of them was a term of the segment's resident dictionary, numbered while building and
 * sorted, so they made most of the dictionary's memory and of the build's term work. The bench's
 * forum at 20k threads had 1.29M terms; with these as bucket terms (and a run of hex digits one
 * term, tokenizer.ts) it has 533k, and the resident dictionary went from 14.5 to 6.9 MB. As bucket
 * terms they are at most 65,536 terms a segment, and found as before by an exact search
 * (`0x8badf00d`, `192.168.1.20`); what they lose is being completed from a prefix or corrected as
 * a typo, which an address or a timestamp has no use for. Two tokens in one bucket with the same
 * check (one in 2^40) would find each other's threads.
 *
 * The rule depends on the term alone, so a query knows where to look. A segment may also hold
 * such a term plainly (a part of a name the tokenizer keeps, `1234567` of `g1234567`): a query
 * reads both.
 */

/** Bucket terms start with \u0004: no text yields that (see tags' \u0001, pairs' \u0003). */
export const HASHED_PREFIX = '\u0004';
const BUCKET_BITS = 16;
/**
 * The shortest hashed term: 5 characters (the bench's forum at 20k threads: of the 196k terms seen
 * once left with 7, 135k were 5 or 6 hex or decimal digits, the parts of longer hex names).
 */
export const HASHED_MIN_LENGTH = 5;
export const HASHED_BUCKETS = 1 << BUCKET_BITS;
/** A check fits a Float32's 24-bit significand exactly, so weights carry it through sorts, merges and storage unchanged. */
const CHECK_MASK = (1 << 24) - 1;
const CHECKS = CHECK_MASK + 1;
/**
 * The weight a hashed term scores with: one occurrence at the average length, as the builder
 * weighs a reply's term (its posting's weight is the check, not a weight).
 */
export const HASHED_WEIGHT = 1;

/**
 * Whether `term` (lowercase, as the tokenizer makes terms) is hashed: hex digits, decimal digits
 * and dots (after an optional `0x`), a digit among them, and at least `HASHED_MIN_LENGTH`
 * characters, or 9 with a dot (so versions such as `10.15.7` stay plain terms and complete as
 * typed; years and four-digit codes stay plain too).
 */
export function isHashedTerm(term: string): boolean {
  return isHashedText(term, 0, term.length);
}

/** `isHashedTerm` of `text.slice(from, to)` lowercased, without making either. */
export function isHashedText(text: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < HASHED_MIN_LENGTH) return false;
  let i = text.charCodeAt(from) === 48 && (text.charCodeAt(from + 1) | 0x20) === 120 ? from + 2 : from;
  let digit = false;
  let dot = false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c === 46) dot = true;
    else if ((c | 0x20) < 97 || (c | 0x20) > 102) return false;
  }
  return digit && (!dot || n >= 9);
}

/**
 * A hashed term's key, `bucket * 2^24 + check` (one number, no object: the builder asks for one per
 * occurrence): its bucket (16 bits) and check (24 bits) from two independent hashes of its text.
 */
export function hashedKey(term: string): number {
  let a = 0x811c9dc5;
  let b = 0x3c6ef372;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 15;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return ((a >>> 0) >>> (32 - BUCKET_BITS)) * CHECKS + (b & CHECK_MASK);
}

/** The bucket of a key. */
export function keyBucket(key: number): number {
  return Math.floor(key / CHECKS);
}

/** The check of a key. */
export function keyCheck(key: number): number {
  return key % CHECKS;
}

/** The bucket term of bucket `b`. */
export function hashedBucketTerm(bucket: number): string {
  return `${HASHED_PREFIX}${bucket.toString(16).padStart(4, '0')}`;
}
