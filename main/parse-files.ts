import { Worker } from 'node:worker_threads';
import type { ParsedFileResult } from '../src/bridge/forumkb-api';

export interface ParseJob {
  files: { path: string; capturedAt: string | null }[];
}

/** Runs one parse job in a fresh worker thread and ends the worker after. */
export function parseFilesInWorker(workerPath: string, job: ParseJob): Promise<ParsedFileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath);
    worker.once('message', (results: ParsedFileResult[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(job);
  });
}
