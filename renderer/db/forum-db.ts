/**
 * The app's IndexedDB database. Forum content (threads, posts) and user data (bookmarks, notes,
 * read state) live in separate tables, so a re-import can never touch what the user wrote.
 */
import Dexie, { type EntityTable } from 'dexie';
import { titleKey } from '../../src/import/fingerprint';
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

// Dexie turns on its debug mode (async stack tagging: a console task per table call) when served
// from localhost, as the web build is in tests and benches: a few ms per write. Built apps run
// without it, as they do in Electron.
if (import.meta.env.PROD) Dexie.debug = false;

/**
 * Schema versions, oldest first. Never edit a released version: add one, with an upgrade function
 * when existing rows need changing. User-data tables are never cleared by an upgrade.
 */
export const SCHEMA_V1 = {
  threads: 'id, fingerprint, *tags, *inferredTags, activity.date, views, replies, boosts, isResource, author',
  posts: 'id, threadId, [threadId+index]',
  bookmarks: 'targetId, threadId, *labels, createdAt',
  notes: 'targetId, threadId, updatedAt',
  readState: 'threadId',
  searchSegments: 'id',
  meta: 'key',
};

/** v2: threads get `titleKey` (matching a feed item to its listing entry by title), indexed. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  threads: 'id, fingerprint, titleKey, *tags, *inferredTags, activity.date, views, replies, boosts, isResource, author',
};

export function openForumDb(name: string = DB_NAME): ForumDb {
  const db = new Dexie(name) as ForumDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table<Thread, string>('threads')
        .toCollection()
        .modify((thread) => {
          thread.titleKey ??= titleKey(thread.title);
        }),
    );
  return db;
}
