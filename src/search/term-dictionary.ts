/**
 * A segment's sorted terms, behind a small interface: the query code looks terms up by number,
 * by value and by prefix, and never needs them as an array, so the storage can keep them packed
 * (one byte blob and offsets) and decode a term only when it is asked for.
 */

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

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Terms held as a sorted array of strings (UTF-16 code unit order). */
export class ArrayTermDictionary implements TermDictionary {
  constructor(private readonly terms: readonly string[]) {}

  /** From terms in any order (duplicates kept once). */
  static of(terms: Iterable<string>): ArrayTermDictionary {
    return new ArrayTermDictionary([...new Set(terms)].sort(compareStrings));
  }

  get size(): number {
    return this.terms.length;
  }

  term(i: number): string {
    return this.terms[i] as string;
  }

  /** Index of the first term >= `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : -1;
  }

  prefixRange(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    // The terms starting with `prefix` are a run from `from`: find its end by bisection.
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string).startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return [from, lo];
  }
}

/** Every term, in order (tests, merging, encoding). */
export function* allTerms(dictionary: TermDictionary): Generator<string> {
  for (let i = 0; i < dictionary.size; i++) yield dictionary.term(i);
}
