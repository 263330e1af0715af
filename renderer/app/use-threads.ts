import { useLiveQuery } from 'dexie-react-hooks';
import type { Thread } from '../../src/model';
import { db } from '../db/database';
import type { View } from '../state/ui-store';

function byActivity(a: Thread, b: Thread): number {
  return (b.activity.date ?? '').localeCompare(a.activity.date ?? '') || (b.views ?? 0) - (a.views ?? 0);
}

/** Threads of the current view, newest activity first; undefined while loading. */
export function useThreads(view: View): Thread[] | undefined {
  return useLiveQuery(async () => {
    const threads =
      view.kind === 'tag'
        ? await db.threads.where('tags').equals(view.tag).or('inferredTags').equals(view.tag).distinct().toArray()
        : await db.threads.toArray();
    const visible = view.kind === 'resources' ? threads.filter((t) => t.isResource) : threads;
    return visible.sort(byActivity);
  }, [view.kind, view.kind === 'tag' ? view.tag : '']);
}

/** Thread counts per tag, explicit and inferred together. */
export function useTagCounts(): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.threads.each((t) => {
      for (const tag of new Set([...t.tags, ...t.inferredTags])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    });
    return counts;
  });
}
