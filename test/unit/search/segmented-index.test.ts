/** Segments must answer exactly like one index over the same threads. */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { MemorySegmentStorage, PersistentSearchIndex } from '../../../src/search/persistent-index';
import { buildSegment, drainArray } from '../../../src/search/segment';
import { decodeSegment, encodeSegment } from '../../../src/search/segment-codec';
import { SegmentedIndex, type SearchResponse } from '../../../src/search/segmented-index';
import { syntheticThreads } from './synthetic-corpus';

const QUERIES = [
  'connection timeout',
  'tunnel provider',
  '-1001',
  'error 53',
  'NEFilterDataProvider',
  'URLSession background',
  'tag:Bonjour',
  'tag:"Network Extension" certificate',
  'NSURLErrorTimedOut',
  'nw_connection_t',
  'connec',
  'certifcate trust',
  'author:quinn socket',
  'listener -crash',
  'sort:views handshake',
];

type Top = { id: string; score: number }[];
const top10 = (index: SegmentedIndex, q: string): Top =>
  index.search(q, { limit: 10 }).results.map((r) => ({ id: r.id, score: r.score }));

/** A copy of a thread with new text, as a re-import would bring it. */
function edited(record: ThreadRecord, word: string): ThreadRecord {
  return {
    thread: { ...record.thread, title: `${record.thread.title} ${word}` },
    posts: record.posts.map((p, i) => (i === 0 ? { ...p, body: `${p.body} ${word}` } : p)),
  };
}

function scenario() {
  const all = [...syntheticThreads(700, { seed: 3 })];
  const base = all.slice(0, 500);
  const batches = [all.slice(500, 570), all.slice(570, 640), all.slice(640, 700)];
  const updates = [base[5], base[17], batches[0]?.[3]].map((r, i) => edited(r as ThreadRecord, `zzupdated${i}`));
  const deleted = [base[8]?.thread.id, base[40]?.thread.id, batches[1]?.[7]?.thread.id] as string[];

  const segmented = new SegmentedIndex();
  segmented.add(base);
  segmented.add(batches[0] ?? []);
  segmented.add(batches[1] ?? []);
  segmented.add(updates);
  segmented.remove(deleted);
  segmented.add(batches[2] ?? []);

  const final = new Map(all.map((r) => [r.thread.id, r]));
  for (const u of updates) final.set(u.thread.id, u);
  for (const id of deleted) final.delete(id);
  const single = new SegmentedIndex();
  single.add(final.values());
  return { segmented, single, updates, deleted, final };
}

