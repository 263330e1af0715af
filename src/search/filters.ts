/** The query's filters (tag:, author:, is:, views:, before: …) checked against one thread. */
import { normalizeName, type DocMeta } from './doc-meta';
import type { Filter } from './query-parser';
import type { UserDataView } from './user-data-view';

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
