/** The open thread's watch: read again after a write that may change it, never two reads at once. */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Thread } from '../../../src/model';
import type { ForumDb } from '../../../renderer/db/forum-db';
import { reportWholeTables } from '../../../renderer/db/whole-table-changes';
import { watchThread } from '../../../renderer/data/thread-watch';
import { freshForumDbs } from '../../support/fresh-forum-db';

const freshDb = freshForumDbs('thread-watch');

const thread = (id: string, title = `Thread ${id}`): Thread =>
  ({
    id,
    fingerprint: `fp-${id}`,
    titleKey: title.toLowerCase(),
    title,
    tags: [],
    inferredTags: [],
  }) as unknown as Thread;

/** A watch on thread `a` whose reads can be held, counting them. */
function watch(db: ForumDb) {
  const titles: (string | undefined)[] = [];
  let reads = 0;
  let running = 0;
  let most = 0;
  let hold: Promise<void> | null = null;
  const w = watchThread({
    dbName: db.name,
    threadId: 'a',
    tables: ['threads', 'posts', 'notes'],
    query: async () => {
      reads++;
      most = Math.max(most, ++running);
      await hold;
      const row = await db.threads.get('a');
      running--;
      return row?.title;
    },
    send: (title) => titles.push(title),
    fail: (error) => titles.push(`failed: ${String(error)}`),
  });
  return {
    titles,
    reads: () => reads,
    most: () => most,
    holdReads: () => {
      let release = () => {};
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
    stop: () => w.stop(),
  };
}

describe('watchThread', () => {
  it("passes over an import's writes of other threads, and reads again after one of this thread or any other write", async () => {
    const db = freshDb();
    await db.threads.bulkPut([thread('a', 'First'), thread('b')]);
    const w = watch(db);
    await vi.waitFor(() => expect(w.titles).toEqual(['First']));
    const importWrite = (rows: Thread[]) =>
      db.transaction('rw', db.threads, db.posts, async () => {
        await db.threads.bulkPut(rows);
        reportWholeTables({ writtenThreads: new Set(rows.map((t) => t.id)) });
      });
    await importWrite([thread('b', 'B again'), thread('c')]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(w.reads()).toBe(1);
    await importWrite([thread('a', 'Second')]);
    await vi.waitFor(() => expect(w.titles).toEqual(['First', 'Second']));
    // A write that says nothing of which threads (the user's, another window's): read again.
    await db.threads.put(thread('b', 'B by the user'));
    await vi.waitFor(() => expect(w.reads()).toBe(3));
    // A write to a table it does not read: nothing.
    await db.bookmarks.put({ targetId: 'a', threadId: 'a', kind: 'thread', labels: [], createdAt: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(w.reads()).toBe(3);
    w.stop();
    await db.threads.put(thread('a', 'After the end'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(w.reads()).toBe(3);
  });

  it('reads once more after writes made during a read, never two at once', async () => {
    const db = freshDb();
    await db.threads.put(thread('a', 'First'));
    const w = watch(db);
    await vi.waitFor(() => expect(w.titles).toEqual(['First']));
    const release = w.holdReads();
    await db.threads.put(thread('a', 'Second'));
    await vi.waitFor(() => expect(w.reads()).toBe(2));
    // Two more writes while that read is held: one read after it, which sees the last.
    await db.threads.put(thread('a', 'Third'));
    await db.threads.put(thread('a', 'Fourth'));
    release();
    await vi.waitFor(() => expect(w.titles.at(-1)).toBe('Fourth'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(w.reads()).toBe(3);
    expect(w.most()).toBe(1);
    w.stop();
  });
});
