import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { backupFile, notesExportFiles } from '../../../renderer/db/backup';
import { importIntoDb } from '../../../renderer/db/import-into-db';

let n = 0;
let db: ForumDb;
let fresh: ForumDb;
const now = new Date('2026-04-01T12:00:00Z');

beforeEach(async () => {
  db = openForumDb(`backup-${++n}`);
  fresh = openForumDb(`backup-fresh-${n}`);
  const listing = readFileSync('fixtures/networking-listing.txt', 'utf8');
  await importIntoDb(db, [
    { name: 'networking-listing.txt', data: listing, capturedAt: '2026-03-15T00:00:00Z', modifiedAt: null },
  ]);
  const threads = await db.threads.toArray();
  const quinn = threads.find((t) => t.title === 'Networking Resources')!;
  const bonjour = threads.find((t) => t.title === 'Bonjour Connectivity Optimization')!;
  await db.bookmarks.bulkPut([
    {
      targetId: quinn.id,
      threadId: quinn.id,
      kind: 'thread',
      labels: ['to read'],
      createdAt: '2026-03-20T00:00:00.000Z',
    },
    {
      targetId: `${bonjour.id}#0`,
      threadId: bonjour.id,
      kind: 'post',
      labels: [],
      createdAt: '2026-03-21T00:00:00.000Z',
    },
  ]);
  await db.notes.bulkPut([
    {
      targetId: quinn.id,
      threadId: quinn.id,
      markdown: 'Start here: **TN3151**.\n\n---\nnot front matter',
      createdAt: '2026-03-20T00:00:00.000Z',
      updatedAt: '2026-03-22T00:00:00.000Z',
    },
    {
      targetId: bonjour.id,
      threadId: bonjour.id,
      markdown: 'Try `NWBrowser` with `bonjourWithTXTRecord`.',
      createdAt: '2026-03-21T00:00:00.000Z',
      updatedAt: '2026-03-21T00:00:00.000Z',
    },
  ]);
  await db.readState.put({ threadId: quinn.id, readAt: '2026-03-20T00:00:00.000Z' });
});
afterEach(async () => {
  await db.delete();
  await fresh.delete();
});

describe('backup and restore', () => {
  it('restores into a fresh database exactly, and exports byte-identical Markdown', async () => {
    const backup = await backupFile(db, now);
    expect(backup.path).toBe('ForumKB Backup 2026-04-01.json');
    // Restore through the importer, as File > Import does: the archive is detected from its content.
    const { summary } = await importIntoDb(fresh, [
      { name: backup.path, data: backup.content, capturedAt: null, modifiedAt: null },
    ]);
    expect(summary.failed).toEqual([]);
    expect((await backupFile(fresh, now)).content).toBe(backup.content);
    const before = await notesExportFiles(db, { now });
    const after = await notesExportFiles(fresh, { now });
    expect(before.map((f) => f.path)).toEqual([
      'ForumKB Notes.md',
      'Bonjour Connectivity Optimization.md',
      'Networking Resources.md',
    ]);
    expect(after).toEqual(before);
  });

  it('exports only the selected threads', async () => {
    const bonjour = (await db.threads.toArray()).find((t) => t.title.startsWith('Bonjour'))!;
    const files = await notesExportFiles(db, { threadIds: [bonjour.id], now });
    expect(files.map((f) => f.path)).toEqual(['ForumKB Notes.md', 'Bonjour Connectivity Optimization.md']);
    expect(files[1]!.content).toContain('Try `NWBrowser`');
  });
});
