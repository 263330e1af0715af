import type { SortKey } from '../../src/bridge/data-api';
import { compareText } from '../../src/compare-text';
import type { Thread } from '../../src/model';
import type { SearchResult } from '../../src/search/segmented-index';

type NumericKey = 'views' | 'replies' | 'boosts';

const byActivity = (a: Thread, b: Thread) =>
  compareText(b.activity.date, a.activity.date) || (b.views ?? 0) - (a.views ?? 0);

const byCount = (key: NumericKey) => (a: Thread, b: Thread) => (b[key] ?? -1) - (a[key] ?? -1) || byActivity(a, b);

/** Sorts in place and returns the array; relevance keeps the order it was given. */
export function sortThreads(threads: Thread[], sort: SortKey): Thread[] {
  if (sort === 'relevance') return threads;
  return threads.sort(sort === 'activity' ? byActivity : byCount(sort));
}

const resultByActivity = (a: SearchResult, b: SearchResult) =>
  (b.time ?? -Infinity) - (a.time ?? -Infinity) || (b.views ?? 0) - (a.views ?? 0);

/** Search results in the list's sort, from what the index keeps: the same order as sortThreads. */
export function sortResults(results: SearchResult[], sort: SortKey): SearchResult[] {
  if (sort === 'relevance') return results;
  if (sort === 'activity') return results.sort(resultByActivity);
  return results.sort((a, b) => (b[sort] ?? -1) - (a[sort] ?? -1) || resultByActivity(a, b));
}
