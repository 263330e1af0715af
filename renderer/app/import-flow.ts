import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { db } from '../db/database';
import { importIntoDb, type ImportSummary } from '../db/import-into-db';
import { parseDroppedFiles } from '../platform/drop';
import { platform } from '../platform';
import { useUiStore } from '../state/ui-store';
import { useImportStore } from '../state/import-store';

/** Parses (however the files arrive), writes to the database, and shows progress and the report. */
async function runImport(parse: () => Promise<ParsedFileResult[]>, reading: string): Promise<ImportSummary | null> {
  const ui = useUiStore.getState();
  if (ui.importProgress) return null; // one import at a time
  ui.setImportProgress({ message: reading });
  try {
    const files = await parse();
    if (files.length === 0) return null;
    const threads = files.reduce((n, f) => n + (f.ok ? f.records.length : 0), 0);
    ui.setImportProgress({
      message: `Saving ${threads} thread${threads === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'}…`,
    });
    const summary = await importIntoDb(db, files);
    useImportStore.getState().setLastImport(summary);
    return summary;
  } catch (error) {
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
