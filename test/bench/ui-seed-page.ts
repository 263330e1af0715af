/**
 * Runs in the bench's page (bundled by ui-seed.ts): makes the bench's forum (forum-corpus.ts)
 * right there and writes it into the app's IndexedDB, a transaction per chunk, so a million
 * threads never cross the DevTools protocol. Written with the app closed (a blank page of its
 * origin), into the schema the app created on its first start.
 */
import type { ThreadRecord } from '../../src/model';
import { forumThreads } from './forum-corpus';

/** Ids get a prefix: the corpus counts from 700001, where real forum thread ids live. */
export const ID_PREFIX = 'syn-';

let generator: Generator<ThreadRecord> | null = null;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('forumkb');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => resolve(open.result);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Writes the next `take` threads of a `total`-thread forum, `chunk` threads a transaction. */
export async function writeThreads(total: number, take: number, chunk: number): Promise<{ bytes: number }> {
  generator ??= forumThreads(total);
  const db = await openDb();
  let bytes = 0;
  try {
    for (let left = take; left > 0; left -= chunk) {
      const tx = db.transaction(['threads', 'posts'], 'readwrite', { durability: 'relaxed' });
      const threads = tx.objectStore('threads');
      const posts = tx.objectStore('posts');
      for (let i = 0; i < Math.min(chunk, left); i++) {
        const next = generator.next();
        if (next.done) break;
        const { thread, posts: threadPosts } = next.value;
        const id = `${ID_PREFIX}${thread.id}`;
        threads.put({ ...thread, id, fingerprint: `${ID_PREFIX}${thread.fingerprint}` });
        for (const p of threadPosts) {
          bytes += p.body.length;
          posts.put({ ...p, id: `${ID_PREFIX}${p.id}`, threadId: id });
        }
        bytes += thread.title.length;
      }
      await done(tx);
    }
  } finally {
    db.close();
  }
  return { bytes };
}

/**
 * The user's data, as search sees it: a bookmark on every 50th thread (every 100th labelled
 * "to read"), a note on every 200th. Ids as the corpus numbers them.
 */
export async function writeUserData(total: number): Promise<{ bookmarks: number; notes: number }> {
  const db = await openDb();
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  const id = (n: number) => `${ID_PREFIX}${700_001 + n}`;
  let bookmarks = 0;
  let notes = 0;
  try {
    const tx = db.transaction(['bookmarks', 'notes'], 'readwrite');
    for (let n = 0; n < total; n += 50) {
      tx.objectStore('bookmarks').put({
        targetId: id(n),
        threadId: id(n),
        kind: 'thread',
        labels: n % 100 === 0 ? ['to read'] : [],
        createdAt: at,
      });
      bookmarks++;
      if (n % 200 === 0) {
        tx.objectStore('notes').put({
          targetId: id(n),
          threadId: id(n),
          markdown: `Bench note on thread ${n}: check the timeout handling.`,
          createdAt: at,
          updatedAt: at,
        });
        notes++;
      }
    }
    await done(tx);
  } finally {
    db.close();
  }
  return { bookmarks, notes };
}

/**
 * Empties every search store (`search…`): a start with no index builds it from every thread, as
 * after an upgrade of the index format. (A start with an index only loads it: threads written
 * behind its back would never be searchable.)
 */
export async function clearSearchIndex(): Promise<string[]> {
  const db = await openDb();
  try {
    const stores = [...db.objectStoreNames].filter((name) => name.startsWith('search'));
    if (stores.length === 0) return [];
    const tx = db.transaction(stores, 'readwrite');
    for (const name of stores) tx.objectStore(name).clear();
    await done(tx);
    return stores;
  } finally {
    db.close();
  }
}

function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (Array.isArray(value)) return value.reduce((s: number, v) => s + sizeOf(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((s: number, v) => s + sizeOf(v), 0);
  return 8;
}

/** Bytes held by the search stores (binary as stored, strings at two bytes a character). */
export async function searchIndexBytes(): Promise<{ rows: number; bytes: number }> {
  const db = await openDb();
  try {
    const stores = [...db.objectStoreNames].filter((name) => name.startsWith('search'));
    let rows = 0;
    let bytes = 0;
    for (const name of stores) {
      const tx = db.transaction(name, 'readonly');
      await new Promise<void>((resolve, reject) => {
        const cursor = tx.objectStore(name).openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve();
          rows++;
          bytes += sizeOf(c.value);
          c.continue();
        };
      });
    }
    return { rows, bytes };
  } finally {
    db.close();
  }
}

/** Threads a filter-only search for `views:>=0` must count: those with a known view count. */
export async function countWithViews(): Promise<number> {
  const db = await openDb();
  try {
    return await new Promise<number>((resolve, reject) => {
      const tx = db.transaction('threads', 'readonly');
      const store = tx.objectStore('threads');
      // The `views` index holds exactly the threads with a view count (a key cannot be null).
      const request = store.indexNames.contains('views') ? store.index('views').count() : store.count();
      request.onerror = () => reject(request.error);
      request.onsuccess = () => resolve(request.result);
    });
  } finally {
    db.close();
  }
}
