import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFilesInWorker, ParseJobError, type ParseLimits } from '../../../main/parse-files';

const dir = mkdtempSync(join(tmpdir(), 'forumkb-parse-limits-'));
function worker(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `const { parentPort } = require('node:worker_threads');\n${body}`);
  return path;
}
const LIMITS: ParseLimits = {
  timeoutMs: 500,
  resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
};
const job = { files: [{ path: '/x.txt', capturedAt: null }] };

describe('the parse worker has a time and a memory limit', () => {
  it('answers with the results of a worker within its limits', async () => {
    const ok = worker(
      'ok.cjs',
      `parentPort.on('message', (job) => parentPort.postMessage([{ n: job.files.length }]));`,
    );
    await expect(parseFilesInWorker(ok, job, LIMITS)).resolves.toEqual([{ n: 1 }]);
  });

  it('ends a worker that runs too long, with a sentence', async () => {
    const stuck = worker('stuck.cjs', `parentPort.on('message', () => { for (;;) {} });`);
    const started = Date.now();
    await expect(parseFilesInWorker(stuck, job, LIMITS)).rejects.toThrow(
      new ParseJobError(
        'reading the files took longer than 1 s and was stopped; import fewer or smaller files at a time',
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends a worker that needs too much memory, with a sentence', async () => {
    const hungry = worker(
      'hungry.cjs',
      `parentPort.on('message', () => { const keep = []; for (;;) keep.push(new Array(100000).fill({ a: 1 })); });`,
    );
    await expect(parseFilesInWorker(hungry, job, { ...LIMITS, timeoutMs: 20_000 })).rejects.toThrow(
      /needed more than 32 MB of memory and was stopped/,
    );
  }, 30_000);

  it('rejects when the worker dies without answering', async () => {
    const dies = worker('dies.cjs', `parentPort.on('message', () => process.exit(3));`);
    await expect(parseFilesInWorker(dies, job, LIMITS)).rejects.toThrow(/stopped unexpectedly \(exit code 3\)/);
  });
});
