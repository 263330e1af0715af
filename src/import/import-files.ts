/**
 * The one import loop: the CLI runs it over a memory store, the app's data worker over Dexie.
 * Each file on its own, so one broken file never stops the others.
 *
 * By default a file's records are applied only once the whole file parsed, in one `write`, so a
 * file lands whole or not at all (a store that is a database wraps `write` in a transaction, and a
 * failed or cancelled write rolls back). With `batchSize`, records are applied in batches while the
 * file is still being read, one `write` a batch: memory stays flat however large the listing, but a
 * file that fails or is cancelled half-way keeps the batches already written (the report counts
 * them).
 */
import { emptyReport, type ImportReport, type ImportWarning, type ThreadRecord } from '../model';
import type { UserData } from '../user-data/merge-user-data';
import { ImportError } from './import-error';
import { parseSource, parseToFile, type ParseOptions } from './parse-source';
import type { TextSource } from './text-source';
import { applyRecords, type ThreadStore } from './thread-store';

export interface ImportResult {
  report: ImportReport;
  warnings: ImportWarning[];
  /** Files that could not be imported at all. */
  failed: ImportWarning[];
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Threads applied from this file so far. */
  done: number;
  /** Threads in this file, when known (whole-file mode); null while streaming. */
  total: number | null;
  /**
   * What this import has stored for good so far (every file's writes that went through, a
   * streamed file's batches included): what stays if the import stops now.
   */
  committed: ImportReport;
  /** Set while the search index takes in what was written (no thread is read meanwhile). */
  indexing?: boolean;
}

export interface ImportOptions extends ParseOptions {
  /** Apply records in batches of this many while reading (see above); whole files when unset. */
  batchSize?: number;
  /** Checked between batches: once aborted, the import stops with ImportCancelledError. */
  signal?: { readonly aborted: boolean };
  onProgress?(progress: ImportProgress): void;
  /**
   * Runs one write (a whole file, or one batch) of `records` records (0: the user data alone): a
   * database wraps it in a transaction. A write marked `yieldable` may be given up for a read
   * that would wait for it (a search typed): it then rejects with WriteYielded, nothing of it
   * stored, and the import writes the same records again.
   */
  write?(work: () => Promise<void>, records: number, yieldable?: boolean): Promise<void>;
  /** An archive's bookmarks, notes and read state, restored inside the file's last write. */
  restoreUserData?(data: UserData): Promise<void>;
  /**
   * Whole-file mode in short writes (SHORT_WRITE records each) instead of one: the store keeps
   * what each write replaced from `begin` to `end`, and `undo` puts it back when the file fails or
   * is cancelled half-way, so the file still lands whole or not at all, while reads (a search) run
   * between its writes instead of waiting for the whole file.
   */
  undoable?: { begin(): void; undo(): Promise<void>; end(): void };
  /**
   * Records per write at most, asked before each write of a whole file in short writes (SHORT_WRITE
   * when unset, undefined or more) and of a streamed batch (split into writes of this many; the
   * whole batch when unset, undefined or more).
   * A read of the threads (a search, an opened thread) waits for the write under way, so the app
   * writes fewer at a time while the user is searching, and more (faster overall) otherwise.
   */
  writeSize?(): number | undefined;
}

/** How often (in threads) whole-file mode reports progress and checks for cancellation. */
const PROGRESS_EVERY = 200;
/**
 * Threads per short write of a whole file (each its own transaction, undone together): the
 * worker's task that merges and writes them is what a search or an opened thread waits behind.
 */
const SHORT_WRITE = 50;

/** The import was cancelled; `result` is what was imported before (and counts nothing rolled back). */
export class ImportCancelledError extends Error {
  constructor(readonly result: ImportResult) {
    super('import cancelled');
  }
}

/**
 * A write given up before its end for a read that would have waited for it (a search typed while
 * an import writes): nothing of it was stored, and its records are written again.
 */
export class WriteYielded extends Error {
  constructor() {
    super('write given up for a read');
  }
}

const runDirectly = (work: () => Promise<void>) => work();

