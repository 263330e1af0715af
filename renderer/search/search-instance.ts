/**
 * The app's one search worker, started when the database is ready so the index loads in the
 * background before the first keystroke, and told about every import.
 */
import { create } from 'zustand';
import { createSearchClient, type SearchClient } from './search-client';

let client: SearchClient | null = null;

export function searchClient(): SearchClient {
  client ??= createSearchClient();
  return client;
}

/** Bumped whenever the index changed, so open searches run again and show the new threads. */
export const useIndexVersion = create<{ version: number; bump(): void }>((set) => ({
  version: 0,
  bump: () => set((s) => ({ version: s.version + 1 })),
}));

/** Re-indexes the threads an import touched; resolves when they are searchable. */
export async function syncSearch(threadIds: readonly string[] | undefined): Promise<void> {
  if (!threadIds || threadIds.length === 0) return;
  await searchClient().sync([...threadIds]);
  useIndexVersion.getState().bump();
}
