/**
 * What the thread list needs of every thread to filter and sort it, and nothing else: ids, the
 * activity date, the counts, the tags and the resource flag, in columns. Read a page of threads at
 * a time (each page a short task in the data worker, so searches run between them), then kept
 * until the threads change: the list of all threads in any sort, tag or resource view comes from
 * these in memory instead of reading and cloning every thread again (at 100k threads that read
 * was seconds of the worker's time, on every start and every time a search was cleared).
 */
import type { ListQuery, SortKey } from '../../src/bridge/data-api';
import { compareText } from '../../src/compare-text';
import type { Thread } from '../../src/model';
import type { ForumDb } from './forum-db';

export interface ThreadColumns {
  /** In primary-key order, as a whole-table read returns them (the sorts are stable over it). */
  readonly ids: readonly string[];
  /** `activity.date`, '' when unknown (compareText sorts null as ''). */
  readonly dates: readonly string[];
  /** Counts, NaN when unknown. */
  readonly views: Float64Array;
  readonly replies: Float64Array;
  readonly boosts: Float64Array;
  /** The forum's and the inferred tags of each thread; equal sets share one array. */
  readonly tags: readonly (readonly string[])[];
  readonly isResource: Uint8Array;
}

/** Threads read per transaction: a page is a few tens of milliseconds of cloning at most. */
const PAGE = 2_000;

/** Every thread's list columns, read a page at a time in primary-key order. */
export async function readThreadColumns(db: ForumDb, pageSize = PAGE): Promise<ThreadColumns> {
  const ids: string[] = [];
  const dates: string[] = [];
  const views: number[] = [];
  const replies: number[] = [];
  const boosts: number[] = [];
  const tags: (readonly string[])[] = [];
  const isResource: number[] = [];
  // Strings and tag sets shared, so a copy per thread is not kept for each.
  const tagSets = new Map<string, readonly string[]>();
  const strings = new Map<string, string>();
  const intern = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const tagsOf = (t: Thread) => {
    const all = t.inferredTags.length === 0 ? t.tags : [...t.tags, ...t.inferredTags];
    const key = all.join('\u0000');
    let set = tagSets.get(key);
    if (!set) tagSets.set(key, (set = all.map(intern)));
    return set;
  };
  const count = (n: number | null) => (n === null || n === undefined ? NaN : n);
  let after: string | null = null;
  for (;;) {
    const page: Thread[] = await (after === null ? db.threads.orderBy(':id') : db.threads.where(':id').above(after))
      .limit(pageSize)
      .toArray();
    if (page.length === 0) break;
    for (const t of page) {
      ids.push(t.id);
      dates.push(t.activity?.date ?? '');
      views.push(count(t.views));
      replies.push(count(t.replies));
      boosts.push(count(t.boosts));
      tags.push(tagsOf(t));
      isResource.push(t.isResource ? 1 : 0);
    }
    after = page.at(-1)!.id;
    if (page.length < pageSize) break;
  }
  return {
    ids,
    dates,
    views: Float64Array.from(views),
    replies: Float64Array.from(replies),
    boosts: Float64Array.from(boosts),
    tags,
    isResource: Uint8Array.from(isResource),
  };
}

type CountKey = 'views' | 'replies' | 'boosts';

/**
 * The order of `sortThreads` (renderer/db/sort-threads.ts) over the columns: latest activity
 * first, then most views (unknown as 0); by a count, most first (unknown as -1), then by activity.
 * Stable, over primary-key order, as a sort of a whole-table read is.
 */
function comparator(c: ThreadColumns, sort: Exclude<SortKey, 'relevance'>): (a: number, b: number) => number {
  const or = (x: number, unknown: number) => (Number.isNaN(x) ? unknown : x);
  const byActivity = (a: number, b: number) =>
    compareText(c.dates[b]!, c.dates[a]!) || or(c.views[b]!, 0) - or(c.views[a]!, 0);
  if (sort === 'activity') return byActivity;
  const counts = c[sort as CountKey];
  return (a, b) => or(counts[b]!, -1) - or(counts[a]!, -1) || byActivity(a, b);
}

/** The ids of the list of all threads (or of resources), narrowed to tags, in the list's sort. */
export function listIdsFromColumns(c: ThreadColumns, query: ListQuery): string[] {
  const { view, tags, sort } = query;
  if (view.kind !== 'all' && view.kind !== 'resources') throw new Error(`columns do not hold the ${view.kind} view`);
  const rows: number[] = [];
  for (let i = 0; i < c.ids.length; i++) {
    if (view.kind === 'resources' && c.isResource[i] === 0) continue;
    if (tags.length > 0 && !tags.every((tag) => c.tags[i]!.includes(tag))) continue;
    rows.push(i);
  }
  rows.sort(comparator(c, sort === 'relevance' ? 'activity' : sort));
  return rows.map((i) => c.ids[i]!);
}
