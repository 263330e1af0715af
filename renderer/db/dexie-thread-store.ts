import type { ThreadStore } from '../../src/import/thread-store';
import type { ThreadRecord } from '../../src/model';
import type { ForumDb } from './db';

/**
 * The importer's store over Dexie. Must be used inside a transaction over threads, posts and the
 * user-data tables: when a listing entry is upgraded to its forum id, the user's bookmarks, notes
 * and read state move with it.
 */
export class DexieThreadStore implements ThreadStore {
  constructor(private readonly db: ForumDb) {}

  async find(id: string, fingerprint: string): Promise<ThreadRecord | undefined> {
    const thread =
      (await this.db.threads.get(id)) ?? (await this.db.threads.where('fingerprint').equals(fingerprint).first());
    if (!thread) return undefined;
    const posts = await this.db.posts.where('threadId').equals(thread.id).sortBy('index');
    return { thread, posts };
  }

  async findByTitle(key: string): Promise<ThreadRecord[]> {
    const threads = await this.db.threads.where('titleKey').equals(key).toArray();
    return Promise.all(
      threads.map(async (thread) => ({
        thread,
        posts: await this.db.posts.where('threadId').equals(thread.id).sortBy('index'),
      })),
    );
  }

  async put(record: ThreadRecord, previousId: string | null): Promise<void> {
    const { db } = this;
    if (previousId !== null) await this.rekey(previousId, record.thread.id);
    await db.posts.where('threadId').equals(record.thread.id).delete();
    await db.threads.put(record.thread);
    await db.posts.bulkPut(record.posts);
  }

  private async rekey(from: string, to: string): Promise<void> {
    const { db } = this;
    await db.posts.where('threadId').equals(from).delete();
    await db.threads.delete(from);
    await db.bookmarks
      .where('threadId')
      .equals(from)
      .modify((b) => {
        b.threadId = to;
        if (b.targetId === from) b.targetId = to;
      });
    await db.notes
      .where('threadId')
      .equals(from)
      .modify((n) => {
        n.threadId = to;
        if (n.targetId === from) n.targetId = to;
      });
    const read = await db.readState.get(from);
    if (read) {
      await db.readState.delete(from);
      await db.readState.put({ ...read, threadId: to });
    }
  }
}