describe('SegmentedIndex', () => {
  it('gives the same top 10, with the same scores, as a single index', () => {
    const { segmented, single } = scenario();
    expect(segmented.segmentIds.length).toBe(6);
    expect(segmented.size).toBe(single.size);
    for (const q of QUERIES) {
      expect(top10(segmented, q), q).toEqual(top10(single, q));
      expect(segmented.search(q).total, q).toBe(single.search(q).total);
    }
  }, 60_000);

  it('shows an updated thread once, in its new version, and deleted threads never', () => {
    const { segmented, updates, deleted } = scenario();
    for (const [i, u] of updates.entries()) {
      const results = segmented.search(`zzupdated${i}`).results;
      expect(results.map((r) => r.id)).toEqual([u.thread.id]);
      const byTitle = segmented.search(u.thread.title, { limit: 1000, typing: false }).results;
      expect(byTitle.filter((r) => r.id === u.thread.id)).toHaveLength(1);
    }
    for (const id of deleted) expect(segmented.has(id)).toBe(false);
    const everything = segmented.search('', { limit: 5000 }).results.map((r) => r.id);
    expect(new Set(everything).size).toBe(everything.length);
    for (const id of deleted) expect(everything).not.toContain(id);
  });

  it('merges segments without changing any answer', () => {
    const { segmented, single } = scenario();
    const before = QUERIES.map((q) => top10(segmented, q));
    const plan = segmented.planMerge(2);
    expect(plan).not.toBeNull();
    segmented.merge(plan ?? { ids: [] });
    expect(segmented.segmentIds.length).toBeLessThan(6);
    segmented.merge({ ids: segmented.segmentIds });
    expect(segmented.segmentIds).toHaveLength(1);
    expect(QUERIES.map((q) => top10(segmented, q))).toEqual(before);
    expect(segmented.size).toBe(single.size);
  });

  it('merges a run in the middle, with updates before it and deletes after it, without changing any answer', () => {
    const { segmented, single, updates, deleted } = scenario();
    const before = QUERIES.map((q) => top10(segmented, q));
    // The batches and the updates, between the base and the segment deleting a batch's thread.
    segmented.merge({ ids: segmented.segmentIds.slice(1, 4) });
    expect(segmented.segmentIds).toHaveLength(4);
    expect(segmented.size).toBe(single.size);
    for (const id of deleted) expect(segmented.has(id)).toBe(false);
    for (const [i, u] of updates.entries())
      expect(segmented.search(`zzupdated${i}`).results.map((r) => r.id)).toEqual([u.thread.id]);
    expect(QUERIES.map((q) => top10(segmented, q))).toEqual(before);
    const everything = segmented.search('', { limit: 5000 }).results.map((r) => r.id);
    expect(new Set(everything).size).toBe(single.size);
    expect(everything.length).toBe(single.size);
  });

  it('drops segments left over from an interrupted merge', () => {
    const { segmented } = scenario();
    const old = [...segmented.segmentData];
    const before = QUERIES.map((q) => top10(segmented, q));
    const { added, removed } = segmented.merge({ ids: segmented.segmentIds.slice(1, 4) });
    const reloaded = new SegmentedIndex([...old, added]);
    expect(reloaded.dropped.sort()).toEqual(removed.sort());
    expect(QUERIES.map((q) => top10(reloaded, q))).toEqual(before);
  });

  it('never plans to merge a full segment again', () => {
    const { segmented } = scenario();
    const sizes = segmented.segmentData.map((s) => s.docs.length);
    // With the first segment counted as full, only the ones after it are merged.
    const plan = segmented.planMerge(2, 0.1, sizes[0]);
    expect(plan?.ids).not.toContain(segmented.segmentIds[0]);
    expect(segmented.planMerge(2, 0.1, 1)).toBeNull();
  });

  it('rejects a merge of segments that are not consecutive', () => {
    const { segmented } = scenario();
    const [a, , c] = segmented.segmentIds;
    expect(() => segmented.merge({ ids: [a as string, c as string] })).toThrow();
  });

  it('round-trips segments through bytes', () => {
    const { segmented } = scenario();
    const decoded = segmented.segmentData.map((s) => decodeSegment(encodeSegment(s)));
    const reloaded = new SegmentedIndex(decoded);
    for (const q of QUERIES) expect(top10(reloaded, q)).toEqual(top10(segmented, q));
    expect(() => decodeSegment(new Uint8Array(8))).toThrow();
  });
});

