import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { ListState, SortKey, TagCount, View } from '../../src/bridge/data-api';
import { useWatch } from '../data/data-client';
import { IdList } from '../../src/bridge/packed-ids';

export type { TagCount };

/**
 * Set once the list has shown its first rows. The worker answers in turn, so the big reads (the
 * tag counts) wait for it rather than hold up the first paint.
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

/** A list as the UI holds it: its ids read from the packed form as rows ask for them. */
export type ShownList = Omit<ListState, 'ids'> & { ids: IdList };

/**
 * The list of the current view narrowed to all the picked tags, sorted, from the data worker: every
 * id in order and the first screenful of rows (the rest are read as they scroll into view).
 * Undefined while loading; `complete` is false while only the first screen is known.
 */
export function useThreadList(view: View, tags: readonly string[], sort: SortKey): ShownList | undefined {
  // Relevance orders search results only: the list underneath stays in activity order, and the
  // worker is not asked to read it again when a first key switches the sort.
  const listSort = sort === 'relevance' ? 'activity' : sort;
  const answer = useWatch({ kind: 'list', query: { view, tags: [...tags], sort: listSort } });
  const list = useMemo(() => (answer ? { ...answer, ids: new IdList(answer.ids) } : undefined), [answer]);
  const painted = useFirstPaint((s) => s.done);
  useEffect(() => {
    // An empty first page paints at once too (a new database): nothing to wait for.
    if (!painted && list !== undefined) requestAnimationFrame(() => useFirstPaint.getState().markDone());
  }, [painted, list]);
  return list;
}

/** Thread counts per tag, telling the forum's own tags from inferred ones. */
export function useTagCounts(): TagCount[] | undefined {
  const painted = useFirstPaint((s) => s.done);
  return useWatch(painted ? { kind: 'tagCounts' } : null);
}
