import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedFileResult } from '../../../src/bridge/forumkb-api';
import { parseSources } from '../../../src/bridge/parse-results';
import { stringSource } from '../../../src/import/text-source';
import type { ThreadRecord } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/db';
import { importIntoDb } from '../../../renderer/db/import-into-db';

const listing = readFileSync('fixtures/networking-listing.txt', 'utf8');
const capturedAt = new Date('2026-03-15T00:00:00Z');
let db: ForumDb;
let dbCount = 0;

async function parseListing(text = listing): Promise<ParsedFileResult[]> {
  return parseSources([stringSource('networking-listing.txt', text)], { capturedAt });
}

function okRecords(results: ParsedFileResult[]): ThreadRecord[] {
  const first = results[0]!;
  if (!first.ok) throw new Error(first.error.message);
  return first.records;
}

beforeEach(() => {
  db = openForumDb(`forumkb-test-${++dbCount}`);
});
afterEach(async () => {
  await db.delete();
});

describe('importIntoDb', () => {
  it('stores the 21 distinct threads of the listing, with their question posts', async () => {
    const summary = await importIntoDb(db, await parseListing());
    expect(summary.report).toEqual({ added: 21, updated: 0, unchanged: 20, skipped: 0 });
    expect(await db.threads.count()).toBe(21);
    expect(await db.posts.count()).toBe(21);
  });

  it('changes nothing when the same file is imported again', async () => {
    await importIntoDb(db, await parseListing());
    const before = await db.threads.toArray();
    const summary = await importIntoDb(db, await parseListing());
    expect(summary.report).toEqual({ added: 0, updated: 0, unchanged: 41, skipped: 0 });
    expect(await db.threads.toArray()).toEqual(before);
  });

  it('moves bookmarks, notes and read state along when a listing entry gets its forum id', async () => {
    await importIntoDb(db, await parseListing());
    const entry = await db.threads.filter((t) => t.title === 'NEHotspotHelper API').first();
    expect(entry?.id).toMatch(/^fp-/);
    const fpId = entry!.id;
    const now = '2026-03-20T10:00:00.000Z';
    await db.bookmarks.put({ targetId: fpId, threadId: fpId, kind: 'thread', labels: ['to read'], createdAt: now });
    await db.notes.put({
      targetId: fpId,
      threadId: fpId,
      markdown: 'Ask about *NEHotspotHelper* entitlement',
      createdAt: now,
      updatedAt: now,
    });
    await db.readState.put({ threadId: fpId, readAt: now });
    await db.bookmarks.put({ targetId: `${fpId}#0`, threadId: fpId, kind: 'post', labels: [], createdAt: now });
    await db.notes.put({
      targetId: `${fpId}#0`,
      threadId: fpId,
      markdown: 'On the question',
      createdAt: now,
      updatedAt: now,
    });

    const [record] = okRecords(await parseListing()).filter((r) => r.thread.id === fpId);
    const upgraded: ThreadRecord = {
      thread: {
        ...record!.thread,
        id: '789012',
        url: 'https://developer.apple.com/forums/thread/789012',
        replies: 2,
        sources: ['thread-page'],
        capturedAt: '2026-04-01T00:00:00.000Z',
      },
      posts: record!.posts.map((p) => ({ ...p, id: `789012#${p.index}`, threadId: '789012' })),
    };
    const summary = await importIntoDb(db, [
      { ok: true, file: 'thread-789012.html', format: 'thread-page', records: [upgraded], warnings: [] },
    ]);

    expect(summary.report.updated).toBe(1);
    expect(await db.threads.count()).toBe(21);
    expect(await db.threads.get(fpId)).toBeUndefined();
    const thread = await db.threads.get('789012');
    expect(thread).toMatchObject({
      url: 'https://developer.apple.com/forums/thread/789012',
      replies: 2,
      fingerprint: fpId,
    });
    expect(await db.bookmarks.get('789012')).toMatchObject({ threadId: '789012', labels: ['to read'] });
    expect(await db.notes.get('789012')).toMatchObject({ markdown: 'Ask about *NEHotspotHelper* entitlement' });
    expect(await db.readState.get('789012')).toMatchObject({ readAt: now });
    expect(await db.posts.where('threadId').equals(fpId).count()).toBe(0);
    // Post-level bookmarks and notes follow the question to its new post id.
    expect(await db.bookmarks.get('789012#0')).toMatchObject({ threadId: '789012', kind: 'post' });
    expect(await db.notes.get('789012#0')).toMatchObject({ markdown: 'On the question' });
    expect(await db.bookmarks.where('threadId').equals(fpId).count()).toBe(0);
    expect(await db.notes.count()).toBe(2);
  });

  it('lands each file whole or not at all, and keeps going with the next file', async () => {
    await importIntoDb(db, await parseListing());
    const good = okRecords(await parseListing());
    const poisoned: ThreadRecord = {
      ...good[0]!,
      thread: { ...good[0]!.thread, id: 'bad', fingerprint: 'fp-new' },
      posts: [{ ...good[0]!.posts[0]!, id: undefined as unknown as string }],
    };
    const fresh: ThreadRecord = {
      ...good[1]!,
      thread: {
        ...good[1]!.thread,
        id: '555',
        fingerprint: 'fp-other',
        title: 'Another thread',
        titleKey: 'another thread',
      },
      posts: [],
    };
    const summary = await importIntoDb(db, [
      { ok: true, file: 'broken.json', format: 'archive', records: [fresh, poisoned], warnings: [] },
      {
        ok: false,
        file: 'unknown.bin',
        error: { file: 'unknown.bin', line: 1, message: 'not a format ForumKB knows' },
      },
      {
        ok: true,
        file: 'ok.txt',
        format: 'listing',
        records: [{ ...fresh, thread: { ...fresh.thread, id: '556', fingerprint: 'fp-third' } }],
        warnings: [],
      },
    ]);
    expect(summary.failed.map((f) => f.file)).toEqual(['broken.json', 'unknown.bin']);
    expect(await db.threads.get('555')).toBeUndefined(); // rolled back with the rest of broken.json
    expect(await db.threads.get('556')).toBeDefined();
    expect(await db.threads.count()).toBe(22);
  });
});

