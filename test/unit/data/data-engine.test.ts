/**
 * The data worker's one path, through its Comlink connection: files in as bytes, parsed, merged,
 * stored and indexed in the worker; searches that carry only the query; live answers.
 */
import { IdList } from '../../../src/bridge/packed-ids';
import { readFileSync } from 'node:fs';
import type { Note, Post, Thread } from '../../../src/model';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, ListState, OpenThread, SourceFile, Watch } from '../../../src/bridge/data-api';
import { connectEngine, nextAnswer, type Connected } from './connect-engine';
import { DataEngine } from '../../../renderer/data/data-engine';
import { openForumDb } from '../../../renderer/db/forum-db';
import { spyOnReads, spyOnTables } from '../../support/table-spy';

const CAPTURED = '2026-03-15T00:00:00.000Z';
const listing = readFileSync('fixtures/networking-listing.txt', 'utf8');
const HEADER = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];

/** A listing of our own: each entry title, body, replies, boosts, views, activity. */
function ownListing(entries: [title: string, body: string][]): string {
  return [...HEADER, ...entries.flatMap(([title, body]) => [title, body, '1', '0', '10', '2d'])].join('\n');
}

/** The bundled archive, parsed (its threads, posts and the user's data). */
function archiveFixture() {
  return JSON.parse(readFileSync(new URL('../../../fixtures/forumkb-archive.json', import.meta.url), 'utf8')) as {
    threads: Thread[];
    posts: Post[];
    bookmarks: unknown[];
    notes: Note[];
    readState: unknown[];
  };
}

const file = (name: string, data: string | Blob): SourceFile => ({
  name,
  data,
  capturedAt: CAPTURED,
  modifiedAt: null,
});

/** The threads each write of a 120-thread import stored, told by the progress after each write. */
async function importWriteSizes(api: Connected['api'], id: number, prefix: string): Promise<number[]> {
  const own = ownListing(Array.from({ length: 120 }, (_, i) => [`${prefix} thread ${i}`, `body ${i}`]));
  const done: number[] = [];
  const summary = await api.importFiles(
    id,
    [file(`${prefix}.txt`, own)],
    Comlink.proxy((p: ImportProgress) => {
      if (p.total !== null && p.done > (done.at(-1) ?? 0)) done.push(p.done);
    }),
  );
  expect(summary.report.added).toBe(120);
  return done.map((d, i) => d - (done[i - 1] ?? 0));
}

let open: Connected[] = [];
function connect(options: Parameters<typeof connectEngine>[0] = {}): Connected {
  const c = connectEngine(options);
  open.push(c);
  return c;
}
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});

