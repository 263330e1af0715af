/**
 * What the thread list needs of every thread to filter and sort it, and nothing else: ids, the
 * activity date, the counts, the tags and the resource flag, in columns. Read a page of threads at
 * a time (each page a short task in the data worker, so searches run between them), then kept
 * until the threads change: the list of all threads in any sort, tag or resource view comes from
 * these in memory instead of reading and cloning every thread again (at 100k threads that read
 * was seconds of the worker's time, on every start and every time a search was cleared).
 */
import type { ListQuery, SortKey, TagCount } from '../../src/bridge/data-api';
import { compareText } from '../../src/compare-text';
import type { Thread } from '../../src/model';
import { sortSteps } from '../../src/search/slices';
import type { ForumDb } from './forum-db';

export interface ThreadColumns {
  /** In primary-key order, as a whole-table read returns them (the sorts are stable over it). */
  readonly ids: readonly string[];
  /** `activity.date`, '' when unknown (compareText sorts null as ''). */
  readonly dates: readonly string[];
  /**
   * The dates as numbers (unknown as -Infinity) when every known date has one ISO form and length
   * (`2024-03-05T10:00:00.000Z`), in which the order of the strings is the order of the numbers:
   * a million threads sort in about half the time. Null otherwise: the strings are compared.
   */
  readonly dateKeys: Float64Array | null;
  /** Counts, NaN when unknown. */
  readonly views: Float64Array;
  readonly replies: Float64Array;
  readonly boosts: Float64Array;
  /** The forum's tags of each thread, and the inferred ones; equal lists share one array. */
  readonly tags: readonly (readonly string[])[];
  readonly inferredTags: readonly (readonly string[])[];
  readonly isResource: Uint8Array;
}

/**
 * Threads read per transaction: a search waits for one page's read at most, and the worker's task
 * that takes in a page (cloning it) is that long. With pages of 2,000 that task was the data
 * worker's longest during the UI bench's 10k import at 100k threads (54.8 ms); with 1,000, 21.8.
 */
const PAGE = 1_000;
/** Lets the worker's queued messages (a search, a thread opened) run before the next page is asked for. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A UTC instant as `toISOString` writes it (or without the milliseconds). */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;

/**
 * Every thread's list columns, read a page at a time in primary-key order. `beforePage` is awaited
 * before each page but the first (the data worker lets the searches under way read first: a read
 * waits behind every transaction opened before it).
 */
export async function readThreadColumns(
  db: ForumDb,
  pageSize = PAGE,
  beforePage?: () => Promise<void>,
): Promise<ThreadColumns> {
  const ids: string[] = [];
  const dates: string[] = [];
  const dateKeys: number[] = [];
  /** The length every known date has, while all are of one ISO form; -1 once one is not. */
  let isoLength = 0;
  const views: number[] = [];
  const replies: number[] = [];
  const boosts: number[] = [];
  const tags: (readonly string[])[] = [];
  const inferredTags: (readonly string[])[] = [];
  const isResource: number[] = [];
  // Strings and tag lists shared, so a copy per thread is not kept for each.
  const tagLists = new Map<string, readonly string[]>();
  const strings = new Map<string, string>();
  const intern = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const shared = (list: readonly string[]) => {
    const key = list.join('\u0000');
    let found = tagLists.get(key);
    if (!found) tagLists.set(key, (found = list.map(intern)));
    return found;
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
      const date = t.activity?.date ?? '';
      dates.push(date);
      if (isoLength >= 0) {
        if (date === '') dateKeys.push(-Infinity);
        else if ((isoLength === 0 || date.length === isoLength) && ISO_INSTANT.test(date)) {
          isoLength = date.length;
          dateKeys.push(Date.parse(date));
        } else isoLength = -1;
      }
      views.push(count(t.views));
      replies.push(count(t.replies));
      boosts.push(count(t.boosts));
      tags.push(shared(t.tags));
      inferredTags.push(shared(t.inferredTags));
      isResource.push(t.isResource ? 1 : 0);
    }
    after = page.at(-1)!.id;
    if (page.length < pageSize) break;
    await nextTask();
    await beforePage?.();
  }
  return {
    ids,
    dates,
    dateKeys: isoLength >= 0 ? Float64Array.from(dateKeys) : null,
    views: Float64Array.from(views),
    replies: Float64Array.from(replies),
    boosts: Float64Array.from(boosts),
    tags,
    inferredTags,
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
  // Unknowns replaced once, not tested in each of the 20 million comparisons of a million threads.
  const known = (values: Float64Array, unknown: number) => values.map((x) => (Number.isNaN(x) ? unknown : x));
  const views = known(c.views, 0);
  const keys = c.dateKeys;
  // Two unknown dates give NaN (-Infinity less itself), which falls through to the views as 0 does.
  const byActivity = keys
    ? (a: number, b: number) => keys[b]! - keys[a]! || views[b]! - views[a]!
    : (a: number, b: number) => compareText(c.dates[b]!, c.dates[a]!) || views[b]! - views[a]!;
  if (sort === 'activity') return byActivity;
  const counts = known(c[sort as CountKey], -1);
  return (a, b) => counts[b]! - counts[a]! || byActivity(a, b);
}