describe('importIntoDb progress and cancellation', () => {
  it('reports progress for each file', async () => {
    const seen: string[] = [];
    await importIntoDb(db, await parseListing(), {
      onProgress: (p) => seen.push(`${p.fileIndex + 1}/${p.fileCount} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual(['1/1 41/41']);
  });

  it('rolls back the file being written when cancelled, keeping files already written', async () => {
    const [listingFile] = await parseListing();
    const first = { ...listingFile!, file: 'first.txt' } as ParsedFileResult;
    const controller = new AbortController();
    const many = okRecords([listingFile!]).map((r, i) => ({
      ...r,
      thread: { ...r.thread, id: `${1000 + i}`, fingerprint: `fp-x${i}` },
      posts: [],
    }));
    const big = Array.from({ length: 5 }, (_, k) =>
      many.map((r) => ({
        ...r,
        thread: { ...r.thread, id: `${r.thread.id}${k}`, fingerprint: `${r.thread.fingerprint}-${k}` },
      })),
    ).flat();
    const second: ParsedFileResult = {
      ok: true,
      file: 'second.txt',
      format: 'listing',
      records: [
        ...big,
        ...big.map((r) => ({
          ...r,
          thread: { ...r.thread, id: `9${r.thread.id}`, fingerprint: `${r.thread.fingerprint}-b` },
        })),
      ],
      warnings: [],
    };
    const result = importIntoDb(db, [first, second], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.file === 'second.txt') controller.abort();
      },
    });
    await expect(result).rejects.toThrow(/cancelled/);
    expect(await db.threads.count()).toBe(21); // first.txt whole, nothing of second.txt
  });
});

describe('restoring user data from an archive', () => {
  it('merges bookmarks and notes in the same transaction as the threads, losing nothing', async () => {
    await importIntoDb(db, await parseListing());
    const [first] = await db.threads.toArray();
    const id = first!.id;
    await db.notes.put({
      targetId: id,
      threadId: id,
      markdown: 'written here',
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-02T00:00:00Z',
    });
    const archiveFile: ParsedFileResult = {
      ok: true,
      file: 'backup.json',
      format: 'archive',
      records: [],
      warnings: [],
      userData: {
        bookmarks: [{ targetId: id, threadId: id, kind: 'thread', labels: ['TLS'], createdAt: '2026-01-01T00:00:00Z' }],
        notes: [
          {
            targetId: id,
            threadId: id,
            markdown: 'from the backup',
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-02T00:00:00Z',
          },
        ],
        readState: [{ threadId: id, readAt: '2026-01-03T00:00:00Z' }],
      },
    };
    const summary = await importIntoDb(db, [archiveFile]);
    // The note merged with the one written here changed; the bookmark and its label are new.
    expect(summary.restored).toEqual({ notes: 1, bookmarks: 1, labels: 1 });
    expect(await db.bookmarks.get(id)).toMatchObject({ labels: ['TLS'] });
    const note = await db.notes.get(id);
    expect(note?.markdown).toContain('written here');
    expect(note?.markdown).toContain('from the backup');
    expect(await db.readState.get(id)).toMatchObject({ readAt: '2026-01-03T00:00:00Z' });
    // Restoring the same backup again brings nothing back.
    expect((await importIntoDb(db, [archiveFile])).restored).toEqual({ notes: 0, bookmarks: 0, labels: 0 });
  });
});
