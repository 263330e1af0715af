/**
 * The thread ids the list currently shows, in order: what j/k and the arrow keys move through.
 * Kept outside zustand on purpose: it changes with every query result and nothing re-renders on it.
 */
let ids: readonly string[] = [];

export function setListOrder(next: readonly string[]): void {
  ids = next;
}

export function listOrder(): readonly string[] {
  return ids;
}
