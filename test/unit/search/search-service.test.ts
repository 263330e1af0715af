/** The data worker's search index over a real (fake-indexeddb) database. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import { READ_STEP } from '../../../renderer/db/in-steps';
import { readRecords, SearchService, streamRecords } from '../../../renderer/search/search-service';
import { SEGMENT_FORMAT } from '../../../src/search/segment';
import { fixtureRecords } from './fixture';
import { syntheticThreads } from './synthetic-corpus';
import { countWaitingReads } from '../../support/waiting-requests';
import { spyOnReads } from '../../support/table-spy';

let dbCount = 0;
const opened: { db: ForumDb; services: SearchService[] }[] = [];

async function seededDb(records: ThreadRecord[]): Promise<ForumDb> {
  const db = openForumDb(`search-service-${++dbCount}`);
  await db.threads.bulkPut(records.map((r) => r.thread));
  await db.posts.bulkPut(records.flatMap((r) => r.posts));
  opened.push({ db, services: [] });
  return db;
}

function service(db: ForumDb, mergeDelayMs = 0): SearchService {
  const s = new SearchService(db, mergeDelayMs);
  opened.find((o) => o.db === db)?.services.push(s);
  return s;
}

/** A service whose first build (threads stored without the importer) has ended. */
async function built(db: ForumDb, mergeDelayMs = 0): Promise<SearchService> {
  const s = service(db, mergeDelayMs);
  await s.idle();
  return s;
}

/** The stored segments' dictionary rows (their posting blocks are rows `<id>/<block>`). */
const segmentRows = async (db: ForumDb) =>
  ((await db.searchSegments.toCollection().primaryKeys()) as string[]).filter((id) => !id.includes('/'));
const search = (s: SearchService, query: string) => s.search(query, { typing: false });

afterEach(async () => {
  for (const { db, services } of opened.splice(0)) {
    for (const s of services) {
      s.dispose();
      await s.idle();
    }
    db.close();
  }
});

describe('readRecords', () => {
  it('reads the threads asked for, in that order, each with its posts in post order', async () => {
    const records = [...syntheticThreads(40, { seed: 7 })];
    const db = openForumDb(`search-service-${++dbCount}`);
    opened.push({ db, services: [] });
    await db.threads.bulkPut(records.map((r) => r.thread));
    // Posts written last-first: the order must come from their index, not from how they were written.
    await db.posts.bulkPut(records.flatMap((r) => r.posts).reverse());
    const withReplies = records.filter((r) => r.posts.length > 1).slice(0, 3);
    expect(withReplies.length).toBeGreaterThan(1);
    const ids = [...withReplies.map((r) => r.thread.id).reverse(), 'no-such-thread', withReplies[0]!.thread.id];
    const read = await readRecords(db, ids);
    expect(read.map((r) => r.thread.id)).toEqual(withReplies.map((r) => r.thread.id).reverse());
    for (const record of read) {
      const original = withReplies.find((r) => r.thread.id === record.thread.id)!;
      expect(record.posts.map((p) => p.id)).toEqual(
        [...original.posts].sort((a, b) => a.index - b.index).map((p) => p.id),
      );
    }
    expect(await readRecords(db, [])).toEqual([]);
  });

  it('asks for a step of threads at a time, however many ids it is given', async () => {
    const records = [...syntheticThreads(READ_STEP * 2 + 30, { seed: 11 })];
    const db = openForumDb(`search-service-${++dbCount}`);
    const reads = countWaitingReads(db);
    opened.push({ db, services: [] });
    await db.threads.bulkPut(records.map((r) => r.thread));
    await db.posts.bulkPut(records.flatMap((r) => r.posts));
    const ids = records.map((r) => r.thread.id).reverse();
    const read = await readRecords(db, ids);
    expect(read.map((r) => r.thread.id)).toEqual(ids);
    expect(read.map((r) => r.posts.length)).toEqual(records.map((r) => r.posts.length).reverse());
    // Half a step of threads: a step of requests (each thread's row and its posts).
    expect(reads.most()).toBe(READ_STEP);
  });
});

