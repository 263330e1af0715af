import type { ImportSummary } from '../db/import-into-db';

const where = (w: { file: string; line: number | null }) => (w.line === null ? w.file : `${w.file}:${w.line}`);

export function ImportReport({ summary, onClose }: { summary: ImportSummary; onClose: () => void }) {
  const { added, updated, unchanged, skipped } = summary.report;
  return (
    <div className="import-report" role="status" aria-label="Import report">
      <p>
        Imported: {added} added, {updated} updated, {unchanged} unchanged, {skipped} skipped.
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
