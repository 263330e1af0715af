/** Segments in IndexedDB (fake-indexeddb): dictionaries loaded at start, posting blocks on demand. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { DexieSegmentStorage } from '../../../renderer/search/dexie-segment-storage';
import { PersistentSearchIndex } from '../../../src/search/persistent-index';
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
    const keys = (await db.searchSegments.toCollection().primaryKeys()) as string[];
    expect(keys.filter((k) => !k.includes('/'))).toHaveLength(1);
    expect(keys.filter((k) => k.includes('/')).length).toBeGreaterThan(20);

    const index = await PersistentSearchIndex.open(new DexieSegmentStorage(db, 256), { cacheBytes: 16 * 1024 });
    for (const q of QUERIES) {
      const page = await index.search(q, { limit: 10 });
      expect(
        page.results.map((r) => r.id),
        q,
      ).toEqual(inMemory.search(q, { limit: 10 }).results.map((r) => r.id));
    }
  });

  it('waits before each write of blocks for the write it is told to yield to (an import’s under way)', async () => {
    const db = freshDb();
    let release: () => void = () => undefined;
    let held: Promise<void> | null = new Promise((resolve) => (release = resolve));
    let asked = 0;
    const storage = new DexieSegmentStorage(db, 256, () => {
      asked++;
      return held;
    });
    const building = (await PersistentSearchIndex.open(storage)).rebuild([...syntheticThreads(300, { seed: 3 })]);
    await vi.waitFor(() => expect(asked).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    // Nothing written while the other write is under way.
    expect(await db.searchSegments.count()).toBe(0);
    expect(asked).toBe(1);
    held = null;
    release();
    await building;
    const keys = (await db.searchSegments.toCollection().primaryKeys()) as string[];
    const blocks = keys.filter((k) => k.includes('/')).length;
    expect(blocks).toBeGreaterThan(20);
    // Asked before each write of (at most 8) blocks.
    expect(asked).toBe(Math.ceil(blocks / 8));
  });

  it('drops unreadable segments and blocks left without their dictionary', async () => {
    const db = freshDb();
    const storage = new DexieSegmentStorage(db, 256);
    await (await PersistentSearchIndex.open(storage)).rebuild([...syntheticThreads(50, { seed: 3 })]);
    await db.searchSegments.bulkPut([
      { id: 'seg-old', data: new Uint8Array(8), createdAt: '' },
      { id: 'seg-gone/000000', data: new Uint8Array(4), createdAt: '' },
    ]);
    const loaded = await storage.loadAll();
    expect(loaded.map((s) => s.id)).toEqual(['seg-00000000-00000000']);
    const keys = (await db.searchSegments.toCollection().primaryKeys()) as string[];
    expect(keys.some((k) => k.startsWith('seg-old') || k.startsWith('seg-gone'))).toBe(false);

    await storage.delete(['seg-00000000-00000000']);
    expect(await db.searchSegments.count()).toBe(0);
  });
});
