/**
 * The Dexie store reads a batch's lookups ahead (ids, fingerprints, titles, posts) in one go: the
 * merge must come out exactly as when each lookup asks the database, through listing entries
 * upgraded to their forum ids (with the user's bookmark and note moving along), repeats inside one
 * batch, feed items found by title, and batches of every size.
 */
import 'fake-indexeddb/auto';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyRecords } from '../../../src/import/thread-store';
import { emptyReport, type Post, type ThreadRecord } from '../../../src/model';
import { DexieThreadStore } from '../../../renderer/db/dexie-thread-store';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { WriteJournal } from '../../../renderer/db/write-journal';
import { READ_STEP } from '../../../renderer/db/in-steps';
import { CAPTURED_AT, parseFixture } from '../import/fixture-helpers';
import { syntheticThreads } from '../search/synthetic-corpus';
import { countWaitingReads } from '../../support/waiting-requests';

const LATER = new Date('2026-03-20T00:00:00Z');
const PAGES = readdirSync(new URL('../../../fixtures/thread-pages', import.meta.url)).map((f) => `thread-pages/${f}`);

/** Every fixture's records, in an order that upgrades, repeats and re-imports threads. */
async function records(): Promise<{ all: ThreadRecord[]; upgraded: string }> {
  const parsed = async (name: string, at: Date) => (await parseFixture(name, at)).records;
  const listing = await parsed('networking-listing.txt', CAPTURED_AT);
  const upgrades = [
    ...(await parsed('thread-page-788211.html', LATER)),
    ...(await parsed('thread-page-790377.txt', LATER)),
    ...(await parsed('network-tag-feed.xml', LATER)),
    ...(await parsed('network-extension-tag-feed.atom', LATER)),
  ];
  const pages = (await Promise.all(PAGES.map((name) => parsed(name, LATER)))).flat();
  const archive = await parsed('forumkb-archive.json', LATER);
  // A listing entry a thread page gives its forum id.
  const upgraded = listing.find((l) => upgrades.some((u) => u.thread.fingerprint === l.thread.fingerprint))!.thread.id;
  return { all: [...listing, ...upgrades, ...listing, ...pages, ...archive, ...upgrades.reverse()], upgraded };
}

const dbs: ForumDb[] = [];
let count = 0;
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Applies the records in batches of `size`, one transaction each, as the importer does. */
async function apply(
  { all, upgraded }: { all: ThreadRecord[]; upgraded: string },
  size: number,
  readAhead: boolean,
  undo = false,
) {
  const db = openForumDb(`forumkb-store-${++count}`);
  dbs.push(db);
  // The user's bookmark and note on a listing entry a thread page upgrades.
  const first = upgraded;
  await db.bookmarks.put({ targetId: first, threadId: first, kind: 'thread', labels: ['mine'], createdAt: 'x' });
  await db.notes.put({ targetId: first, threadId: first, markdown: 'note', createdAt: 'x', updatedAt: 'x' });
  const store = new DexieThreadStore(db);
  if (!readAhead) Object.assign(store, { prepare: undefined });
  const gets = vi.spyOn(db.threads, 'get');
  const report = emptyReport();
  const tables = [db.threads, db.posts, db.bookmarks, db.notes, db.readState];
  const journal = new WriteJournal(tables);
  if (undo) journal.start();
  for (let start = 0; start < all.length; start += size)
    // An async function: Dexie keeps its transaction across native awaits only inside one.
    await db.transaction('rw', tables, async () => {
      if (undo) journal.track();
      await applyRecords(store, all.slice(start, start + size), report);
    });
  if (undo) await journal.undo(db);
  const sortById = <T extends { id?: string; targetId?: string }>(rows: T[]) =>
    rows.sort((a, b) => String(a.id ?? a.targetId).localeCompare(String(b.id ?? b.targetId)));
  return {
    report,
    gets: gets.mock.calls.length,
    rows: {
      threads: sortById(await db.threads.toArray()),
      posts: sortById(await db.posts.toArray()),
      bookmarks: sortById(await db.bookmarks.toArray()),
      notes: sortById(await db.notes.toArray()),
      touched: [...store.touched].sort(),
    },
  };
}

