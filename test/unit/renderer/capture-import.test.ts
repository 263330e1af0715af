import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ParsedFileResult } from '../../../src/bridge/forumkb-api';
import { parseCapture } from '../../../src/import/capture-import';
import { THREAD_ID, THREAD_TITLE, threadPageText } from '../../support/forum-page-text';

// The window's platform is not there in Node; the data worker's engine runs in-process on
// fake-indexeddb, as the worker runs it.
const { DataEngine } = await import('../../../renderer/data/data-engine');
const { openForumDb } = await import('../../../renderer/db/forum-db');
const db = openForumDb('capture-import-test');
const engine = new DataEngine(db);
vi.mock('../../../renderer/platform', () => ({ platform: { onCapture: vi.fn(() => () => {}) } }));
vi.mock('../../../renderer/data/data-client', () => ({ dataApi: () => engine }));

const { importCapture, ImportBusyError } = await import('../../../renderer/app/capture-import');
const { useUiStore } = await import('../../../renderer/state/ui-store');

/** What main hands the window: the capture parsed. */
function delivered(replies: number, capturedAt: string): ParsedFileResult {
  const url = `https://developer.apple.com/forums/thread/${THREAD_ID}`;
  const parsed = parseCapture({ url, title: THREAD_TITLE, text: threadPageText(replies), capturedAt }, url);
  return { ok: true, file: `capture of ${url}`, format: 'capture', records: parsed.records, warnings: parsed.warnings };
}

describe('the window stores captures through its import', () => {
  it('added, unchanged, updated with new replies; the user’s bookmark stays', async () => {
    const first = await importCapture(delivered(1, '2025-04-01T10:00:00.000Z'));
    expect(first.threads).toEqual([{ id: THREAD_ID, title: THREAD_TITLE, status: 'added', newReplies: 1 }]);
    await db.bookmarks.put({
      targetId: THREAD_ID,
      threadId: THREAD_ID,
      kind: 'thread',
      labels: ['to read'],
      createdAt: '2025-04-01T11:00:00.000Z',
    });
    const same = await importCapture(delivered(1, '2025-04-01T10:00:00.000Z'));
    expect(same.threads[0]!.status).toBe('unchanged');
    const later = await importCapture(delivered(3, '2025-04-08T10:00:00.000Z'));
    expect(later.threads).toEqual([{ id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 2 }]);
    expect(await db.posts.where('threadId').equals(THREAD_ID).count()).toBe(4);
    expect(await db.threads.count()).toBe(1);
    expect((await db.bookmarks.get(THREAD_ID))?.labels).toEqual(['to read']);
  });

  it('refuses while files are being imported, so the clipper sends it again later', async () => {
    useUiStore.getState().setImportProgress({ message: 'Importing…' });
    await expect(importCapture(delivered(1, '2025-04-01T10:00:00.000Z'))).rejects.toBeInstanceOf(ImportBusyError);
    useUiStore.getState().setImportProgress(null);
  });
});