/**
 * One write of `records` into `into`'s counts (counted apart, so a write given up counts
 * nothing); false when it was given up (WriteYielded), to be written again.
 */
async function writeRecords(
  write: NonNullable<ImportOptions['write']>,
  store: ThreadStore,
  records: ThreadRecord[],
  into: ImportReport,
): Promise<boolean> {
  const counts = emptyReport();
  try {
    await write(() => applyRecords(store, records, counts), records.length, true);
  } catch (error) {
    if (error instanceof WriteYielded) return false;
    throw error;
  }
  addReport(into, counts);
  return true;
}

/** Records in the next write: what `writeSize` says (at least one) up to `otherwise`, else `otherwise`. */
function writeSizeOf(options: FileOptions, otherwise: number): number {
  const size = options.writeSize?.();
  return size === undefined ? Math.max(1, otherwise) : Math.max(1, Math.min(otherwise, Math.floor(size) || 1));
}

/** The options a file is imported with: progress reported with the file's stored counts so far. */
type FileOptions = Omit<ImportOptions, 'onProgress'> & {
  reportProgress?: (progress: Omit<ImportProgress, 'committed'>, fileCommitted: ImportReport) => void;
};

export async function importSources(
  store: ThreadStore,
  sources: Iterable<TextSource | ImportError>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { report: emptyReport(), warnings: [], failed: [] };
  const list = [...sources];
  for (const [fileIndex, source] of list.entries()) {
    if (options.signal?.aborted) throw new ImportCancelledError(result);
    const report = emptyReport();
    const warnings: ImportWarning[] = [];
    const position = { fileIndex, fileCount: list.length };
    const progress = options.onProgress;
    // Each event carries what is stored so far: the files before, and this file's written batches.
    const onProgress =
      progress &&
      ((p: Omit<ImportProgress, 'committed'>, fileCommitted: ImportReport) => {
        const committed = emptyReport();
        addReport(committed, result.report);
        addReport(committed, fileCommitted);
        progress({ ...p, committed });
      });
    const fileOptions = { ...options, onProgress: undefined, reportProgress: onProgress };
    try {
      if (source instanceof ImportError) throw source;
      if (options.batchSize !== undefined)
        await importStreaming(store, source, fileOptions, position, report, warnings);
      else await importWhole(store, source, fileOptions, position, report, warnings);
      result.warnings.push(...warnings);
    } catch (error) {
      if (error instanceof ImportCancelledError) {
        addReport(result.report, report);
        throw new ImportCancelledError(result);
      }
      const failure =
        error instanceof ImportError
          ? { file: error.file, line: error.line, message: error.reason }
          : // A store that failed to write (a full disk, a closed database): this file only.
            { file: sourceName(source), line: null, message: `not imported: ${String(error)}` };
      result.failed.push(failure);
      result.report.skipped++;
    }
    addReport(result.report, report);
  }
  return result;
}

const sourceName = (source: TextSource | ImportError) => (source instanceof ImportError ? source.file : source.name);

function addReport(into: ImportReport, report: ImportReport): void {
  for (const key of ['added', 'updated', 'unchanged', 'skipped'] as const) into[key] += report[key];
}

async function importWhole(
  store: ThreadStore,
  source: TextSource,
  options: FileOptions,
  position: { fileIndex: number; fileCount: number },
  report: ImportReport,
  warnings: ImportWarning[],
): Promise<void> {
  const parsed = await parseToFile(source, options);
  const write = options.write ?? runDirectly;
  const total = parsed.records.length;
  // Counted apart and added only once the write went through: a rolled-back file added nothing.
  const pending = emptyReport();
  if (options.undoable) {
    await writeInSteps(store, source, options, options.undoable, position, parsed, report, pending);
    addReport(report, pending);
    warnings.push(...parsed.warnings);
    return;
  }
  await write(async () => {
    for (let start = 0; start < total || start === 0; start += PROGRESS_EVERY) {
      if (options.signal?.aborted) throw new ImportCancelledError({ report, warnings, failed: [] });
      await applyRecords(store, parsed.records.slice(start, start + PROGRESS_EVERY), pending);
      // Nothing of a whole file is stored before its one write went through.
      options.reportProgress?.(
        { file: source.name, ...position, done: Math.min(total, start + PROGRESS_EVERY), total },
        report,
      );
      if (total === 0) break;
    }
    if (parsed.userData) await options.restoreUserData?.(parsed.userData);
  }, total);
  addReport(report, pending);
  warnings.push(...parsed.warnings);
}