describe('SearchService', () => {
  it('hands back the rows it read for the page, the same threads as the results', async () => {
    const db = await seededDb(await fixtureRecords());
    const { response, rows } = await (await built(db)).searchWithRows('-1001', { typing: false, limit: 5 });
    expect(response.results.length).toBeGreaterThan(0);
    for (const r of response.results) expect(rows.get(r.id)).toEqual(await db.threads.get(r.id));
  });

  it('builds the index once, persists it, and answers with snippets', async () => {
    const db = await seededDb(await fixtureRecords());
    const first = await built(db);
    const response = await search(first, '-1001');
    expect(response.results[0]?.title).toMatch(/PacketTunnelProvider/);
    expect(response.results[0]?.snippet?.highlights.length).toBeGreaterThan(0);
    expect(response.codes[0]?.symbol).toBe('NSURLErrorTimedOut');
    expect(await segmentRows(db)).toHaveLength(1);

    // A second start loads the stored segment instead of building one.
    const stored = await segmentRows(db);
    const second = service(db);
    expect((await second.status()).segments).toEqual(stored);
    expect((await search(second, '-1001')).results.map((r) => r.id)).toEqual(response.results.map((r) => r.id));
  });

  it('re-indexes changed and deleted threads, then merges their segments', async () => {
    const records = await fixtureRecords();
    const db = await seededDb(records);
    // Each sync restarts the merge timer: nothing merges until the syncs below are all done.
    const s = service(db, 400);
    await s.status();

    const target = records.find((r) => r.thread.title.startsWith('Bonjour')) as ThreadRecord;
    await db.threads.put({ ...target.thread, title: `${target.thread.title} zzchanged` });
    const gone = records.find((r) => r.thread.title.startsWith('NEHotspotHelper')) as ThreadRecord;
    await db.threads.delete(gone.thread.id);
    await db.posts.where('threadId').equals(gone.thread.id).delete();
    const status = await s.sync([target.thread.id, gone.thread.id]);
    expect(status.threads).toBe(records.length - 1);
    expect(status.segments.length).toBe(2);

    expect((await search(s, 'zzchanged')).results.map((r) => r.id)).toEqual([target.thread.id]);
    expect((await search(s, 'NEHotspotHelper')).results.map((r) => r.id)).not.toContain(gone.thread.id);

    // Four more small imports: five recent segments holding far more than a tenth of the base's
    // threads, so the background merge folds everything into one segment.
    for (const r of records.slice(0, 4)) await s.sync([r.thread.id]);
    expect((await s.status()).segments.length).toBe(6);
    // The merge runs after a pause, a step at a time: wait for it (a busy machine takes longer).
    await expect.poll(async () => (await s.status()).segments.length, { timeout: 10_000 }).toBe(1);
    await s.idle();
    const merged = await s.status();
    expect(merged.segments.length).toBe(1);
    expect(await segmentRows(db)).toEqual(merged.segments);
    expect((await search(s, 'zzchanged')).results.map((r) => r.id)).toEqual([target.thread.id]);
  });

  it('answers a query that arrives during a background merge before the merge ends', async () => {
    // Enough threads that the merge takes hundreds of slices, far more turns than a query needs.
    const records = [...(await fixtureRecords()), ...syntheticThreads(300, { seed: 3 })];
    const db = await seededDb(records);
    let slices = 0;
    let onSlice: (() => void) | undefined;
    const s = new SearchService(db, 50, { sliceUnits: 1, onSlice: () => (slices++, onSlice?.()) });
    opened.find((o) => o.db === db)?.services.push(s);
    await s.idle();
    // One page of five: the query reads five threads' texts for its snippets.
    const ask = () => s.search('connection timeout', { typing: false, limit: 5 });
    const expected = (await ask()).results.map((r) => r.id);
    // Two imports of 20 threads: the second brings the recent ones over a tenth of the base, so
    // its merge timer starts a merge of everything.
    await s.sync(records.slice(0, 20).map((r) => r.thread.id));
    await s.sync(records.slice(20, 40).map((r) => r.thread.id));

    let answer: { ids: string[]; slicesBefore: number } | undefined;
    let answered: Promise<void> | undefined;
    let issuedAt = -1;
    // The query is issued at the end of one of the merge's first slices.
    slices = 0;
    onSlice = () => {
      onSlice = undefined;
      issuedAt = slices;
      answered = ask().then((r) => {
        answer = { ids: r.results.map((x) => x.id), slicesBefore: slices };
      });
    };
    await expect.poll(async () => (await s.status()).segments.length, { timeout: 20_000 }).toBe(1);
    await s.idle();
    const slicesAtEnd = slices;
    await answered;
    expect(issuedAt).toBeGreaterThan(0);
    expect(answer?.ids).toEqual(expected);
    // Answered while the merge still had slices to run.
    expect(answer?.slicesBefore).toBeLessThan(slicesAtEnd);
  });

  it('drops segments of an older format and builds the index anew from the threads', async () => {
    const records = await fixtureRecords();
    const db = await seededDb(records);
    // A dictionary row as an older version wrote it (format 3: JSON header with the terms joined).
    const header = new TextEncoder().encode(
      JSON.stringify({ format: 3, id: 'seg-00000000-00000000', minSeq: 0, maxSeq: 0, docs: [], terms: 'a\nb' }),
    );
    const old = new Uint8Array(4 + header.length);
    new DataView(old.buffer).setUint32(0, header.length, true);
    old.set(header, 4);
    await db.searchSegments.bulkPut([
      { id: 'seg-00000000-00000000', data: old, createdAt: '' },
      { id: 'seg-00000000-00000000/000000', data: new Uint8Array(4), createdAt: '' },
    ]);
    const s = await built(db);
    expect((await s.status()).threads).toBe(records.length);
    expect((await search(s, '-1001')).results[0]?.title).toMatch(/PacketTunnelProvider/);
    const rows = (await db.searchSegments.bulkGet(await segmentRows(db))).map((r) => r?.data as Uint8Array);
    expect(rows).toHaveLength(1);
    // The row now holds this version's format.
    expect(new TextDecoder().decode(rows[0]?.subarray(4, 40))).toMatch(new RegExp(`"format":${SEGMENT_FORMAT}`));
  });

  it('answers during a first build over the threads indexed so far, and says so', async () => {
    const records = [...syntheticThreads(40, { seed: 5 })];
    const db = await seededDb(records);
    let during: Promise<Awaited<ReturnType<SearchService['search']>>> | undefined;
    // Set below: the slices' hook needs the service it is handed to.
    const box: { service?: SearchService } = {};
    const slices = {
      sliceUnits: 1,
      onSlice: () =>
        // A query issued once the first batch of ten is stored, while the next ones are indexed.
        void box.service?.status().then(({ segments }) => {
          if (!during && segments.length === 1) during = box.service!.search('views:>=0', { typing: false, limit: 50 });
        }),
    };
    const s = (box.service = new SearchService(db, 0, slices, 10));
    let batches = 0;
    s.onFirstBuildBatch = () => batches++;
    opened.find((o) => o.db === db)?.services.push(s);
    await s.idle();
    const partial = await during!;
    expect(partial.total).toBeGreaterThanOrEqual(10);
    expect(partial.total).toBeLessThan(40);
    expect(partial.warnings).toContainEqual(
      expect.stringMatching(/^Still indexing: \d+ of 40 threads searched so far\.$/),
    );
    const complete = await s.search('views:>=0', { typing: false, limit: 50 });
    expect(complete.total).toBe(40);
    expect(complete.warnings).toEqual([]);
    expect((await s.status()).segments).toHaveLength(4);
    // Each batch told the UI to ask its search again.
    expect(batches).toBe(4);
  });

  it('goes on with a first build the app was closed in the middle of, at the next start', async () => {
    const records = [...syntheticThreads(40, { seed: 6 })];
    // What a closed app leaves: the index holds the first batches, the database every thread.
    const db = await seededDb(records.slice(0, 10));
    const first = new SearchService(db, 0, undefined, 10);
    opened.find((o) => o.db === db)?.services.push(first);
    await first.idle();
    expect((await first.status()).threads).toBe(10);
    first.dispose();
    await db.threads.bulkPut(records.slice(10).map((r) => r.thread));
    await db.posts.bulkPut(records.slice(10).flatMap((r) => r.posts));

    const next = new SearchService(db, 0, undefined, 10);
    opened.find((o) => o.db === db)?.services.push(next);
    await next.idle();
    const all = await next.search('views:>=0', { typing: false, limit: 50 });
    expect(all.total).toBe(40);
    expect(new Set(all.results.map((r) => r.id)).size).toBe(40);
    // Only the 30 threads not yet indexed were read and indexed: three more batches of ten.
    expect((await next.status()).segments).toHaveLength(4);
  });

  it('reads every thread with its posts a page at a time for a rebuild', async () => {
    const records = await fixtureRecords();
    const db = await seededDb(records);
    const streamed: ThreadRecord[] = [];
    for await (const record of streamRecords(db, 4)) streamed.push(record);
    expect(streamed.map((r) => r.thread.id).sort()).toEqual(records.map((r) => r.thread.id).sort());
    const posts = (rs: ThreadRecord[]) => rs.reduce((n, r) => n + r.posts.length, 0);
    expect(posts(streamed)).toBe(posts(records));
  });

  it('reads a page’s threads once while a query is typed key by key, and again after a write to them', async () => {
    const records = await fixtureRecords();
    const db = openForumDb(`search-service-${++dbCount}`);
    // Each read of the threads or posts tables, by table.
    const reads = { threads: 0, posts: 0 };
    spyOnReads(db, 'count-reads', (name) => {
      if (name === 'threads' || name === 'posts') reads[name]++;
    });
    await db.threads.bulkPut(records.map((r) => r.thread));
    await db.posts.bulkPut(records.flatMap((r) => r.posts));
    opened.push({ db, services: [] });
    const s = await built(db);
    const typed = (query: string) => s.searchWithRows(query, { typing: true, limit: 5 });

    const first = await typed('NSURLErrorTim');
    expect(first.response.results.length).toBeGreaterThan(0);
    const before = { ...reads };
    const next = await typed('NSURLErrorTime');
    expect(next.response.results.map((r) => r.id)).toEqual(first.response.results.map((r) => r.id));
    expect(reads).toEqual(before);
    expect(next.response.results[0]?.snippet).toEqual(first.response.results[0]?.snippet);

    // A reply edited on disk: the next key shows it, read anew.
    const top = first.response.results[0]!.id;
    const post = (await db.posts.where('threadId').equals(top).sortBy('index'))[0]!;
    await db.posts.put({ ...post, body: `NSURLErrorTimedOut zzrewritten ${post.body}` });
    const after = await typed('NSURLErrorTimed');
    expect(reads.posts).toBeGreaterThan(before.posts);
    expect(after.response.results.find((r) => r.id === top)?.snippet?.text).toContain('zzrewritten');
    // And a title changed: the rows handed back are the threads as stored.
    await db.threads.update(top, { title: 'Renamed zzthread' });
    expect((await typed('NSURLErrorTimedO')).rows.get(top)?.title).toBe('Renamed zzthread');
  });

  it('answers an empty database, and keeps answering after a failed request', async () => {
    const db = await seededDb([]);
    const s = service(db);
    expect((await search(s, 'anything')).total).toBe(0);
    db.close();
    await expect(s.sync(['x'])).rejects.toThrow();
  });
});
