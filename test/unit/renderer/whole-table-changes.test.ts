/** Import transactions tell "the whole table changed", and which threads they wrote to whom asks. */
import 'fake-indexeddb/auto';
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Post, Thread } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { reportWholeTables, writtenThreads } from '../../../renderer/db/whole-table-changes';

let db: ForumDb | undefined;
let n = 0;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

const thread = (id: string): Thread =>
  ({
    id,
    fingerprint: `fp-${id}`,
    titleKey: id,
    title: `Thread ${id}`,
    url: null,
    tags: [],
    inferredTags: [],
    replies: null,
    views: null,
    boosts: null,
    activity: null,
    isResource: false,
    author: null,
  }) as unknown as Thread;
const post = (threadId: string, index: number): Post => ({
  id: `${threadId}#${index}`,
  threadId,
  index,
  author: null,
  date: null,
  body: `body ${index}`,
  boosts: null,
  accepted: false,
});

/** The changed parts each committed write told, and what `writtenThreads` says of them. */
async function told(write: (db: ForumDb) => Promise<void>): Promise<(ReadonlySet<string> | undefined)[]> {
  const seen: ObservabilitySet[] = [];
  const listen = (parts: ObservabilitySet) => void seen.push(parts);
  Dexie.on.storagemutated.subscribe(listen);
  try {
    await write(db!);
  } finally {
    Dexie.on.storagemutated.unsubscribe(listen);
  }
  return seen.filter((parts) => Object.keys(parts).some((p) => p.includes(`/${db!.name}/`))).map(writtenThreads);
}

describe('reportWholeTables', () => {
  it('keeps which threads an import transaction wrote, by the parts it tells on commit', async () => {
    db = openForumDb(`whole-table-${n++}`);
    await db.threads.bulkPut([thread('old'), thread('b')]);
    const written = await told((db) =>
      db.transaction('rw', db.threads, db.posts, async () => {
        await db.threads.bulkPut([thread('a'), thread('b')]);
        await db.posts.bulkPut([post('a', 0), post('a', 1), post('b', 0)]);
        await db.posts.where('threadId').equals('old').delete();
        await db.threads.delete('old');
        reportWholeTables({ keepWrittenThreads: true });
      }),
    );
    expect(written).toEqual([new Set(['a', 'b', 'old'])]);
  });

  it('knows none for a write of 50 threads or more, for posts written with no thread, or when not asked', async () => {
    db = openForumDb(`whole-table-${n++}`);
    const many = Array.from({ length: 60 }, (_, i) => thread(`t${i}`));
    await db.open();
    const written = await told(async (db) => {
      await db.transaction('rw', db.threads, async () => {
        await db.threads.bulkPut(many);
        reportWholeTables({ keepWrittenThreads: true });
      });
      await db.transaction('rw', db.posts, async () => {
        await db.posts.bulkPut([post('t1', 0)]);
        reportWholeTables({ keepWrittenThreads: true });
      });
      await db.transaction('rw', db.threads, async () => {
        await db.threads.put(thread('t2'));
        reportWholeTables();
      });
      // A write that does not report at all: Dexie's own parts.
      await db.threads.put(thread('t3'));
    });
    expect(written).toEqual([undefined, undefined, undefined, undefined]);
  });
});
