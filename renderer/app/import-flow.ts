import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { db } from '../db/database';
import { ImportCancelledError, importIntoDb, type ImportSummary } from '../db/import-into-db';
import { parseDroppedFiles } from '../platform/drop';
import { platform } from '../platform';
import { useUiStore } from '../state/ui-store';
import { useImportStore } from '../state/import-store';
import { syncSearch } from '../search/search-instance';

/** Parses (however the files arrive), writes to the database, and shows progress and the report. */
async function runImport(parse: () => Promise<ParsedFileResult[]>, reading: string): Promise<ImportSummary | null> {
  const ui = useUiStore.getState();
  if (ui.importProgress) return null; // one import at a time
  ui.setImportProgress({ message: reading });
  try {
    const files = await parse();
    if (files.length === 0) return null;
    const threads = files.reduce((n, f) => n + (f.ok ? f.records.length : 0), 0);
    const message = `Saving ${threads} thread${threads === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'}…`;
    const controller = new AbortController();
    const cancel = () => controller.abort();
    // Files already written stay; their threads count towards the bar.
    const sizes = files.map((f) => (f.ok ? f.records.length : 0));
    const before = (fileIndex: number) => sizes.slice(0, fileIndex).reduce((n, k) => n + k, 0);
    ui.setImportProgress({ message, done: 0, total: threads, cancel });
    const summary = await importIntoDb(db, files, {
      signal: controller.signal,
      onProgress: (p) =>
        useUiStore
          .getState()
          .setImportProgress({ message, done: before(p.fileIndex) + p.done, total: threads, cancel }),
    });
    useImportStore.getState().setLastImport(summary);
    void syncSearch(summary.changedIds);
    return summary;
  } catch (error) {
    if (error instanceof ImportCancelledError) {
      const { summary } = error;
      void syncSearch(summary.changedIds);
      useImportStore.getState().setLastImport({
        ...summary,
        warnings: [
          ...summary.warnings,
          { file: 'import', line: null, message: 'cancelled: the file being written was rolled back' },
        ],
      });
      return summary;
    }
    useImportStore.getState().setLastImport({
      report: { added: 0, updated: 0, unchanged: 0, skipped: 0 },
      warnings: [],
      failed: [{ file: 'import', line: null, message: String(error) }],
    });
    return null;
  } finally {
    ui.setImportProgress(null);
  }
}

/** The Import… button and menu command: the platform's file picker. */
export function importPickedFiles(): Promise<ImportSummary | null> {
  return runImport(() => platform.pickAndParseFiles(), 'Importing…');
}

/** Files dropped on the window. */
export function importDroppedFiles(files: File[]): Promise<ImportSummary | null> {
  return runImport(() => parseDroppedFiles(files), `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`);
}

/** Files parsed elsewhere (the browser clipper's captures, parsed by main). */
export function importParsedFiles(files: ParsedFileResult[], reading: string): Promise<ImportSummary | null> {
  return runImport(() => Promise.resolve(files), reading);
}
