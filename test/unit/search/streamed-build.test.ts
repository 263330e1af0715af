/**
 * Streamed builds (rebuild, a first build): threads indexed a page at a time as they arrive, a
 * segment per batch, instead of a batch of threads held and then indexed.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { MemorySegmentStorage, PersistentSearchIndex } from '../../../src/search/persistent-index';
import { buildSegment, SegmentBuilder, storedSegment } from '../../../src/search/segment';
import { encodeSegment } from '../../../src/search/segment-codec';
import { runAll } from '../../../src/search/slices';
import { dropTokenTemplates, releaseTokenCaches } from '../../../src/search/tokenizer';
import { syntheticThreads } from './synthetic-corpus';

const NOW = new Date('2026-01-01T00:00:00Z');

/** The records as the database hands them over: one at a time, with awaits in between. */
async function* arriving(records: ThreadRecord[], pulled: string[] = []): AsyncGenerator<ThreadRecord> {
  for (const record of records) {
    await Promise.resolve();
    pulled.push(record.thread.id);
    yield record;
  }
}

/** A stored segment as storage keeps it, without the time it was made. */
function stored(storage: MemorySegmentStorage, id: string) {
  const dictionary = storage.segments.get(id);
  return { dictionary: { ...dictionary, createdAt: '' }, blocks: storage.blocks.get(id) };
}

