/**
 * The app's IndexedDB database. Forum content (threads, posts) and user data (bookmarks, notes,
 * read state) live in separate tables, so a re-import can never touch what the user wrote.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Bookmark, Note, Post, ReadState, Thread } from '../../src/model';

export interface SearchSegmentRow {
  /** Segment id, e.g. `base-0003` or `recent-1716123456789`. */
  id: string;
  /** Serialized segment; see src/search. */
  data: unknown;
  createdAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type ForumDb = Dexie & {
  threads: EntityTable<Thread, 'id'>;
  posts: EntityTable<Post, 'id'>;
  bookmarks: EntityTable<Bookmark, 'targetId'>;
  notes: EntityTable<Note, 'targetId'>;
  readState: EntityTable<ReadState, 'threadId'>;
  searchSegments: EntityTable<SearchSegmentRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'forumkb';

export function openForumDb(name: string = DB_NAME): ForumDb {
  const db = new Dexie(name) as ForumDb;
  db.version(1).stores({
    threads: 'id, fingerprint, *tags, *inferredTags, activity.date, views, replies, boosts, isResource, author',
    posts: 'id, threadId, [threadId+index]',
    bookmarks: 'targetId, threadId, *labels, createdAt',
    notes: 'targetId, threadId, updatedAt',
    readState: 'threadId',
    searchSegments: 'id',
    meta: 'key',
  });
  return db;
}
