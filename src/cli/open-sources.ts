import { ImportError } from '../import/import-error';
import type { TextSource } from '../import/text-source';
import { fileSource } from '../node/file-source';

/** Opens each path; a file that cannot be opened becomes its ImportError, so the others still go in. */
export function openSources(paths: string[]): Promise<(TextSource | ImportError)[]> {
  return Promise.all(
    paths.map((p) => fileSource(p, p).catch((e: unknown) => (e instanceof ImportError ? e : Promise.reject(e)))),
  );
}
