import Dexie, { type Transaction } from 'dexie';
import type { ThreadStore } from '../../src/import/thread-store';
import type { Post, Thread, ThreadRecord } from '../../src/model';
import { mergeBookmark, mergeNote } from '../../src/user-data/merge-user-data';
import type { ForumDb } from './forum-db';
import { readInSteps } from './in-steps';

/**
 * What `prepare` read for a batch of records, all at once, inside the batch's transaction; this
 * store's own writes keep it true, and a lookup it cannot answer goes to the database.
 */
interface Lookahead {
  transaction: Transaction;
  /** Threads by id; null: no thread has this id. */
  byId: Map<string, Thread | null>;
  /** The thread `where('fingerprint').equals(fp).first()` gives; null: none. */
  byFingerprint: Map<string, Thread | null>;
  byTitle: Map<string, Thread[]>;
  /** The posts whose threadId is this, in post order ([] when none). */
  posts: Map<string, Post[]>;
  /** Which thread each of those posts belongs to. */
  postOwner: Map<string, string>;
  /** Whether a post row with this id is stored (the incoming records' post ids). */
  postStored: Map<string, boolean>;
  /** The thread of each of those stored, as read (`postOwner` knows better once a write moved it). */
  storedOwner: Map<string, string>;
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * The importer's store over Dexie. Must be used inside a transaction over threads, posts and the
 * user-data tables: when a listing entry is upgraded to its forum id, the user's bookmarks, notes
 * and read state move with it.
 */
export class DexieThreadStore implements ThreadStore {
  /** Ids written or removed through this store: what the search index must re-read. */
  readonly touched = new Set<string>();
  private ahead: Lookahead | null = null;
  /** The threads written since `beginWrites` (null: a write could not tell whose posts it took). */
  private writes: Set<string> | null | undefined;

  constructor(private readonly db: ForumDb) {}

  /**
   * Reads what the records will be looked up by (ids, fingerprints, titles, the posts of each)
   * in a few requests sent together, instead of one awaited request after another per record:
   * each is a round trip to the database process, and a new thread took three before its write.
   */
  async prepare(records: readonly ThreadRecord[]): Promise<void> {
    this.ahead = null;
    const transaction = Dexie.currentTransaction;
    if (!transaction || records.length === 0) return;
    const { db } = this;
    const ids = unique(records.map((r) => r.thread.id));
    const fingerprints = unique(records.map((r) => r.thread.fingerprint));
    const titles = unique(records.map((r) => r.thread.titleKey));
    const postIds = unique(records.flatMap((r) => r.posts.map((p) => p.id)));
    // Each kind a step at a time (in-steps.ts): a task makes a step of each at most.
    const [withId, withFingerprint, withTitle, storedPosts] = await Promise.all([
      readInSteps(ids, (step) => db.threads.bulkGet(step)),
      readInSteps(fingerprints, (step) =>
        Promise.all(step.map((fp) => db.threads.where('fingerprint').equals(fp).first())),
      ),
      readInSteps(titles, (step) => Promise.all(step.map((key) => db.threads.where('titleKey').equals(key).toArray()))),
      readInSteps(postIds, (step) => db.posts.bulkGet(step)),
    ]);
    const ahead: Lookahead = {
      transaction,
      byId: new Map(),
      byFingerprint: new Map(),
      byTitle: new Map(),
      posts: new Map(),
      postOwner: new Map(),
      postStored: new Map(postIds.map((id, i) => [id, storedPosts[i] !== undefined])),
      storedOwner: new Map(storedPosts.flatMap((post) => (post ? [[post.id, post.threadId]] : []))),
    };
    ids.forEach((id, i) => ahead.byId.set(id, withId[i] ?? null));
    fingerprints.forEach((fp, i) => {
      const thread = withFingerprint[i] ?? null;
      ahead.byFingerprint.set(fp, thread);
      if (thread) ahead.byId.set(thread.id, thread);
    });
    titles.forEach((key, i) => {
      ahead.byTitle.set(key, withTitle[i]!);
      for (const thread of withTitle[i]!) ahead.byId.set(thread.id, thread);
    });
    const postsFor = [...ahead.byId.keys()];
    const posts = await readInSteps(postsFor, (step) => Promise.all(step.map((id) => this.readPosts(id))));
    postsFor.forEach((id, i) => {
      ahead.posts.set(id, posts[i]!);
      for (const post of posts[i]!) ahead.postOwner.set(post.id, id);
    });
    this.ahead = ahead;
  }

  /**
   * Starts noting which threads the writes that follow change: their rows, and their posts (a
   * post row a thread takes from another changes that one too). `endWrites` says which.
   */
  beginWrites(): void {
    this.writes = new Set();
  }

  /**
   * The threads written since `beginWrites`, or null when one of the writes could not tell (a
   * post row it took may have been another thread's: the batch was not read ahead).
   */
  endWrites(): ReadonlySet<string> | null {
    const writes = this.writes ?? null;
    this.writes = undefined;
    return writes;
  }

  /**
   * Says that the transaction being noted also changed what the store does not write (the user
   * data an archive restores: notes and bookmarks of any thread), so `endWrites` cannot tell.
   */
  writesUnknown(): void {
    if (this.writes !== undefined) this.writes = null;
  }

