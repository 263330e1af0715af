import { useMemo } from 'react';
import type { Bookmark, Note } from '../../src/model';
import { useWatch } from '../data/data-client';

/** Ids of threads opened at least once. */
export function useReadIds(): Set<string> | undefined {
  const ids = useWatch({ kind: 'readIds' });
  return useMemo(() => ids && new Set(ids), [ids]);
}

/** Every bookmark by its target (thread or post) id. */
export function useBookmarks(): Map<string, Bookmark> | undefined {
  const bookmarks = useWatch({ kind: 'bookmarks' });
  return useMemo(() => bookmarks && new Map(bookmarks.map((b) => [b.targetId, b])), [bookmarks]);
}

/** Every note, newest edit first. */
export function useNotes(): Note[] | undefined {
  return useWatch({ kind: 'notes' });
}

export function useLabelCounts(): Map<string, number> | undefined {
  const counts = useWatch({ kind: 'labelCounts' });
  return useMemo(() => counts && new Map(counts), [counts]);
}

/** The note on a thread or post, null when there is none; undefined while loading. */
export function useNote(targetId: string): Note | null | undefined {
  return useWatch({ kind: 'note', targetId });
}
