import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { applyRecords } from '../../src/import/thread-store';
import { emptyReport, type ImportReport, type ImportWarning } from '../../src/model';
import type { ForumDb } from './db';
import { DexieThreadStore } from './dexie-thread-store';

export interface ImportSummary {
  report: ImportReport;
  warnings: ImportWarning[];
  /** Files that could not be imported at all. */
  failed: ImportWarning[];
}

/**
 * Writes parsed files into the database, one transaction a file: a file lands whole or not at all,
 * and a failing file leaves the others and everything stored before untouched.
 */
export async function importIntoDb(db: ForumDb, files: ParsedFileResult[]): Promise<ImportSummary> {
  const summary: ImportSummary = { report: emptyReport(), warnings: [], failed: [] };
  const store = new DexieThreadStore(db);
  for (const file of files) {
    if (!file.ok) {
      summary.failed.push(file.error);
      summary.report.skipped++;
      continue;
    }
    const report = emptyReport();
    try {
      await db.transaction('rw', [db.threads, db.posts, db.bookmarks, db.notes, db.readState], () =>
        applyRecords(store, file.records, report),
      );
    } catch (error) {
      summary.failed.push({ file: file.file, line: null, message: `not imported: ${String(error)}` });
      summary.report.skipped++;
      continue;
    }
    for (const key of Object.keys(report) as (keyof ImportReport)[]) summary.report[key] += report[key];
    summary.warnings.push(...file.warnings);
  }
  return summary;
}
