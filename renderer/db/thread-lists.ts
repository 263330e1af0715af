/**
 * The thread list as the data worker computes it: the ids of a view, narrowed to tags, in the
 * list's sort. Only ids leave the worker; the UI asks for the rows it shows.
 */
import type { ListQuery, SortKey, View } from '../../src/bridge/data-api';
import type { Thread } from '../../src/model';
import type { ForumDb } from './forum-db';
import { sortThreads } from './sort-threads';

/** More rows than the tallest window shows: sent with every list so the first screen paints at once. */
export const FIRST_SCREEN = 80;

const SORT_INDEX: Record<Exclude<SortKey, 'relevance'>, string> = {
  activity: 'activity.date',
  views: 'views',
  replies: 'replies',
  boosts: 'boosts',
};

const listSort = (sort: SortKey): Exclude<SortKey, 'relevance'> => (sort === 'relevance' ? 'activity' : sort);

const hasAllTags = (t: Thread, tags: readonly string[]) =>
  tags.every((tag) => t.tags.includes(tag) || t.inferredTags.includes(tag));

async function threadsByIds(db: ForumDb, ids: string[]): Promise<Thread[]> {
  const found = await db.threads.bulkGet([...new Set(ids)]);
  return found.filter((t): t is Thread => t !== undefined);
}

async function threadsOfView(db: ForumDb, view: View): Promise<Thread[]> {
  switch (view.kind) {
    case 'all':
      return db.threads.toArray();
    case 'resources':
      // isResource is a boolean, which IndexedDB cannot index; one getAll and a filter beats a cursor.
      return (await db.threads.toArray()).filter((t) => t.isResource);
    case 'bookmarks': {
      const marks = view.label
        ? await db.bookmarks.where('labels').equals(view.label).toArray()
        : await db.bookmarks.toArray();
      return threadsByIds(
        db,
        marks.map((b) => b.threadId),
      );
    }
    case 'notes':
      return threadsByIds(
        db,
        (await db.notes.toArray()).map((n) => n.threadId),
      );
  }
}

/** Every thread of the list, sorted (the whole list is read, so it runs here, off the UI thread). */
export async function listThreads(db: ForumDb, query: ListQuery): Promise<Thread[]> {
  const threads = await threadsOfView(db, query.view);
  const narrowed = query.tags.length > 0 ? threads.filter((t) => hasAllTags(t, query.tags)) : threads;
  return sortThreads(narrowed, listSort(query.sort));
}

/**
 * The first screenful of all threads, read from the sort's own index: with 100k threads this
 * answers in milliseconds while the whole list (about a second to read) is still loading.
 */
export async function firstScreen(db: ForumDb, sort: SortKey): Promise<Thread[]> {
  const page = await db.threads.orderBy(SORT_INDEX[listSort(sort)]).reverse().limit(FIRST_SCREEN).toArray();
  return sortThreads(page, listSort(sort));
}
