/// <reference lib="webworker" />
/** Parses files off the UI thread in the browser build (Electron parses in the main process). */
import type { ParsedFileResult } from '../../src/bridge/forumkb-api';
import { parseSources } from '../../src/bridge/parse-results';
import { blobSource } from './blob-source';
import type { ParseRequest, ParseResponse } from './parse-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, files } = event.data;
  try {
    const results: ParsedFileResult[] = [];
    for (const f of files) {
      const modifiedAt = f.blob instanceof File ? new Date(f.blob.lastModified) : null;
      const capturedAt = f.capturedAt ? new Date(f.capturedAt) : null;
      results.push(...(await parseSources([blobSource(f.name, f.blob, modifiedAt)], { capturedAt })));
    }
    scope.postMessage({ id, results } satisfies ParseResponse);
  } catch (error) {
    scope.postMessage({ id, error: String(error) } satisfies ParseResponse);
  }
};
