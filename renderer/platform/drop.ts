import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { parseInWorker } from './parse-in-worker';

/**
 * Files dropped on the window, parsed in a Web Worker. The same on both platforms: a sandboxed
 * Electron page can read the File objects it was given, so no path crosses the bridge.
 */
export function parseDroppedFiles(files: File[]): Promise<ParsedFileResult[]> {
  if (files.length === 0) return Promise.resolve([]);
  return parseInWorker(files.map((f) => ({ name: f.name, blob: f, capturedAt: null })));
}
