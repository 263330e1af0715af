/**
 * Files into the database, in the data worker: bytes become text sources, the one import loop
 * (src/import/import-files.ts) parses and merges them, and every write is a Dexie transaction over
 * the content and user-data tables. Small files land whole or not at all; files larger than
 * STREAM_ABOVE_BYTES are read as a stream and written in batches, so memory stays flat.
 */
import type { ImportSummary, SourceFile } from '../../src/bridge/data-api';
import type { ImportReport } from '../../src/model';
import { importSources, ImportCancelledError, WriteYielded, type ImportProgress } from '../../src/import/import-files';
import type { Transaction } from 'dexie';
import { ImportError } from '../../src/import/import-error';
import type { TextSource } from '../../src/import/text-source';
import { stringSource } from '../../src/import/text-source';
import { streamSource, type StreamSource } from '../../src/import/stream-source';
import { portStream, type DomLikePort } from '../../src/bridge/port-stream';
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
import { blobSource } from '../platform/blob-source';
import { DexieThreadStore } from './dexie-thread-store';
import { WriteJournal } from './write-journal';
import { reportWholeTables } from './whole-table-changes';
import type { ForumDb } from './forum-db';

/** Above this a file is streamed in batches (each batch its own transaction) instead of whole. */
export const STREAM_ABOVE_BYTES = 16 * 1024 * 1024;
const BATCH_SIZE = 500;

export interface ImportIntoDbOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: { readonly aborted: boolean };
  /** Stream files larger than this many bytes (tests set it low). */
  streamAboveBytes?: number;
  /**
   * Told the ids written so far, every INDEX_EVERY threads while a large file streams in, so the
   * search index keeps up in pieces instead of reading every thread back at the end (and holds one
   * piece in memory at a time: pieces of 20k threads took the 200 MB import's renderer from
   * 700 MB to 1.3 GB and more).
   */
  onWritten?: (ids: string[]) => Promise<void>;
  /** How many threads make a piece for `onWritten` (tests set it low). */
  indexEvery?: number;
  /** Awaited before each write transaction opens (the data worker lets searches under way finish). */
  beforeWrite?: () => Promise<void>;
  /**
   * Told of each write transaction as it opens: the promise of its end (not of the indexing after
   * it), how many records it stores, and for a write the import can redo, `giveUp`: aborts it
   * (nothing of it stored) and the import writes its records again.
   */
  onWrite?: (committed: Promise<unknown>, records: number, giveUp?: () => void) => void;
  /** Records in the next write transaction at most (import-files.ts `writeSize`); the defaults when undefined. */
  writeSize?: () => number | undefined;
}

const INDEX_EVERY = 5_000;

export interface ImportOutcome {
  summary: ImportSummary;
  /**
   * Threads added, changed or removed (old ids of upgraded listing entries), for the search index:
   * those not already given to `onWritten`.
   */
  changedIds: string[];
}

const dateOrNull = (iso: string | null) => (iso ? new Date(iso) : null);

const isPort = (data: SourceFile['data']): data is MessagePort =>
  typeof MessagePort !== 'undefined' && data instanceof MessagePort;

function sourceOf(file: SourceFile): TextSource | ImportError {
  if (file.readError) return new ImportError(file.name, null, file.readError);
  const modifiedAt = dateOrNull(file.modifiedAt);
  if (typeof file.data === 'string') return stringSource(file.name, file.data, modifiedAt);
  // A file main streams: pulled a chunk at a time, never whole anywhere.
  if (isPort(file.data))
    return streamSource(file.name, portStream(file.data as unknown as DomLikePort), file.size ?? null, modifiedAt);
  const blob = file.data instanceof Blob ? file.data : new Blob([file.data as Uint8Array<ArrayBuffer>]);
  return blobSource(file.name, blob, modifiedAt);
}

const sizeOf = (file: SourceFile) =>
  typeof file.data === 'string'
    ? file.data.length
    : file.data instanceof Blob
      ? file.data.size
      : isPort(file.data)
        ? (file.size ?? Infinity)
        : file.data.byteLength;

/** Merges an archive's user data into what is stored, counting what it brought back: nothing the user wrote is dropped. */
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

/**
 * Imports the files, each on its own: a broken file is reported (file:line) and the others go in.
 * Files are grouped by capture-time rule so each keeps its own; cancelling stops between batches.
 */
