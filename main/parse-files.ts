import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ParsedFileResult } from '../src/bridge/forumkb-api';

export interface ParseJob {
  files: { path: string; capturedAt: string | null }[];
}

export interface ParseLimits {
  /** The whole job's time: past it the worker is ended and the import fails saying so. */
  timeoutMs: number;
  /** The worker's heap: past it V8 ends the worker (ERR_WORKER_OUT_OF_MEMORY), not the app. */
  resourceLimits: ResourceLimits;
}

/** Far above what the largest real scrape needs (a 200 MB listing streams in well under a minute). */
export const PARSE_LIMITS: ParseLimits = {
  timeoutMs: 5 * 60_000,
  resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
};

/** Why a parse job failed, in a sentence the import report can show. */
export class ParseJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseJobError';
  }
}

/**
 * Runs one parse job in a fresh worker thread and ends the worker after. A job that runs out of
 * time or memory, or a worker that dies, rejects with a ParseJobError instead of never answering.
 */
export function parseFilesInWorker(
  workerPath: string,
  job: ParseJob,
  limits: ParseLimits = PARSE_LIMITS,
): Promise<ParsedFileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { resourceLimits: limits.resourceLimits });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ParseJobError(
              `reading the files took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped; ` +
                'import fewer or smaller files at a time',
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.once('message', (results: ParsedFileResult[]) => settle(() => resolve(results)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          new ParseJobError(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `reading the files needed more than ${limits.resourceLimits.maxOldGenerationSizeMb ?? '?'} MB of memory and was stopped; ` +
                  'import fewer or smaller files at a time'
              : `reading the files failed: ${error.message}`,
          ),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new ParseJobError(`reading the files stopped unexpectedly (exit code ${code})`))),
    );
    worker.postMessage(job);
  });
}
