/** Whole-table live answers: read again after a change, once per pause, and at once when flushed. */
import 'fake-indexeddb/auto';
import type { ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { watchTables, type TableWatch } from '../../../renderer/data/table-watch';
import { reportWholeTables, writtenThreads } from '../../../renderer/db/whole-table-changes';

let db: ForumDb;
let watch: TableWatch | undefined;
afterEach(async () => {
  watch?.stop();
  db.close();
  await db.delete();
});

const note = (id: string) => ({ targetId: id, threadId: id, markdown: id, createdAt: '', updatedAt: '' });

async function countNotes(delay: () => number, passOver?: (parts: ObservabilitySet) => boolean) {
  db = openForumDb(`table-watch-${Math.random()}`);
  // Created first: a new database announces every table changed once, which would be one more read.
  await db.open();
  const answers: number[] = [];
  let reads = 0;
  watch = watchTables({
    dbName: db.name,
    tables: ['notes'],
    query: () => {
      reads++;
      return db.notes.count();
    },
    send: (n) => void answers.push(n as number),
    delay,
    passOver,
  });
  return { answers, reads: () => reads };
}

describe('watchTables', () => {
  it('answers now and again after a change to its table, not after a change to another', async () => {
    const { answers } = await countNotes(() => 0);
    await expect.poll(() => answers).toEqual([0]);
    await db.notes.put(note('a'));
    await expect.poll(() => answers).toEqual([0, 1]);
    await db.readState.put({ threadId: 'x', readAt: '' });
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([0, 1]);
  });

  it('reads once for a burst of changes while it waits, and at once when flushed', async () => {
    const { answers, reads } = await countNotes(() => 60_000);
    await expect.poll(() => answers).toEqual([0]);
    for (const id of ['a', 'b', 'c', 'd']) await db.notes.put(note(id));
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([0]);
    watch!.flush();
    await expect.poll(() => answers).toEqual([0, 4]);
    expect(reads()).toBe(2);
  });

  it('tells its delay how long the last read took, so that slow reads are spaced out', async () => {
    db = openForumDb(`table-watch-${Math.random()}`);
    await db.open();
    const asked: number[] = [];
    const answers: number[] = [];
    watch = watchTables({
      dbName: db.name,
      tables: ['notes'],
      // A read of every thread of a large forum: 120 ms.
      query: async () => {
        await new Promise((r) => setTimeout(r, 120));
        return db.notes.count();
      },
      send: (n) => void answers.push(n as number),
      delay: (lastReadMs) => {
        asked.push(lastReadMs);
        return 0;
      },
    });
    await expect.poll(() => answers).toEqual([0]);
    await db.notes.put(note('a'));
    await expect.poll(() => answers).toEqual([0, 1]);
    expect(asked.at(-1)).toBeGreaterThanOrEqual(100);
  });

  it('reads after `beforeRead` lets it, with the changes made meanwhile, and does not count the wait as the read', async () => {
    db = openForumDb(`table-watch-${Math.random()}`);
    await db.open();
    const asked: number[] = [];
    const answers: number[] = [];
    let release: (() => void) | null = null;
    let holding = false;
    watch = watchTables({
      dbName: db.name,
      tables: ['notes'],
      query: () => db.notes.count(),
      send: (n) => void answers.push(n as number),
      delay: (lastReadMs) => {
        asked.push(lastReadMs);
        return 0;
      },
      beforeRead: () => (holding ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    });
    await expect.poll(() => answers).toEqual([0]);
    holding = true;
    await db.notes.put(note('a'));
    await expect.poll(() => release).not.toBeNull();
    // Held: two more changes, and 150 ms, before the read may run.
    await db.notes.put(note('b'));
    await db.notes.put(note('c'));
    await new Promise((r) => setTimeout(r, 150));
    expect(answers).toEqual([0]);
    holding = false;
    release!();
    // One read with all three, and then no other: the changes made while held were in it.
    await expect.poll(() => answers).toEqual([0, 3]);
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([0, 3]);
    // The next delay was told the read's own time, not the 150 ms it was held.
    await db.notes.put(note('d'));
    await expect.poll(() => answers).toEqual([0, 3, 4]);
    expect(Math.max(...asked)).toBeLessThan(100);
  });

  it("passes over the changes it is told cannot change the answer (an import's write of other threads)", async () => {
    // As the open thread's watch: thread "a".
    const { answers, reads } = await countNotes(
      () => 0,
      (parts) => writtenThreads(parts)?.has('a') === false,
    );
    await expect.poll(() => answers).toEqual([0]);
    const importWrite = (ids: string[]) =>
      db.transaction('rw', db.notes, async () => {
        for (const id of ids) await db.notes.put(note(id));
        reportWholeTables({ writtenThreads: new Set(ids) });
      });
    await importWrite(['b', 'c']);
    await new Promise((r) => setTimeout(r, 50));
    expect(reads()).toBe(1);
    await importWrite(['a']);
    await expect.poll(() => answers).toEqual([0, 3]);
    // A write that names no threads (the user's, another window's) is read again.
    await db.notes.put(note('d'));
    await expect.poll(() => answers).toEqual([0, 3, 4]);
    expect(reads()).toBe(3);
  });

  it('sends nothing once stopped', async () => {
    const { answers } = await countNotes(() => 0);
    await expect.poll(() => answers).toEqual([0]);
    watch!.stop();
    await db.notes.put(note('a'));
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([0]);
  });
});
