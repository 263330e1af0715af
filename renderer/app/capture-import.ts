/**
 * Captures from the browser clipper: main parsed them; the data worker merges and stores them like
 * any imported file, and the clipper is told what changed for each thread.
 */
import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import type { CaptureAnswer } from '../../src/import/capture-format';
import { dataApi } from '../data/data-client';
import { platform } from '../platform';
import { useImportStore } from '../state/import-store';
import { useUiStore } from '../state/ui-store';

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
  const { answer, summary } = await dataApi().storeCapture({
    file: file.file,
    kind: 'capture',
    records: file.records,
    warnings: file.warnings,
  });
  useImportStore.getState().setLastImport(summary);
  return answer;
}

/** Stores what the clipper sends for as long as the window is open. */
export function listenForCaptures(): () => void {
  return platform.onCapture(importCapture);
}
