import type { ImportProgress } from '../state/ui-store';

/** A thin bar under the toolbar: indeterminate while files are read, then threads written of all. */
export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { message, done, total, cancel } = progress;
  const known = done !== undefined && total !== undefined && total > 0;
  return (
    <div className="import-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={message}
        aria-busy="true"
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div
          className={known ? 'progress-bar progress-bar-known' : 'progress-bar'}
          style={known ? { width: `${(100 * done) / total}%` } : undefined}
        />
      </div>
      <span className="import-progress-text">
        {message}
        {known && ` ${done} of ${total}`}
      </span>
      {cancel && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
