import { describe, expect, it } from 'vitest';
import type { DocMeta } from '../../../src/search/doc-meta';
import { NO_USER_DATA } from '../../../src/search/user-data-view';
import { answer, question, tagIndex, type Engine } from '../../bench/engine-questions';

const meta = (id: number, over: Partial<DocMeta> = {}): DocMeta => ({
  id: String(id),
  author: null,
  authors: [],
  tags: [],
  views: null,
  replies: null,
  boosts: null,
  time: null,
  resource: false,
  answered: false,
  ...over,
});

const metas = new Map<number, DocMeta>([
  [1, meta(1, { tags: ['QUIC'], views: 10 })],
  [2, meta(2, { tags: ['Bonjour'], views: 500 })],
  [3, meta(3, { tags: ['QUIC'], views: null, answered: true })],
  [4, meta(4, { tags: ['QUIC'], views: 500 })],
  [5, meta(5, { tags: ['Network Extension'], views: 90 })],
]);
/** An engine whose matches are fixed lists, best first; it records what it was asked and its full scans. */
function engine(matches: Record<string, number[]>): Engine<number> & { asked: [string, number][]; scans: number } {
  const e = {
    asked: [] as [string, number][],
    scans: 0,
    find: (words: string, limit: number) => {
      e.asked.push([words, limit]);
      return (matches[words] ?? []).slice(0, limit);
    },
    all: () => {
      e.scans++;
      return metas.keys();
    },
    withTag: tagIndex(metas),
    id: Number,
    meta: (id: number) => metas.get(id)!,
    user: {
      ...NO_USER_DATA,
      bookmarkedThreadIds: new Set(['4', '5']),
      labelsByThread: new Map([['1', ['To read']]]),
    },
  };
  return e;
}

describe('the bench mix asked of an engine without ForumKB’s query language', () => {
  it('asks a question of words alone as the engine’s own first page, uncounted', () => {
    const e = engine({ 'connection timeout': [5, 4, 3, 2, 1] });
    expect(answer(question({ kind: 'words', query: 'Connection timeout' }), e, 2)).toEqual({
      ids: [5, 4],
      total: null,
    });
    expect(e.asked).toEqual([['connection timeout', 2]]);
  });

  it('narrows every match by filters and scopes, takes exclusions away and counts what is left', () => {
    const e = engine({ tunnel: [5, 4, 3, 2, 1], cellular: [3] });
    expect(answer(question({ kind: 'exclude', query: 'tunnel -tag:QUIC' }), e, 25)).toEqual({ ids: [5, 2], total: 2 });
    expect(answer(question({ kind: 'exclude', query: 'tunnel -cellular' }), e, 1)).toEqual({ ids: [5], total: 4 });
    expect(e.asked).toContainEqual(['cellular', Infinity]);
    const scoped = question({ kind: 'scope', query: 'tunnel', scope: { label: 'Bookmarks', query: 'is:bookmarked' } });
    expect(answer(scoped, e, 25)).toEqual({ ids: [5, 4], total: 2 });
  });

  it('answers a filter with no words from its tag’s or the user’s threads, else from every thread', () => {
    const e = engine({});
    expect(answer(question({ kind: 'operator', query: 'tag:QUIC is:answered' }), e, 25)).toEqual({
      ids: [3],
      total: 1,
    });
    expect(answer(question({ kind: 'operator', query: 'tag:"network extension"' }), e, 25).ids).toEqual([5]);
    expect(answer(question({ kind: 'userdata', query: 'label:"to read"' }), e, 25).ids).toEqual([1]);
    expect(answer(question({ kind: 'userdata', query: 'is:bookmarked -tag:QUIC' }), e, 25).ids).toEqual([5]);
    expect(e.scans).toBe(0);
    expect(answer(question({ kind: 'operator', query: 'is:answered' }), e, 25).ids).toEqual([3]);
    expect(e.scans).toBe(1);
    expect(e.asked).toEqual([]);
  });

  it('keeps the best by a sort’s field', () => {
    const e = engine({});
    // Views 500 twice (the engine's order kept), then 10; an unknown count last.
    expect(answer(question({ kind: 'sort', query: 'tag:QUIC sort:views' }), e, 25).ids).toEqual([4, 1, 3]);
    expect(answer(question({ kind: 'sort', query: 'sort:views' }), e, 2)).toEqual({ ids: [2, 4], total: 5 });
    expect(e.asked).toEqual([]);
  });
});
