import { useEffect, useReducer, useState } from 'react';
import type { Thread } from '../../src/model';
import { dataApi } from '../data/data-client';
import type { IdSequence } from '../../src/bridge/packed-ids';
import { keepNewest } from '../../src/keep-newest';

/** Rows kept on the UI thread: a few screens' worth, never the whole list. */
const MAX_CACHED = 3_000;

export interface RowSource {
  /** The list's ids in order. */
  ids: IdSequence;
  /** Rows the worker sent along (the first screenful). */
  rows: readonly Thread[];
}

/** Rows by id, each with the list answer it was read for; oldest dropped first. */
class RowCache {
  private readonly rows = new Map<string, { thread: Thread; source: RowSource }>();
  private seeded: RowSource | undefined;

  get(id: string): Thread | undefined {
    return this.rows.get(id)?.thread;
  }

  /** The worker's first screenful is the freshest there is: taken at once, once per answer. */
  seed(source: RowSource): void {
    if (this.seeded === source) return;
    this.seeded = source;
    this.store(source, source.rows);
  }

  /** Ids in the range not read for this answer yet (shown meanwhile as they were). */
  stale(source: RowSource, first: number, last: number): string[] {
    return source.ids.slice(Math.max(0, first), last + 1).filter((id) => this.rows.get(id)?.source !== source);
  }

  store(source: RowSource, threads: readonly (Thread | null)[], ids?: readonly string[]): void {
    threads.forEach((thread, i) => {
      const id = ids?.[i] ?? thread?.id;
      if (id === undefined) return;
      this.rows.delete(id); // re-inserted last: Map keeps insertion order
      if (thread) this.rows.set(id, { thread, source });
    });
    keepNewest(this.rows, MAX_CACHED);
  }
}

/**
 * The rows of a list for the range on screen, read from the data worker as they scroll into view.
 * When the list changes (an import, an edit), rows already shown stay until their new version
 * arrives, so nothing flickers; a row never read yet is undefined for a frame.
 */
export function useRows(
  source: RowSource | undefined,
  first: number,
  last: number,
): (id: string) => Thread | undefined {
  const [cache] = useState(() => new RowCache());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  if (source) cache.seed(source);

  useEffect(() => {
    if (!source || last < first) return;
    const wanted = cache.stale(source, first, last);
    if (wanted.length === 0) return;
    let live = true;
    void dataApi()
      .rows(wanted)
      .then((rows) => {
        cache.store(source, rows, wanted);
        if (live) rerender();
      });
    return () => {
      live = false;
    };
  }, [cache, source, first, last]);

  return (id: string) => cache.get(id);
}
