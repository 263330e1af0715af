/**
 * The threads of the rows on screen, read ahead by the data worker and kept here, on the UI
 * thread: a click shows its thread in the click's own render, without a round trip to the worker
 * (which may be busy: a search, a batch of an import). The worker's live answer replaces the copy
 * as soon as the thread changes, and at once if the copy is from an older read-ahead generation
 * than the worker's (a write came in between).
 */
import type { OpenThread, ReadAhead } from '../../src/bridge/data-api';
import { keepNewest } from '../../src/keep-newest';

/** Threads kept at most (a few screens' worth): the oldest go first. */
const KEEP = 60;

export interface AheadCopy {
  thread: OpenThread;
  generation: number;
}

const kept = new Map<string, AheadCopy>();
let latest = -1;

/** Keeps what the worker read ahead; a newer generation drops every older copy. */
export function keepAhead({ generation, threads }: ReadAhead): void {
  if (generation < latest) return;
  if (generation > latest) {
    kept.clear();
    latest = generation;
  }
  for (const thread of threads) {
    if (!thread.thread) continue;
    kept.delete(thread.thread.id);
    kept.set(thread.thread.id, { thread, generation });
  }
  keepNewest(kept, KEEP);
}

/** The copy of this thread read ahead, if there is one. */
export function aheadOf(id: string): AheadCopy | undefined {
  return kept.get(id);
}

/** Forgets every copy (tests; a database replaced). */
export function clearAhead(): void {
  kept.clear();
  latest = -1;
}