describe('the data worker, through its connection', () => {
  it('imports a file sent as bytes, reports progress, and makes every thread searchable', async () => {
    const { api } = connect();
    expect(await api.open()).toEqual({ needsSeed: true });
    const progress: ImportProgress[] = [];
    const summary = await api.importFiles(
      1,
      [file('networking-listing.txt', new Blob([listing]))],
      Comlink.proxy((p: ImportProgress) => void progress.push(p)),
    );
    expect(summary.report).toEqual({ added: 21, updated: 0, unchanged: 20, skipped: 0 });
    expect(progress.at(-1)).toMatchObject({ file: 'networking-listing.txt', done: 41, total: 41 });
    expect((await api.indexStatus()).threads).toBe(21);
    const answer = await api.search('-1001', { sort: 'relevance', limit: 50, typing: false });
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.codes[0]?.symbol).toBe('NSURLErrorTimedOut');
    // The rows of the first screen come along, in the order of the ids.
    expect(answer.rows.map((r) => r.id)).toEqual(answer.ids.slice(0, answer.rows.length));
  });

  it('checks the words of a quoted phrase in order, as the CLI does', async () => {
    const { api } = connect();
    await api.open();
    await api.importFiles(1, [
      file(
        'phrases.txt',
        ownListing([
          ['Connection reset by peer after the TLS handshake', 'The socket reports reset by peer on iOS 18.'],
          ['Peer drops the link', 'The peer sent a reset, by design, and the connection closed.'],
        ]),
      ),
    ]);
    const loose = await api.search('reset peer', { sort: 'relevance', limit: 10, typing: false });
    expect(loose.total).toBe(2);
    const phrase = await api.search('"reset by peer"', { sort: 'relevance', limit: 10, typing: false });
    expect(phrase.total).toBe(1);
    expect(phrase.rows.map((r) => r.title)).toEqual(['Connection reset by peer after the TLS handshake']);
    expect(phrase.hits[0]?.snippet?.text).toMatch(/reset by peer/i);
  });

  it('answers is:bookmarked and has:notes from the user data it holds (the query is all the UI sends)', async () => {
    const { api } = connect();
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [first, second] = (await api.search('tag:Bonjour', { sort: 'relevance', limit: 5, typing: false })).ids;
    expect(first && second).toBeTruthy();
    expect((await api.search('is:bookmarked', { sort: 'relevance', limit: 5, typing: false })).total).toBe(0);
    await api.toggleBookmark({ threadId: first! }, ['to read']);
    await api.saveNote({ threadId: second! }, 'A *note*');
    await expect
      .poll(async () => (await api.search('is:bookmarked', { sort: 'relevance', limit: 5, typing: false })).ids)
      .toEqual([first]);
    await expect
      .poll(async () => (await api.search('label:"to read"', { sort: 'relevance', limit: 5, typing: false })).ids)
      .toEqual([first]);
    await expect
      .poll(async () => (await api.search('has:notes', { sort: 'relevance', limit: 5, typing: false })).ids)
      .toEqual([second]);
  });

  it('sends the list as ids in the sort asked for, and again when an import changes it', async () => {
    const connected = connect();
    const { api } = connected;
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const answers: ListState[] = [];
    const query: Watch & { kind: 'list' } = { kind: 'list', query: { view: { kind: 'all' }, tags: [], sort: 'views' } };
    connected.watch(query, (state) => void answers.push(state));
    const first = await nextAnswer(connected, query, (state) => state.complete);
    expect(first.total).toBe(21);
    const rows = await api.rows(new IdList(first.ids).slice());
    const views = rows.map((r) => r!.views ?? -1);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    await api.importFiles(2, [file('more.txt', ownListing([['A brand new thread', 'with a body']]))]);
    await expect.poll(() => answers.at(-1)?.total).toBe(22);
  });

  it('sends the first screen of all threads before their count, and the count before the whole list', async () => {
    const connected = connect();
    const { api } = connected;
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const answers: ListState[] = [];
    const query: Watch & { kind: 'list' } = {
      kind: 'list',
      query: { view: { kind: 'all' }, tags: [], sort: 'activity' },
    };
    connected.watch(query, (state) => void answers.push(state));
    await expect.poll(() => answers.some((a) => a.complete)).toBe(true);
    const [rowsFirst, counted] = answers;
    // The rows, with no count yet: counting a store in IndexedDB walks all of it.
    expect(rowsFirst).toMatchObject({ complete: false, total: null });
    expect(rowsFirst!.rows.length).toBeGreaterThan(0);
    expect(rowsFirst!.rows.map((r) => r.id)).toEqual(new IdList(rowsFirst!.ids).slice());
    expect(counted).toMatchObject({ complete: false, total: 21, ids: rowsFirst!.ids });
    expect(answers.at(-1)).toMatchObject({ complete: true, total: 21 });
  });

  it('counts the threads once, and only once its search index is loaded (a count walks the whole store; the load would wait)', async () => {
    const name = `forumkb-start-order-${process.pid}`;
    const first = new DataEngine(openForumDb(name), { mergeDelayMs: 60_000 });
    await first.open();
    await first.importFiles(1, [file('networking-listing.txt', listing)]);
    await first.close();

    // A start over the stored threads and index, every request to the database in the order made.
    const db = openForumDb(name);
    const made: string[] = [];
    spyOnTables(db, 'requests-made', (table, t) => {
      const log = (what: string) => made.push(`${table} ${what}`);
      return {
        count: (r) => (log('count'), t.count(r)),
        get: (r) => (log('read'), t.get(r)),
        getMany: (r) => (log('read'), t.getMany(r)),
        query: (r) => (log('read'), t.query(r)),
        openCursor: (r) => (log('read'), t.openCursor(r)),
      };
    });
    const engine = new DataEngine(db, { mergeDelayMs: 60_000 });
    try {
      await engine.open();
      const lists: ListState[] = [];
      const counts: number[] = [];
      const stops = [
        engine.subscribe({ kind: 'list', query: { view: { kind: 'all' }, tags: [], sort: 'activity' } }, (r) =>
          lists.push(r as ListState),
        ),
        engine.subscribe({ kind: 'threadCount' }, (r) => counts.push(r as number)),
      ];
      await expect.poll(() => lists.some((l) => l.complete) && counts.length > 0).toBe(true);
      stops.forEach((stop) => stop());
      expect(counts.at(-1)).toBe(21);
      expect(lists.find((l) => l.total !== null)?.total).toBe(21);
      // The index's dictionaries were asked for before any count, and the list's total, the
      // status bar's count and the first build's check are one count.
      const dictionaries = made.lastIndexOf('searchSegments read');
      expect(dictionaries).toBeGreaterThan(0);
      expect(made.indexOf('threads count')).toBeGreaterThan(dictionaries);
      expect(made.filter((m) => m === 'threads count')).toHaveLength(1);
    } finally {
      await engine.close();
      await db.delete();
    }
  });

  it('orders the list again when a thread it already had changes, and a list asked again is the same', async () => {
    const connected = connect();
    const { api } = connected;
    await api.open();
    const counts = (a: number, b: number) =>
      [
        ...HEADER,
        'Alpha thread',
        'first body',
        '0',
        '0',
        String(a),
        '2d',
        'Beta thread',
        'second body',
        '0',
        '0',
        String(b),
        '2d',
      ].join('\n');
    await api.importFiles(1, [file('counts.txt', counts(5, 50))]);
    const query: Watch & { kind: 'list' } = { kind: 'list', query: { view: { kind: 'all' }, tags: [], sort: 'views' } };
    const titles = async (state: ListState) => (await api.rows(new IdList(state.ids).slice())).map((t) => t!.title);
    const answers: ListState[] = [];
    const key = connected.watch(query, (state) => void answers.push(state));
    await expect.poll(() => answers.some((a) => a.complete)).toBe(true);
    expect(await titles(answers.findLast((a) => a.complete)!)).toEqual(['Beta thread', 'Alpha thread']);
    // A later capture of the same two threads: Alpha now has the most views.
    await api.importFiles(2, [{ ...file('later.txt', counts(500, 50)), capturedAt: '2026-04-01T00:00:00.000Z' }]);
    await expect
      .poll(async () => titles(answers.findLast((a) => a.complete)!))
      .toEqual(['Alpha thread', 'Beta thread']);
    connected.send([{ close: key }]);
    // Asked again (a search cleared): the same order.
    const again = await nextAnswer(connected, query, (state) => state.complete);
    expect(await titles(again)).toEqual(['Alpha thread', 'Beta thread']);
  });

  it('answers watch requests sent as a batch on its one port, and a closed watch answers no more', async () => {
    const connected = connect();
    const { api } = connected;
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const closed: number[] = [];
    const kept: number[] = [];
    const first = connected.watch({ kind: 'threadCount' }, (n) => void closed.push(n));
    await expect.poll(() => closed).toEqual([21]);
    // Closing one watch and opening another in one message, as a change of selection does.
    connected.send([{ close: first }]);
    connected.watch({ kind: 'threadCount' }, (n) => void kept.push(n));
    await expect.poll(() => kept).toEqual([21]);
    await api.importFiles(2, [file('more.txt', ownListing([['One more thread', 'its body']]))]);
    await expect.poll(() => kept.at(-1)).toBe(22);
    expect(closed).toEqual([21]);
  });

  it('says it is alive while an import is slow (the index takes long): its last progress again, every heartbeat', async () => {
    const connected = connectEngine({ heartbeatMs: 50 });
    open.push(connected);
    const { api, engine } = connected;
    await api.open();
    // The index takes 600 ms over what the import wrote, sending nothing meanwhile.
    const index = (engine as unknown as { index: { sync(ids: readonly string[]): Promise<unknown> } }).index;
    const sync = index.sync.bind(index);
    index.sync = async (ids) => {
      await new Promise((r) => setTimeout(r, 600));
      return sync(ids);
    };
    const events: { at: number; indexing: boolean; added: number }[] = [];
    const started = Date.now();
    const summary = await api.importFiles(
      3,
      [file('networking-listing.txt', listing)],
      Comlink.proxy((p: ImportProgress) =>
        events.push({ at: Date.now() - started, indexing: p.indexing ?? false, added: p.committed.added }),
      ),
    );
    expect(summary.report.added).toBe(21);
    const whileIndexing = events.filter((e) => e.indexing);
    // At least one every 50 ms over the 600 ms, allowing for a loaded machine.
    expect(whileIndexing.length).toBeGreaterThanOrEqual(4);
    const gaps = whileIndexing.slice(1).map((e, i) => e.at - whileIndexing[i]!.at);
    expect(Math.max(...gaps)).toBeLessThan(400);
    // By then the file is stored: a stop now would keep its 21 threads, and the heartbeat says so.
    expect(whileIndexing.every((e) => e.added === 21)).toBe(true);
  });

  it('lets a search under way finish before an import writes its next batch', async () => {
    const connected = connect();
    const { api, engine } = connected;
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    // A search whose index takes 300 ms: the import, started 20 ms after it, must not write meanwhile.
    const index = (engine as unknown as { index: { search: (...a: unknown[]) => Promise<unknown> } }).index;
    const search = index.search.bind(index);
    let searchAnswered = 0;
    index.search = async (...args) => {
      await new Promise((r) => setTimeout(r, 300));
      const answer = await search(...args);
      searchAnswered = performance.now();
      return answer;
    };
    let firstWrite = 0;
    engine.db.threads.hook('creating', () => {
      firstWrite ||= performance.now();
    });
    const searching = api.search('Bonjour', { sort: 'relevance', limit: 5, typing: false });
    await new Promise((r) => setTimeout(r, 20));
    const own = ownListing(Array.from({ length: 50 }, (_, i) => [`Waiting thread ${i}`, `body ${i}`]));
    const [answer, summary] = await Promise.all([searching, api.importFiles(2, [file('own.txt', own)])]);
    expect(answer.total).toBeGreaterThan(0);
    expect(summary.report.added).toBe(50);
    expect(firstWrite).toBeGreaterThan(searchAnswered);
  });

  it('writes an import in short transactions while the user searches, and in longer ones otherwise', async () => {
    // Writes timed as quick however long they take: the import's own size.
    const { api } = connect({ importWriteMs: 60_000 });
    await api.open();
    // Nobody searching: the import's own size (50 threads a write).
    expect(await importWriteSizes(api, 1, 'quiet')).toEqual([50, 50, 20]);
    // A search a moment ago: a read waits for the write under way, so writes are short.
    await api.search('thread', { sort: 'relevance', limit: 5, typing: false });
    expect(await importWriteSizes(api, 2, 'busy')).toEqual(Array(12).fill(10));
  });

  it('writes an import in short transactions once the search box takes the focus, before the first key', async () => {
    const { api } = connect({ importWriteMs: 60_000 });
    await api.open();
    await api.searchComing();
    expect(await importWriteSizes(api, 1, 'coming')).toEqual(Array(12).fill(10));
  });

  it('gives up a long import write under way when the user comes to search, and writes its threads again, each once', async () => {
    const db = openForumDb(`forumkb-give-up-${process.pid}`);
    /** Threads put while importing (those of a write given up included). */
    let puts = 0;
    let importing = false;
    spyOnTables(db, 'give-up', (table, t) => ({
      mutate: (r) => {
        // The search box takes the focus in the middle of the import's first write (of 50).
        if (importing && table === 'threads' && (r.type === 'add' || r.type === 'put') && ++puts === 5)
          engine.searchComing();
        return t.mutate(r);
      },
    }));
    // Declared after the middleware, which reads it only once the engine runs. Writes sized for
    // nobody searching: a whole file's short write of 50 each.
    const engine = new DataEngine(db, { mergeDelayMs: 60_000, importWriteMs: 60_000 });
    try {
      await engine.open();
      const own = ownListing(Array.from({ length: 120 }, (_, i) => [`Redone thread ${i}`, `body ${i}`]));
      const done: number[] = [];
      importing = true;
      const summary = await engine.importFiles(1, [file('redone.txt', own)], (p) => {
        if (p.total !== null && p.done > (done.at(-1) ?? 0)) done.push(p.done);
      });
      importing = false;
      // The first write was given up at the fifth of its 50 threads (its put asked, and refused):
      // nothing of it was counted nor kept, and its threads went in again, in the short writes of
      // a user searching.
      expect(done.map((d, i) => d - (done[i - 1] ?? 0))).toEqual(Array(12).fill(10));
      expect(puts).toBe(5 + 120);
      expect(summary.report).toEqual({ added: 120, updated: 0, unchanged: 0, skipped: 0 });
      expect(summary.failed).toEqual([]);
      expect(await db.threads.count()).toBe(120);
      expect(await db.threads.where('titleKey').startsWith('redone thread').count()).toBe(120);
      expect((await engine.search('redone', { sort: 'relevance', limit: 5, typing: false })).total).toBe(120);
    } finally {
      await engine.close();
      await db.delete();
    }
  });

  it('sizes the writes of an import nobody searches during by how long the last ones took, never below its floor', async () => {
    /** With writes to last a hundredth of a millisecond. */
    const writeSizes = async (options: { pacedWriteMin?: number }, prefix: string) => {
      const { api } = connect({ importWriteMs: 0.01, ...options });
      await api.open();
      return importWriteSizes(api, 1, prefix);
    };
    // Once a write was timed, the shortest the floor allows.
    expect(await writeSizes({ pacedWriteMin: 10 }, 'paced')).toEqual([50, ...Array(7).fill(10)]);
    // The app's floor is a whole file's own short write: only longer writes are cut.
    expect(await writeSizes({}, 'floored')).toEqual([50, 50, 20]);
  });

  it('during an import, reads every thread again (the count) only while the user is not searching', async () => {
    /** How many thread counts came while an import of 2,000 threads ran, searching at each progress or not. */
    const countsDuring = async (searching: boolean) => {
      // Read again every 20 ms while an import runs (not 1.5 s), so that a short import sees several.
      const connected = connect({ importRefreshMs: 20 });
      const { api } = connected;
      await api.open();
      await api.importFiles(1, [file('networking-listing.txt', listing)]);
      const counts: number[] = [];
      let importing = false;
      let during = 0;
      connected.watch({ kind: 'threadCount' }, (n) => {
        counts.push(n);
        if (importing) during++;
      });
      await vi.waitFor(() => expect(counts).toEqual([21]), { timeout: 10_000 });
      // A first count waits for the index to open; the next reads wait five times as long as the
      // last took. A small import first: its count after it is a plain count.
      await api.importFiles(2, [file('small.txt', ownListing([['Small thread', 'small body']]))]);
      await vi.waitFor(() => expect(counts.at(-1)).toBe(22), { timeout: 10_000 });
      const big = ownListing(Array.from({ length: 2000 }, (_, i) => [`Counted thread ${i}`, `body ${i}`]));
      // The user searching from before the import and on as it runs.
      if (searching) await api.search('counted', { sort: 'relevance', limit: 5, typing: true });
      importing = true;
      await api.importFiles(
        3,
        [file('big.txt', big)],
        Comlink.proxy(() => {
          if (searching) void api.search('counted', { sort: 'relevance', limit: 5, typing: true });
        }),
      );
      importing = false;
      // Once the import is done, the count follows at once.
      await vi.waitFor(() => expect(counts.at(-1)).toBe(2022), { timeout: 10_000 });
      return during;
    };
    expect(await countsDuring(false)).toBeGreaterThan(0);
    expect(await countsDuring(true)).toBe(0);
  }, 120_000);

  it("counts the threads from the list's columns once they are read, not by walking the store again; an import's index work waits for each write under way", async () => {
    const name = `forumkb-import-count-${process.pid}`;
    const db = openForumDb(name);
    /** Walks of the threads store to count it, and reads of its list columns during the import. */
    let walks = 0;
    let columnReads = 0;
    /** Whether the engine held each import write (its mutations) as under way while it ran. */
    const heldWhileWriting: boolean[] = [];
    let importing = false;
    spyOnTables(db, 'counts-and-writes', (table, t) => ({
      count: (r) => {
        if (table === 'threads') walks++;
        return t.count(r);
      },
      query: (r) => {
        // The list columns' read: every thread's values, by id.
        if (importing && table === 'threads' && r.values && r.query.index.isPrimaryKey) columnReads++;
        return t.query(r);
      },
      mutate: (r) => {
        if (importing && table === 'threads')
          heldWhileWriting.push((engine as unknown as { writeUnderWay: unknown }).writeUnderWay !== null);
        return t.mutate(r);
      },
    }));
    // Declared after the middleware, which reads it only once the engine runs.
    const engine = new DataEngine(db, { mergeDelayMs: 60_000, importRefreshMs: 20 });
    try {
      await engine.open();
      await engine.importFiles(1, [file('networking-listing.txt', listing)]);
      const counts: number[] = [];
      let during = 0;
      const stop = engine.subscribe({ kind: 'threadCount' }, (n) => {
        counts.push(n as number);
        if (importing) during++;
      });
      await vi.waitFor(() => expect(counts).toEqual([21]), { timeout: 10_000 });
      // The next read waits five times as long as the last took, and the first waited for the
      // index to open: a small import first, whose count after it is a quick one.
      await engine.importFiles(2, [file('small.txt', ownListing([['Small thread', 'small body']]))]);
      await vi.waitFor(() => expect(counts.at(-1)).toBe(22), { timeout: 10_000 });
      importing = true;
      const big = ownListing(Array.from({ length: 2000 }, (_, i) => [`Counted thread ${i}`, `body ${i}`]));
      await engine.importFiles(3, [file('big.txt', big)]);
      importing = false;
      await vi.waitFor(() => expect(counts.at(-1)).toBe(2022), { timeout: 10_000 });
      stop();
      expect(during).toBeGreaterThan(0);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      // Nothing else wanted the columns during the import: the count did not read them for itself.
      expect(columnReads).toBe(0);
      // Once the sidebar's tag counts have read the columns, a count walks nothing.
      const tagCounts: unknown[] = [];
      const stopTags = engine.subscribe({ kind: 'tagCounts' }, (c) => tagCounts.push(c));
      await vi.waitFor(() => expect(tagCounts.length).toBeGreaterThan(0), { timeout: 10_000 });
      const walked = walks;
      const again: number[] = [];
      const stopAgain = engine.subscribe({ kind: 'threadCount' }, (n) => again.push(n as number));
      await vi.waitFor(() => expect(again).toEqual([2022]), { timeout: 10_000 });
      stopAgain();
      stopTags();
      expect(walks).toBe(walked);
      expect(heldWhileWriting.length).toBeGreaterThan(0);
      expect(heldWhileWriting.every(Boolean)).toBe(true);
      expect((engine as unknown as { writeUnderWay: unknown }).writeUnderWay).toBeNull();
    } finally {
      await engine.close();
      await db.delete();
    }
  }, 120_000);

  it('during an import, reads the list columns once at a time, however many watches want them after each write', async () => {
    const name = `forumkb-import-columns-${process.pid}`;
    const db = openForumDb(name);
    /** Reads of every thread's list columns under way (a read is pages of ids in order), and the most at once. */
    let reading = 0;
    let mostAtOnce = 0;
    let reads = 0;
    let importing = false;
    spyOnTables(db, 'column-reads', (table, t) => ({
      query: (r) => {
        const columnsPage = importing && table === 'threads' && r.values && r.query.index.isPrimaryKey;
        // A read's first page is of any key (the next ones above the last id read); its last page is short.
        if (columnsPage && r.query.range.type === 3 /* DBCoreRangeType.Any */) {
          reads++;
          mostAtOnce = Math.max(mostAtOnce, ++reading);
        }
        return t.query(r).then((answer) => {
          if (columnsPage && r.limit !== undefined && answer.result.length < r.limit) reading--;
          return answer;
        });
      },
    }));
    const engine = new DataEngine(db, { mergeDelayMs: 60_000, importRefreshMs: 20 });
    try {
      await engine.open();
      await engine.importFiles(1, [file('networking-listing.txt', listing)]);
      const lists: ListState[] = [];
      const tagCounts: unknown[] = [];
      const list: Watch = { kind: 'list', query: { view: { kind: 'all' }, tags: [], sort: 'activity' } };
      const stopList = engine.subscribe(list, (state) => lists.push(state as ListState));
      const stopTags = engine.subscribe({ kind: 'tagCounts' }, (c) => tagCounts.push(c));
      await vi.waitFor(() => expect(lists.at(-1)?.total).toBe(21), { timeout: 10_000 });
      importing = true;
      const big = ownListing(Array.from({ length: 3000 }, (_, i) => [`Listed thread ${i}`, `body ${i}`]));
      const summary = await engine.importFiles(2, [file('big.txt', big)]);
      expect(summary.report.added).toBe(3000);
      // Once the import is done, the list follows at once, read for the threads as they are.
      await vi.waitFor(() => expect(lists.at(-1)?.total).toBe(3021), { timeout: 10_000 });
      importing = false;
      stopList();
      stopTags();
      expect(reads).toBeGreaterThan(1);
      expect(mostAtOnce).toBe(1);
    } finally {
      await engine.close();
      await db.delete();
    }
  }, 120_000);

  it('keeps the threads a search read across an import of others, and reads again those an import changed', async () => {
    const name = `forumkb-import-kept-${process.pid}`;
    const db = openForumDb(name);
    /** Reads of the threads and posts tables, while counting. */
    let reads = 0;
    let counting = false;
    spyOnReads(db, 'thread-reads', (table) => {
      if (counting && (table === 'threads' || table === 'posts')) reads++;
    });
    const engine = new DataEngine(db, { mergeDelayMs: 60_000 });
    /** A listing of one thread, captured at `at`, with this many replies. */
    const one = (name: string, title: string, replies: number, at: string): SourceFile => ({
      name,
      data: [...HEADER, title, `${title} body`, String(replies), '0', '10', '2d'].join('\n'),
      capturedAt: at,
      modifiedAt: null,
    });
    const searched = async () => {
      counting = true;
      const answer = await engine.search('alphakept', { sort: 'relevance', limit: 5, typing: true });
      counting = false;
      return answer;
    };
    try {
      await engine.open();
      await engine.importFiles(1, [one('a.txt', 'Alphakept socket thread', 1, CAPTURED)]);
      expect((await searched()).rows.map((r) => r.replies)).toEqual([1]);
      expect(reads).toBeGreaterThan(0);
      // Another thread imported: the page kept is answered again without a read.
      reads = 0;
      await engine.importFiles(2, [one('b.txt', 'Betaother resolver thread', 3, CAPTURED)]);
      expect((await searched()).rows.map((r) => r.replies)).toEqual([1]);
      expect(reads).toBe(0);
      // The thread itself, captured later with more replies: read again, as it now is.
      await engine.importFiles(3, [one('a2.txt', 'Alphakept socket thread', 7, '2026-04-01T00:00:00.000Z')]);
      expect((await searched()).rows.map((r) => r.replies)).toEqual([7]);
      expect(reads).toBeGreaterThan(0);
    } finally {
      await engine.close();
      await db.delete();
    }
  }, 60_000);

  it('opens one thread with its posts, and stops an import when asked', async () => {
    const connected = connect();
    const { api } = connected;
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [id] = (await api.search('Bonjour', { sort: 'relevance', limit: 1, typing: false })).ids;
    const opened = await nextAnswer(connected, { kind: 'thread', id: id! });
    expect(opened.thread).toMatchObject({ id });
    expect(opened.posts.length).toBeGreaterThan(0);

    const big = ownListing(Array.from({ length: 3000 }, (_, i) => [`Thread number ${i}`, `body ${i}`]));
    let cancelled = false;
    const summary = await api.importFiles(
      7,
      [file('big.txt', big)],
      Comlink.proxy(() => {
        if (!cancelled) void api.cancelImport(7);
        cancelled = true;
      }),
    );
    expect(summary.cancelled).toBe(true);
    expect(await nextAnswer(connected, { kind: 'threadCount' })).toBe(21);
  });

  it('gives up "more like this" for a thread once another thread is opened', async () => {
    const { api, engine } = connect();
    await api.open();
    const fillers = Array.from({ length: 40 }, (_, i): [string, string] => [`Question ${i}`, `about topic${i}`]);
    await api.importFiles(1, [
      file(
        'own.txt',
        ownListing([
          ['Zorblatt handshake stalls', 'The zorblatt quuxplonk handshake never completes'],
          ['Quuxplonk after zorblatt', 'Again zorblatt and quuxplonk stall the handshake'],
          ...fillers,
        ]),
      ),
    ]);
    const ids = (await api.search('zorblatt', { sort: 'relevance', limit: 2, typing: false })).ids;
    expect(ids).toHaveLength(2);
    const [a, b] = ids as [string, string];
    // Asked while the thread is shown: the other one.
    expect((await engine.related(a)).rows.map((r) => r.id)).toEqual([b]);
    // Asked, then another thread opened before the answer: none.
    const asked = engine.related(a);
    const stop = engine.subscribe({ kind: 'thread', id: b }, () => undefined);
    expect((await asked).rows).toEqual([]);
    stop();
  });

  it('reads an open thread again only after a write that may change it, not after every write of an import to its tables, and sends it only when it changed', async () => {
    const { api, engine } = connect({ importWriteMs: 60_000 });
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [id] = (await api.search('Bonjour', { sort: 'relevance', limit: 1, typing: false })).ids as [string];
    const answers: OpenThread[] = [];
    const settled = () => new Promise((resolve) => setTimeout(resolve, 100));
    const stop = engine.subscribe({ kind: 'thread', id }, (r) => answers.push(r as OpenThread));
    await settled();
    expect(answers.map((r) => r.thread?.id)).toEqual([id]);
    const reads = vi.spyOn(engine.db.threads, 'bulkGet');
    const readsOfIt = () => reads.mock.calls.filter(([ids]) => (ids as string[]).includes(id)).length;
    // Other threads imported in three writes (50, 50, 20), each a write to the threads and posts
    // that says which threads it wrote: the open thread is not read again.
    const own = ownListing(Array.from({ length: 120 }, (_, i) => [`Other thread ${i}`, `body ${i}`]));
    const summary = await api.importFiles(2, [file('others.txt', own)]);
    expect(summary.report.added).toBe(120);
    await settled();
    expect(answers).toHaveLength(1);
    expect(readsOfIt()).toBe(0);
    // A change to the thread itself is read and sent.
    await engine.saveNote({ threadId: id }, 'Bonjour on a VPN');
    await settled();
    expect(readsOfIt()).toBe(1);
    expect(answers).toHaveLength(2);
    expect(answers[1]!.noteIds).toEqual([id]);
    reads.mockRestore();
    stop();
  });

  it('keeps the threads read ahead that an import did not write, so they open from memory during it', async () => {
    const { api, engine } = connect();
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [a, b, c] = (await api.search('network', { sort: 'relevance', limit: 3, typing: false })).ids as [
      string,
      string,
      string,
    ];
    expect(new Set([a, b, c]).size).toBe(3);
    const ahead = engine['ahead'];
    const sent = await engine.openAhead([a, b]);
    // The user searching: the import writes 10 threads at a time, each write telling which.
    await api.search('thread', { sort: 'relevance', limit: 5, typing: false });
    const own = ownListing(Array.from({ length: 40 }, (_, i) => [`Unrelated thread ${i}`, `body ${i}`]));
    expect((await api.importFiles(2, [file('unrelated.txt', own)])).report.added).toBe(40);
    expect(ahead.get(a)).toBeDefined();
    expect(ahead.get(b)).toBeDefined();
    // The UI's copy is of an older generation: the worker's copy is sent at once, not read again.
    expect(ahead.generation).toBeGreaterThan(sent.generation);
    const threadReads = vi.spyOn(engine.db.threads, 'bulkGet');
    const answers: OpenThread[] = [];
    const stop = engine.subscribe({ kind: 'thread', id: a, shown: sent.generation }, (r) =>
      answers.push(r as OpenThread),
    );
    expect(answers.map((r) => r.thread?.id)).toEqual([a]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(threadReads).not.toHaveBeenCalled();
    threadReads.mockRestore();
    stop();

    // A write of one thread forgets that one only.
    ahead.forget(new Set([a]));
    expect(ahead.get(a)).toBeUndefined();
    expect(ahead.get(b)).toBeDefined();
    // A read under way as another thread is written is kept; as its own thread is, it is not.
    // (The read itself, begun as it is called: the engine's `openAhead` may wait before it.)
    let reading = ahead.read(engine.db, [c]);
    ahead.forget(new Set([b]));
    await reading;
    expect(ahead.get(c)).toBeDefined();
    ahead.forget(new Set([c]));
    reading = ahead.read(engine.db, [a, c]);
    ahead.forget(new Set([a]));
    await reading;
    expect(ahead.get(a)).toBeUndefined();
    expect(ahead.get(c)).toBeDefined();
  });

  it("keeps an open thread read ahead through an import's long writes that do not write it, and reads it again after one that does", async () => {
    // Nobody searching: writes of 50 threads, which Dexie itself tells as "the whole table".
    const { api, engine } = connect({ importWriteMs: 60_000 });
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [a, b] = (await api.search('network', { sort: 'relevance', limit: 2, typing: false })).ids as [
      string,
      string,
    ];
    const ahead = engine['ahead'];
    const sent = await engine.openAhead([a, b]);
    const answers: OpenThread[] = [];
    const stop = engine.subscribe({ kind: 'thread', id: a, shown: sent.generation }, (r) =>
      answers.push(r as OpenThread),
    );
    // The user reads on, longer than a search or an open keeps the import's writes short.
    engine['userAskedAt'] = -Infinity;
    const threadReads = vi.spyOn(engine.db.threads, 'bulkGet');
    const progress: number[] = [];
    const own = ownListing(Array.from({ length: 120 }, (_, i) => [`Unrelated thread ${i}`, `body ${i}`]));
    const summary = await engine.importFiles(2, [file('unrelated.txt', own)], (p) => void progress.push(p.done));
    expect(summary.report.added).toBe(120);
    expect(Math.max(...progress.map((d, i) => d - (progress[i - 1] ?? 0)))).toBeGreaterThanOrEqual(50);
    // Neither thread was written: both stay read ahead, and the open one is not read again.
    expect(ahead.get(a)).toBeDefined();
    expect(ahead.get(b)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(threadReads.mock.calls.filter(([ids]) => (ids as string[]).includes(a))).toEqual([]);
    expect(answers).toEqual([]);
    threadReads.mockRestore();

    // A long write that does write it (its listing entry again, with other counts): the open
    // thread is read again and sent.
    const { thread: threadA, posts: postsA } = ahead.get(a)!;
    const withA = ownListing([
      ...Array.from({ length: 59 }, (_, i): [string, string] => [`Another thread ${i}`, `body ${i}`]),
      [threadA!.title, postsA[0]!.body],
    ]);
    const report = (await api.importFiles(3, [file('with-a.txt', withA)])).report;
    expect(report).toMatchObject({ added: 59, updated: 1 });
    expect(ahead.get(a)).toBeUndefined();
    expect(ahead.get(b)).toBeDefined();
    await vi.waitFor(() => expect(answers.at(-1)?.thread?.id).toBe(a));
    stop();
  });

  it('forgets a thread read ahead whose post row an import gave to another thread', async () => {
    const { api, engine } = connect();
    await api.open();
    const archive = archiveFixture();
    await api.importFiles(1, [file('forumkb-archive.json', JSON.stringify(archive))]);
    const [giver, other] = archive.threads as [Thread, Thread];
    const ahead = engine['ahead'];
    await engine.openAhead([giver.id, other.id]);
    expect(ahead.get(giver.id)).toBeDefined();
    // A thread of its own whose one post row is (by its id) the giver's first post.
    const taken = archive.posts.find((p) => p.threadId === giver.id)!;
    const taker = {
      ...giver,
      id: 'taker',
      fingerprint: 'fp-taker',
      titleKey: 'the taker',
      title: 'The taker',
      url: null,
    };
    const later = {
      ...archive,
      threads: [taker],
      posts: [{ ...taken, threadId: 'taker' }],
      bookmarks: [],
      notes: [],
      readState: [],
    };
    expect((await api.importFiles(2, [file('taker.json', JSON.stringify(later))])).report.added).toBe(1);
    expect((await engine.db.posts.get(taken.id))?.threadId).toBe('taker');
    // The giver's copy read ahead still had that post: it is forgotten; the other thread is kept.
    expect(ahead.get(giver.id)).toBeUndefined();
    expect(ahead.get(other.id)).toBeDefined();
  });

  it("sends an open thread again when an archive's restore adds a note to it", async () => {
    const { api, engine } = connect();
    await api.open();
    const archive = archiveFixture();
    // The threads first, without the user's data.
    const threadsOnly = { ...archive, bookmarks: [], notes: [], readState: [] };
    await api.importFiles(1, [file('threads.json', JSON.stringify(threadsOnly))]);
    const note = archive.notes[0]!;
    const answers: OpenThread[] = [];
    const stop = engine.subscribe({ kind: 'thread', id: note.threadId }, (r) => answers.push(r as OpenThread));
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(answers[0]!.noteIds).toEqual([]);
    // The whole archive again: its threads are unchanged, its notes are restored.
    const summary = await api.importFiles(2, [file('forumkb-archive.json', JSON.stringify(archive))]);
    expect(summary.restored?.notes).toBeGreaterThan(0);
    await vi.waitFor(() => expect(answers.at(-1)!.noteIds).toContain(note.targetId));
    stop();
  });

  it('opens a thread read ahead at once, once, and reads it again after a write to it', async () => {
    const { api, engine } = connect();
    await api.open();
    await api.importFiles(1, [file('networking-listing.txt', listing)]);
    const [a, b] = (await api.search('Bonjour', { sort: 'relevance', limit: 2, typing: false })).ids as [
      string,
      string,
    ];
    const answers: OpenThread[] = [];
    const opened = () => new Promise((resolve) => setTimeout(resolve, 50));

    // Not read ahead: the answer comes from IndexedDB, later.
    let stop = engine.subscribe({ kind: 'thread', id: b }, (r) => answers.push(r as OpenThread));
    expect(answers).toHaveLength(0);
    await opened();
    expect(answers.map((r) => r.thread?.id)).toEqual([b]);
    stop();

    // Read ahead: the answer is there as the thread is opened, and the thread is not read again
    // (until a write: see below).
    answers.length = 0;
    await engine.openAhead([a, b]);
    const threadReads = vi.spyOn(engine.db.threads, 'bulkGet');
    stop = engine.subscribe({ kind: 'thread', id: a }, (r) => answers.push(r as OpenThread));
    expect(answers.map((r) => r.thread?.id)).toEqual([a]);
    expect(answers[0]!.posts.length).toBeGreaterThan(0);
    await opened();
    expect(answers).toHaveLength(1);
    expect(threadReads).not.toHaveBeenCalled();
    threadReads.mockRestore();
    // Still live: a note written on it is sent.
    await engine.saveNote({ threadId: a }, 'Read the DTS answer');
    await opened();
    expect(answers.at(-1)!.noteIds).toEqual([a]);
    stop();

    // The note dropped what was read ahead: b is read again, with what is stored now.
    await engine.saveNote({ threadId: b }, 'And this one');
    answers.length = 0;
    stop = engine.subscribe({ kind: 'thread', id: b }, (r) => answers.push(r as OpenThread));
    expect(answers).toHaveLength(0);
    await opened();
    expect(answers.map((r) => r.noteIds)).toEqual([[b]]);
    stop();

    // The UI shows the copy it was sent (`shown`, its generation): nothing is sent until the
    // thread changes, and then the new answer is.
    answers.length = 0;
    const sent = await engine.openAhead([a]);
    expect(sent.threads.map((t) => t.thread?.id)).toEqual([a]);
    stop = engine.subscribe({ kind: 'thread', id: a, shown: sent.generation }, (r) => answers.push(r as OpenThread));
    await opened();
    expect(answers).toHaveLength(0);
    // (A new note on one of its posts: the thread's own note edited changes nothing it holds.)
    const post = sent.threads[0]!.posts[0]!.id;
    await engine.saveNote({ threadId: a, postId: post }, 'Changed while shown');
    await opened();
    expect(answers.map((r) => [...r.noteIds].sort())).toEqual([[a, post].sort()]);
    stop();
    // An older copy than the worker's is answered at once.
    answers.length = 0;
    const again = await engine.openAhead([a]);
    expect(again.generation).toBeGreaterThan(sent.generation);
    stop = engine.subscribe({ kind: 'thread', id: a, shown: sent.generation }, (r) => answers.push(r as OpenThread));
    expect(answers).toHaveLength(1);
    stop();

    // Opened while it is being read ahead: that read's answer is sent, once.
    await engine.saveNote({ threadId: a }, 'A write drops what was read ahead');
    answers.length = 0;
    const reading = engine.openAhead([a]);
    while (!engine['ahead'].reading(a)) await Promise.resolve();
    stop = engine.subscribe({ kind: 'thread', id: a }, (r) => answers.push(r as OpenThread));
    await reading;
    await opened();
    expect(answers).toHaveLength(1);
    expect(answers[0]).toBe(engine['ahead'].get(a));
    stop();
  });
});
