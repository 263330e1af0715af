/**
 * Threads read ahead for the reader: the rows on screen, each with its posts and which of them
 * have notes, so that a click opens a thread from memory instead of waiting for IndexedDB (in
 * Chromium a read of a thread with its posts took 5–30 ms, most of an open). Any write to the
 * threads, posts or notes drops them all: what is kept is never older than what is stored.
 */
import type { OpenThread } from '../../src/bridge/data-api';
import type { ForumDb } from '../db/forum-db';
import { postsOf } from '../search/search-service';
import { keepNewest } from '../../src/keep-newest';

/** Threads kept at most (a few screens' worth); the oldest read go first. */
const KEEP = 200;

/** The tables `readOpenThreads` reads: a write to one of them may change an open thread. */
export const OPEN_THREAD_TABLES = ['threads', 'posts', 'notes'] as const;

/** These threads with their posts and note targets, in one transaction; a missing one has `thread: null`. */
export function readOpenThreads(db: ForumDb, ids: readonly string[]): Promise<OpenThread[]> {
  return db.transaction('r', OPEN_THREAD_TABLES, async () => {
    const [threads, posts, notes] = await Promise.all([
      db.threads.bulkGet([...ids]),
      Promise.all(ids.map((id) => postsOf(db, id))),
      db.notes
        .where('threadId')
        .anyOf([...ids])
        .toArray(),
    ]);
    return ids.map((id, i) => ({
      thread: threads[i] ?? null,
      posts: posts[i]!,
      noteIds: notes.filter((n) => n.threadId === id).map((n) => n.targetId),
    }));
  });
}

export class OpenAhead {
  private readonly kept = new Map<string, OpenThread>();
  /** Reads under way, by thread id: an open that comes meanwhile waits for one instead of reading again. */
  private readonly pending = new Map<string, Promise<OpenThread | undefined>>();
  /** Bumped by every drop: a read that spans one is not kept. */
  private drops = 0;
  /** Bumped by every `forget`: the UI's copies may be stale (see `generation`). */
  private forgets = 0;
  /** While reads are under way, the `forgets` count at which each thread was last forgotten. */
  private readonly forgottenAt = new Map<string, number>();
  private reads = 0;

  /**
   * The read-ahead generation, which every write to threads, posts or notes moves on: a copy the
   * UI was sent under an older one may be older than what is stored.
   */
  get generation(): number {
    return this.drops + this.forgets;
  }

  get(id: string): OpenThread | undefined {
    return this.kept.get(id);
  }

  /**
   * The thread as the read under way for it will give it: `undefined` when none is under way, and
   * a promise of `undefined` when a write came in meanwhile (what it read may be stale).
   */
  reading(id: string): Promise<OpenThread | undefined> | undefined {
    return this.pending.get(id);
  }

  /** Reads the threads not kept or being read yet and keeps them, unless a write came in meanwhile. */
  async read(db: ForumDb, ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.kept.has(id) && !this.pending.has(id)).slice(0, KEEP);
    if (wanted.length === 0) return;
    const drops = this.drops;
    const forgets = this.forgets;
    this.reads++;
    const read = readOpenThreads(db, wanted).then((answers) => {
      if (drops !== this.drops) return new Map<string, OpenThread>();
      const byId = new Map<string, OpenThread>();
      for (const answer of answers)
        if (answer.thread && !((this.forgottenAt.get(answer.thread.id) ?? -1) > forgets))
          byId.set(answer.thread.id, answer);
      for (const [id, answer] of byId) this.kept.set(id, answer);
      keepNewest(this.kept, KEEP);
      return byId;
    });
    const each = wanted.map((id) => {
      const one = read.then(
        (byId) => byId.get(id),
        () => undefined,
      );
      this.pending.set(id, one);
      return [id, one] as const;
    });
    try {
      await read;
    } finally {
      for (const [id, one] of each) if (this.pending.get(id) === one) this.pending.delete(id);
      if (--this.reads === 0) this.forgottenAt.clear();
    }
  }

  private readonly dropListeners = new Set<(ids?: ReadonlySet<string>) => void>();

  /**
   * Calls `listener` at every drop (a write to threads, posts or notes) with the threads dropped,
   * undefined for all; returns the function that stops it.
   */
  onDrop(listener: (ids?: ReadonlySet<string>) => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  /** After a write to threads, posts or notes. */
  drop(): void {
    this.drops++;
    this.kept.clear();
    this.pending.clear();
    for (const listener of [...this.dropListeners]) listener();
  }

  /**
   * After a write that says which threads it wrote (an import's, `writtenThreads`): only those are
   * dropped, and the others stay, so a thread opened during an import still opens from memory.
   * (Dropping them all at each of its writes, every 15–60 ms, left nothing read ahead.)
   */
  forget(ids: ReadonlySet<string>): void {
    this.forgets++;
    for (const id of ids) {
      this.kept.delete(id);
      this.pending.delete(id);
      if (this.reads > 0) this.forgottenAt.set(id, this.forgets);
    }
    for (const listener of [...this.dropListeners]) listener(ids);
  }
}
