import type { Thread } from '../../src/model';
import type { SortKey } from '../state/ui-store';

type NumericKey = 'views' | 'replies' | 'boosts';

const byActivity = (a: Thread, b: Thread) =>
  (b.activity.date ?? '').localeCompare(a.activity.date ?? '') || (b.views ?? 0) - (a.views ?? 0);

const byCount = (key: NumericKey) => (a: Thread, b: Thread) => (b[key] ?? -1) - (a[key] ?? -1) || byActivity(a, b);

/** Sorts in place and returns the array; relevance keeps the order the search gave. */
export function sortThreads(threads: Thread[], sort: SortKey): Thread[] {
  if (sort === 'relevance') return threads;
  return threads.sort(sort === 'activity' ? byActivity : byCount(sort));
}
