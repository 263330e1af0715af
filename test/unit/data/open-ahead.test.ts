/** Threads read ahead for the reader are never older than what is stored. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAhead } from '../../../renderer/data/open-ahead';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { THREADS, toRecord } from '../search/relevance-corpus';

let db: ForumDb;
let n = 0;

async function stored(): Promise<ForumDb> {
  db = openForumDb(`open-ahead-${++n}`);
  const records = THREADS.slice(0, 5).map(toRecord);
  await db.threads.bulkPut(records.map((r) => r.thread));
  await db.posts.bulkPut(records.flatMap((r) => r.posts));
  return db;
}

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('threads read ahead', () => {
  it('keeps each thread with its posts in order and its note targets; none for a missing one', async () => {
    await stored();
    // b has replies: its posts come in their order.
    const [b, a] = [THREADS[0]!, THREADS[1]!];
    expect(toRecord(THREADS[0]!).posts.length).toBeGreaterThan(1);
    const at = '2026-12-01T00:00:00.000Z';
    await db.notes.put({ targetId: `${b.id}#1`, threadId: b.id, markdown: 'on a reply', createdAt: at, updatedAt: at });
    await db.notes.put({ targetId: a.id, threadId: a.id, markdown: 'on the thread', createdAt: at, updatedAt: at });
    const ahead = new OpenAhead();
    await ahead.read(db, [a.id, b.id, 'no-such-thread']);
    expect(ahead.get(a.id)?.noteIds).toEqual([a.id]);
    expect(ahead.get(b.id)?.noteIds).toEqual([`${b.id}#1`]);
    expect(ahead.get(b.id)?.posts).toEqual(toRecord(THREADS[0]!).posts);
    expect(ahead.get('no-such-thread')).toBeUndefined();
  });

  it('keeps nothing read across a write', async () => {
    await stored();
    const ahead = new OpenAhead();
    const reading = ahead.read(db, [THREADS[0]!.id]);
    ahead.drop();
    await reading;
    expect(ahead.get(THREADS[0]!.id)).toBeUndefined();
    await ahead.read(db, [THREADS[0]!.id]);
    expect(ahead.get(THREADS[0]!.id)?.thread?.id).toBe(THREADS[0]!.id);
  });

  it('lets an open wait for a read under way instead of reading again; a write in between gives nothing', async () => {
    await stored();
    const [a, b] = [THREADS[0]!.id, THREADS[1]!.id];
    const ahead = new OpenAhead();
    expect(ahead.reading(a)).toBeUndefined();
    let reads = 0;
    const bulkGet = db.threads.bulkGet.bind(db.threads);
    db.threads.bulkGet = ((keys: string[]) => {
      reads += keys.length;
      return bulkGet(keys);
    }) as typeof db.threads.bulkGet;
    const first = ahead.read(db, [a]);
    const waiting = ahead.reading(a);
    // Asked again while it is read: only b is read.
    const second = ahead.read(db, [a, b]);
    expect((await waiting)?.thread?.id).toBe(a);
    await Promise.all([first, second]);
    expect(reads).toBe(2);
    expect(ahead.reading(a)).toBeUndefined();
    expect(await waiting).toBe(ahead.get(a));

    ahead.drop();
    const third = ahead.read(db, [a]);
    const stale = ahead.reading(a);
    ahead.drop();
    await third;
    expect(await stale).toBeUndefined();
    expect(ahead.get(a)).toBeUndefined();
  });
});
