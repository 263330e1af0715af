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

let selectFirstPending = false;

/** Asks the list to select its first row once the next results arrive (Enter in the search box). */
export function selectFirstWhenListed(): void {
  selectFirstPending = true;
}

/** Consumed by the list when its rows change. */
export function takeSelectFirstRequest(): boolean {
  const pending = selectFirstPending;
  selectFirstPending = false;
  return pending;
}