/** Rows filtered, ids made, per step of `listIdsSteps`. */
const ROWS_PER_STEP = 4_096;

/**
 * The ids of the list of all threads (or of resources), narrowed to tags, in the list's sort, a
 * step at a time (run in slices: sorting 100k threads in one go was a task of ~200 ms in the data
 * worker each time an import changed the threads, a search typed meanwhile waiting behind it).
 */
export function* listIdsSteps(c: ThreadColumns, query: ListQuery): Generator<void, string[]> {
  const { view, tags, sort } = query;
  if (view.kind !== 'all' && view.kind !== 'resources') throw new Error(`columns do not hold the ${view.kind} view`);
  const rows: number[] = [];
  for (let i = 0; i < c.ids.length; i++) {
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    if (view.kind === 'resources' && c.isResource[i] === 0) continue;
    if (tags.length > 0 && !tags.every((tag) => c.tags[i]!.includes(tag) || c.inferredTags[i]!.includes(tag))) continue;
    rows.push(i);
  }
  const order = Uint32Array.from(rows);
  // A stable merge sort that yields every few thousand comparisons.
  yield* sortSteps(order, comparator(c, sort === 'relevance' ? 'activity' : sort));
  const ids: string[] = [];
  for (let k = 0; k < order.length; k++) {
    if (k % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    ids.push(c.ids[order[k]!]!);
  }
  return ids;
}

/**
 * Thread counts per tag, as `tagCounts` (thread-lists.ts) reads them from the two tag indexes: a
 * thread with a tag both ways counts once; the forum's tags first, then the inferred-only ones,
 * each in key order. A step of threads at a time (run in slices: 100k threads took ~25 ms in one go).
 */
export function* tagCountsSteps(c: ThreadColumns): Generator<void, TagCount[]> {
  const counts = new Map<string, { count: number; explicit: number }>();
  const entry = (tag: string) => counts.get(tag) ?? counts.set(tag, { count: 0, explicit: 0 }).get(tag)!;
  for (let i = 0; i < c.ids.length; i++) {
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const explicit = c.tags[i]!;
    // A tag listed twice in one thread counts once, as in a multi-entry index.
    for (const tag of new Set(explicit)) {
      const e = entry(tag);
      e.count++;
      e.explicit++;
    }
    for (const tag of new Set(c.inferredTags[i])) if (!explicit.includes(tag)) entry(tag).count++;
  }
  const explicitTags = [...counts].filter(([, e]) => e.explicit > 0).map(([tag]) => tag);
  const inferredOnly = [...counts].filter(([, e]) => e.explicit === 0).map(([tag]) => tag);
  return [...explicitTags.sort(compareText), ...inferredOnly.sort(compareText)].map((tag) => ({
    tag,
    ...counts.get(tag)!,
  }));
}
