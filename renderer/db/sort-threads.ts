import type { SortKey } from '../../src/bridge/data-api';
import { compareText } from '../../src/compare-text';
import type { Thread } from '../../src/model';

type NumericKey = 'views' | 'replies' | 'boosts';

const byActivity = (a: Thread, b: Thread) =>
  compareText(b.activity.date, a.activity.date) || (b.views ?? 0) - (a.views ?? 0);

const byCount = (key: NumericKey) => (a: Thread, b: Thread) => (b[key] ?? -1) - (a[key] ?? -1) || byActivity(a, b);

/** Sorts in place and returns the array; relevance keeps the order it was given. */
export function sortThreads(threads: Thread[], sort: SortKey): Thread[] {
  if (sort === 'relevance') return threads;
  return threads.sort(sort === 'activity' ? byActivity : byCount(sort));
}
