import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import type { ParseRequestFile, ParseResponse } from './parse-worker-protocol';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: ParsedFileResult[]) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ParseResponse>) => {
    const pending = waiting.get(event.data.id);
    if (!pending) return;
    waiting.delete(event.data.id);
    if ('error' in event.data) pending.reject(new Error(event.data.error));
    else pending.resolve(event.data.results);
  };
  return worker;
}

/** Parses files in a Web Worker, one call a batch of files sharing one capture-time rule. */
export function parseInWorker(files: ParseRequestFile[]): Promise<ParsedFileResult[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage({ id, files });
  });
}
