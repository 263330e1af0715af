/** The app's search path in the data worker: phrases checked without a caller lookup, views as scope, related threads. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { searchScope } from '../../../renderer/app/search-scope';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { SearchService, type SearchServiceOptions } from '../../../renderer/search/search-service';
import type { SearchResponse } from '../../../src/search/segmented-index';
import { THREADS, toRecord } from './relevance-corpus';

let db: ForumDb;
let service: SearchService;
let n = 0;

const search = async (query: string, options: SearchServiceOptions = {}) =>
  (await service.search(query, { typing: false, ...options })).results.map((r) => r.id);

async function open(): Promise<void> {
  db = openForumDb(`worker-meaning-${++n}`);
  const records = THREADS.map(toRecord);
  await db.threads.bulkPut(records.map((r) => r.thread));
  await db.posts.bulkPut(records.flatMap((r) => r.posts));
  service = new SearchService(db, 0);
  await service.idle();
}

afterEach(async () => {
  service.dispose();
  await service.idle();
  db.close();
});

describe('search worker', () => {
  it('checks quoted phrases word by word, and excludes only the phrase', async () => {
    await open();
    expect(await search('"background session"')).toEqual(['bg1']);
    expect((await search('wifi -"lost network"')).sort()).toEqual(['w2', 'w3']);
  });

  it('searches inside the selected view and says which', async () => {
    await open();
    const scope = searchScope({ kind: 'resources' }, []) ?? undefined;
    const response: SearchResponse = await service.search('debugging', { typing: false, scope });
    expect(response.scope).toBe('Resources');
    expect(response.results.map((r) => r.id)).toEqual(['res1']);
  });

  it('answers "more like this" for a thread in the database', async () => {
    await open();
    const related = await service.related('m5', 3);
    expect(related.results.map((r) => r.id)).toContain('m4'); // "The network connection was lost." is -1005
    expect(related.results.map((r) => r.id)).not.toContain('m5');
  });
});

describe('searchScope', () => {
  it('turns the view and tags into a label and filters', () => {
    expect(searchScope({ kind: 'all' }, [])).toBeNull();
    expect(searchScope({ kind: 'bookmarks', label: 'to read' }, ['Network Extension'])).toEqual({
      label: 'Bookmarks labelled to read · Network Extension',
      query: 'is:bookmarked label:"to read" tag:"Network Extension"',
    });
    expect(searchScope({ kind: 'notes' }, [])?.query).toBe('has:notes');
  });
});
