/**
 * The journal that lets a file written in several transactions be undone whole: it puts back
 * what its own transactions replaced, and nothing a transaction that rolled back had recorded.
 */
import 'fake-indexeddb/auto';
import type { Transaction } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bookmark } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { WriteJournal } from '../../../renderer/db/write-journal';

const bookmark = (targetId: string, labels: string[]): Bookmark => ({
  targetId,
  threadId: targetId,
  kind: 'thread',
  labels,
  createdAt: '2026-11-30T00:00:00.000Z',
});

let db: ForumDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('WriteJournal', () => {
  it('undoes what its committed transactions wrote, and leaves a row the user wrote after a tracked transaction rolled back', async () => {
    db = openForumDb(`forumkb-journal-${process.pid}`);
    const open = db;
    const tables = [open.bookmarks];
    await open.bookmarks.put(bookmark('kept', ['before']));
    const journal = new WriteJournal(tables);
    journal.start();
    // An import's write that went through: it changed one row and added another.
    await open.transaction('rw', tables, async () => {
      journal.track();
      await open.bookmarks.put(bookmark('kept', ['import']));
      await open.bookmarks.put(bookmark('added', ['import']));
    });
    // An import's write given up half-way (aborted): it had added a row, rolled back with it.
    let aborted: Transaction | null = null;
    await expect(
      open.transaction('rw', tables, async (tx) => {
        journal.track();
        aborted = tx;
        await open.bookmarks.put(bookmark('mine', ['import']));
        tx.abort();
      }),
    ).rejects.toThrow();
    expect(await open.bookmarks.get('mine')).toBeUndefined();
    journal.rolledBack(aborted!);
    // Then the user bookmarks that thread, in a transaction of their own.
    await open.bookmarks.put(bookmark('mine', ['to read']));
    journal.stop();

    // The file fails later: its writes are undone, the user's bookmark stays.
    await journal.undo(open);
    expect(await open.bookmarks.get('kept')).toEqual(bookmark('kept', ['before']));
    expect(await open.bookmarks.get('added')).toBeUndefined();
    expect(await open.bookmarks.get('mine')).toEqual(bookmark('mine', ['to read']));
  });
});
