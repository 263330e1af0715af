/** Import transactions tell "the whole table changed", and which threads they wrote to whom asks. */
import 'fake-indexeddb/auto';
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
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

/** Whether every part of these changed parts is the whole of its table or index. */
const whole = (parts: ObservabilitySet) =>
  Object.values(parts).every((set) => {
    const [only, more] = [...RangeSet(set)];
    return more === undefined && only?.from === Dexie.minKey && only?.to === Dexie.maxKey;
  });

describe('reportWholeTables', () => {
  it('tells the whole tables changed, and keeps which threads its writer says it wrote, for a write of any size', async () => {
    db = openForumDb(`whole-table-${n++}`);
    await db.threads.bulkPut([thread('old'), thread('b')]);
    const many = Array.from({ length: 60 }, (_, i) => thread(`t${i}`));
    const parts: ObservabilitySet[] = [];
    const written = await told(async (db) => {
      const listen = (p: ObservabilitySet) => void parts.push(p);
      Dexie.on.storagemutated.subscribe(listen);
      await db.transaction('rw', db.threads, db.posts, async () => {
        await db.threads.bulkPut([thread('a'), thread('b')]);
        await db.posts.bulkPut([post('a', 0), post('a', 1), post('b', 0)]);
        await db.posts.where('threadId').equals('old').delete();
        await db.threads.delete('old');
        reportWholeTables({ writtenThreads: new Set(['a', 'b', 'old']) });
      });
      // 60 threads: Dexie's own parts would list the whole table, not which.
      await db.transaction('rw', db.threads, async () => {
        await db.threads.bulkPut(many);
        reportWholeTables({ writtenThreads: new Set(many.map((t) => t.id)) });
      });
      Dexie.on.storagemutated.unsubscribe(listen);
    });
    expect(written).toEqual([new Set(['a', 'b', 'old']), new Set(many.map((t) => t.id))]);
    const ours = parts.filter((p) => Object.keys(p).some((k) => k.includes(`/${db!.name}/`)));
    expect(ours).toHaveLength(2);
    expect(ours.every(whole)).toBe(true);
  });

  it('knows none when the writer could not tell or did not say, or for a write that does not report', async () => {
    db = openForumDb(`whole-table-${n++}`);
    await db.open();
    const written = await told(async (db) => {
      await db.transaction('rw', db.threads, async () => {
        await db.threads.put(thread('t1'));
        reportWholeTables({ writtenThreads: null });
      });
      await db.transaction('rw', db.threads, async () => {
        await db.threads.put(thread('t2'));
        reportWholeTables();
      });
      // A write that does not report at all: Dexie's own parts.
      await db.threads.put(thread('t3'));
    });
    expect(written).toEqual([undefined, undefined, undefined]);
  });
});
