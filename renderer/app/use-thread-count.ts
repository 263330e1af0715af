import { liveQuery } from 'dexie';
import { useEffect } from 'react';
import { create } from 'zustand';
import { db } from '../db/database';

/**
 * How many threads the database holds. Several parts of the window show it; one subscription
 * serves them all, so each change to the threads table is counted once, not once per component.
 */
const useCount = create<{ count: number | undefined }>(() => ({ count: undefined }));
let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  liveQuery(() => db.threads.count()).subscribe({
    next: (count) => useCount.setState({ count }),
    error: () => {
      subscribed = false; // the database failed; App explains that, and a later mount retries
    },
  });
}

export function useThreadCount(): number | undefined {
  useEffect(subscribe, []);
  return useCount((s) => s.count);
}
