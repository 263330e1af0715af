/**
 * A fresh forum database for each test that asks (fake-indexeddb: import 'fake-indexeddb/auto'
 * first), closed and deleted after the test.
 */
import { afterEach } from 'vitest';
import { openForumDb, type ForumDb } from '../../renderer/db/forum-db';

/** Call at the top of a test file; the function it returns opens a database named after `prefix`. */
export function freshForumDbs(prefix: string): () => ForumDb {
  const opened: ForumDb[] = [];
  let n = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return () => {
    const db = openForumDb(`${prefix}-${process.pid}-${n++}`);
    opened.push(db);
    return db;
  };
}
