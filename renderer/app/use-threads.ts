import { useLiveQuery } from 'dexie-react-hooks';
import { create } from 'zustand';
import { useEffect } from 'react';
import type { Thread } from '../../src/model';
import { db } from '../db/database';
import type { SortKey, View } from '../state/ui-store';
import { sortThreads } from './sort-threads';

const hasAllTags = (t: Thread, tags: readonly string[]) =>
  tags.every((tag) => t.tags.includes(tag) || t.inferredTags.includes(tag));

async function threadsOfView(view: View): Promise<Thread[]> {
  switch (view.kind) {
    case 'all':
      return db.threads.toArray();
    case 'resources':
      // isResource is a boolean, which IndexedDB cannot index; one getAll and a JS filter beats a cursor.
      return (await db.threads.toArray()).filter((t) => t.isResource);
    case 'bookmarks': {
      const marks = view.label
        ? await db.bookmarks.where('labels').equals(view.label).toArray()
        : await db.bookmarks.toArray();
      return threadsByIds(marks.map((b) => b.threadId));
    }
    case 'notes':
      return threadsByIds((await db.notes.toArray()).map((n) => n.threadId));
  }
}

async function threadsByIds(ids: string[]): Promise<Thread[]> {
  const found = await db.threads.bulkGet([...new Set(ids)]);
  return found.filter((t): t is Thread => t !== undefined);
}

const SORT_INDEX: Record<Exclude<SortKey, 'relevance'>, string> = {
  activity: 'activity.date',
  views: 'views',
  replies: 'replies',
  boosts: 'boosts',
};
/** More rows than the tallest window shows. */
const FIRST_PAGE = 80;

/**
 * The first screenful of all threads, read from the sort's own index: with 100k threads this
 * paints in a few milliseconds while the whole list (about a second to read) is still loading.
 */
function useFirstPage(enabled: boolean, sort: SortKey): Thread[] | undefined {
  return useLiveQuery(async () => {
    if (!enabled) return undefined;
    const key = SORT_INDEX[sort === 'relevance' ? 'activity' : sort];
    const page = await db.threads.orderBy(key).reverse().limit(FIRST_PAGE).toArray();
    return sortThreads(page, sort === 'relevance' ? 'activity' : sort);
  }, [enabled, sort]);
}

/**
 * Set once the list has shown its first rows. IndexedDB answers one connection's reads in turn,
 * so the big reads (every thread, the tag counts) wait for it rather than hold up the first paint.
 */
export const useFirstPaint = create<{ done: boolean; markDone(): void }>((set) => ({
  done: false,
  markDone: () => set({ done: true }),
}));

/** Runs `fn` once the list has painted (at once if it has). */
export function afterFirstPaint(fn: () => void): void {
  if (useFirstPaint.getState().done) return fn();
  const unsubscribe = useFirstPaint.subscribe((s) => {
    if (!s.done) return;
    unsubscribe();
    fn();
  });
}

/** Threads of the current view narrowed to all the picked tags, sorted; undefined while loading. */
export function useThreads(view: View, tags: readonly string[], sort: SortKey): Thread[] | undefined {
  const tagKey = tags.join('\u0000');
  const viewKey = JSON.stringify(view);
  const unfiltered = view.kind === 'all' && tags.length === 0;
  const painted = useFirstPaint((s) => s.done);
  const firstPage = useFirstPage(unfiltered && !painted, sort);
  const loadAll = painted || !unfiltered;
  const all = useLiveQuery(async () => {
    if (!loadAll) return undefined;
    const threads = await threadsOfView(view);
    const narrowed = tags.length > 0 ? threads.filter((t) => hasAllTags(t, tags)) : threads;
    return sortThreads(narrowed, sort === 'relevance' ? 'activity' : sort);
  }, [viewKey, tagKey, sort, loadAll]);
  useEffect(() => {
    // An empty first page paints at once too (a new database): nothing to wait for.
    if (!painted && (firstPage !== undefined || all !== undefined)) {
      requestAnimationFrame(() => useFirstPaint.getState().markDone());
    }
  }, [painted, firstPage, all]);
  return all ?? firstPage;
}

export interface TagCount {
  tag: string;
  count: number;
  /** Threads where the forum itself gave the tag (the rest had it inferred by ForumKB). */
  explicit: number;
}

/**
 * Thread counts per tag, telling the forum's own tags from inferred ones. Reads only the two tag
 * indexes — their distinct keys, then each tag's primary keys (getAllKeys) — never the thread
 * objects and never a cursor step per entry: cheap even with 100k threads.
 */
export function useTagCounts(): TagCount[] | undefined {
  const painted = useFirstPaint((s) => s.done);
  return useLiveQuery(async () => {
    if (!painted) return undefined;
    const tags = new Set([
      ...(await db.threads.orderBy('tags').uniqueKeys()),
      ...(await db.threads.orderBy('inferredTags').uniqueKeys()),
    ] as string[]);
    return Promise.all(
      [...tags].map(async (tag): Promise<TagCount> => {
        const [explicit, inferred] = await Promise.all([
          db.threads.where('tags').equals(tag).primaryKeys(),
          db.threads.where('inferredTags').equals(tag).primaryKeys(),
        ]);
        // A thread with the tag both ways counts once.
        return { tag, count: new Set([...explicit, ...inferred]).size, explicit: explicit.length };
      }),
    );
  }, [painted]);
}
