import { useLiveQuery } from 'dexie-react-hooks';
import type { Bookmark, Note } from '../../src/model';
import { db } from '../db/database';
import { labelCounts } from '../db/user-data';

/** Ids of threads opened at least once. */
export function useReadIds(): Set<string> | undefined {
  return useLiveQuery(async () => new Set(await db.readState.toCollection().primaryKeys()));
}

/** Every bookmark by its target (thread or post) id. */
export function useBookmarks(): Map<string, Bookmark> | undefined {
  return useLiveQuery(async () => new Map((await db.bookmarks.toArray()).map((b) => [b.targetId, b])));
}

/** Every note, newest edit first. */
export function useNotes(): Note[] | undefined {
  return useLiveQuery(() => db.notes.orderBy('updatedAt').reverse().toArray());
}

export function useLabelCounts(): Map<string, number> | undefined {
  return useLiveQuery(() => labelCounts(db));
}
