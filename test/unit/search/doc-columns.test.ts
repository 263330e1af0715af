import { describe, expect, it } from 'vitest';
import { docColumns } from '../../../src/search/doc-columns';
import { docMeta } from '../../../src/search/doc-meta';
import { PackedDocTable } from '../../../src/search/doc-table';
import { syntheticThreads } from './synthetic-corpus';

describe('docColumns', () => {
  it("uses a packed table's own columns, the same as made from each thread's metadata", () => {
    const docs = [...syntheticThreads(300, { seed: 4 })].map(docMeta);
    // Unknown counts and dates stay unknown (NaN) either way.
    docs[7] = { ...docs[7]!, views: null, replies: null, time: null };
    const table = PackedDocTable.of(docs);
    const packed = docColumns(table, table.length, (i) => table.get(i));
    // Any other key makes the columns from each thread's metadata.
    const made = docColumns({}, table.length, (i) => table.get(i));
    expect(packed.views).toBe(table.columns.views);
    for (const column of ['views', 'replies', 'boosts', 'time', 'flags'] as const)
      expect(Array.from(packed[column])).toEqual(Array.from(made[column]));
    expect(Number.isNaN(packed.views[7])).toBe(true);
    expect([...packed.authors]).toEqual([...made.authors]);
    expect(packed.authors.size).toBeGreaterThan(1);
    expect(docColumns(table, table.length, (i) => table.get(i))).toBe(packed);
  });
});
