/** Parses files in a worker thread, so a 200 MB import never stalls the main process. */
import { parentPort } from 'node:worker_threads';
import { parseSources } from '../src/bridge/parse-results';
import { fileSource } from '../src/node/file-source';
import type { ParseJob } from './parse-files';

parentPort?.on('message', async (job: ParseJob) => {
  const results = [];
  for (const file of job.files) {
    try {
      const source = await fileSource(file.path);
      results.push(
        ...(await parseSources([source], { capturedAt: file.capturedAt ? new Date(file.capturedAt) : null })),
      );
    } catch (error) {
      const name = file.path.split(/[\\/]/).pop() ?? file.path;
      results.push({ ok: false as const, file: name, error: { file: name, line: null, message: String(error) } });
    }
  }
  parentPort?.postMessage(results);
});
