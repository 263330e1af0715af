/**
 * A segment's thread metadata as columns (typed arrays), made once per segment on the first query
 * that filters or sorts by it: numeric and date filters and the list's sort orders then read one
 * array each instead of every thread's metadata object.
 */
import type { DocMeta } from './doc-meta';
import { PackedDocTable } from './doc-table';

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
  const columns = key instanceof PackedDocTable ? packedColumns(key) : madeColumns(length, get);
  made.set(key, columns);
  return columns;
}

/**
 * A packed table already holds these columns as stored (NaN for unknown, the same flag bits):
 * they are used as they are, and only the authors' lists are made, from the name numbers. (Making
 * each thread's metadata to copy it took ~1 s at a million threads, on the first filtered query.)
 */
function packedColumns(table: PackedDocTable): DocColumns {
  const c = table.columns;
  const authors = new Map<string, number[]>();
  for (let local = 0; local < table.length; local++)
    for (let i = c.authorStarts[local] as number; i < (c.authorStarts[local + 1] as number); i++) {
      const author = table.name(c.authorList[i] as number);
      const list = authors.get(author);
      if (list) list.push(local);
      else authors.set(author, [local]);
    }
  return { views: c.views, replies: c.replies, boosts: c.boosts, time: c.time, flags: c.flags, authors };
}

function madeColumns(length: number, get: (local: number) => DocMeta): DocColumns {
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
  return columns;
}
