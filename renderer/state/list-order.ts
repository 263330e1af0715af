import type { IdSequence } from '../../src/bridge/packed-ids';

/**
 * The thread ids the list currently shows, in order: what j/k and the arrow keys move through.
 * Kept outside zustand on purpose: it changes with every query result and nothing re-renders on it.
 */
let ids: IdSequence = [];
/** The (trimmed) query those ids answer; '' for a view's own list. */
let answers = '';

export function setListOrder(next: IdSequence, query = ''): void {
  ids = next;
  answers = query;
}

export function listOrder(): IdSequence {
  return ids;
}

/** The query the ids of `listOrder` answer ('' for a view's list). */
export function listQuery(): string {
  return answers;
}
