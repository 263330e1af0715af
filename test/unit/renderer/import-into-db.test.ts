/** Files into the database the way the data worker does it: bytes in, one transaction a file. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie, { cmp, liveQuery, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceFile } from '../../../src/bridge/data-api';
import { encodeArchive, type ArchiveContents } from '../../../src/archive/encode-archive';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';
import type { ThreadRecord } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { importIntoDb } from '../../../renderer/db/import-into-db';
import { reportWholeTables } from '../../../renderer/db/whole-table-changes';
import { servePort } from '../../../src/bridge/port-stream';

const listing = readFileSync('fixtures/networking-listing.txt', 'utf8');
const CAPTURED = '2026-03-15T00:00:00.000Z';
let db: ForumDb;
let dbCount = 0;

const file = (name: string, data: string | Blob, capturedAt: string | null = CAPTURED): SourceFile => ({
  name,
  data,
  capturedAt,
  modifiedAt: null,
});
const listingFile = (name = 'networking-listing.txt') => file(name, listing);

async function listingRecords(): Promise<ThreadRecord[]> {
  return (await parseToFile(stringSource('l.txt', listing), { capturedAt: new Date(CAPTURED) })).records;
}

/** A ForumKB archive holding these records (and user data): the importer's own format. */
function archive(name: string, records: ThreadRecord[], userData: Partial<ArchiveContents> = {}): SourceFile {
  const contents: ArchiveContents = {
    exportedAt: '2026-04-01T00:00:00.000Z',
    threads: records.map((r) => r.thread),
    posts: records.flatMap((r) => r.posts),
    bookmarks: [],
    notes: [],
    readState: [],
    ...userData,
  };
  return file(name, encodeArchive(contents), null);
}

/** `count` distinct threads made from the listing's, with forum ids from `base`. */
async function manyRecords(count: number, base: number): Promise<ThreadRecord[]> {
  const records = await listingRecords();
  return Array.from({ length: count }, (_, i) => {
    const r = records[i % records.length]!;
    const id = String(base + i);
    return {
      thread: { ...r.thread, id, fingerprint: `fp-many-${id}`, title: `${r.thread.title} ${id}`, titleKey: `t ${id}` },
      posts: r.posts.map((p) => ({ ...p, id: `${id}#${p.index}`, threadId: id })),
    };
  });
}

beforeEach(() => {
  db = openForumDb(`forumkb-import-${++dbCount}`);
});
afterEach(async () => {
  await db.delete();
});

