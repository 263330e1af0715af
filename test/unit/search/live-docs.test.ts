/** Which copy of a thread is live (live-docs.ts): id tables over the stored bytes, newest copy wins. */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { hashId, hiddenDocs, idTableSteps, LiveDocs } from '../../../src/search/live-docs';
import { buildSegment } from '../../../src/search/segment';
import { runAll } from '../../../src/search/slices';
import { syntheticThreads } from './synthetic-corpus';

const base = [...syntheticThreads(1)][0] as ThreadRecord;
const thread = (id: string): ThreadRecord => ({ thread: { ...base.thread, id }, posts: [] });

describe('live documents', () => {
  it('finds each id, ASCII or not, and hides older copies and deleted threads', () => {
    const ids = ['1', '2', '3', 'café-12', '接続-7', '😀', 'x'.repeat(300)];
    const segments = [
      buildSegment(ids.map(thread), { minSeq: 0, maxSeq: 0 }),
      // A newer copy of `2` and of `café-12`, a new thread, and `3` deleted.
      buildSegment(['2', 'café-12', '4'].map(thread), { minSeq: 1, maxSeq: 1 }, ['3']),
      // Deleting `4` and upserting it in the same segment keeps it (deletes apply to older ones).
      buildSegment(['4'].map(thread), { minSeq: 2, maxSeq: 2 }, ['4', '😀', 'nowhere']),
    ];
    const tables = segments.map((s) => runAll(idTableSteps(s.docs)));
    const { dead, counts } = hiddenDocs(
      tables,
      segments.map((s) => s.deletes),
    );
    expect(dead.map((d) => [...d])).toEqual([[0, 1, 1, 1, 0, 1, 0], [0, 0, 1], [0]]);
    expect(counts).toEqual([4, 1, 0]);
    const bases = [0, 7, 10];
    const live = new LiveDocs(tables, dead, bases, 6);
    expect(live.get('1')).toBe(0);
    expect(live.get('2')).toBe(7);
    expect(live.get('café-12')).toBe(8);
    expect(live.get('4')).toBe(10);
    expect(live.get('接続-7')).toBe(4);
    expect(live.get('x'.repeat(300))).toBe(6);
    for (const gone of ['3', '😀', 'nowhere', 'cafe-12', '接続', '']) expect(live.get(gone)).toBeUndefined();
    tables.forEach((table, s) =>
      segments[s]?.docs.columns.idStarts.slice(1).forEach((_, local) => {
        const id = segments[s]?.docs.id(local) as string;
        expect(table.find(id, hashId(id))).toBe(local);
      }),
    );
  });
});
