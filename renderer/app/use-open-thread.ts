import { useEffect, useMemo, useState } from 'react';
import type { OpenThread } from '../../src/bridge/data-api';
import { useWatch } from '../data/data-client';
import { aheadOf, type AheadCopy } from './open-ahead-cache';

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
  // A copy read ahead is shown at once, taken when the thread is selected and kept for it; the
  // worker sends the thread only when it differs from that copy (`shown`).
  const [ahead, setAhead] = useState<{ threadId: string | null; copy: AheadCopy | undefined }>({
    threadId: null,
    copy: undefined,
  });
  let copy = ahead.copy;
  if (ahead.threadId !== threadId) {
    copy = threadId ? aheadOf(threadId) : undefined;
    setAhead({ threadId, copy });
  }
  const open = useWatch(threadId ? { kind: 'thread', id: threadId, shown: copy?.generation ?? null } : null);
  const answer = open ?? copy?.thread;
  const current = useMemo(
    () => (answer && threadId ? { threadId, ...answer, noteIdSet: new Set(answer.noteIds), stale: false } : undefined),
    [answer, threadId],
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
