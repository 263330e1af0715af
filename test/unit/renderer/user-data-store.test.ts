import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import {
  bookmarkAllResources,
  labelCounts,
  markRead,
  markUnread,
  normaliseLabels,
  editLabels,
  saveNote,
  toggleBookmark,
} from '../../../renderer/db/user-data-store';

let db: ForumDb;
let dbCount = 0;

function thread(id: string, isResource = false): Thread {
  return {
    id,
    fingerprint: `fp-${id}`,
    titleKey: id,
    title: `Thread ${id}`,
    url: null,
    author: null,
    tags: [],
    inferredTags: [],
    replies: 0,
    boosts: 0,
    views: 0,
    activity: { raw: null, date: null },
    capturedAt: null,
    isResource,
    excerpt: '',
    sources: ['listing'],
  };
}

beforeEach(() => {
  db = openForumDb(`forumkb-user-data-${++dbCount}`);
});
afterEach(async () => {
  await db.delete();
});

describe('toggleBookmark', () => {
  it('bookmarks a thread, then removes the bookmark', async () => {
    expect(await toggleBookmark(db, { threadId: '1' }, [' TLS ', 'tls', 'to read'])).toBe(true);
    const stored = await db.bookmarks.get('1');
    expect(stored).toMatchObject({ targetId: '1', threadId: '1', kind: 'thread', labels: ['TLS', 'to read'] });
    expect(Date.parse(stored!.createdAt)).not.toBeNaN();
    expect(await toggleBookmark(db, { threadId: '1' })).toBe(false);
    expect(await db.bookmarks.count()).toBe(0);
  });

  it('bookmarks a single post apart from its thread', async () => {
    await toggleBookmark(db, { threadId: '1' });
    await toggleBookmark(db, { threadId: '1', postId: '1#2' });
    expect(await db.bookmarks.get('1#2')).toMatchObject({ kind: 'post', threadId: '1' });
    expect(await db.bookmarks.where('threadId').equals('1').count()).toBe(2);
  });
});

describe('labels', () => {
  it('normalises labels', () => {
    expect(normaliseLabels(['a', ' A', '', '  ', 'to   read', 'b'])).toEqual(['a', 'to read', 'b']);
  });

  it('adds labels to a bookmark and counts them', async () => {
    await toggleBookmark(db, { threadId: '1' });
    await toggleBookmark(db, { threadId: '2' }, ['TLS']);
    expect(await editLabels(db, '1', { add: ['TLS', ' to  read', 'tls'] })).toEqual(['TLS', 'to read']);
    expect((await db.bookmarks.get('1'))?.labels).toEqual(['TLS', 'to read']);
    expect([...(await labelCounts(db))]).toEqual([
      ['TLS', 2],
      ['to read', 1],
    ]);
    expect(await db.bookmarks.where('labels').equals('TLS').count()).toBe(2);
  });

  it('does not create a bookmark when labelling an unbookmarked target', async () => {
    expect(await editLabels(db, 'nope', { add: ['x'] })).toBeNull();
    expect(await db.bookmarks.count()).toBe(0);
  });

  it('keeps both of two edits sent at once (a label ended by a comma, the next by Enter)', async () => {
    await toggleBookmark(db, { threadId: '1' }, ['old']);
    // Neither waits for the other, as the label field sends them: each applies to what is stored.
    await Promise.all([
      editLabels(db, '1', { add: ['TLS'] }),
      editLabels(db, '1', { add: ['to read'] }),
      editLabels(db, '1', { remove: ['OLD'] }),
    ]);
    expect((await db.bookmarks.get('1'))?.labels).toEqual(['TLS', 'to read']);
  });
});

describe('bookmarkAllResources', () => {
  it('bookmarks every resource thread once and keeps existing labels', async () => {
    await db.threads.bulkPut([thread('r1', true), thread('r2', true), thread('plain')]);
    await toggleBookmark(db, { threadId: 'r1' }, ['mine']);
    expect(await bookmarkAllResources(db)).toBe(1);
    expect((await db.bookmarks.get('r1'))?.labels).toEqual(['mine']);
    expect((await db.bookmarks.get('r2'))?.labels).toEqual(['Resource']);
    expect(await db.bookmarks.get('plain')).toBeUndefined();
    expect(await bookmarkAllResources(db)).toBe(0);
  });
});

describe('saveNote', () => {
  it('creates a note, keeps createdAt, bumps updatedAt', async () => {
    const first = await saveNote(db, { threadId: '1' }, '# Note');
    await new Promise((r) => setTimeout(r, 5));
    const second = await saveNote(db, { threadId: '1' }, '# Note\n\nmore');
    expect(second?.createdAt).toBe(first?.createdAt);
    expect(second!.updatedAt > first!.updatedAt).toBe(true);
    expect((await db.notes.get('1'))?.markdown).toBe('# Note\n\nmore');
  });

  it('keeps post notes apart and deletes a note saved empty', async () => {
    await saveNote(db, { threadId: '1', postId: '1#1' }, 'post note');
    expect(await db.notes.get('1#1')).toMatchObject({ threadId: '1', markdown: 'post note' });
    expect(await saveNote(db, { threadId: '1', postId: '1#1' }, '  \n')).toBeNull();
    expect(await db.notes.count()).toBe(0);
  });
});

describe('read state', () => {
  it('marks read and unread', async () => {
    await markRead(db, '1');
    expect(await db.readState.get('1')).toBeDefined();
    await markUnread(db, '1');
    expect(await db.readState.get('1')).toBeUndefined();
  });
});
