import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSources } from '../../../src/import/import-files';
import { MemoryThreadStore } from '../../../src/import/thread-store';
import { stringSource } from '../../../src/import/text-source';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

describe("an import's memory limit", () => {
  it('refuses a file read whole above its format limit, by name, and lets the others in', async () => {
    const page = fixture('thread-page-790377.txt');
    const store = new MemoryThreadStore();
    const result = await importSources(
      store,
      [stringSource('huge-page.txt', page), stringSource('networking-listing.txt', fixture('networking-listing.txt'))],
      // The real limit is 64 MB; lowered so the test needs no 64 MB file.
      { wholeFileLimits: { 'thread-page': page.length - 1 } },
    );
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.file).toBe('huge-page.txt');
    expect(result.failed[0]!.message).toMatch(/^too large to import: a saved thread page is read whole/);
    // The listing streams, so no limit applies to it: all 21 threads went in.
    expect(store.all()).toHaveLength(21);
  });

  it('reads a file at its limit', async () => {
    const page = fixture('thread-page-790377.txt');
    const store = new MemoryThreadStore();
    const result = await importSources(store, [stringSource('page.txt', page)], {
      wholeFileLimits: { 'thread-page': page.length },
    });
    expect(result.failed).toEqual([]);
    expect(store.all()).toHaveLength(1);
  });
});
