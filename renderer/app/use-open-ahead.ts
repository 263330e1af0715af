import { useEffect } from 'react';
import type { IdSequence } from '../../src/bridge/packed-ids';
import { dataApi } from '../data/data-client';
import { keepAhead } from './open-ahead-cache';

/**
 * How long the rows on screen stay put before they are read ahead: rows scrolled past, and the
 * lists of a query being typed (a key every 50–200 ms), ask for nothing.
 */
export const OPEN_AHEAD_DELAY_MS = 150;

/**
 * Has the data worker read the threads of rows `first`–`last` (those on screen) with their posts,
 * once they have stayed on screen a moment, and keeps them (open-ahead-cache.ts): a click on one
 * then shows it from memory.
 */
export function useOpenAhead(ids: IdSequence, first: number, last: number): void {
  useEffect(() => {
    const to = Math.min(last, ids.length - 1);
    const from = Math.max(0, first);
    if (to < from) return;
    const timer = setTimeout(() => {
      // Reading ahead is a convenience: a failure only means opening reads the thread then.
      dataApi()
        .openAhead(ids.slice(from, to + 1))
        .then(keepAhead)
        .catch(() => undefined);
    }, OPEN_AHEAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ids, first, last]);
}