describe('importIntoDb', () => {
  it('stores the 21 distinct threads of the listing, with their question posts', async () => {
    const { summary, changedIds } = await importIntoDb(db, [listingFile()]);
    expect(summary.report).toEqual({ added: 21, updated: 0, unchanged: 20, skipped: 0 });
    expect(await db.threads.count()).toBe(21);
    expect(await db.posts.count()).toBe(21);
    expect(changedIds).toHaveLength(21);
  });

  it('changes nothing when the same file is imported again', async () => {
    await importIntoDb(db, [listingFile()]);
    const before = await db.threads.toArray();
    const { summary, changedIds } = await importIntoDb(db, [listingFile()]);
    expect(summary.report).toEqual({ added: 0, updated: 0, unchanged: 41, skipped: 0 });
    expect(await db.threads.toArray()).toEqual(before);
    expect(changedIds).toEqual([]);
  });

  it('moves bookmarks, notes and read state along when a listing entry gets its forum id', async () => {
    await importIntoDb(db, [listingFile()]);
    const entry = await db.threads.filter((t) => t.title === 'NEHotspotHelper API').first();
    expect(entry?.id).toMatch(/^fp-/);
    const fpId = entry!.id;
    const now = '2026-03-20T10:00:00.000Z';
    await db.bookmarks.put({ targetId: fpId, threadId: fpId, kind: 'thread', labels: ['to read'], createdAt: now });
    await db.notes.put({ targetId: fpId, threadId: fpId, markdown: 'Ask about it', createdAt: now, updatedAt: now });
    await db.readState.put({ threadId: fpId, readAt: now });
    await db.bookmarks.put({ targetId: `${fpId}#0`, threadId: fpId, kind: 'post', labels: [], createdAt: now });
    await db.notes.put({
      targetId: `${fpId}#0`,
      threadId: fpId,
      markdown: 'On the question',
      createdAt: now,
      updatedAt: now,
    });

    const record = (await listingRecords()).find((r) => r.thread.id === fpId)!;
    const upgraded: ThreadRecord = {
      thread: {
        ...record.thread,
        id: '789012',
        url: 'https://developer.apple.com/forums/thread/789012',
        replies: 2,
        sources: ['thread-page'],
        capturedAt: '2026-04-01T00:00:00.000Z',
      },
      posts: record.posts.map((p) => ({ ...p, id: `789012#${p.index}`, threadId: '789012' })),
    };
    const { summary, changedIds } = await importIntoDb(db, [archive('thread-789012.json', [upgraded])]);

    expect(summary.failed).toEqual([]);
    expect(summary.report.updated).toBe(1);
    expect(changedIds.sort()).toEqual(['789012', fpId].sort());
    expect(await db.threads.count()).toBe(21);
    expect(await db.threads.get(fpId)).toBeUndefined();
    expect(await db.threads.get('789012')).toMatchObject({ replies: 2, fingerprint: fpId });
    expect(await db.bookmarks.get('789012')).toMatchObject({ threadId: '789012', labels: ['to read'] });
    expect(await db.notes.get('789012')).toMatchObject({ markdown: 'Ask about it' });
    expect(await db.readState.get('789012')).toMatchObject({ readAt: now });
    expect(await db.posts.where('threadId').equals(fpId).count()).toBe(0);
    // Post-level bookmarks and notes follow the question to its new post id.
    expect(await db.bookmarks.get('789012#0')).toMatchObject({ threadId: '789012', kind: 'post' });
    expect(await db.notes.get('789012#0')).toMatchObject({ markdown: 'On the question' });
    expect(await db.notes.count()).toBe(2);
  });

  it('lands each file whole or not at all, and keeps going with the next file', async () => {
    await importIntoDb(db, [listingFile()]);
    // The database refuses one post half-way through broken.json, as a full disk would.
    db.posts.hook('creating', (_key, post) => {
      if (post.threadId === '555') throw new Error('QuotaExceededError');
    });
    const [a, b, c] = await manyRecords(3, 554);
    const { summary } = await importIntoDb(db, [
      archive('broken.json', [a!, b!]),
      file('unknown.bin', 'Dear diary,\ntoday I wrote 3 lines.'),
      archive('ok.json', [c!]),
      { ...file('gone.txt', ''), readError: 'cannot read the file (ENOENT)' },
    ]);
    expect(summary.failed).toEqual([
      { file: 'broken.json', line: null, message: expect.stringContaining('QuotaExceededError') },
      { file: 'unknown.bin', line: 1, message: expect.stringContaining('not a format ForumKB knows') },
      { file: 'gone.txt', line: null, message: 'cannot read the file (ENOENT)' },
    ]);
    expect(await db.threads.get('554')).toBeUndefined(); // rolled back with the rest of broken.json
    expect(await db.threads.get('556')).toBeDefined();
    expect(await db.threads.count()).toBe(22);
    expect(summary.report.skipped).toBe(3);
  });

  it('reads a browser File (a Blob) the same as text', async () => {
    const { summary } = await importIntoDb(db, [file('networking-listing.txt', new Blob([listing]))]);
    expect(summary.report.added).toBe(21);
  });
});