export async function importIntoDb(
  db: ForumDb,
  files: SourceFile[],
  options: ImportIntoDbOptions = {},
): Promise<ImportOutcome> {
  const store = new DexieThreadStore(db);
  const summary: ImportSummary = {
    report: { added: 0, updated: 0, unchanged: 0, skipped: 0 },
    warnings: [],
    failed: [],
  };
  const streamAbove = options.streamAboveBytes ?? STREAM_ABOVE_BYTES;
  const tables = [db.threads, db.posts, db.bookmarks, db.notes, db.readState];
  let reported = 0;
  const written = async () => {
    if (!options.onWritten || store.touched.size - reported < (options.indexEvery ?? INDEX_EVERY)) return;
    const ids = [...store.touched].slice(reported);
    reported = store.touched.size;
    await options.onWritten(ids);
  };
  for (const [fileIndex, file] of files.entries()) {
    let restoring: RestoredCounts | undefined;
    const source = sourceOf(file);
    const streamed = sizeOf(file) > streamAbove;
    // A file read whole is written in short transactions too, undone together if it fails.
    const journal = streamed ? null : new WriteJournal(tables);
    try {
      const result = await importSources(store, [source], {
        capturedAt: dateOrNull(file.capturedAt),
        batchSize: streamed ? BATCH_SIZE : undefined,
        undoable: journal
          ? { begin: () => journal.start(), undo: () => journal.undo(db), end: () => journal.stop() }
          : undefined,
        signal: options.signal,
        writeSize: options.writeSize,
        onProgress: (p) =>
          options.onProgress?.({
            ...p,
            fileIndex,
            fileCount: files.length,
            committed: sumReports(summary.report, p.committed),
          }),
        // An async function: Dexie keeps its transaction across native awaits only inside one.
        write: async (work, records, yieldable) => {
          await options.beforeWrite?.();
          let transaction: Transaction | null = null;
          let givenUp = false;
          const committed = db.transaction('rw', tables, async (tx) => {
            transaction = tx;
            if (givenUp) throw new WriteYielded();
            journal?.track();
            store.beginWrites();
            await work();
            // Which threads it wrote: the threads read ahead and the search's record cache keep the rest.
            reportWholeTables({ writtenThreads: store.endWrites() });
          });
          const giveUp = () => {
            if (givenUp) return;
            givenUp = true;
            try {
              (transaction as Transaction | null)?.abort();
            } catch {
              // Already ending: it commits, and is kept.
            }
          };
          options.onWrite?.(committed, records, yieldable ? giveUp : undefined);
          try {
            await committed;
          } catch (error) {
            if (!givenUp) throw error;
            // Aborted, so rolled back: the journal forgets the rows it kept for this write.
            if (transaction) journal?.rolledBack(transaction);
            throw new WriteYielded();
          }
          // A file read whole is indexed once it is all in: a journal may still undo its writes.
          if (streamed) await written();
        },
        // Counted into a copy that is kept only if the file's write went through.
        restoreUserData: (data) => {
          // Notes and bookmarks of any thread: the write cannot say which threads it changed.
          store.writesUnknown();
          return restoreUserData(db, data, (restoring ??= noneRestored()));
        },
      });
      addResult(summary, result);
      if (restoring && result.failed.length === 0) addRestored((summary.restored ??= noneRestored()), restoring);
    } catch (error) {
      if (!(error instanceof ImportCancelledError)) throw error;
      addResult(summary, error.result);
      summary.cancelled = true;
      break;
    } finally {
      // A stream the import did not read to its end (refused, broken, cancelled): main closes the file.
      if (source instanceof Object && 'close' in source) await (source as StreamSource).close();
    }
  }
  return { summary, changedIds: [...store.touched].slice(reported) };
}

function addRestored(into: RestoredCounts, counts: RestoredCounts): void {
  into.notes += counts.notes;
  into.bookmarks += counts.bookmarks;
  into.labels += counts.labels;
}

function sumReports(a: ImportReport, b: ImportReport): ImportReport {
  return {
    added: a.added + b.added,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    skipped: a.skipped + b.skipped,
  };
}

function addResult(into: ImportSummary, result: Omit<ImportSummary, 'cancelled'>): void {
  for (const key of ['added', 'updated', 'unchanged', 'skipped'] as const) into.report[key] += result.report[key];
  into.warnings.push(...result.warnings);
  into.failed.push(...result.failed);
}
