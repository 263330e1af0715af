/** The query's filters (tag:, author:, is:, views:, before: …) checked against one thread. */
import { normalizeName, type DocMeta } from './doc-meta';
import type { Filter } from './query-parser';
import type { UserDataView } from './user-data-view';
import { ANSWERED, RESOURCE, type DocColumns } from './doc-columns';

/** Tag names repeat across threads: normalise each distinct one once. */
const normalCache = new Map<string, string>();
function normal(name: string): string {
  let n = normalCache.get(name);
  if (n === undefined) {
    if (normalCache.size > 10_000) normalCache.clear();
    normalCache.set(name, (n = normalizeName(name)));
  }
  return n;
}

function matchesOne(filter: Filter, doc: DocMeta, user: UserDataView): boolean {
  switch (filter.kind) {
    case 'tag': {
      const want = normal(filter.value);
      return doc.tags.some((t) => normal(t) === want);
    }
    case 'author': {
      const want = normal(filter.value);
      return want !== '' && doc.authors.some((a) => a.includes(want));
    }
    case 'label': {
      const want = normal(filter.value);
      return (user.labelsByThread.get(doc.id) ?? []).some((l) => normal(l) === want);
    }
    case 'flag':
      switch (filter.flag) {
        case 'bookmarked':
          return user.bookmarkedThreadIds.has(doc.id);
        case 'notes':
          return user.threadsWithNotes.has(doc.id);
        case 'resource':
          return doc.resource;
        case 'answered':
          return doc.answered;
      }
      return false;
    case 'number': {
      const value = doc[filter.field];
      return value !== null && value >= filter.min && value <= filter.max;
    }
    case 'date':
      return doc.time !== null && (filter.before ? doc.time < filter.time : doc.time >= filter.time);
  }
}

/** All filters hold (a negated one must not). */
export function matchesFilters(filters: readonly Filter[], doc: DocMeta, user: UserDataView): boolean {
  for (const filter of filters) {
    const negated = 'negated' in filter && filter.negated;
    if (matchesOne(filter, doc, user) === negated) return false;
  }
  return true;
}

/** A filter on one column of the metadata: `min ≤ value ≤ max` (`< max` when `below`). */
export interface ColumnTest {
  column: 'views' | 'replies' | 'boosts' | 'time';
  min: number;
  max: number;
  below: boolean;
  negated: boolean;
}

/** The filters answered from the metadata columns: numbers, dates, `is:resource`, `is:answered`. */
export interface ColumnFilters {
  tests: ColumnTest[];
  /** Flag bits a thread must have / must not have (doc-columns.ts). */
  flagsOn: number;
  flagsOff: number;
}

export function columnFilters(filters: readonly Filter[]): ColumnFilters | null {
  const out: ColumnFilters = { tests: [], flagsOn: 0, flagsOff: 0 };
  for (const f of filters) {
    if (f.kind === 'number')
      out.tests.push({ column: f.field, min: f.min, max: f.max, below: false, negated: f.negated });
    else if (f.kind === 'date')
      out.tests.push(
        f.before
          ? { column: 'time', min: -Infinity, max: f.time, below: true, negated: false }
          : { column: 'time', min: f.time, max: Infinity, below: false, negated: false },
      );
    else if (f.kind === 'flag' && (f.flag === 'resource' || f.flag === 'answered')) {
      const bit = f.flag === 'resource' ? RESOURCE : ANSWERED;
      if (f.negated) out.flagsOff |= bit;
      else out.flagsOn |= bit;
    }
  }
  return out.tests.length > 0 || out.flagsOn !== 0 || out.flagsOff !== 0 ? out : null;
}

/** Whether document `local` of the segment with these columns passes the column filters. */
export function passesColumns(columns: DocColumns, local: number, filters: ColumnFilters): boolean {
  const flags = columns.flags[local] as number;
  if ((flags & filters.flagsOn) !== filters.flagsOn || (flags & filters.flagsOff) !== 0) return false;
  for (const test of filters.tests) {
    const v = columns[test.column][local] as number;
    // NaN (unknown) fails every comparison: it matches no range, so only a negated test passes it.
    const inRange = v >= test.min && (test.below ? v < test.max : v <= test.max);
    if (inRange === test.negated) return false;
  }
  return true;
}

/**
 * The thread ids a user-data filter (`is:bookmarked`, `has:notes`, `label:`) stands for, or null
 * for the other filters.
 */
export function userDataIds(filter: Filter, user: UserDataView): Iterable<string> | null {
  if (filter.kind === 'flag' && filter.flag === 'bookmarked') return user.bookmarkedThreadIds;
  if (filter.kind === 'flag' && filter.flag === 'notes') return user.threadsWithNotes;
  if (filter.kind !== 'label') return null;
  const want = normal(filter.value);
  const ids: string[] = [];
  for (const [id, labels] of user.labelsByThread) if (labels.some((l) => normal(l) === want)) ids.push(id);
  return ids;
}

/** `author:` filters: the normalised authors whose threads match (`quinn` is in `quinntheeskimo`). */
export function matchingAuthors(filter: Filter & { kind: 'author' }, authors: Iterable<string>): string[] {
  const want = normal(filter.value);
  if (want === '') return [];
  const out: string[] = [];
  for (const a of authors) if (a.includes(want)) out.push(a);
  return out;
}
