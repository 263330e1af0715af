import type { IdSequence } from '../../src/bridge/packed-ids';

/**
 * The thread ids the list currently shows, in order: what j/k and the arrow keys move through.
 * Kept outside zustand on purpose: it changes with every query result and nothing re-renders on it.
 */
let ids: IdSequence = [];

export function setListOrder(next: IdSequence): void {
  ids = next;
}

export function listOrder(): IdSequence {
  return ids;
}
