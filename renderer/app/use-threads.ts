import { useLiveQuery } from 'dexie-react-hooks';
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
      return db.threads.filter((t) => t.isResource).toArray();
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

/** Threads of the current view narrowed to all the picked tags, sorted; undefined while loading. */
export function useThreads(view: View, tags: readonly string[], sort: SortKey): Thread[] | undefined {
  const tagKey = tags.join('\u0000');
  const viewKey = JSON.stringify(view);
  return useLiveQuery(async () => {
    const threads = await threadsOfView(view);
    const narrowed = tags.length > 0 ? threads.filter((t) => hasAllTags(t, tags)) : threads;
    return sortThreads(narrowed, sort === 'relevance' ? 'activity' : sort);
  }, [viewKey, tagKey, sort]);
}

export interface TagCount {
  tag: string;
  count: number;
  /** Threads where the forum itself gave the tag (the rest had it inferred by ForumKB). */
  explicit: number;
}

/**
 * Thread counts per tag, telling the forum's own tags from inferred ones. Reads only the two tag
 * indexes (keys and primary keys), never the thread objects: cheap even with 100k threads.
 */
export function useTagCounts(): TagCount[] | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, TagCount>();
    const entry = (tag: string) => {
      let c = counts.get(tag);
      if (!c) counts.set(tag, (c = { tag, count: 0, explicit: 0 }));
      return c;
    };
    const explicitPairs = new Set<string>();
    await db.threads.orderBy('tags').eachKey((key, cursor) => {
      const tag = String(key);
      explicitPairs.add(`${tag}\u0000${String(cursor.primaryKey)}`);
      const c = entry(tag);
      c.count++;
      c.explicit++;
    });
    await db.threads.orderBy('inferredTags').eachKey((key, cursor) => {
      const tag = String(key);
      // A thread with the tag both ways counts once.
      if (!explicitPairs.has(`${tag}\u0000${String(cursor.primaryKey)}`)) entry(tag).count++;
    });
    return [...counts.values()];
  });
}
