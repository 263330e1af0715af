import { useEffect, useMemo, useState } from 'react';
import type { OpenThread } from '../../src/bridge/data-api';
import { useWatch } from '../data/data-client';

/**
 * How long the thread shown before stays while the next one is read (normally a few
 * milliseconds): no "Loading…" in between, so the reader is laid out once. Past this, it says
 * it is loading rather than show the wrong thread.
 */
export const KEEP_SHOWN_MS = 300;

export interface ShownThread extends OpenThread {
  threadId: string;
  noteIdSet: ReadonlySet<string>;
  /** True while this is the thread shown before, kept until the selected one arrives. */
  stale: boolean;
}

/**
 * The selected thread with its posts, live (only this thread is read); while the next selection
 * is on its way, the thread shown before. Undefined while nothing can be shown.
 */
export function useOpenThread(threadId: string | null): ShownThread | undefined {
  const open = useWatch(threadId ? { kind: 'thread', id: threadId } : null);
  const current = useMemo(
    () => (open && threadId ? { threadId, ...open, noteIdSet: new Set(open.noteIds), stale: false } : undefined),
    [open, threadId],
  );
  // The last answer shown, kept across a change of selection (React's "previous render" pattern).
  const [last, setLast] = useState<ShownThread | undefined>(undefined);
  if (current && current !== last) setLast(current);
  const [waited, setWaited] = useState<string | null>(null);
  useEffect(() => {
    if (current || !threadId) return;
    const timer = setTimeout(() => setWaited(threadId), KEEP_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [current, threadId]);
  if (!threadId) return undefined;
  if (current) return current;
  return last && waited !== threadId ? { ...last, stale: true } : undefined;
}
