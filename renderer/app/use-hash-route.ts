import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import { threadHash, threadIdFromLink } from '../../src/bridge/forumkb-link';

/**
 * The address follows the selection this long after it last changed, in an idle moment:
 * `history.replaceState` costs milliseconds, so moving through the list with j/k (or opening a
 * thread) never waits for it.
 */
export const HASH_DELAY_MS = 200;

/**
 * `#/thread/<id>` opens that thread, and selecting a thread updates the hash (replaceState: moving
 * through the list with j/k should not fill the history). This is how forumkb:// links land. It
 * subscribes to the store outside React: a selection re-renders nothing here.
 */
export function useHashRoute(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const apply = () => {
      const id = threadIdFromLink(window.location.hash);
      if (id && id !== useUiStore.getState().selectedThreadId) useUiStore.getState().selectThread(id);
    };
    apply();
    window.addEventListener('hashchange', apply);

    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = () => {
      const selected = useUiStore.getState().selectedThreadId;
      const hash = selected ? threadHash(selected) : '';
      if (window.location.hash === hash || (!hash && !window.location.hash)) return;
      history.replaceState(null, '', hash || window.location.pathname + window.location.search);
    };
    let idle: number | undefined;
    // After the pause, when the thread has nothing else to do (the next thread opening first).
    const later = () => {
      idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(follow, { timeout: 1000 }) : undefined;
      if (idle === undefined) follow();
    };
    const unsubscribe = useUiStore.subscribe((s, before) => {
      if (s.selectedThreadId === before.selectedThreadId) return;
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
      timer = setTimeout(later, HASH_DELAY_MS);
    });
    return () => {
      window.removeEventListener('hashchange', apply);
      unsubscribe();
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [ready]);
}
