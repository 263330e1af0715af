import type { ImportSummary } from '../../src/bridge/data-api';
import type { RestoredCounts } from '../../src/user-data/merge-user-data';

const where = (w: { file: string; line: number | null }) => (w.line === null ? w.file : `${w.file}:${w.line}`);

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "Restored 1 note, 1 bookmark and 2 labels." — what a backup brought back, threads aside. */
export function restoredMessage(r: RestoredCounts): string {
  if (r.notes + r.bookmarks + r.labels === 0)
    return 'The notes, bookmarks and labels in the backup were all here already.';
  const parts = [count(r.notes, 'note'), count(r.bookmarks, 'bookmark'), count(r.labels, 'label')];
  return `Restored ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.`;
}

/**
 * The report's first line. An import that stopped before its end says so first, then what it had
 * stored by then (a streamed file's batches already written stay).
 */
export function reportHeadline(summary: ImportSummary): string {
  const { added, updated, unchanged, skipped } = summary.report;
  const counts = `${added} added, ${updated} updated, ${unchanged} unchanged, ${skipped} skipped`;
  if (summary.stopped) return `Import stopped before its end. Stored before it stopped: ${counts}.`;
  if (summary.cancelled) return `Import cancelled. Stored before it was cancelled: ${counts}.`;
  return `Imported: ${counts}.`;
}

export function ImportReport({ summary, onClose }: { summary: ImportSummary; onClose: () => void }) {
  return (
    <div className="import-report" role="status" aria-label="Import report">
      <p>
        {reportHeadline(summary)}
        {summary.restored && ` ${restoredMessage(summary.restored)}`}
      </p>
      {[...summary.failed, ...summary.warnings].length > 0 && (
        <ul>
          {[...summary.failed, ...summary.warnings].map((w, i) => (
            <li key={i}>
              {where(w)}: {w.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        Dismiss
      </button>
    </div>
  );
}
