import type { ParsedFileResult } from './forumkb-api';
import { ImportError } from '../import/import-error';
import { parseToFile, type ParseOptions } from '../import/parse-source';
import type { TextSource } from '../import/text-source';

/** Parses each source on its own: a broken file becomes an error result, never a thrown error. */
export async function parseSources(sources: TextSource[], options: ParseOptions = {}): Promise<ParsedFileResult[]> {
  const results: ParsedFileResult[] = [];
  for (const source of sources) {
    try {
      const parsed = await parseToFile(source, options);
      results.push({ ok: true, ...parsed });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      results.push({
        ok: false,
        file: error.file,
        error: { file: error.file, line: error.line, message: error.reason },
      });
    }
  }
  return results;
}
