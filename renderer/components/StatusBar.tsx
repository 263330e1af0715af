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
  const persisted = health.persisted === null ? '' : health.persisted ? 'persistent' : 'not persistent';
  return (
    <footer className="status-bar">
      <span>{threads === undefined ? '' : `${threads} threads`}</span>
      <span
        className="status-storage"
        title={
          'Database size and the quota this browser allows ForumKB.' +
          (health.persisted === false
            ? ' Not persistent: the browser did not promise to keep the data and may clear it when the disk is nearly full. Export your notes now and then.'
            : '')
        }
      >
        {storage}
        {persisted && ` · ${persisted}`}
      </span>
      <span className="status-message" role="status" aria-live="polite">
        {progress ? progress.message : (toast ?? '')}
      </span>
    </footer>
  );
}