describe('PersistentSearchIndex', () => {
  it('reopens with the newest copy of each thread live: updated, deleted, deleted then added again', async () => {
    const storage = new MemorySegmentStorage();
    const all = [...syntheticThreads(120, { seed: 11 })];
    const index = await PersistentSearchIndex.open(storage);
    await index.rebuild(all.slice(0, 100), { batch: 40 });
    const renamed = (r: ThreadRecord, title: string): ThreadRecord => ({ ...r, thread: { ...r.thread, title } });
    const [a, b, c, d] = [1, 45, 90, 99].map((i) => all[i] as ThreadRecord) as [
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
    ];
    await index.apply([renamed(a, 'zebraquokka yakfirst update'), ...all.slice(100, 110)], [b.thread.id, c.thread.id]);
    await index.apply(
      [renamed(a, 'zebraquokka yaksecond update'), renamed(c, 'zebraquokka back again')],
      [d.thread.id],
    );
    const reopened = await PersistentSearchIndex.open(storage);
    expect(reopened.segmentIds).toHaveLength(5);
    expect(reopened.size).toBe(index.size);
    expect(reopened.size).toBe(110 - 2);
    for (const r of all.slice(0, 110)) expect(reopened.has(r.thread.id)).toBe(index.has(r.thread.id));
    const found = (await reopened.search('zebraquokka', { limit: 10 })).results.map((r) => r.id).sort();
    expect(found).toEqual([a.thread.id, c.thread.id].sort());
    // The newest copy of the thread renamed twice is the live one.
    const ids = async (q: string) => (await reopened.search(q, { typing: false })).results.map((r) => r.id);
    expect(await ids('yaksecond')).toEqual([a.thread.id]);
    expect(await ids('yakfirst')).toEqual([]);
    expect(reopened.has(b.thread.id)).toBe(false);
    expect(reopened.has(d.thread.id)).toBe(false);
  });

  it('builds the same segment from a batch handed over with drainArray, and lets go of the batch', async () => {
    const records = [...syntheticThreads(200, { seed: 9 })];
    records.push(records[3] as ThreadRecord);
    const now = new Date('2026-01-01T00:00:00Z');
    const kept = encodeSegment(buildSegment(records, { minSeq: 0, maxSeq: 0 }, [], now));
    const batch = records.slice();
    const drained = encodeSegment(buildSegment(drainArray(batch), { minSeq: 0, maxSeq: 0 }, [], now));
    expect(drained).toEqual(kept);
    expect(batch).toHaveLength(0);
    const viaApply = new MemorySegmentStorage();
    const index = await PersistentSearchIndex.open(viaApply);
    const handed = records.slice();
    await index.apply(drainArray(handed), []);
    expect(handed).toHaveLength(0);
    expect(index.size).toBe(200);
  });

  it('reopens from storage with the same answers, and merges in the background', async () => {
    const storage = new MemorySegmentStorage();
    const all = [...syntheticThreads(600, { seed: 5 })];
    const index = await PersistentSearchIndex.open(storage);
    await index.rebuild(all.slice(0, 300));
    for (let i = 300; i < 600; i += 50) await index.add(all.slice(i, i + 50));
    await index.remove([all[0]?.thread.id ?? '']);
    expect(storage.segments.size).toBe(8);

    const reopened = await PersistentSearchIndex.open(storage);
    const answers = async (ix: PersistentSearchIndex) => {
      const out: string[][] = [];
      for (const q of QUERIES) out.push((await ix.search(q, { limit: 10 })).results.map((r) => r.id));
      return out;
    };
    expect(await answers(reopened)).toEqual(await answers(index));

    while (await reopened.mergeStep());
    expect(storage.segments.size).toBeLessThan(8);
    expect([...storage.segments.keys()].sort()).toEqual([...reopened.segmentIds].sort());
    expect(await answers(await PersistentSearchIndex.open(storage))).toEqual(await answers(index));
    expect(reopened.size).toBe(599);
  });

  it('reads only the posting blocks a query needs, through a bounded cache', async () => {
    const all = [...syntheticThreads(600, { seed: 5 })];
    const inMemory = new SegmentedIndex();
    inMemory.add(all);
    // Tiny blocks and a cache of a few of them: every query reads from storage and evicts.
    const storage = new MemorySegmentStorage(64);
    const cacheBytes = 8 * 1024;
    await (await PersistentSearchIndex.open(storage, { cacheBytes })).rebuild(all);
    const index = await PersistentSearchIndex.open(storage, { cacheBytes });
    const totalBlocks = [...storage.blocks.values()].reduce((n, b) => n + b.length, 0);
    expect(totalBlocks).toBeGreaterThan(100);
    for (const q of QUERIES) {
      const reads = storage.blockReads;
      const page = await index.search(q, { limit: 10 });
      const expected = inMemory.search(q, { limit: 10 });
      expect(
        page.results.map((r) => [r.id, r.score]),
        q,
      ).toEqual(expected.results.map((r) => [r.id, r.score]));
      expect(page.total, q).toBe(expected.total);
      expect(storage.blockReads - reads, q).toBeLessThan(totalBlocks / 4);
      expect(index.cachedBytes).toBeLessThanOrEqual(cacheBytes + 64 * 8);
    }
  });

  it('rebuilds in batches, one stored segment each, with the answers of one index', async () => {
    const all = [...syntheticThreads(350, { seed: 5 })];
    const single = new SegmentedIndex();
    single.add(all);
    const storage = new MemorySegmentStorage();
    const index = await PersistentSearchIndex.open(storage);
    await index.add(all.slice(0, 10));
    await index.rebuild(all, { batch: 100 });
    expect(storage.segments.size).toBe(4);
    expect(index.size).toBe(350);
    for (const q of QUERIES) {
      const page = await index.search(q, { limit: 10 });
      expect(
        page.results.map((r) => [r.id, r.score]),
        q,
      ).toEqual(single.search(q, { limit: 10 }).results.map((r) => [r.id, r.score]));
    }
  });

  it('answers a query issued during a merge before the merge ends, from the segments it merges', async () => {
    const storage = new MemorySegmentStorage(64);
    const all = [...syntheticThreads(600, { seed: 5 })];
    let slices = 0;
    let onSlice: (() => void) | undefined;
    // One unit per slice: the merge gives way after every few postings or threads.
    const index = await PersistentSearchIndex.open(storage, {
      slices: { sliceUnits: 1, onSlice: () => (slices++, onSlice?.()) },
    });
    await index.rebuild(all.slice(0, 300));
    for (let i = 300; i < 600; i += 50) await index.add(all.slice(i, i + 50));
    const before = await index.search('connection timeout', { limit: 10 });
    const segmentsBefore = index.segmentIds;

    const events: string[] = [];
    let answered: Promise<SearchResponse> | undefined;
    // The query is issued once the merge is under way (at the end of its first slice).
    onSlice = () => {
      onSlice = undefined;
      events.push('query issued');
      answered = index.search('connection timeout', { limit: 10 }).then((r) => {
        events.push(`answered (${index.segmentIds.length} segments)`);
        return r;
      });
    };
    slices = 0;
    expect(await index.mergeStep()).toBe(true);
    events.push('merge done');
    expect(slices).toBeGreaterThan(10);
    expect(answered).toBeDefined();
    expect(events).toEqual(['query issued', `answered (${segmentsBefore.length} segments)`, 'merge done']);
    const during = (await answered) as SearchResponse;
    expect(during.results.map((r) => [r.id, r.score])).toEqual(before.results.map((r) => [r.id, r.score]));
    expect(index.segmentIds.length).toBeLessThan(segmentsBefore.length);
    const after = await index.search('connection timeout', { limit: 10 });
    expect(after.results.map((r) => [r.id, r.score])).toEqual(before.results.map((r) => [r.id, r.score]));
  });

  it('answers queries during a rebuild from the index it replaces', async () => {
    const storage = new MemorySegmentStorage(64);
    const old = [...syntheticThreads(200, { seed: 5 })];
    let onSlice: (() => void) | undefined;
    const index = await PersistentSearchIndex.open(storage, {
      slices: { sliceUnits: 1, onSlice: () => onSlice?.() },
    });
    await index.rebuild(old);
    const renamed = old.map((r) => ({ ...r, thread: { ...r.thread, title: `${r.thread.title} zzrebuilt` } }));
    let during: Promise<number> | undefined;
    onSlice = () => {
      onSlice = undefined;
      during = index.search('zzrebuilt').then((r) => r.total);
    };
    await index.rebuild(renamed, { batch: 50 });
    expect(await during).toBe(0);
    expect((await index.search('zzrebuilt')).total).toBe(200);
    // The old segments are gone from storage, the new ones took new ids.
    expect([...storage.segments.keys()].sort()).toEqual([...index.segmentIds].sort());
    expect(index.segmentIds.every((id) => !id.startsWith('seg-00000000-'))).toBe(true);
  });

  it('says so when a synchronous search would need postings from storage', async () => {
    const storage = new MemorySegmentStorage();
    await (await PersistentSearchIndex.open(storage)).rebuild([...syntheticThreads(50, { seed: 5 })]);
    const index = new SegmentedIndex(await storage.loadAll(), storage);
    expect(() => index.search('connection')).toThrow(/searchAsync/);
    expect((await index.searchAsync('connection')).total).toBeGreaterThan(0);
  });
});
