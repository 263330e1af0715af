import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import { threadHash, threadIdFromLink } from '../../src/bridge/forumkb-link';

/**
 * `#/thread/<id>` opens that thread, and selecting a thread updates the hash (replaceState: moving
 * through the list with j/k should not fill the history). This is how forumkb:// links land.
 */
export function useHashRoute(ready: boolean): void {
  const selected = useUiStore((s) => s.selectedThreadId);

  useEffect(() => {
    if (!ready) return;
    const apply = () => {
      const id = threadIdFromLink(window.location.hash);
      if (id && id !== useUiStore.getState().selectedThreadId) useUiStore.getState().selectThread(id);
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, [ready]);

  useEffect(() => {
    if (!ready) return;
    const hash = selected ? threadHash(selected) : '';
    if (window.location.hash === hash || (!hash && !window.location.hash)) return;
    history.replaceState(null, '', hash || window.location.pathname + window.location.search);
  }, [ready, selected]);
}
