import { describe, expect, it, vi } from 'vitest';
import { importSources } from '../../../src/import/import-files';
import { MemoryThreadStore } from '../../../src/import/thread-store';
import { stringSource } from '../../../src/import/text-source';
import { readFileSync } from 'node:fs';
import type * as FeedParser from '../../../src/import/feed-parser';

// A feed parser that fails in a way no importer foresaw, for one file only.
vi.mock('../../../src/import/feed-parser', async (importOriginal) => {
  const real = await importOriginal<typeof FeedParser>();
  return {
    ...real,
    parseFeed: (file: string, ...rest: Parameters<typeof real.parseFeed> extends [string, ...infer R] ? R : never) => {
      if (file === 'cursed.xml') throw new RangeError('Invalid time value');
      return real.parseFeed(file, ...rest);
    },
  };
});

const feed = readFileSync(new URL('../../../fixtures/network-tag-feed.xml', import.meta.url), 'utf8');

describe('a failure a parser did not foresee', () => {
  it('fails that file by name and lets the other files in', async () => {
    const store = new MemoryThreadStore();
    const result = await importSources(store, [stringSource('cursed.xml', feed), stringSource('good.xml', feed)]);
    expect(result.failed).toEqual([
      { file: 'cursed.xml', line: null, message: 'could not be read (RangeError: Invalid time value)' },
    ]);
    expect(store.all().length).toBeGreaterThan(0);
    expect(result.report.skipped).toBe(1);
  });
});
