/** The real listing fixture, imported once per test file, as records and as one index. */
import { importSources } from '../../../src/import/import-files';
import { MemoryThreadStore } from '../../../src/import/thread-store';
import type { ThreadRecord } from '../../../src/model';
import { fileSource } from '../../../src/node/file-source';

export const FIXTURE = new URL('../../../fixtures/networking-listing.txt', import.meta.url).pathname;

export async function fixtureRecords(): Promise<ThreadRecord[]> {
  const store = new MemoryThreadStore();
  const result = await importSources(store, [await fileSource(FIXTURE)], {
    capturedAt: new Date('2026-11-24T12:00:00Z'),
  });
  if (result.failed.length > 0) throw new Error(`fixture did not import: ${JSON.stringify(result.failed)}`);
  return store.all();
}