describe('importIntoDb progress and cancellation', () => {
  it('reports progress for each file', async () => {
    const seen: string[] = [];
    await importIntoDb(db, [listingFile()], {
      onProgress: (p) => seen.push(`${p.fileIndex + 1}/${p.fileCount} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual(['1/1 41/41']);
  });

  it('rolls back the file being written when cancelled, keeping files already written', async () => {
    const signal = { aborted: false };
    const { summary } = await importIntoDb(
      db,
      [listingFile('first.txt'), archive('second.json', await manyRecords(1000, 1000))],
      {
        signal,
        onProgress: (p) => {
          if (p.file === 'second.json') signal.aborted = true;
        },
      },
    );
    expect(summary.cancelled).toBe(true);
    expect(summary.report.added).toBe(21);
    expect(await db.threads.count()).toBe(21); // first.txt whole, nothing of second.json
  });

  it('streams a large file in batches, storing the same threads as a whole-file import', async () => {
    const whole = openForumDb(`forumkb-import-whole-${dbCount}`);
    const wholeResult = await importIntoDb(whole, [listingFile()]);
    const seen: (number | null)[] = [];
    const streamed = await importIntoDb(db, [listingFile()], {
      streamAboveBytes: 0,
      onProgress: (p) => seen.push(p.total),
    });
    expect(streamed.summary.report).toEqual(wholeResult.summary.report);
    expect(await db.threads.orderBy('id').toArray()).toEqual(await whole.threads.orderBy('id').toArray());
    expect(seen.every((t) => t === null)).toBe(true);
    await whole.delete();
  });

  it("writes a whole file in short transactions, and a cancel half-way puts back every row it replaced, never the user's own edits", async () => {
    const first = await manyRecords(300, 1000);
    await importIntoDb(db, [archive('first.json', first)]);
    const now = '2026-04-02T00:00:00.000Z';
    await db.bookmarks.put({ targetId: '1000', threadId: '1000', kind: 'thread', labels: ['x'], createdAt: now });
    await db.readState.put({ threadId: '1001', readAt: now });
    const snapshot = async () => ({
      threads: await db.threads.orderBy('id').toArray(),
      posts: await db.posts.orderBy('id').toArray(),
      bookmarks: await db.bookmarks.toArray(),
      readState: await db.readState.toArray(),
    });
    const before = await snapshot();
    // The same 300 threads, newer and retitled, then 400 new ones.
    const newer = [...first, ...(await manyRecords(700, 1000)).slice(300)].map((r) => ({
      thread: { ...r.thread, title: `${r.thread.title} (edited)`, capturedAt: '2026-05-01T00:00:00.000Z' },
      posts: r.posts,
    }));
    const signal = { aborted: false };
    const between: number[] = [];
    let writes = 0;
    let midway: Promise<string | undefined> | undefined;
    const { summary } = await importIntoDb(db, [archive('second.json', newer)], {
      signal,
      onProgress: (p) => {
        writes++;
        between.push(p.done);
        if (writes === 1)
          // The user writes a note while the file is imported: its own transaction, between the file's.
          void db.notes.put({ targetId: '1002', threadId: '1002', markdown: 'mine', createdAt: now, updatedAt: now });
        if (writes === 2) midway = db.threads.get('1000').then((t) => t?.title);
        if (writes === 3) signal.aborted = true;
      },
    });
    expect(await midway).toMatch(/\(edited\)$/); // the file's first writes were stored, then undone
    expect(between).toEqual([50, 100, 150]); // three transactions of 50 threads went through before the cancel
    expect(summary.cancelled).toBe(true);
    expect(summary.report).toEqual({ added: 0, updated: 0, unchanged: 0, skipped: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await db.notes.get('1002')).toMatchObject({ markdown: 'mine' });
  }, 60_000);

  it('gives the index a whole file only once it is all in (its journal could still undo it), a streamed one in pieces', async () => {
    const pieces: number[] = [];
    const onWritten = (ids: string[]) => Promise.resolve(void pieces.push(ids.length));
    const whole = await importIntoDb(db, [archive('whole.json', await manyRecords(520, 20_000))], {
      onWritten,
      streamAboveBytes: Infinity,
      indexEvery: 250,
    });
    expect(pieces).toEqual([]);
    expect(whole.changedIds).toHaveLength(520);
    const text = (await manyRecords(1100, 40_000))
      .map((r) => `${r.thread.title}\nbody ${r.thread.id}\n1\n0\n5\n2d`)
      .join('\n');
    const streamed = await importIntoDb(
      db,
      [file('big.txt', `Posts under Networking subtopic\nPost\nReplies\nBoosts\nViews\nActivity\n${text}`)],
      { streamAboveBytes: 0, onWritten, indexEvery: 250 },
    );
    // After each batch of 500 written, what is new since the last piece.
    expect(pieces).toEqual([500, 500]);
    expect(streamed.changedIds).toHaveLength(100);
  }, 60_000);

  it('tells of each write transaction as it opens, with the promise of its commit, not of the indexing after it', async () => {
    const events: string[] = [];
    const told: number[] = [];
    let writes = 0;
    const text = (await manyRecords(1100, 40_000))
      .map((r) => `${r.thread.title}\nbody ${r.thread.id}\n1\n0\n5\n2d`)
      .join('\n');
    await importIntoDb(
      db,
      [file('big.txt', `Posts under Networking subtopic\nPost\nReplies\nBoosts\nViews\nActivity\n${text}`)],
      {
        streamAboveBytes: 0,
        indexEvery: 250,
        onWrite: (committed, records) => {
          told.push(records);
          const n = ++writes;
          events.push(`open ${n}`);
          void committed.then(() => events.push(`committed ${n}`));
        },
        onWritten: async () => {
          events.push(`indexing after ${writes}`);
          // Indexing that takes a while: the commit was told before it, not after.
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      },
    );
    expect(writes).toBeGreaterThanOrEqual(3);
    // Each write commits before the next opens, and before the indexing it leads to.
    let open = 0;
    for (const event of events) {
      const [kind, n] = [event.split(' ')[0], Number(event.split(' ').at(-1))];
      if (kind === 'open') {
        expect(n).toBe(open + 1);
        open = n;
      } else if (kind === 'committed') expect(n).toBe(open);
      else expect(events.indexOf(`committed ${n}`)).toBeLessThan(events.indexOf(event));
    }
    expect(events.filter((e) => e.startsWith('committed'))).toHaveLength(writes);
    expect(events.filter((e) => e.startsWith('indexing'))).toHaveLength(2);
    // Each write is told how many records it stores: the streamed batches of 500.
    expect(told).toEqual([500, 500, 100]);
  }, 60_000);

  it('tells live queries which tables a write changed, not each key (a query keeps the keys it did not read until it reads again)', async () => {
    const told: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => void told.push(parts);
    Dexie.on.storagemutated.subscribe(listen);
    try {
      await importIntoDb(db, [archive('whole.json', await manyRecords(450, 60_000))]);
      await importIntoDb(db, [listingFile()], { streamAboveBytes: 0 });
    } finally {
      Dexie.on.storagemutated.unsubscribe(listen);
    }
    const ours = told.flatMap((parts) => Object.entries(parts).filter(([part]) => part.includes(`/${db.name}/`)));
    expect(ours.length).toBeGreaterThan(0);
    // One range per table and index, from the lowest key to the highest.
    for (const [part, tree] of ours) {
      const ranges = tree as IntervalTreeNode;
      expect({
        part,
        one: !ranges.l && !ranges.r,
        from: ranges.from,
        toEnd: cmp(ranges.to, Dexie.maxKey) >= 0,
      }).toEqual({
        part,
        one: true,
        from: Dexie.minKey,
        toEnd: true,
      });
    }
  });

  it('still wakes a live query on a thread such a write changed', async () => {
    await importIntoDb(db, [listingFile()]);
    const [first] = await db.threads.orderBy('id').limit(1).toArray();
    const seen: (string | undefined)[] = [];
    const subscription = liveQuery(() => db.threads.get(first!.id)).subscribe((t) => void seen.push(t?.title));
    try {
      await new Promise((r) => setTimeout(r, 50));
      const renamed = { ...first!, title: `${first!.title} (renamed)` };
      await db.transaction('rw', db.threads, async () => {
        await db.threads.put(renamed);
        reportWholeTables();
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([first!.title, renamed.title]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('when streaming, cancelling keeps the batches already written and says it was cancelled', async () => {
    const signal = { aborted: false };
    const big = Array.from({ length: 3 }, () => listing).join('\n');
    const text = `${big}\n${(await manyRecords(1500, 5000)).map((r) => `${r.thread.title}\nbody ${r.thread.id}\n1\n0\n5\n2d`).join('\n')}`;
    const { summary } = await importIntoDb(db, [file('big.txt', text)], {
      streamAboveBytes: 0,
      signal,
      onProgress: (p) => {
        if (p.done >= 500) signal.aborted = true;
      },
    });
    expect(summary.cancelled).toBe(true);
    const stored = await db.threads.count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(1521);
    expect(summary.report.added).toBe(stored);
  });

  it('says in every progress event what is stored so far: batches written, files before', async () => {
    const text = (await manyRecords(1200, 9000))
      .map((r) => `${r.thread.title}\nbody ${r.thread.id} ${'of a streamed file '.repeat(10)}\n1\n0\n5\n2d`)
      .join('\n');
    expect(text.length).toBeGreaterThan(listing.length);
    const big = file('big.txt', `Posts under Networking subtopic\nPost\nReplies\nBoosts\nViews\nActivity\n${text}`);
    const events: { file: string; done: number; added: number; stored: number }[] = [];
    const seen: Promise<void>[] = [];
    await importIntoDb(db, [listingFile(), big], {
      streamAboveBytes: listing.length + 1,
      onProgress: (p) => {
        // What the database holds when the event is sent (read after it, the batch is committed).
        seen.push(
          db.threads
            .count()
            .then((stored) => void events.push({ file: p.file, done: p.done, added: p.committed.added, stored })),
        );
      },
    });
    await Promise.all(seen);
    // The whole file's: its writes so far (they stay if the worker is ended before it can undo them).
    const whole = events.filter((e) => e.file === 'networking-listing.txt');
    expect(whole.map((e) => [e.added, e.stored])).toEqual([[21, 21]]);
    // The streamed file's: the listing's 21 threads, then each batch once written.
    const streamed = events.filter((e) => e.file === 'big.txt');
    expect(streamed.map((e) => e.added)).toEqual([521, 1021, 1221]);
    expect(streamed.map((e) => e.stored)).toEqual([521, 1021, 1221]);
  });
});

describe('a file main streams over a port', () => {
  /** The file's bytes served over a channel as main serves a picked file; `log` says how far it was read and whether it was closed. */
  function streamed(name: string, text: string, chunkBytes = 4096) {
    const bytes = new TextEncoder().encode(text);
    const log = { at: 0, closed: false };
    const { port1, port2 } = new MessageChannel();
    const served = servePort(
      port1,
      {
        read: () => {
          const chunk = log.at < bytes.length ? bytes.slice(log.at, log.at + chunkBytes) : null;
          log.at += chunkBytes;
          return Promise.resolve(chunk);
        },
        close: () => {
          log.closed = true;
          return Promise.resolve();
        },
      },
      (onRequest, onClose) => {
        port1.addEventListener('message', (e) => onRequest((e as MessageEvent).data));
        port1.addEventListener('close', onClose);
        port1.start();
      },
    );
    const source: SourceFile = { name, data: port2, size: bytes.length, capturedAt: CAPTURED, modifiedAt: null };
    return { source, log, served };
  }

  it('is imported as the same file read whole, and closed at its end', async () => {
    const whole = openForumDb(`forumkb-import-port-${dbCount}`);
    const wholeResult = await importIntoDb(whole, [listingFile()]);
    const { source, log, served } = streamed('networking-listing.txt', listing, 1024);
    const result = await importIntoDb(db, [source], { streamAboveBytes: 0 });
    await served;
    expect(result.summary.report).toEqual(wholeResult.summary.report);
    expect(await db.threads.orderBy('id').toArray()).toEqual(await whole.threads.orderBy('id').toArray());
    expect(log.closed).toBe(true);
    await whole.delete();
  });

  it('is closed, unread past where it stopped, when the import is cancelled', async () => {
    const signal = { aborted: false };
    const text = `${listing}\n${(await manyRecords(3000, 5000)).map((r) => `${r.thread.title}\nbody ${r.thread.id}\n1\n0\n5\n2d`).join('\n')}`;
    const { source, log, served } = streamed('big.txt', text, 2048);
    const { summary } = await importIntoDb(db, [source], {
      streamAboveBytes: 0,
      signal,
      onProgress: (p) => {
        if (p.done >= 500) signal.aborted = true;
      },
    });
    await served;
    expect(summary.cancelled).toBe(true);
    expect(log.closed).toBe(true);
    expect(log.at).toBeLessThan(new TextEncoder().encode(text).length);
  });
});

describe('restoring user data from an archive', () => {
  it('merges bookmarks and notes in the same transaction as the threads, losing nothing', async () => {
    await importIntoDb(db, [listingFile()]);
    const [first] = await db.threads.toArray();
    const id = first!.id;
    await db.notes.put({
      targetId: id,
      threadId: id,
      markdown: 'written here',
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-02T00:00:00Z',
    });
    const backup = archive('backup.json', [], {
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
    });
    const { summary } = await importIntoDb(db, [backup]);
    expect(summary.failed).toEqual([]);
    // The note merged with the one written here changed; the bookmark and its label are new.
    expect(summary.restored).toEqual({ notes: 1, bookmarks: 1, labels: 1 });
    expect(await db.bookmarks.get(id)).toMatchObject({ labels: ['TLS'] });
    const note = await db.notes.get(id);
    expect(note?.markdown).toContain('written here');
    expect(note?.markdown).toContain('from the backup');
    expect(await db.readState.get(id)).toMatchObject({ readAt: '2026-01-03T00:00:00Z' });
    // Restoring the same backup again brings nothing back.
    const again = await importIntoDb(db, [backup]);
    expect(again.summary.restored).toEqual({ notes: 0, bookmarks: 0, labels: 0 });
  });
});
