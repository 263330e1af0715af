import { describe, expect, it } from 'vitest';
import type { DocMeta } from '../../../src/search/doc-meta';
import { NO_USER_DATA } from '../../../src/search/user-data-view';
import { answer, question, ThreadTable, type Engine } from '../../bench/engine-questions';

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

const metas = [
  meta(1, { tags: ['QUIC'], views: 10, authors: ['quinntheeskimo'] }),
  meta(2, { tags: ['Bonjour'], views: 500 }),
  meta(3, { tags: ['QUIC'], views: null, answered: true }),
  meta(4, { tags: ['QUIC'], views: 500, authors: ['eskimo'] }),
  meta(5, { tags: ['Network Extension'], views: 90 }),
];
const table = new ThreadTable(metas, {
  ...NO_USER_DATA,
  bookmarkedThreadIds: new Set(['4', '5']),
  labelsByThread: new Map([['1', ['To read']]]),
});

/** An engine whose matches are fixed lists, best first (thread 1 in row 0); it records what it was asked. */
function engine(matches: Record<string, number[]>): Engine<number> & { asked: [string, number][] } {
  const asked: [string, number][] = [];
  return {
    asked,
    find: (words, limit) => {
      asked.push([words, limit]);
      return (matches[words] ?? []).slice(0, limit);
    },
    row: (id) => id - 1,
    idAt: (row) => row + 1,
  };
}

describe('the bench mix asked of an engine without ForumKB’s query language', () => {
  it('asks a question of words alone as the engine’s own first page, uncounted', () => {
    const e = engine({ 'connection timeout': [5, 4, 3, 2, 1] });
    expect(answer(question({ kind: 'words', query: 'Connection timeout' }), e, table, 2)).toEqual({
      ids: [5, 4],
      total: null,
    });
    expect(e.asked).toEqual([['connection timeout', 2]]);
  });

  it('narrows every match by filters and scopes, takes exclusions away and counts what is left', () => {
    const e = engine({ tunnel: [5, 4, 3, 2, 1], cellular: [3] });
    expect(answer(question({ kind: 'exclude', query: 'tunnel -tag:QUIC' }), e, table, 25)).toEqual({
      ids: [5, 2],
      total: 2,
    });
    expect(answer(question({ kind: 'exclude', query: 'tunnel -cellular' }), e, table, 1)).toEqual({
      ids: [5],
      total: 4,
    });
    expect(e.asked).toContainEqual(['cellular', Infinity]);
    const scoped = question({ kind: 'scope', query: 'tunnel', scope: { label: 'Bookmarks', query: 'is:bookmarked' } });
    expect(answer(scoped, e, table, 25)).toEqual({ ids: [5, 4], total: 2 });
  });

  it('answers a filter with no words from its tag’s, author’s or the user’s threads, else from every thread', () => {
    const e = engine({});
    expect(answer(question({ kind: 'operator', query: 'tag:QUIC is:answered' }), e, table, 25)).toEqual({
      ids: [3],
      total: 1,
    });
    expect(answer(question({ kind: 'operator', query: 'tag:"network extension"' }), e, table, 25).ids).toEqual([5]);
    expect(answer(question({ kind: 'userdata', query: 'label:"to read"' }), e, table, 25).ids).toEqual([1]);
    expect(answer(question({ kind: 'userdata', query: 'is:bookmarked -tag:QUIC' }), e, table, 25).ids).toEqual([5]);
    expect(answer(question({ kind: 'operator', query: 'author:quinn is:answered' }), e, table, 25).ids).toEqual([]);
    expect(answer(question({ kind: 'operator', query: 'author:eskimo' }), e, table, 25).ids).toEqual([1, 4]);
    expect(answer(question({ kind: 'operator', query: 'is:answered' }), e, table, 25).ids).toEqual([3]);
    expect(e.asked).toEqual([]);
  });

  it('keeps the best by a sort’s field', () => {
    const e = engine({});
    // Views 500 twice (the engine's order kept), then 10; an unknown count last.
    expect(answer(question({ kind: 'sort', query: 'tag:QUIC sort:views' }), e, table, 25).ids).toEqual([4, 1, 3]);
    expect(answer(question({ kind: 'sort', query: 'sort:views' }), e, table, 2)).toEqual({ ids: [2, 4], total: 5 });
    expect(e.asked).toEqual([]);
  });
});

describe('the thread table around the engine', () => {
  it('lists the rows a tag, an author or an item of the user’s data names, and none for a column’s filter', () => {
    const [tag, author, label, bookmarked, views] = question({
      kind: 'operator',
      query: 'tag:quic author:quinn label:"to read" is:bookmarked views:>1',
    }).filters;
    expect(table.rowsOf(tag!)).toEqual([0, 2, 3]);
    expect(table.rowsOf(author!)).toEqual([0]);
    expect(table.rowsOf(label!)).toEqual([0]);
    expect(table.rowsOf(bookmarked!)).toEqual([3, 4]);
    expect(table.rowsOf(views!)).toBeNull();
  });
});
