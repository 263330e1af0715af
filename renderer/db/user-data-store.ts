/**
 * The user-data tables' writes and reads: bookmarks, notes and read state, as plain Dexie functions
 * the data worker calls (each unit-tested against fake-indexeddb). Imports never touch these tables
 * except to move rows along when a thread's id changes; these functions never touch threads or posts.
 */
import type { BookmarkTarget, LabelEdit } from '../../src/bridge/data-api';
import type { Bookmark, Note } from '../../src/model';
import { compareText } from '../../src/compare-text';
import { keepBoth } from '../components/unsaved-edits';
import type { ForumDb } from './forum-db';

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

export type { BookmarkTarget };

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

/**
 * Adds and removes a bookmark's labels against what is stored, in one transaction: edits sent in
 * quick succession (a label ended by a comma, the next by Enter) each apply to the other's result,
 * where two whole lists made from the same screen would undo the first. Returns the labels now,
 * or null when the target is not bookmarked (nothing is created).
 */
export async function editLabels(db: ForumDb, targetId: string, edit: LabelEdit): Promise<string[] | null> {
  return db.transaction('rw', db.bookmarks, async () => {
    const bookmark = await db.bookmarks.get(targetId);
    if (!bookmark) return null;
    const removed = new Set((edit.remove ?? []).map((l) => l.trim().toLowerCase()));
    const labels = normaliseLabels([
      ...bookmark.labels.filter((l) => !removed.has(l.toLowerCase())),
      ...(edit.add ?? []),
    ]);
    await db.bookmarks.update(targetId, { labels });
    return labels;
  });
}

/** Every label in use with how many bookmarks carry it, sorted by name. */
export async function labelCounts(db: ForumDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.bookmarks.each((b) => {
    for (const label of b.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  return new Map([...counts].sort(([a], [b]) => compareText(a, b)));
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

/**
 * Saves the note only if the stored text is still `expected` (what the editor's text was built on);
 * otherwise stores nothing and returns the stored text, so a note restored or changed elsewhere is
 * never overwritten by an editor that has not seen it.
 */
export async function saveNoteIfUnchanged(
  db: ForumDb,
  target: BookmarkTarget,
  expected: string,
  markdown: string,
): Promise<{ saved: boolean; stored: string }> {
  return db.transaction('rw', db.notes, async () => {
    const stored = (await db.notes.get(targetOf(target)))?.markdown ?? '';
    if (stored !== expected) return { saved: false, stored };
    await saveNote(db, target, markdown);
    return { saved: true, stored: markdown };
  });
}

/**
 * A note edit a closed window left unsaved: stored over the note it was made on; when the note
 * changed since, both texts are kept. True when something was stored.
 */
export async function recoverNote(
  db: ForumDb,
  target: BookmarkTarget,
  base: string,
  markdown: string,
): Promise<boolean> {
  return db.transaction('rw', db.notes, async () => {
    const stored = (await db.notes.get(targetOf(target)))?.markdown ?? '';
    if (stored === markdown) return false;
    await saveNote(db, target, stored === base ? markdown : keepBoth(stored, markdown));
    return true;
  });
}

/** A label typed but not added when the window closed: added to the bookmark, if it still is one. */
export async function recoverLabel(db: ForumDb, targetId: string, label: string): Promise<boolean> {
  const bookmark = await db.bookmarks.get(targetId);
  if (!bookmark || bookmark.labels.some((l) => l.toLowerCase() === label.trim().toLowerCase())) return false;
  await editLabels(db, targetId, { add: [label] });
  return true;
}
