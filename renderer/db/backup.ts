/** What leaves the database: a backup archive, and the notes as Markdown files. */
import { encodeArchive, type ArchiveContents } from '../../src/archive/encode-archive';
import type { ExportFile } from '../../src/export/export-file';
import { exportNotes } from '../../src/export/notes-export';
import type { ForumDb } from './forum-db';

export async function readArchiveContents(db: ForumDb, exportedAt: string): Promise<ArchiveContents> {
  return db.transaction('r', [db.threads, db.posts, db.bookmarks, db.notes, db.readState], async () => ({
    exportedAt,
    threads: await db.threads.toArray(),
    posts: await db.posts.toArray(),
    bookmarks: await db.bookmarks.toArray(),
    notes: await db.notes.toArray(),
    readState: await db.readState.toArray(),
  }));
}

/** The whole database as one ForumKB archive file, named for the day it was made. */
export async function backupFile(db: ForumDb, now: Date = new Date()): Promise<ExportFile> {
  const exportedAt = now.toISOString();
  const content = encodeArchive(await readArchiveContents(db, exportedAt));
  return { path: `ForumKB Backup ${exportedAt.slice(0, 10)}.json`, content };
}

/** The user's notes as Markdown files for a notes vault: all threads with notes, or a selection. */
export async function notesExportFiles(
  db: ForumDb,
  options: { threadIds?: string[]; digest?: boolean; now?: Date } = {},
): Promise<ExportFile[]> {
  const notes = await db.notes.toArray();
  const wanted = new Set(options.threadIds ?? notes.map((n) => n.threadId));
  const ids = [...wanted];
  const [threads, posts, bookmarks] = await Promise.all([
    db.threads.bulkGet(ids),
    db.posts.where('threadId').anyOf(ids).toArray(),
    db.bookmarks.where('threadId').anyOf(ids).toArray(),
  ]);
  return exportNotes(
    {
      threads: threads.filter((t) => t !== undefined),
      posts,
      bookmarks,
      notes: notes.filter((n) => wanted.has(n.threadId)),
    },
    { exportedAt: (options.now ?? new Date()).toISOString(), threadIds: ids, digest: options.digest ?? false },
  );
}
