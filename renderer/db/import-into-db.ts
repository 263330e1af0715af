import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { applyRecords } from '../../src/import/thread-store';
import { emptyReport, type ImportReport, type ImportWarning } from '../../src/model';
import {
  countRestoredBookmark,
  countRestoredNote,
  mergeBookmark,
  mergeNote,
  mergeReadState,
  noneRestored,
  type RestoredCounts,
  type UserData,
} from '../../src/user-data/merge-user-data';
import type { ForumDb } from './db';
import { DexieThreadStore } from './dexie-thread-store';

export interface ImportSummary {
  report: ImportReport;
  /** Threads added, changed or removed (old ids of upgraded listing entries): for the search index. */
  changedIds?: string[];
  warnings: ImportWarning[];
  /** Files that could not be imported at all. */
  failed: ImportWarning[];
  /** What backups in the import brought back (absent when no file had user data). */
  restored?: RestoredCounts;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Threads done in this file, and how many it has. */
  done: number;
  total: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels the import: the file being written is rolled back, files already written stay. */
  signal?: AbortSignal;
}

/** How often (in threads) progress is reported, and cancellation checked, inside a file. */
const PROGRESS_EVERY = 200;

export class ImportCancelledError extends Error {
  constructor(readonly summary: ImportSummary) {
    super('import cancelled');
  }
}

/**
 * Writes parsed files into the database, one transaction a file: a file lands whole or not at all,
 * and a failing or cancelled file leaves the others and everything stored before untouched.
 */
export async function importIntoDb(
  db: ForumDb,
  files: ParsedFileResult[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { report: emptyReport(), warnings: [], failed: [] };
  const store = new DexieThreadStore(db);
  const { onProgress, signal } = options;
  for (const [fileIndex, file] of files.entries()) {
    if (signal?.aborted) {
      summary.changedIds = [...store.touched];
      throw new ImportCancelledError(summary);
    }
    if (!file.ok) {
      summary.failed.push(file.error);
      summary.report.skipped++;
      continue;
    }
    const report = emptyReport();
    try {
      await db.transaction('rw', [db.threads, db.posts, db.bookmarks, db.notes, db.readState], async () => {
        const total = file.records.length;
        for (let start = 0; start < total; start += PROGRESS_EVERY) {
          // Throwing inside the transaction aborts it: nothing of this file is written.
          if (signal?.aborted) throw new ImportCancelledError(summary);
          await applyRecords(store, file.records.slice(start, start + PROGRESS_EVERY), report);
          onProgress?.({
            file: file.file,
            fileIndex,
            fileCount: files.length,
            done: Math.min(total, start + PROGRESS_EVERY),
            total,
          });
        }
        if (file.userData) await restoreUserData(db, file.userData, (summary.restored ??= noneRestored()));
      });
    } catch (error) {
      // A rolled-back file changed nothing, but the ids it touched are harmless to re-read.
      summary.changedIds = [...store.touched];
      if (error instanceof ImportCancelledError) throw error;
      summary.failed.push({ file: file.file, line: null, message: `not imported: ${String(error)}` });
      summary.report.skipped++;
      continue;
    }
    for (const key of Object.keys(report) as (keyof ImportReport)[]) summary.report[key] += report[key];
    summary.warnings.push(...file.warnings);
  }
  summary.changedIds = [...store.touched];
  return summary;
}

/** Merges an archive's user data into what is stored: nothing the user wrote is dropped. */
async function restoreUserData(db: ForumDb, data: UserData, counts: RestoredCounts): Promise<void> {
  for (const bookmark of data.bookmarks) {
    const existing = await db.bookmarks.get(bookmark.targetId);
    const merged = mergeBookmark(existing, bookmark);
    countRestoredBookmark(counts, existing, merged);
    await db.bookmarks.put(merged);
  }
  for (const note of data.notes) {
    const existing = await db.notes.get(note.targetId);
    const merged = mergeNote(existing, note);
    countRestoredNote(counts, existing, merged);
    await db.notes.put(merged);
  }
  for (const read of data.readState)
    await db.readState.put(mergeReadState(await db.readState.get(read.threadId), read));
}
