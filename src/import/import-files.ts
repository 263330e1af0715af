/**
 * Imports several files into a store: each file on its own, so one broken file never stops the
 * others, and each file's records are applied only once the whole file parsed.
 */
import { emptyReport, type ImportReport, type ImportWarning } from '../model';
import { ImportError } from './import-error';
import { parseToFile, type ParseOptions } from './parse-source';
import type { TextSource } from './text-source';
import { applyRecords, type ThreadStore } from './thread-store';

export interface ImportResult {
  report: ImportReport;
  warnings: ImportWarning[];
  /** Files that could not be imported at all. */
  failed: ImportWarning[];
}

export async function importSources(
  store: ThreadStore,
  sources: Iterable<TextSource | ImportError>,
  options: ParseOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { report: emptyReport(), warnings: [], failed: [] };
  for (const source of sources) {
    try {
      if (source instanceof ImportError) throw source;
      const parsed = await parseToFile(source, options);
      result.warnings.push(...parsed.warnings);
      await applyRecords(store, parsed.records, result.report);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      result.failed.push({ file: error.file, line: error.line, message: error.reason });
      result.report.skipped++;
    }
  }
  return result;
}
