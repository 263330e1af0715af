/**
 * What the user writes: bookmarks, notes and read state. Plain Dexie functions over the user-data
 * tables, so the UI stays thin and each operation is unit-tested against fake-indexeddb. Imports
 * never touch these tables; these functions never touch threads or posts.
 */
import type { Bookmark, Note } from '../../src/model';
import type { ForumDb } from './db';

const now = () => new Date().toISOString();

/** Labels as the user means them: trimmed, no empties, no duplicates (case-insensitively), in order. */
export function normaliseLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of labels) {
    const label = raw.trim().replace(/\s+/g, ' ');
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    out.push(label);
  }
  return out;
}

export interface BookmarkTarget {
  threadId: string;
  /** A post id to bookmark one post; absent for the whole thread. */
  postId?: string;
}

const targetOf = (t: BookmarkTarget) => t.postId ?? t.threadId;

/** Adds the bookmark, or removes it when it exists. Returns whether the target is now bookmarked. */
export async function toggleBookmark(db: ForumDb, target: BookmarkTarget, labels: string[] = []): Promise<boolean> {
  return db.transaction('rw', db.bookmarks, async () => {
    const id = targetOf(target);
    if (await db.bookmarks.get(id)) {
      await db.bookmarks.delete(id);
      return false;
    }
    const bookmark: Bookmark = {
      targetId: id,
      threadId: target.threadId,
      kind: target.postId ? 'post' : 'thread',
      labels: normaliseLabels(labels),
      createdAt: now(),
    };
    await db.bookmarks.put(bookmark);
    return true;
  });
}

/** Replaces a bookmark's labels; does nothing for a target that is not bookmarked. */
export async function setLabels(db: ForumDb, targetId: string, labels: readonly string[]): Promise<void> {
  await db.bookmarks.update(targetId, { labels: normaliseLabels(labels) });
}

/** Every label in use with how many bookmarks carry it, sorted by name. */
export async function labelCounts(db: ForumDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.bookmarks.each((b) => {
    for (const label of b.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Bookmarks every resource thread not bookmarked yet, with the given labels; existing bookmarks
 * (and the labels the user gave them) are left as they are. Returns how many were added.
 */
export async function bookmarkAllResources(db: ForumDb, labels: string[] = ['Resource']): Promise<number> {
  return db.transaction('rw', db.threads, db.bookmarks, async () => {
    const resources = await db.threads.filter((t) => t.isResource).primaryKeys();
    const existing = new Set(await db.bookmarks.where('targetId').anyOf(resources).primaryKeys());
    const createdAt = now();
    const added: Bookmark[] = resources
      .filter((id) => !existing.has(id))
      .map((id) => ({ targetId: id, threadId: id, kind: 'thread', labels: normaliseLabels(labels), createdAt }));
    await db.bookmarks.bulkPut(added);
    return added.length;
  });
}

/**
 * Saves a note's Markdown, keeping createdAt from the first save. An empty (whitespace-only) note is
 * deleted rather than kept as clutter. Returns the stored note, or null when it was deleted.
 */
export async function saveNote(db: ForumDb, target: BookmarkTarget, markdown: string): Promise<Note | null> {
  return db.transaction('rw', db.notes, async () => {
    const id = targetOf(target);
    if (markdown.trim() === '') {
      await db.notes.delete(id);
      return null;
    }
    const existing = await db.notes.get(id);
    const stamp = now();
    const note: Note = {
      targetId: id,
      threadId: target.threadId,
      markdown,
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
    };
    await db.notes.put(note);
    return note;
  });
}

/** Marks a thread read now (opening it does this). */
export async function markRead(db: ForumDb, threadId: string): Promise<void> {
  await db.readState.put({ threadId, readAt: now() });
}

/** Marks a thread unread again. */
export async function markUnread(db: ForumDb, threadId: string): Promise<void> {
  await db.readState.delete(threadId);
}
