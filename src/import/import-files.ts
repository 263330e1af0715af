/**
 * Imports several files into a store: each file on its own, so one broken file never stops the
 * others.
 *
 * By default a file's records are applied only once the whole file parsed, so a file lands whole
 * or not at all. With `batchSize`, records are applied in batches while the file is still being
 * read: memory then stays flat however large the listing, but a file that fails half-way (a read
 * error: the parsers themselves only warn) leaves its earlier batches in the store. A store that
 * must keep the all-or-nothing rule wraps each file in a transaction (`onFile`) and rolls it back
 * when the file fails.
 */
import { emptyReport, type ImportReport, type ImportWarning, type ThreadRecord } from '../model';
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

export interface ImportOptions extends ParseOptions {
  /** Apply records in batches of this many while reading (see above); whole files when unset. */
  batchSize?: number;
}

export async function importSources(
  store: ThreadStore,
  sources: Iterable<TextSource | ImportError>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { report: emptyReport(), warnings: [], failed: [] };
  for (const source of sources) {
    const report = emptyReport();
    const warnings: ImportWarning[] = [];
    try {
      if (source instanceof ImportError) throw source;
      if (options.batchSize !== undefined)
        await importStreaming(store, source, options, options.batchSize, report, warnings);
      else {
        const parsed = await parseToFile(source, options);
        warnings.push(...parsed.warnings);
        await applyRecords(store, parsed.records, report);
      }
      result.warnings.push(...warnings);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      result.failed.push({ file: error.file, line: error.line, message: error.reason });
      result.report.skipped++;
    } finally {
      // Whole-file imports that fail applied nothing; batched ones count what they applied.
      for (const key of ['added', 'updated', 'unchanged', 'skipped'] as const) result.report[key] += report[key];
    }
  }
  return result;
}

async function importStreaming(
  store: ThreadStore,
  source: TextSource,
  options: ParseOptions,
  batchSize: number,
  report: ImportReport,
  warnings: ImportWarning[],
): Promise<void> {
  let batch: ThreadRecord[] = [];
  const flush = async () => {
    const ready = batch;
    batch = [];
    await applyRecords(store, ready, report);
  };
  await parseSource(source, options, {
    record: (record) => {
      batch.push(record);
      return batch.length >= Math.max(1, batchSize) ? flush() : undefined;
    },
    warning: (w) => warnings.push(w),
  });
  await flush();
}
