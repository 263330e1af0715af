/**
 * The app's IndexedDB database. Forum content (threads, posts) and user data (bookmarks, notes,
 * read state) live in separate tables, so a re-import can never touch what the user wrote.
 */
import Dexie, { type EntityTable } from 'dexie';
import { titleKey } from '../../src/import/fingerprint';
import type { Bookmark, Note, Post, ReadState, Thread } from '../../src/model';

/** A row of the search index: a segment's dictionary, or one of its blocks of postings. */
export interface SearchSegmentRow {
  /** A dictionary's segment id (`seg-…`), or a block's (`seg-…/000000`). */
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
  /** The search index's posting blocks (renderer/search/dexie-segment-storage.ts). */
  searchSegments: EntityTable<SearchSegmentRow, 'id'>;
  /** The search index's segment dictionaries, loaded whole at start. */
  searchDictionaries: EntityTable<SearchSegmentRow, 'id'>;
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

/**
 * v3: the search index's dictionaries in a table of their own (`searchDictionaries`), apart from
 * the posting blocks (`searchSegments`). Loading the index listed every key of the one table to
 * find the dictionaries among the blocks, and IndexedDB read the blocks' values with their keys:
 * 400 ms of a start at 100k threads (470 MB of blocks) before the first dictionary was asked for.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, searchDictionaries: 'id' };

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
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      // The dictionaries move, one at a time (a million threads' are 600 MB); the blocks stay
      // where they are (listed once, here).
      const segments = tx.table<SearchSegmentRow, string>('searchSegments');
      const dictionaries = tx.table<SearchSegmentRow, string>('searchDictionaries');
      const ids = ((await segments.toCollection().primaryKeys()) as string[]).filter((id) => !id.includes('/'));
      for (const id of ids) {
        const row = await segments.get(id);
        if (row) await dictionaries.put(row);
        await segments.delete(id);
      }
    });
  return db;
}