  /** Notes the threads `put` is about to change (see `beginWrites`): before the lookahead learns of it. */
  private noteWrites(ahead: Lookahead | null, record: ThreadRecord, previousId: string | null): void {
    const writes = this.writes;
    if (!writes) return;
    writes.add(record.thread.id);
    if (previousId !== null) writes.add(previousId);
    for (const post of record.posts) {
      const stored = ahead?.postStored.get(post.id);
      if (stored === false) continue;
      const owner = ahead?.postOwner.get(post.id) ?? (stored ? ahead?.storedOwner.get(post.id) : undefined);
      if (owner !== undefined) writes.add(owner);
      else {
        this.writes = null;
        return;
      }
    }
  }

  /** The lookahead, when it was read in the transaction under way. */
  private here(): Lookahead | null {
    return this.ahead && this.ahead.transaction === Dexie.currentTransaction ? this.ahead : null;
  }

  private readPosts(threadId: string): Promise<Post[]> {
    return this.db.posts.where('[threadId+index]').between([threadId, -Infinity], [threadId, Infinity]).toArray();
  }

  private postsOf(threadId: string): Promise<Post[]> {
    const known = this.here()?.posts.get(threadId);
    return known ? Promise.resolve(known) : this.readPosts(threadId);
  }

  private async threadWithId(id: string): Promise<Thread | undefined> {
    const ahead = this.here();
    if (ahead?.byId.has(id)) return ahead.byId.get(id) ?? undefined;
    return this.db.threads.get(id);
  }

  private async threadWithFingerprint(fingerprint: string): Promise<Thread | undefined> {
    const ahead = this.here();
    if (ahead?.byFingerprint.has(fingerprint)) return ahead.byFingerprint.get(fingerprint) ?? undefined;
    return this.db.threads.where('fingerprint').equals(fingerprint).first();
  }

  async find(id: string, fingerprint: string): Promise<ThreadRecord | undefined> {
    const thread = (await this.threadWithId(id)) ?? (await this.threadWithFingerprint(fingerprint));
    if (!thread) return undefined;
    return { thread, posts: await this.postsOf(thread.id) };
  }

  async findByTitle(key: string): Promise<ThreadRecord[]> {
    const threads = this.here()?.byTitle.get(key) ?? (await this.db.threads.where('titleKey').equals(key).toArray());
    return Promise.all(threads.map(async (thread) => ({ thread, posts: await this.postsOf(thread.id) })));
  }

  async put(record: ThreadRecord, previousId: string | null, movedPosts?: ReadonlyMap<string, string>): Promise<void> {
    const { db } = this;
    const { id } = record.thread;
    const ahead = this.here();
    // The rows this write replaces, as the lookahead knew them (undefined: it did not).
    const replaced = [id, previousId].flatMap((key) => (key === null ? [] : [ahead?.byId.get(key)]));
    this.touched.add(id);
    this.noteWrites(ahead, record, previousId);
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
    // What the lookahead knows is not stored is added: a put asks for the row it replaces first
    // while a file's journal runs (Dexie's hooks), an add does not. A new thread has no posts to delete.
    const newThread = ahead?.byId.get(id) === null;
    const newPosts =
      ahead !== null &&
      record.posts.every((p) => ahead.postStored.get(p.id) === false) &&
      new Set(record.posts.map((p) => p.id)).size === record.posts.length;
    const known = ahead?.posts.get(id);
    const writePosts = async () => {
      if (known?.length !== 0) await db.posts.where('threadId').equals(id).delete();
      await (newPosts ? db.posts.bulkAdd(record.posts) : db.posts.bulkPut(record.posts));
    };
    // Two tables, two requests sent together.
    await Promise.all([newThread ? db.threads.add(record.thread) : db.threads.put(record.thread), writePosts()]);
    if (ahead) this.wrote(ahead, record, previousId, replaced, known !== undefined);
  }

  /** Brings the lookahead up to date with a write: what it can no longer answer is read again. */
  private wrote(
    ahead: Lookahead,
    record: ThreadRecord,
    previousId: string | null,
    replaced: (Thread | null | undefined)[],
    postsKnown: boolean,
  ) {
    const { id, fingerprint, titleKey } = record.thread;
    if (replaced.includes(undefined)) {
      // A row it never read was replaced: its fingerprint and title are unknown.
      ahead.byFingerprint.clear();
      ahead.byTitle.clear();
    } else {
      for (const thread of [record.thread, ...replaced]) {
        if (!thread) continue;
        ahead.byFingerprint.delete(thread.fingerprint);
        ahead.byTitle.delete(thread.titleKey);
      }
    }
    ahead.byFingerprint.delete(fingerprint);
    ahead.byTitle.delete(titleKey);
    // The posts deleted under both ids: which rows went is known only if their list was.
    const goneKnown = postsKnown && (previousId === null || ahead.posts.has(previousId));
    if (!goneKnown) ahead.postStored.clear();
    for (const gone of [previousId, id]) {
      if (gone === null) continue;
      for (const post of ahead.posts.get(gone) ?? []) {
        ahead.postOwner.delete(post.id);
        if (ahead.postStored.has(post.id)) ahead.postStored.set(post.id, false);
      }
      ahead.posts.set(gone, []);
    }
    if (previousId !== null) ahead.byId.set(previousId, null);
    ahead.byId.set(id, record.thread);
    // A post row now under this thread is no longer another thread's.
    for (const post of record.posts) {
      const owner = ahead.postOwner.get(post.id);
      if (owner !== undefined && owner !== id)
        ahead.posts.set(
          owner,
          ahead.posts.get(owner)!.filter((p) => p.id !== post.id),
        );
      ahead.postOwner.set(post.id, id);
      ahead.postStored.set(post.id, true);
    }
    ahead.posts.set(id, record.posts);
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
