import { useState } from 'react';
import { formatBytes, useStorageHealth } from '../app/use-storage-health';
import { useThreadCount } from '../app/use-thread-count';
import { useUiStore } from '../state/ui-store';

/** The quiet line at the bottom: thread count, storage use and whether it is persistent, confirmations. */
export function StatusBar() {
  const toast = useUiStore((s) => s.toast);
  const progress = useUiStore((s) => s.importProgress);
  const threads = useThreadCount();
  const health = useStorageHealth(threads);
  const storage =
    health.usage !== null && health.quota !== null
      ? `${formatBytes(health.usage)} of ${formatBytes(health.quota)} used`
      : 'storage size unknown';
  // What the user's own request for persistent storage came back with, once they asked.
  const [asked, setAsked] = useState<boolean | null>(null);
  const persisted = asked ?? health.persisted;
  const askToKeep = () => {
    void navigator.storage
      .persist()
      .then(setAsked)
      .catch(() => setAsked(false));
  };
  return (
    <footer className="status-bar">
      <span>{threads === undefined ? '' : `${threads} threads`}</span>
      <span
        className="status-storage"
        title="Database size and the quota this browser allows ForumKB. Persistent storage is kept even when the disk runs low; otherwise the browser may clear it to make room."
      >
        {storage}
        {persisted === true && ' · kept safe (persistent storage)'}
        {persisted === false && (
          <>
            {asked === false
              ? ' · the browser declined to promise to keep this data: export your notes and back up now and then'
              : ' · not persistent: the browser may clear this data when the disk runs low'}
            {asked === null && typeof navigator.storage?.persist === 'function' && (
              <button type="button" className="storage-ask" onClick={askToKeep}>
                Ask to keep it
              </button>
            )}
          </>
        )}
      </span>
      <span className="status-message" role="status" aria-live="polite">
        {progress ? progress.message : (toast ?? '')}
      </span>
    </footer>
  );
}
