/** The UI's copies of threads read ahead are never kept across a newer read-ahead generation. */
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenThread } from '../../../src/bridge/data-api';
import { aheadOf, clearAhead, keepAhead } from '../../../renderer/app/open-ahead-cache';
import { THREADS, toRecord } from '../search/relevance-corpus';

const open = (i: number, noteIds: string[] = []): OpenThread => {
  const record = toRecord(THREADS[i]!);
  return { thread: record.thread, posts: record.posts, noteIds };
};

afterEach(clearAhead);

describe('threads read ahead, kept in the UI', () => {
  it('keeps each copy with its generation; a newer generation drops the older copies, an older one is ignored', () => {
    keepAhead({ generation: 3, threads: [open(0), open(1)] });
    expect(aheadOf(THREADS[0]!.id)?.generation).toBe(3);
    expect(aheadOf(THREADS[1]!.id)?.thread.posts).toEqual(toRecord(THREADS[1]!).posts);

    // A write came in (generation 4): the copies of generation 3 may be older than what is stored.
    keepAhead({ generation: 4, threads: [open(2, [THREADS[2]!.id])] });
    expect(aheadOf(THREADS[0]!.id)).toBeUndefined();
    expect(aheadOf(THREADS[2]!.id)?.thread.noteIds).toEqual([THREADS[2]!.id]);

    // An answer of generation 3 arriving late is not kept.
    keepAhead({ generation: 3, threads: [open(0)] });
    expect(aheadOf(THREADS[0]!.id)).toBeUndefined();
  });

  it('keeps a few screens of threads, the oldest going first, and none for a missing thread', () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      thread: { ...open(0).thread!, id: `t${i}` },
      posts: [],
      noteIds: [],
    }));
    keepAhead({ generation: 1, threads: [...many, { thread: null, posts: [], noteIds: [] }] });
    expect(aheadOf('t0')).toBeUndefined();
    expect(aheadOf('t69')).toBeDefined();
    expect(aheadOf('t10')).toBeDefined();
    expect(aheadOf('t9')).toBeUndefined();
  });
});