/** A whole file in short writes, undone if it fails or is cancelled before its last one. */
async function writeInSteps(
  store: ThreadStore,
  source: TextSource,
  options: FileOptions,
  journal: NonNullable<ImportOptions['undoable']>,
  position: { fileIndex: number; fileCount: number },
  parsed: Awaited<ReturnType<typeof parseToFile>>,
  report: ImportReport,
  pending: ImportReport,
): Promise<void> {
  const write = options.write ?? runDirectly;
  const total = parsed.records.length;
  journal.begin();
  try {
    for (let start = 0; start < total;) {
      if (options.signal?.aborted) throw new ImportCancelledError({ report, warnings: [], failed: [] });
      const end = start + writeSizeOf(options, SHORT_WRITE);
      const records = parsed.records.slice(start, end);
      // Given up for a search: the same records again, in a write sized anew (a short one now).
      if (!(await writeRecords(write, store, records, pending))) continue;
      start = end;
      // Written for now: what stays if the worker is ended before the file's end can undo it.
      const written = emptyReport();
      addReport(written, report);
      addReport(written, pending);
      options.reportProgress?.({ file: source.name, ...position, done: Math.min(total, start), total }, written);
    }
    const { userData } = parsed;
    const restore = options.restoreUserData;
    if (userData && restore) await write(() => restore(userData), 0);
  } catch (error) {
    await journal.undo();
    throw error;
  } finally {
    journal.end();
  }
}

async function importStreaming(
  store: ThreadStore,
  source: TextSource,
  options: FileOptions,
  position: { fileIndex: number; fileCount: number },
  report: ImportReport,
  warnings: ImportWarning[],
): Promise<void> {
  const write = options.write ?? runDirectly;
  const batchSize = Math.max(1, options.batchSize ?? 1);
  let batch: ThreadRecord[] = [];
  let done = 0;
  let userData: UserData | undefined;
  // A cancellation or a failed write inside the parser's callback must come out as itself, not as
  // the read error the parser makes of anything its callbacks throw.
  let stopped: unknown = null;
  const flush = async () => {
    try {
      const ready = batch;
      batch = [];
      // A file's entries a multiple of the batch's size: nothing left for a last write.
      if (ready.length === 0) return;
      // The batch in one write, or in writes of `writeSize` each (every one kept once written).
      let start = 0;
      do {
        if (options.signal?.aborted) throw new ImportCancelledError({ report, warnings, failed: [] });
        const end = start + writeSizeOf(options, ready.length);
        const records = start === 0 && end >= ready.length ? ready : ready.slice(start, end);
        // Given up for a search: the same records again, in a write sized anew (a short one now).
        if (!(await writeRecords(write, store, records, report))) continue;
        done += records.length;
        options.reportProgress?.({ file: source.name, ...position, done, total: null }, report);
        start = end;
      } while (start < ready.length);
    } catch (error) {
      stopped = error;
      throw error;
    }
  };
  await parseAll(
    () =>
      parseSource(source, options, {
        record: (record) => {
          batch.push(record);
          return batch.length >= batchSize ? flush() : undefined;
        },
        warning: (w) => warnings.push(w),
        userData: (data) => {
          userData = data;
        },
      }),
    () => stopped,
  );
  await flush();
  const restore = options.restoreUserData;
  if (userData && restore) await write(() => restore(userData!), 0);
}

async function parseAll(parse: () => Promise<unknown>, stopped: () => unknown): Promise<void> {
  try {
    await parse();
  } catch (error) {
    throw stopped() ?? error;
  }
}
