/** The threads searches read last, kept until a write. */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { RecordCache } from '../../../renderer/search/record-cache';
import { syntheticThreads } from './synthetic-corpus';

const records = [...syntheticThreads(8, { seed: 3 })];
const byId = new Map(records.map((r) => [r.thread.id, r]));
const ids = records.map((r) => r.thread.id);

/** A loader over `records` that notes each call's ids. */
function loader() {
  const calls: string[][] = [];
  const load = async (wanted: string[]): Promise<ThreadRecord[]> => {
    calls.push(wanted);
    return wanted.flatMap((id) => byId.get(id) ?? []);
  };
  return { calls, load };
}

describe('RecordCache', () => {
  it('loads only what it does not keep, and answers in the order asked, each thread once', async () => {
    const cache = new RecordCache();
    const { calls, load } = loader();
    const first = await cache.read([ids[0]!, ids[1]!, 'missing'], load);
    expect(first.map((r) => r.thread.id)).toEqual([ids[0], ids[1]]);
    const second = await cache.read([ids[2]!, ids[1]!, ids[0]!, ids[2]!], load);
    expect(second.map((r) => r.thread.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(calls).toEqual([[ids[0], ids[1], 'missing'], [ids[2]]]);
    expect(await cache.read([ids[1]!, ids[2]!], load)).toEqual([byId.get(ids[1]!), byId.get(ids[2]!)]);
    expect(calls).toHaveLength(2);
  });

  it('keeps at most its bound, letting go of the threads used longest ago', async () => {
    const cache = new RecordCache(3);
    const { calls, load } = loader();
    await cache.read(ids.slice(0, 3), load);
    await cache.read([ids[0]!], load); // used again: ids[1] is now the oldest
    await cache.read([ids[3]!], load);
    expect(cache.size).toBe(3);
    calls.length = 0;
    await cache.read([ids[0]!, ids[2]!, ids[3]!], load);
    expect(calls).toEqual([]);
    await cache.read([ids[1]!], load);
    expect(calls).toEqual([[ids[1]]]);
  });

  it('after a drop reads again, and keeps nothing a load read across a drop', async () => {
    const cache = new RecordCache();
    const { calls, load } = loader();
    await cache.read([ids[0]!], load);
    cache.drop();
    expect(cache.size).toBe(0);
    await cache.read([ids[0]!], load);
    expect(calls).toEqual([[ids[0]], [ids[0]]]);

    // A write lands while a load is under way: what it read is answered, not kept.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reading = cache.read([ids[0]!, ids[4]!], async (wanted) => {
      await held;
      return load(wanted);
    });
    cache.drop();
    release();
    expect((await reading).map((r) => r.thread.id)).toEqual([ids[0], ids[4]]);
    expect(cache.size).toBe(0);
  });

  it('after a write to some threads reads those again and keeps the others, but nothing a load read across it', async () => {
    const cache = new RecordCache();
    const { calls, load } = loader();
    await cache.read(ids.slice(0, 4), load);
    cache.forget([ids[1]!, ids[3]!, 'not kept']);
    expect(cache.size).toBe(2);
    calls.length = 0;
    await cache.read(ids.slice(0, 4), load);
    expect(calls).toEqual([[ids[1], ids[3]]]);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reading = cache.read([ids[5]!], async (wanted) => {
      await held;
      return load(wanted);
    });
    cache.forget([ids[0]!]);
    release();
    await reading;
    // The load crossed a write: its thread is answered, not kept (it may have been read before the write).
    expect(cache.size).toBe(3);
    calls.length = 0;
    await cache.read([ids[5]!, ids[2]!], load);
    expect(calls).toEqual([[ids[5]]]);
  });
});
