/**
 * Threads read ahead for the reader: the rows on screen, each with its posts and which of them
 * have notes, so that a click opens a thread from memory instead of waiting for IndexedDB (in
 * Chromium a read of a thread with its posts took 5–30 ms, most of an open). Any write to the
 * threads, posts or notes drops them all: what is kept is never older than what is stored.
 */
import type { OpenThread } from '../../src/bridge/data-api';
import type { ForumDb } from '../db/forum-db';
import { postsOf } from '../search/search-service';

/** Threads kept at most (a few screens' worth); the oldest read go first. */
const KEEP = 200;

/** These threads with their posts and note targets, in one transaction; a missing one has `thread: null`. */
export function readOpenThreads(db: ForumDb, ids: readonly string[]): Promise<OpenThread[]> {
  return db.transaction('r', db.threads, db.posts, db.notes, async () => {
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
  /** Bumped by every drop: a read that spans one is not kept. */
  private generation = 0;

  get(id: string): OpenThread | undefined {
    return this.kept.get(id);
  }

  /** Reads the threads not kept yet and keeps them, unless a write came in meanwhile. */
  async read(db: ForumDb, ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.kept.has(id)).slice(0, KEEP);
    if (wanted.length === 0) return;
    const generation = this.generation;
    const answers = await readOpenThreads(db, wanted);
    if (generation !== this.generation) return;
    for (const answer of answers) if (answer.thread) this.kept.set(answer.thread.id, answer);
    for (const id of this.kept.keys()) {
      if (this.kept.size <= KEEP) break;
      this.kept.delete(id);
    }
  }

  /** After a write to threads, posts or notes. */
  drop(): void {
    this.generation++;
    this.kept.clear();
  }
}
