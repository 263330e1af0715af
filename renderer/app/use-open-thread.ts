import type { OpenThread } from '../../src/bridge/data-api';
import { useWatch } from '../data/data-client';

/** The thread and its posts, live; only this thread is read. Undefined while loading. */
export function useOpenThread(threadId: string | null): OpenThread | undefined {
  return useWatch(threadId ? { kind: 'thread', id: threadId } : null);
}
