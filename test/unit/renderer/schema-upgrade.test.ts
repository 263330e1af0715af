import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openForumDb, SCHEMA_V1 } from '../../../renderer/db/forum-db';

describe('database schema upgrades', () => {
  it('keeps every note, bookmark and thread when a v1 database is opened by this version', async () => {
    const name = 'upgrade-from-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    // A v1 thread row: written before titleKey existed.
    await v1.table('threads').put({
      id: 'fp-abc',
      fingerprint: 'fp-abc',
      title: 'Bonjour  Connectivity Optimization',
      url: null,
      author: null,
      tags: [],
      inferredTags: ['Bonjour'],
      replies: 10,
      boosts: 0,
      views: 297,
      activity: { raw: 'May ’25', date: '2025-05-01T00:00:00.000Z' },
      capturedAt: '2026-03-15T00:00:00.000Z',
      isResource: false,
      excerpt: 'Hi folks',
      sources: ['listing'],
    });
    await v1.table('notes').put({
      targetId: 'fp-abc',
      threadId: 'fp-abc',
      markdown: 'My **note**',
      createdAt: '2026-03-16T00:00:00.000Z',
      updatedAt: '2026-03-17T00:00:00.000Z',
    });
    await v1.table('bookmarks').put({
      targetId: 'fp-abc',
      threadId: 'fp-abc',
      kind: 'thread',
      labels: ['to read'],
      createdAt: '2026-03-16T00:00:00.000Z',
    });
    v1.close();

    const db = openForumDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.notes.get('fp-abc')).toEqual({
      targetId: 'fp-abc',
      threadId: 'fp-abc',
      markdown: 'My **note**',
      createdAt: '2026-03-16T00:00:00.000Z',
      updatedAt: '2026-03-17T00:00:00.000Z',
    });
    expect(await db.bookmarks.get('fp-abc')).toMatchObject({ labels: ['to read'] });
    const thread = await db.threads.where('titleKey').equals('bonjour connectivity optimization').first();
    expect(thread?.id).toBe('fp-abc');
    await db.delete();
  });
});