describe('streamed builds', () => {
  it('lets go of each chunk of postings once placed (ArrayBuffer transfer), and builds the same segment as without', () => {
    const records = [...syntheticThreads(120, { seed: 11 })];
    const seq = { minSeq: 4, maxSeq: 4 };
    // Chromium and Electron have `transfer`; so has Node here (test/support/app-runtime-flags.ts gives Node 20 the flag).
    const descriptor = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'transfer');
    const transfer = descriptor?.value as ((this: ArrayBuffer, length?: number) => ArrayBuffer) | undefined;
    expect(transfer).toBeTypeOf('function');
    const restore = () => Object.defineProperty(ArrayBuffer.prototype, 'transfer', descriptor!);
    const freed: number[] = [];
    Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
      ...descriptor,
      value(this: ArrayBuffer, length?: number) {
        freed.push(this.byteLength);
        return transfer!.call(this, length);
      },
    });
    let freeing: Uint8Array;
    try {
      freeing = encodeSegment(buildSegment(records, seq, [], NOW));
    } finally {
      restore();
    }
    // One chunk of 1M postings: its weights, then its term numbers (4 MB each), once each.
    expect(freed).toEqual([4 << 20, 4 << 20]);
    delete (ArrayBuffer.prototype as { transfer?: unknown }).transfer;
    let keeping: Uint8Array;
    try {
      keeping = encodeSegment(buildSegment(records, seq, [], NOW));
    } finally {
      restore();
    }
    expect(freeing).toEqual(keeping);
  });

  it('builds the batch build’s segment, byte for byte, from threads added a page at a time', () => {
    const records = [...syntheticThreads(120, { seed: 11 })];
    const seq = { minSeq: 4, maxSeq: 4 };
    const batch = encodeSegment(buildSegment(records, seq, ['gone-1'], NOW));
    const builder = new SegmentBuilder();
    for (let i = 0; i < records.length; i += 17) runAll(builder.addSteps(records.slice(i, i + 17)));
    expect(encodeSegment(runAll(builder.finishSteps(seq, ['gone-1'], NOW)))).toEqual(batch);
  });

  it('builds the same segment whenever the token table is dropped (its entries numbered again)', () => {
    const records = [...syntheticThreads(60, { seed: 13 })];
    const seq = { minSeq: 1, maxSeq: 1 };
    const whole = encodeSegment(buildSegment(records, seq, [], NOW));
    const builder = new SegmentBuilder();
    for (const record of records) {
      builder.add(record);
      releaseTokenCaches();
    }
    expect(encodeSegment(runAll(builder.finishSteps(seq, [], NOW)))).toEqual(whole);
  });

  it('builds the same segment whenever the token templates are dropped (made again as needed)', () => {
    const records = [...syntheticThreads(60, { seed: 14 })];
    const seq = { minSeq: 1, maxSeq: 1 };
    const whole = encodeSegment(buildSegment(records, seq, [], NOW));
    const builder = new SegmentBuilder();
    for (const record of records) {
      builder.add(record);
      dropTokenTemplates();
    }
    expect(encodeSegment(runAll(builder.finishSteps(seq, [], NOW)))).toEqual(whole);
  });

  it('stores one segment per batch, each the batch build of its threads, reading a page before indexing it', async () => {
    const records = [...syntheticThreads(250, { seed: 12 })];
    const storage = new MemorySegmentStorage(64);
    const events: string[] = [];
    const pulled: string[] = [];
    const index = await PersistentSearchIndex.open(storage, {
      slices: { sliceUnits: 1, onSlice: () => events.push(`slice after ${pulled.length} read`) },
    });
    await index.rebuild(arriving(records, pulled), { batch: 100, page: 7 });

    expect(index.segmentIds).toEqual(['seg-00000000-00000000', 'seg-00000001-00000001', 'seg-00000002-00000002']);
    for (const [s, id] of index.segmentIds.entries()) {
      const expected = storedSegment(
        buildSegment(records.slice(s * 100, s * 100 + 100), { minSeq: s, maxSeq: s }, [], NOW),
        64,
      );
      expect(stored(storage, id)).toEqual({
        dictionary: { ...expected.dictionary, createdAt: '' },
        blocks: expected.blocks,
      });
    }
    // The first page is indexed once read, before the eighth thread is: no batch is held.
    expect(events[0]).toBe('slice after 7 read');
    expect(events).not.toContain('slice after 8 read');
    expect(index.size).toBe(250);
  });

  it('answers queries between slices from the index as it was until each segment is added', async () => {
    const [old, ...rest] = [
      [...syntheticThreads(40, { seed: 13 })],
      [...syntheticThreads(150, { seed: 14, firstId: 1000 })],
    ];
    const added = rest[0] as ThreadRecord[];
    const storage = new MemorySegmentStorage(64);
    const totals = new Set<number>();
    const asked: Promise<void>[] = [];
    const box: { index?: PersistentSearchIndex } = {};
    const index = (box.index = await PersistentSearchIndex.open(storage, {
      slices: {
        sliceUnits: 1,
        onSlice: () =>
          void asked.push(box.index!.search('views:>=0', { limit: 1 }).then((r) => void totals.add(r.total))),
      },
    }));
    await index.add(old as ThreadRecord[]);
    totals.clear();
    const batches: number[] = [];
    await index.addAll(arriving(added), { batch: 100, page: 9, onBatch: (n) => batches.push(n) });
    await Promise.all(asked);
    // The old 40, then those and the first batch of 100: never a part of a batch.
    expect([...totals].sort((a, b) => a - b)).toEqual([40, 140]);
    expect(batches).toEqual([100, 50]);
    expect((await index.search('views:>=0', { limit: 1 })).total).toBe(190);
  });

  it('fails, as applyAsync does, when another write added a segment meanwhile', async () => {
    const [first, ...more] = [...syntheticThreads(30, { seed: 15 })];
    let write: Promise<void> | null = null;
    let started = false;
    const box: { index?: PersistentSearchIndex } = {};
    const index = (box.index = await PersistentSearchIndex.open(new MemorySegmentStorage(), {
      slices: {
        sliceUnits: 1,
        // Once, during the streamed build (the add's own slices call this too).
        onSlice: () => {
          if (started) return;
          started = true;
          write = box.index!.add([first as ThreadRecord]);
        },
      },
    }));
    await expect(index.addAll(arriving(more), { page: 5 })).rejects.toThrow(/another write ran meanwhile/);
    await write;
    expect(index.has((first as ThreadRecord).thread.id)).toBe(true);
  });

  it('keeps the last copy of a thread listed twice: its segment ends before the second copy', async () => {
    const records = [...syntheticThreads(20, { seed: 16 })];
    const first = records[4] as ThreadRecord;
    const again: ThreadRecord = {
      thread: { ...first.thread, title: 'zzsecondcopy' },
      posts: first.posts.map((p) => ({ ...p, body: 'zzsecondcopy' })),
    };
    const storage = new MemorySegmentStorage();
    const index = await PersistentSearchIndex.open(storage);
    await index.rebuild(arriving([...records.slice(0, 10), again, ...records.slice(10)]), { batch: 100, page: 3 });
    expect(index.size).toBe(20);
    expect(index.segmentIds).toHaveLength(2);
    expect((await index.search('zzsecondcopy')).results.map((r) => r.id)).toEqual([first.thread.id]);
    // The first copy's words find it no more.
    const byOldTitle = await index.search(first.thread.title, { limit: 50, typing: false });
    expect(byOldTitle.results.map((r) => r.id)).not.toContain(first.thread.id);
  });
});
