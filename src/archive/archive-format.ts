/**
 * ForumKB's own JSON archive: lossless and versioned, for backup, restore and moving a database
 * between machines. Export then import gives back an identical database.
 */
import type { Bookmark, Note, Post, ReadState, Thread } from '../model';

export const ARCHIVE_FORMAT = 'forumkb-archive';
export const ARCHIVE_VERSION = 1;

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  exportedAt: string;
  threads: Thread[];
  posts: Post[];
  bookmarks: Bookmark[];
  notes: Note[];
  readState: ReadState[];
}
