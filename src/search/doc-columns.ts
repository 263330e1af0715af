/**
 * A segment's thread metadata as columns (typed arrays), made once per segment on the first query
 * that filters or sorts by it: numeric and date filters and the list's sort orders then read one
 * array each instead of every thread's metadata object.
 */
import type { DocMeta } from './doc-meta';

export interface DocColumns {
  /** NaN where unknown. */
  views: Float64Array;
  replies: Float64Array;
  boosts: Float64Array;
  /** Last activity (ms), NaN where unknown. */
  time: Float64Array;
  /** 1: a resource post, 2: has an accepted answer. */
  flags: Uint8Array;
  /** Each normalised author (of any post) and the documents they wrote in, ascending. */
  authors: Map<string, number[]>;
}

export const RESOURCE = 1;
export const ANSWERED = 2;

const made = new WeakMap<object, DocColumns>();

/** The columns of the segment whose metadata `key` is (any object that lives as long as it). */
export function docColumns(key: object, length: number, get: (local: number) => DocMeta): DocColumns {
  const cached = made.get(key);
  if (cached) return cached;
  const columns: DocColumns = {
    views: new Float64Array(length),
    replies: new Float64Array(length),
    boosts: new Float64Array(length),
    time: new Float64Array(length),
    flags: new Uint8Array(length),
    authors: new Map(),
  };
  for (let local = 0; local < length; local++) {
    const doc = get(local);
    columns.views[local] = doc.views ?? NaN;
    columns.replies[local] = doc.replies ?? NaN;
    columns.boosts[local] = doc.boosts ?? NaN;
    columns.time[local] = doc.time ?? NaN;
    columns.flags[local] = (doc.resource ? RESOURCE : 0) | (doc.answered ? ANSWERED : 0);
    for (const author of doc.authors) {
      const list = columns.authors.get(author);
      if (list) list.push(local);
      else columns.authors.set(author, [local]);
    }
  }
  made.set(key, columns);
  return columns;
}
