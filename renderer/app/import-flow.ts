/**
 * Every import, however the files arrive (the picker, a drop, main's dialog), goes the same way:
 * the files go to the data worker as bytes (a browser File is passed, not read), the worker parses,
 * merges, stores and indexes them, and reports progress here; Cancel stops it between batches.
 */
import * as Comlink from 'comlink';
import type { ImportProgress, ImportSummary, SourceFile } from '../../src/bridge/data-api';
import type { ImportReport } from '../../src/model';
import { dataApi, restartDataWorker, transferFiles } from '../data/data-client';
import { StalledError, watchForStall } from '../data/stall-watch';
import { platform } from '../platform';
import { useImportStore } from '../state/import-store';
import { useUiStore } from '../state/ui-store';

let nextImportId = 1;
const PROGRESS_INTERVAL_MS = 250;
/**
 * The data worker's time limit: an import that shows no sign of life for this long (no progress,
 * and none of the heartbeats a running import sends every 5 s) is stopped (the worker is ended and
 * started again), with a message naming the file, instead of a stuck worker. Only a task that
 * does not return is ended so: parsing costs about 0.3 s a MB of dense HTML, so a page of 100 MB
 * still fits, and a slow but alive import (indexing, a loaded machine) is never ended.
 */
export const IMPORT_STALL_MS = 60_000;
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Imports files already in hand; shows progress and the report. Null when another import runs. */
export async function importFiles(files: SourceFile[]): Promise<ImportSummary | null> {
  const ui = useUiStore.getState();
  if (ui.importProgress || files.length === 0) return null;
  const importId = nextImportId++;
  const cancel = () => void dataApi().cancelImport(importId);
  const reading = `Importing ${plural(files.length, 'file')}…`;
  ui.setImportProgress({ message: reading, cancel });
  // A few updates a second are enough for a bar; each one re-renders the window.
  let shownAt = 0;
  let watchdog: { alive(file?: string): void } | undefined;
  /** What the worker said is stored for good: the report if the import stops before its end. */
  let committed: ImportReport = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
  const onProgress = (p: ImportProgress) => {
    watchdog?.alive(p.file);
    committed = p.committed;
    const now = performance.now();
    if (now - shownAt < PROGRESS_INTERVAL_MS && p.done !== p.total) return;
    shownAt = now;
    const name = files.length > 1 ? ` (${p.fileIndex + 1} of ${files.length}: ${p.file})` : '';
    const message = p.indexing
      ? `Indexing threads${name}… ${p.done} saved so far`
      : p.total === null
        ? `Saving threads${name}… ${p.done} so far`
        : `Saving threads${name}…`;
    useUiStore
      .getState()
      .setImportProgress(p.total === null ? { message, cancel } : { message, done: p.done, total: p.total, cancel });
  };
  try {
    const names = files.map((f) => f.name);
    const work = dataApi().importFiles(importId, transferFiles(files), Comlink.proxy(onProgress));
    const watched = watchForStall(work, IMPORT_STALL_MS);
    watchdog = watched;
    watched.alive(names.length === 1 ? names[0] : undefined);
    const summary = await watched.result.catch((error: unknown) => {
      if (error instanceof StalledError) restartDataWorker();
      throw error;
    });
    useImportStore.getState().setLastImport(
      summary.cancelled
        ? {
            ...summary,
            warnings: [
              ...summary.warnings,
              {
                file: 'import',
                line: null,
                message: 'cancelled: what was being written was rolled back; what the report counts stays',
              },
            ],
          }
        : summary,
    );
    return summary;
  } catch (error) {
    // The import stopped before its end: what its batches stored stays, and the report says so.
    const reason = error instanceof StalledError ? error.message : `stopped: ${String(error)}`;
    useImportStore.getState().setLastImport({
      report: committed,
      warnings: [],
      failed: [
        { file: error instanceof StalledError ? (error.file ?? 'import') : 'import', line: null, message: reason },
      ],
      stopped: reason,
    });
    return null;
  } finally {
    useUiStore.getState().setImportProgress(null);
  }
}

/** The Import… button and menu command: the platform's file picker. */
export async function importPickedFiles(): Promise<ImportSummary | null> {
  if (useUiStore.getState().importProgress) return null;
  return importFiles(await platform.pickFiles());
}

/** Files dropped on the window: the same File objects on both platforms. */
export function importDroppedFiles(files: File[]): Promise<ImportSummary | null> {
  return importFiles(
    files.map((file) => ({
      name: file.name,
      data: file,
      capturedAt: null,
      modifiedAt: new Date(file.lastModified).toISOString(),
    })),
  );
}
