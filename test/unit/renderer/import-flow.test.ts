/**
 * The import as the UI runs it: the data worker's answer (or its silence) becomes the report. The
 * worker is faked here to control time; the engine's own heartbeat is tested in data-engine.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, ImportSummary, SourceFile } from '../../../src/bridge/data-api';

type Worker = (id: number, files: SourceFile[], onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>;
const worker: { importFiles: Worker } = { importFiles: () => new Promise(() => undefined) };
const restartDataWorker = vi.fn();

vi.mock('../../../renderer/data/data-client', () => ({
  dataApi: () => ({ importFiles: worker.importFiles, cancelImport: vi.fn() }),
  restartDataWorker,
  transferFiles: (files: SourceFile[]) => files,
}));
vi.mock('../../../renderer/platform', () => ({ platform: {} }));
vi.mock('comlink', () => ({ proxy: <T>(f: T) => f }));

const { importFiles, IMPORT_STALL_MS } = await import('../../../renderer/app/import-flow');
const { useImportStore } = await import('../../../renderer/state/import-store');
const { reportHeadline } = await import('../../../renderer/components/ImportReport');

const big: SourceFile = { name: 'listing-200mb.txt', data: 'x', capturedAt: null, modifiedAt: null };
const progress = (done: number, added: number): ImportProgress => ({
  file: big.name,
  fileIndex: 0,
  fileCount: 1,
  done,
  total: null,
  committed: { added, updated: 0, unchanged: 0, skipped: 0 },
});

beforeEach(() => {
  vi.useFakeTimers();
  restartDataWorker.mockClear();
  useImportStore.getState().setLastImport(null);
});
afterEach(() => vi.useRealTimers());

describe('an import the data worker stops answering', () => {
  it('reports what its batches stored before it stopped, and says it stopped and why', async () => {
    worker.importFiles = (_id, _files, onProgress) => {
      // 40 batches of 500 written, then silence: a task that never returns.
      for (let b = 1; b <= 40; b++) onProgress(progress(b * 500, b * 500 - 3));
      return new Promise(() => undefined);
    };
    const outcome = importFiles([big]);
    await vi.advanceTimersByTimeAsync(IMPORT_STALL_MS + 2_000);
    expect(await outcome).toBeNull();
    expect(restartDataWorker).toHaveBeenCalledOnce();
    const report = useImportStore.getState().lastImport!;
    expect(report.report).toEqual({ added: 19_997, updated: 0, unchanged: 0, skipped: 0 });
    expect(report.stopped).toMatch(/did not answer for 60 s while reading listing-200mb\.txt/);
    expect(reportHeadline(report)).toBe(
      'Import stopped before its end. Stored before it stopped: 19997 added, 0 updated, 0 unchanged, 0 skipped.',
    );
  });

  it('reports what was stored when the worker fails outright, too', async () => {
    worker.importFiles = async (_id, _files, onProgress) => {
      onProgress(progress(500, 500));
      await Promise.resolve();
      throw new Error('DataCloneError');
    };
    expect(await importFiles([big])).toBeNull();
    const report = useImportStore.getState().lastImport!;
    expect(report.report.added).toBe(500);
    expect(report.stopped).toMatch(/DataCloneError/);
    expect(restartDataWorker).not.toHaveBeenCalled();
  });

  it('never ends a worker that is slow but alive: heartbeats for minutes, then the answer', async () => {
    const answer: ImportSummary = {
      report: { added: 79_089, updated: 0, unchanged: 0, skipped: 0 },
      warnings: [],
      failed: [],
    };
    worker.importFiles = async (_id, _files, onProgress) => {
      // Indexing a large batch: no thread saved for 5 minutes, a heartbeat every 5 s.
      for (let s = 0; s < 300; s += 5) {
        onProgress({ ...progress(20_000, 20_000), indexing: true });
        await new Promise((r) => setTimeout(r, 5_000));
      }
      return answer;
    };
    const outcome = importFiles([big]);
    await vi.advanceTimersByTimeAsync(301_000);
    expect(await outcome).toEqual(answer);
    expect(restartDataWorker).not.toHaveBeenCalled();
    expect(reportHeadline(useImportStore.getState().lastImport!)).toBe(
      'Imported: 79089 added, 0 updated, 0 unchanged, 0 skipped.',
    );
  });
});