describe('DexieThreadStore reading a batch ahead', () => {
  it('stores exactly what asking the database each time stores, with far fewer reads', async () => {
    const given = await records();
    const { all } = given;
    const asked = await apply(given, all.length, false);
    expect(asked.report.updated).toBeGreaterThan(0);
    expect(asked.report.unchanged).toBeGreaterThan(0);
    // The bookmark followed its thread to the forum id.
    expect(asked.rows.bookmarks[0]!.threadId).not.toBe(given.upgraded);
    expect(asked.rows.notes[0]!.threadId).toBe(asked.rows.bookmarks[0]!.threadId);
    for (const size of [all.length, 200, 7, 1]) {
      const ahead = await apply(given, size, true);
      expect({ size, report: ahead.report }).toEqual({ size, report: asked.report });
      expect(ahead.rows).toEqual(asked.rows);
      if (size > 1) expect(ahead.gets).toBeLessThan(asked.gets / 2);
    }
  }, 60_000);

  it('reads a large batch ahead a step of each kind of lookup at a time', async () => {
    const db = openForumDb(`forumkb-store-${++count}`);
    dbs.push(db);
    const reads = countWaitingReads(db);
    const batch = [...syntheticThreads(READ_STEP * 3, { seed: 5 })];
    // Half of them stored already: found by id, their posts read ahead.
    await db.threads.bulkPut(batch.slice(0, READ_STEP * 1.5).map((r) => r.thread));
    await db.posts.bulkPut(batch.slice(0, READ_STEP * 1.5).flatMap((r) => r.posts));
    const store = new DexieThreadStore(db);
    const report = emptyReport();
    await db.transaction('rw', [db.threads, db.posts, db.bookmarks, db.notes, db.readState], async () => {
      await applyRecords(store, batch, report);
    });
    expect(report.added).toBe(READ_STEP * 1.5);
    expect(await db.threads.count()).toBe(batch.length);
    // Ids, fingerprints, titles and post ids side by side, a step of each (all at once: over 900).
    expect(reads.most()).toBeLessThanOrEqual(4 * READ_STEP);
  });

  it('says which threads its writes changed: their rows, the ids they replace, a thread a post row was taken from', async () => {
    const db = openForumDb(`forumkb-store-${++count}`);
    dbs.push(db);
    const [x, y, a, b, c, d] = [...syntheticThreads(6, { seed: 9 })] as [
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
      ThreadRecord,
    ];
    await db.threads.bulkPut([x.thread, y.thread]);
    await db.posts.bulkPut([...x.posts, ...y.posts]);
    const store = new DexieThreadStore(db);
    const tables = [db.threads, db.posts, db.bookmarks, db.notes, db.readState];
    /** The threads one transaction's puts changed, as the store says. */
    const written = (puts: [ThreadRecord, string | null][], readAhead = true) =>
      db.transaction('rw', tables, async () => {
        if (readAhead) await store.prepare(puts.map(([r]) => r));
        store.beginWrites();
        for (const [record, previousId] of puts) await store.put(record, previousId);
        return store.endWrites();
      });
    // b takes one of x's post rows: x changed too (its posts are one fewer). y did not.
    const taken = { ...(x.posts.at(-1) as Post), threadId: b.thread.id };
    const bTakes = { ...b, posts: [...b.posts, taken] };
    expect(
      await written([
        [a, null],
        [bTakes, null],
      ]),
    ).toEqual(new Set([a.thread.id, b.thread.id, x.thread.id]));
    expect((await db.posts.get(taken.id))?.threadId).toBe(b.thread.id);
    // c replaces y (a listing entry upgraded to its forum id): y's row and posts go.
    expect(await written([[c, y.thread.id]])).toEqual(new Set([c.thread.id, y.thread.id]));
    expect(await db.threads.get(y.thread.id)).toBeUndefined();
    // Without the batch read ahead, a post row's owner is unknown: it cannot tell.
    expect(await written([[d, null]], false)).toBeNull();
    // Nor does it say anything of writes it was not asked to note.
    expect(store.endWrites()).toBeNull();
    // A transaction that also wrote what the store does not (an archive's notes): it cannot tell.
    store.beginWrites();
    store.writesUnknown();
    expect(store.endWrites()).toBeNull();
    // Said outside the noting, it leaves the next noting alone.
    store.writesUnknown();
    store.beginWrites();
    expect(store.endWrites()).toEqual(new Set());
  });

  it("is undone whole by a file's journal (new rows are added, not put, and still recorded)", async () => {
    const given = await records();
    const undone = await apply(given, 200, true, true);
    expect(undone.rows.threads).toEqual([]);
    expect(undone.rows.posts).toEqual([]);
    expect(undone.rows.bookmarks.map((b) => b.threadId)).toEqual([given.upgraded]);
    expect(undone.rows.notes.map((n) => n.threadId)).toEqual([given.upgraded]);
  }, 60_000);
});
