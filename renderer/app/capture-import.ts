/**
 * Captures from the browser clipper: main parsed them; they are stored here through the same
 * import as files, and the clipper is told what changed for each thread.
 */
import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import type { CaptureAnswer } from '../../src/import/capture-format';
import { storeCapture } from '../../src/import/capture-store';
import { db } from '../db/database';
import { DexieThreadStore } from '../db/dexie-thread-store';
import { platform } from '../platform';
import { useUiStore } from '../state/ui-store';
import { importParsedFiles } from './import-flow';

/** An import is running: the capture is refused for now, and the clipper sends it again later. */
export class ImportBusyError extends Error {
  override name = 'ImportBusyError';
}

let chain: Promise<unknown> = Promise.resolve();

export function importCapture(file: ParsedFileResult): Promise<CaptureAnswer> {
  // One capture at a time: each reads the database before and after its write.
  const run = chain.then(() => store(file));
  chain = run.catch(() => undefined);
  return run;
}

async function store(file: ParsedFileResult): Promise<CaptureAnswer> {
  if (!file.ok) throw new Error(file.error.message);
  if (useUiStore.getState().importProgress)
    throw new ImportBusyError('ForumKB is importing files: the clipper will send this again in a moment');
  const parsed = { kind: 'capture', records: file.records, warnings: file.warnings };
  return storeCapture(new DexieThreadStore(db), parsed, async () => {
    const summary = await importParsedFiles([file], 'Saving the capture…');
    if (!summary) throw new ImportBusyError('ForumKB is importing files: the clipper will send this again');
    const failed = summary.failed[0];
    if (failed) throw new Error(failed.message);
  });
}

/** Stores what the clipper sends for as long as the window is open. */
export function listenForCaptures(): () => void {
  return platform.onCapture(importCapture);
}
