import { useEffect, useEffectEvent } from 'react';

/**
 * Calls `flush` when the window is hidden or closed, and when the component goes away (the thread
 * changed, the pane closed): an edit still waiting for its autosave is stored, never dropped.
 */
export function useFlushOnLeave(flush: () => void): void {
  const onLeave = useEffectEvent(flush);
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onLeave();
    };
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      document.removeEventListener('visibilitychange', onVisibility);
      onLeave();
    };
  }, []);
}
