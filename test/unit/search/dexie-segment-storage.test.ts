/** Segments in IndexedDB (fake-indexeddb): dictionaries loaded at start, posting blocks on demand. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { openForumDb, SCHEMA_V2, type ForumDb } from '../../../renderer/db/forum-db';
import { DexieSegmentStorage, WRITING_KEY } from '../../../renderer/search/dexie-segment-storage';
import { MemorySegmentStorage, PersistentSearchIndex } from '../../../src/search/persistent-index';
import { buildSegment } from '../../../src/search/segment';
import { encodeBlock, encodeDictionary } from '../../../src/search/segment-codec';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import { syntheticThreads } from './synthetic-corpus';

let count = 0;
const dbs: ForumDb[] = [];
function freshDb(): ForumDb {
  const db = openForumDb(`dexie-segment-storage-${++count}`);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const QUERIES = ['connection timeout', '-1001', 'NEFilterDataProvider', 'connec', 'tag:Bonjour', 'resolver -cellular'];

describe('DexieSegmentStorage', () => {
  it('stores postings in blocks and answers as the in-memory index does', async () => {
    const all = [...syntheticThreads(300, { seed: 3 })];
    const inMemory = new SegmentedIndex();
    inMemory.add(all);
    const db = freshDb();
    const storage = new DexieSegmentStorage(db, 256);
    await (await PersistentSearchIndex.open(storage)).rebuild(all);
    expect(await db.searchDictionaries.count()).toBe(1);
    const keys = (await db.searchSegments.toCollection().primaryKeys()) as string[];
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.every((k) => k.startsWith('seg-00000000-00000000/'))).toBe(true);

    const index = await PersistentSearchIndex.open(new DexieSegmentStorage(db, 256), { cacheBytes: 16 * 1024 });
    for (const q of QUERIES) {
      const page = await index.search(q, { limit: 10 });
      expect(
        page.results.map((r) => r.id),
        q,
      ).toEqual(inMemory.search(q, { limit: 10 }).results.map((r) => r.id));
    }
  });

  it('drops unreadable segments with their blocks', async () => {
    const db = freshDb();
    const storage = new DexieSegmentStorage(db, 256);
    await (await PersistentSearchIndex.open(storage)).rebuild([...syntheticThreads(50, { seed: 3 })]);
    await db.searchDictionaries.put({ id: 'seg-old', data: new Uint8Array(8), createdAt: '' });
    await db.searchSegments.put({ id: 'seg-old/000000', data: new Uint8Array(4), createdAt: '' });
    const loaded = await storage.loadAll();
    expect(loaded.map((s) => s.id)).toEqual(['seg-00000000-00000000']);
    expect(await db.searchDictionaries.get('seg-old')).toBeUndefined();
    expect(await db.searchSegments.get('seg-old/000000')).toBeUndefined();

    await storage.delete(['seg-00000000-00000000']);
    expect(await db.searchSegments.count()).toBe(0);
    expect(await db.searchDictionaries.count()).toBe(0);
  });

  it('drops the blocks of a segment whose writing a crash cut short, and keeps the others', async () => {
    const db = freshDb();
    const storage = new DexieSegmentStorage(db, 64);
    await (await PersistentSearchIndex.open(storage)).rebuild([...syntheticThreads(50, { seed: 3 })]);
    const kept = await db.searchSegments.count();
    // The app stopped after writing a new segment's blocks, before its dictionary.
    const segment = buildSegment(syntheticThreads(20, { seed: 4 }), { minSeq: 1, maxSeq: 1 });
    const put = storage.put(segment);
    await new Promise<void>((resolve) => {
      const check = async () => ((await db.searchSegments.count()) > kept ? resolve() : setTimeout(check, 0));
      void check();
    });
    db.close();
    await put.catch(() => undefined);
    const reopened = openForumDb(db.name);
    dbs.push(reopened);
    expect(await reopened.searchSegments.count()).toBeGreaterThan(kept);
    expect(await reopened.searchDictionaries.get(segment.id)).toBeUndefined();

    const loaded = await new DexieSegmentStorage(reopened, 64).loadAll();
    expect(loaded.map((s) => s.id)).toEqual(['seg-00000000-00000000']);
    expect(await reopened.searchSegments.count()).toBe(kept);
    expect(await reopened.meta.get(WRITING_KEY)).toBeUndefined();
  });

  it('loads without listing the blocks: only the dictionaries are read', async () => {
    const db = freshDb();
    await (
      await PersistentSearchIndex.open(new DexieSegmentStorage(db, 256))
    ).rebuild([...syntheticThreads(100, { seed: 3 })]);
    db.close();
    const reopened = openForumDb(db.name);
    dbs.push(reopened);
    const tables = new Set<string>();
    reopened.use({
      stack: 'dbcore',
      name: 'tables-read',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            get: (request) => (tables.add(name), table.get(request)),
            getMany: (request) => (tables.add(name), table.getMany(request)),
            query: (request) => (tables.add(name), table.query(request)),
            openCursor: (request) => (tables.add(name), table.openCursor(request)),
          };
        },
      }),
    });
    const loaded = await new DexieSegmentStorage(reopened, 256).loadAll();
    expect(loaded).toHaveLength(1);
    expect([...tables].sort()).toEqual(['meta', 'searchDictionaries']);
  });

  it('moves the dictionaries of an index stored by schema 2 to their own table', async () => {
    const name = `dexie-segment-storage-v2-${++count}`;
    // The database as version 2 left it: dictionaries and blocks in one table.
    const before = new Dexie(name);
    before.version(2).stores(SCHEMA_V2);
    const records = [...syntheticThreads(60, { seed: 3 })];
    const memory = new MemorySegmentStorage(256);
    await (await PersistentSearchIndex.open(memory)).rebuild(records);
    const [dictionary] = await memory.loadAll();
    const blocks = memory.blocks.get(dictionary!.id)!;
    await before.table('searchSegments').bulkPut([
      { id: dictionary!.id, data: encodeDictionary(dictionary!), createdAt: '' },
      ...blocks.map((block, b) => ({
        id: `${dictionary!.id}/${String(b).padStart(6, '0')}`,
        data: encodeBlock(block),
        createdAt: '',
      })),
    ]);
    before.close();

    const db = openForumDb(name);
    dbs.push(db);
    expect(await db.searchDictionaries.toCollection().primaryKeys()).toEqual([dictionary!.id]);
    expect(await db.searchSegments.count()).toBe(blocks.length);
    const index = await PersistentSearchIndex.open(new DexieSegmentStorage(db, 256));
    const inMemory = new SegmentedIndex();
    inMemory.add(records);
    expect((await index.search('connection timeout', { limit: 10 })).results.map((r) => r.id)).toEqual(
      inMemory.search('connection timeout', { limit: 10 }).results.map((r) => r.id),
    );
  });
});
