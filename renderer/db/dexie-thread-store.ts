import type { ThreadStore } from '../../src/import/thread-store';
import type { ThreadRecord } from '../../src/model';
import { mergeBookmark, mergeNote } from '../../src/user-data/merge-user-data';
import type { ForumDb } from './forum-db';

/**
 * The importer's store over Dexie. Must be used inside a transaction over threads, posts and the
 * user-data tables: when a listing entry is upgraded to its forum id, the user's bookmarks, notes
 * and read state move with it.
 */
export class DexieThreadStore implements ThreadStore {
  /** Ids written or removed through this store: what the search index must re-read. */
  readonly touched = new Set<string>();

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

  async put(record: ThreadRecord, previousId: string | null, movedPosts?: ReadonlyMap<string, string>): Promise<void> {
    const { db } = this;
    this.touched.add(record.thread.id);
    if (previousId !== null) {
      this.touched.add(previousId);
      await this.rekey(previousId, record);
    }
    // A reply that got its forum post id (`790377#2` → `846201022`): its bookmark and note follow.
    for (const [from, to] of movedPosts ?? []) {
      const bookmark = await db.bookmarks.get(from);
      if (bookmark) {
        await db.bookmarks.delete(from);
        await db.bookmarks.put(mergeBookmark(await db.bookmarks.get(to), { ...bookmark, targetId: to }));
      }
      const note = await db.notes.get(from);
      if (note) {
        await db.notes.delete(from);
        await db.notes.put(mergeNote(await db.notes.get(to), { ...note, targetId: to }));
      }
    }
    await db.posts.where('threadId').equals(record.thread.id).delete();
    await db.threads.put(record.thread);
    await db.posts.bulkPut(record.posts);
  }

  /**
   * Moves everything under the old id to the new one. Posts are matched by their place in the
   * thread: a bookmark or note on the listing entry's question stays on that question.
   */
  private async rekey(from: string, record: ThreadRecord): Promise<void> {
    const { db } = this;
    const to = record.thread.id;
    const oldPosts = await db.posts.where('threadId').equals(from).toArray();
    const indexOfOld = new Map(oldPosts.map((p) => [p.id, p.index]));
    const idAtIndex = new Map(record.posts.map((p) => [p.index, p.id]));
    const newTarget = (targetId: string) => {
      if (targetId === from) return to;
      const index = indexOfOld.get(targetId);
      return (index !== undefined ? idAtIndex.get(index) : undefined) ?? targetId;
    };
    await db.posts.where('threadId').equals(from).delete();
    await db.threads.delete(from);
    // targetId is the primary key of both tables: rows whose key changes are re-inserted, merged
    // with whatever is already under the new key so neither side's labels or text are lost.
    for (const bookmark of await db.bookmarks.where('threadId').equals(from).toArray()) {
      const moved = { ...bookmark, threadId: to, targetId: newTarget(bookmark.targetId) };
      await db.bookmarks.delete(bookmark.targetId);
      await db.bookmarks.put(mergeBookmark(await db.bookmarks.get(moved.targetId), moved));
    }
    for (const note of await db.notes.where('threadId').equals(from).toArray()) {
      const moved = { ...note, threadId: to, targetId: newTarget(note.targetId) };
      await db.notes.delete(note.targetId);
      await db.notes.put(mergeNote(await db.notes.get(moved.targetId), moved));
    }
    const read = await db.readState.get(from);
    if (read) {
      await db.readState.delete(from);
      await db.readState.put({ ...read, threadId: to });
    }
  }
}
