/**
 * The data worker's side of the contract (src/bridge/data-api.ts): owns the database, the import,
 * the merge, the search index and the user's data. Plain async methods over a Dexie instance, so
 * tests run it in-process on fake-indexeddb, or through Comlink over a MessageChannel exactly as
 * the UI reaches it in the Web Worker.
 */
import { Dexie, liveQuery, type ObservabilitySet, type Subscription } from 'dexie';
import type {
  BookmarkTarget,
  CapturedFile,
  DataApi,
  ImportProgress,
  ImportSummary,
  IndexStatus,
  LabelEdit,
  ListQuery,
  ListState,
  ReadAhead,
  SearchAnswer,
  SearchRequest,
  SourceFile,
  Watch,
  WatchMessage,
  WatchRequest,
  WatchResults,
} from '../../src/bridge/data-api';
import type { ExportFile } from '../../src/export/export-file';
import type { CaptureAnswer } from '../../src/import/capture-format';
import { storeCapture } from '../../src/import/capture-store';
import { applyRecords } from '../../src/import/thread-store';
import { emptyReport } from '../../src/model';
import { DexieThreadStore } from '../db/dexie-thread-store';
import type { Note, Thread } from '../../src/model';
import type { SearchResponse } from '../../src/search/segmented-index';
import type { UserDataView } from '../../src/search/user-data-view';
import { runSliced } from '../../src/search/slices';
import { backupFile, notesExportFiles } from '../db/backup';
import type { ForumDb } from '../db/forum-db';
import { importIntoDb } from '../db/import-into-db';
import { writtenThreads } from '../db/whole-table-changes';
import { listIdsSteps, readThreadColumns, tagCountsSteps, type ThreadColumns } from '../db/thread-columns';
import { FIRST_SCREEN, firstScreen, listThreads } from '../db/thread-lists';
import { packIds, packIdsSteps, type PackedIds } from '../../src/bridge/packed-ids';
import {
  bookmarkAllResources,
  labelCounts,
  markRead,
  markUnread,
  saveNote,
  saveNoteIfUnchanged,
  recoverLabel,
  recoverNote,
  editLabels,
  toggleBookmark,
} from '../db/user-data-store';
import { SearchService } from '../search/search-service';
import { WritePace } from './write-pace';
import { OPEN_THREAD_TABLES, OpenAhead, readOpenThreads } from './open-ahead';
import { watchTables, type TableWatch } from './table-watch';
import { traceMark } from './trace-mark';

const SEEDED_KEY = 'seededAt';
/**
 * While an import writes, the list, the tag counts and the thread count are read again at most
 * this often (each read is every thread): the list grows every second and a half, not per batch.
 */
const IMPORT_REFRESH_MS = 1_500;
/**
 * ...and no sooner than this many times as long as the last read took: reading every thread again
 * must not take over the worker while an import writes (a 10k import ran twice as long once its
 * short transactions let these reads run between them).
 */
const IMPORT_REFRESH_FACTOR = 5;
/** A running import's sign of life, well inside the UI's stall limit (IMPORT_STALL_MS). */
export const IMPORT_HEARTBEAT_MS = 5_000;
/** When the search index opens at the latest, if no list asked for its first screen (and no search) first. */
const STARTUP_WAIT_MS = 1_000;
/** The longest an import's next write waits for the searches under way (a stream of them cannot stop it). */
const IMPORT_YIELD_MAX_MS = 2_000;
/**
 * Threads per import write while the user searches or opens threads, and for USER_ACTIVE_MS after.
 * A read of the threads waits for the write under way: with writes of 50, a search typed during a
 * 10k-thread import was painted 381 ms after the last key (UI bench, 10k threads stored), with
 * writes of 10 in 49 ms (at 100k threads stored: 390 ms, now 31 ms). Writes of 10 all along made
 * that import 40% slower, so only while the user is there.
 */
const USER_WRITE_SIZE = 10;
const USER_ACTIVE_MS = 3_000;
/**
 * Otherwise an import's writes are sized to last about this long (write-pace.ts), at most the
 * import's own size. A search typed when the user comes back would wait for the write under way:
 * the write is given up and redone (`userAsks`).
 */
const IMPORT_WRITE_MS = 200;
/**
 * The fewest records a write sized by time takes: a whole file's own short write, so that only
 * the longer writes (a streamed file's batch of 500 entries) are cut. With writes of fewer, the
 * UI bench's 10k-thread import took 32.8 s instead of 22.8.
 */
const PACED_WRITE_MIN = 50;
/**
 * While an import runs, the list, tag counts and thread count are not read again while the user
 * searches or opens threads (USER_ACTIVE_MS after the last), for at most this long: each of those
 * reads walks every thread a page at a time, and IndexedDB serves one request after another, so
 * a search's reads waited behind the pages.
 */
const REFRESH_HOLD_MAX_MS = 10_000;
const HOLD_CHECK_MS = 250;

/** Bookmarks, labels and notes as search sees them (`is:bookmarked`, `label:`, `has:notes`). */
async function readUserDataView(db: ForumDb): Promise<UserDataView> {
  const [bookmarks, notes] = await Promise.all([db.bookmarks.toArray(), db.notes.toArray()]);
  const labelsByThread = new Map<string, string[]>();
  for (const b of bookmarks) labelsByThread.set(b.threadId, [...(labelsByThread.get(b.threadId) ?? []), ...b.labels]);
  return {
    bookmarkedThreadIds: new Set(bookmarks.map((b) => b.threadId)),
    labelsByThread,
    threadsWithNotes: new Set(notes.map((n) => n.threadId)),
  };
}

/**
 * `send` that skips an answer equal to the last one sent or `seen` (the copy the UI already shows),
 * compared as JSON: a thread with its posts is a few KB to a few hundred.
 */
function changedOnly(send: (result: unknown) => void): {
  send: (result: unknown) => void;
  seen: (result: unknown) => void;
} {
  let last: string | undefined;
  return {
    send: (result) => {
      const json = JSON.stringify(result);
      if (json === last) return;
      last = json;
      send(result);
    },
    seen: (result) => {
      last = JSON.stringify(result);
    },
  };
}

const highlight = (text: string | undefined, ranges: [number, number][] | undefined) =>
  text !== undefined && ranges && ranges.length > 0 ? { text, ranges } : undefined;

/** The list columns read for the threads as of `generation`, and the lists sorted from them. */
interface ColumnsEntry {
  generation: number;
  read: Promise<ThreadColumns>;
  lists: Map<string, Promise<{ ids: string[]; packed: PackedIds }>>;
  /** The read is done: a list answers from memory, with no first screen read before it. */
  done: boolean;
}

export class DataEngine implements DataApi {
  private readonly index: SearchService;
  private readonly imports = new Map<number, { aborted: boolean }>();
  /** Watches opened by the UI, by the key it gave them; answers go to `watchPort`. */
  private readonly watches = new Map<number, () => void>();
  /** The whole-table watches among them: brought up to date as soon as an import ends. */
  private readonly tableWatches = new Set<TableWatch>();
  private watchPort: MessagePort | null = null;
  private indexVersion = 0;
  private readonly indexListeners = new Set<(version: number) => void>();
  private userData: Promise<UserDataView> | null = null;
  private userDataSubscription: Subscription | null = null;

  /** How often a running import says it is alive (its last progress again), whatever it is doing. */
  private readonly heartbeatMs: number;
  /** IMPORT_REFRESH_MS unless told otherwise (tests). */
  private readonly importRefreshMs: number;

  constructor(
    readonly db: ForumDb,
    options: {
      mergeDelayMs?: number;
      heartbeatMs?: number;
      importRefreshMs?: number;
      importWriteMs?: number;
      pacedWriteMin?: number;
    } = {},
  ) {
    traceMark('forumkb:worker-start');
    // The index's slices (an import's indexing, merges) let an import's write under way finish
    // first: each of the write's steps waits for the thread, and behind a merge's slices a write
    // of a streamed batch took seconds, with every search's read of the threads waiting for it.
    this.index = new SearchService(db, options.mergeDelayMs, { yieldTo: () => this.writeUnderWay });
    // Searches shown while the index is first built are asked again as it grows.
    this.index.onFirstBuildBatch = () => this.indexChanged();
    this.index.countThreads = () => this.sharedCount();
    this.heartbeatMs = options.heartbeatMs ?? IMPORT_HEARTBEAT_MS;
    this.importRefreshMs = options.importRefreshMs ?? IMPORT_REFRESH_MS;
    this.writePace = new WritePace(options.importWriteMs ?? IMPORT_WRITE_MS, options.pacedWriteMin ?? PACED_WRITE_MIN);
    Dexie.on.storagemutated.subscribe(this.onMutated);
    const served = new Promise<void>((resolve) => {
      let marked = false;
      this.firstScreenServed = () => {
        if (!marked) traceMark('forumkb:first-screen');
        marked = true;
        resolve();
      };
    });
    const waited = new Promise<void>((resolve) => (this.startupTimer = setTimeout(resolve, STARTUP_WAIT_MS)));
    this.startup = Promise.race([served, waited])
      .then(() => this.index.start())
      .then(
        () => undefined,
        () => undefined,
      );
  }

  /**
   * Start-up in order of urgency: the list's first screen (from the sort's own index), then the
   * search index's dictionaries, then the list columns of every thread (the whole list and the
   * tag counts). Reads queued in IndexedDB are served in turn, so a big read asked first would
   * hold the first paint. Resolves when the index is open; a search asked sooner opens it at once.
   */
  private readonly startup: Promise<void>;
  private firstScreenServed: () => void = () => undefined;
  private startupTimer: ReturnType<typeof setTimeout> | undefined;

  /** The list columns of every thread, while no thread has changed since they were read. */
  private columns: ColumnsEntry | null = null;
  /** The columns' read under way, if any (kept when a write makes it stale: it goes on to its end). */
  private columnsReading: ColumnsEntry | null = null;
  /** Bumped by every write to the threads table. */
  private threadsGeneration = 0;
  /** Threads opened in the reader so far (a "more like this" asked before the last one is not wanted). */
  private threadsOpened = 0;
  /** The rows on screen with their posts, read before they are clicked (`openAhead`). */
  private readonly ahead = new OpenAhead();
  private readonly onMutated = (parts: ObservabilitySet) => {
    const keys = Object.keys(parts);
    const changed = (table: string) => keys.some((part) => part.startsWith(`idb://${this.db.name}/${table}/`));
    if (changed('threads')) {
      this.threadsGeneration++;
      this.columns = null;
    }
    if (changed('notes')) this.ahead.drop();
    else if (changed('threads') || changed('posts')) {
      // An import's write says which threads it wrote: the others read ahead stay.
      const written = writtenThreads(parts);
      if (written) this.ahead.forget(written);
      else this.ahead.drop();
    }
  };

  /** Whether the list columns of the threads as they are now are read or being read. */
  private columnsCurrent(): boolean {
    return this.columns?.generation === this.threadsGeneration;
  }

  /** Whether the list columns of the threads as they are now have been read. */
  private columnsReady(): boolean {
    return this.columnsCurrent() && this.columns?.done === true;
  }

  /** Read once, then kept until the threads change: clearing a search or changing the sort reads nothing. */
  private threadColumns(): Promise<ThreadColumns> {
    return this.columnsEntry().read;
  }

  /**
   * The columns of the threads as they are (read, or being read), and the lists sorted from them.
   * During an import, a read under way is answered even once a write has made it stale, not read
   * again beside it: each write makes the columns stale, and with a watch's read starting after
   * every write, two or three reads of every thread ran at once with the import's writes and the
   * searches' reads between their pages (at 60k threads a column page took 200–300 ms, and a
   * search ~300 ms, in the UI bench's 200 MB import). The watches read again at the next refresh,
   * and as soon as the import ends.
   */
  private columnsEntry(): ColumnsEntry {
    if (this.columns && this.columnsCurrent()) return this.columns;
    if (this.columnsReading && this.imports.size > 0) return this.columnsReading;
    const read = this.startup.then(async () => {
      traceMark('forumkb:columns-read');
      const columns = await readThreadColumns(this.db, undefined, () => this.searchesDone());
      traceMark('forumkb:columns-read-end');
      return columns;
    });
    const entry: ColumnsEntry = { generation: this.threadsGeneration, read, lists: new Map(), done: false };
    this.columns = entry;
    this.columnsReading = entry;
    read
      .then(
        () => (entry.done = true),
        // A failed read is read again next time.
        () => {
          if (this.columns === entry) this.columns = null;
        },
      )
      .finally(() => {
        if (this.columnsReading === entry) this.columnsReading = null;
      });
    return entry;
  }

  /** An import's write transaction while it is open (the index's slices wait for it). */
  private writeUnderWay: Promise<unknown> | null = null;

  /** When the user last searched or opened a thread (performance.now()). */
  private userAskedAt = -Infinity;
  /** Aborts the import's long write under way, which the import then redoes; null when none is. */
  private giveUpWrite: (() => void) | null = null;

  /**
   * The user searched, opened a thread or is about to search: the import's next writes are short,
   * and a long write under way (sized for nobody waiting, about IMPORT_WRITE_MS) is given up, as
   * a read of the threads would wait for its end: the first key after a few seconds of quiet
   * waited for it, about 150 ms in the UI bench's 200 MB import.
   */
  private userAsks(): void {
    this.userAskedAt = performance.now();
    this.giveUpWrite?.();
    this.giveUpWrite = null;
  }
  /** Import writes timed, to size the next ones. */
  private readonly writePace: WritePace;
  /**
   * The import's next write: short while the user searches or reads (USER_WRITE_SIZE), otherwise
   * what lasts about IMPORT_WRITE_MS (at most the import's own size).
   */
  private readonly importWriteSize = (): number | undefined =>
    performance.now() - this.userAskedAt < USER_ACTIVE_MS ? USER_WRITE_SIZE : this.writePace.size();

  /**
   * Resolves once the user has not searched nor opened a thread for USER_ACTIVE_MS, or no import
   * runs any more (checked every HOLD_CHECK_MS), or after `maxMs`.
   */
  private async userQuiet(maxMs = REFRESH_HOLD_MAX_MS): Promise<void> {
    const until = performance.now() + maxMs;
    for (;;) {
      const wait = Math.min(until, this.userAskedAt + USER_ACTIVE_MS) - performance.now();
      if (wait <= 0 || this.imports.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, HOLD_CHECK_MS)));
    }
  }

  /** Searches under way, and the import writes waiting for them to end. */
  private searching = 0;
  private readonly searchWaiters: (() => void)[] = [];

  /**
   * Resolves once no search is under way (at most `maxMs` later): an import's next write waits
   * for the searches typed meanwhile. A read of the threads waits behind every write transaction
   * opened before it, so without this a search's few reads would each wait for a batch.
   */
  private searchesDone(maxMs = IMPORT_YIELD_MAX_MS): Promise<void> {
    if (this.searching === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      this.searchWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async open(): Promise<{ needsSeed: boolean }> {
    await this.db.open();
    return { needsSeed: !(await this.db.meta.get(SEEDED_KEY)) };
  }

  async importSeed(files: SourceFile[]): Promise<ImportSummary> {
    const summary = await this.importFiles(0, files);
    await this.db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
    return summary;
  }

  async importFiles(
    importId: number,
    files: SourceFile[],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const signal = { aborted: false };
    this.imports.set(importId, signal);
    // The last progress, sent again as a heartbeat while the worker is busy but alive (a large
    // batch of the index, slow disk): the UI's watchdog ends only a worker that stopped answering.
    let last: ImportProgress = {
      file: files[0]?.name ?? '',
      fileIndex: 0,
      fileCount: files.length,
      done: 0,
      total: null,
      committed: emptyReport(),
    };
    const send = (p: ImportProgress) => {
      last = p;
      void onProgress?.(p);
    };
    const heartbeat = onProgress && setInterval(() => send(last), this.heartbeatMs);
    const indexing = async (ids: string[]) => {
      send({ ...last, indexing: true });
      await this.syncIndex(ids);
      send({ ...last, indexing: false });
    };
    try {
      const { summary, changedIds } = await importIntoDb(this.db, files, {
        signal,
        onProgress: onProgress && send,
        onWritten: indexing,
        beforeWrite: () => this.searchesDone(),
        onWrite: (committed, records, giveUp) => {
          const opened = performance.now();
          void committed.then(() => this.writePace.wrote(records, performance.now() - opened)).catch(() => undefined);
          const open: Promise<unknown> = committed
            .catch(() => undefined)
            .finally(() => {
              if (this.writeUnderWay === open) this.writeUnderWay = null;
              if (this.giveUpWrite === giveUp) this.giveUpWrite = null;
            });
          this.writeUnderWay = open;
          // A short write is over sooner than it is redone; a long one is given up for the user.
          this.giveUpWrite = giveUp && records > USER_WRITE_SIZE ? giveUp : null;
        },
        writeSize: this.importWriteSize,
      });
      // Every write is done: the heartbeat from here on says what the import stored.
      last = { ...last, committed: summary.report };
      // Rolled-back ids are harmless to re-read; the index learns what the import changed.
      if (changedIds.length > 0) await indexing(changedIds);
      return summary;
    } finally {
      clearInterval(heartbeat);
      this.imports.delete(importId);
      for (const watch of this.tableWatches) watch.flush();
    }
  }

  async storeCapture(capture: CapturedFile): Promise<{ answer: CaptureAnswer; summary: ImportSummary }> {
    const { db } = this;
    const store = new DexieThreadStore(db);
    const report = emptyReport();
    const answer = await storeCapture(store, capture, (records) =>
      db.transaction('rw', [db.threads, db.posts, db.bookmarks, db.notes, db.readState], async () => {
        await applyRecords(store, records, report);
      }),
    );
    if (store.touched.size > 0) await this.syncIndex([...store.touched]);
    return { answer, summary: { report, warnings: capture.warnings, failed: [] } };
  }

  cancelImport(importId: number): void {
    const signal = this.imports.get(importId);
    if (signal) signal.aborted = true;
  }

  private indexChanged(): void {
    this.indexVersion++;
    for (const listener of this.indexListeners) listener(this.indexVersion);
  }

  private async syncIndex(ids: string[]): Promise<void> {
    await this.index.sync(ids);
    this.indexChanged();
  }

  connectWatches(port: MessagePort): void {
    for (const stop of this.watches.values()) stop();
    this.watches.clear();
    this.watchPort?.close();
    this.watchPort = port;
    port.onmessage = (event: MessageEvent<WatchRequest[]>) => {
      for (const request of event.data) {
        if ('close' in request) {
          this.watches.get(request.close)?.();
          this.watches.delete(request.close);
        } else {
          const key = request.open;
          this.watches.get(key)?.();
          this.watches.set(
            key,
            this.subscribe(request.watch, (result) => port.postMessage({ key, result } satisfies WatchMessage)),
          );
        }
      }
    };
  }

  /**
   * Calls `send` with the watch's answer now and after every change to it (a Dexie live query, or
   * the index version); returns the function that stops it. In-process callers (tests) use it directly.
   */
  subscribe<K extends Watch['kind']>(
    watch: Extract<Watch, { kind: K }> | Watch,
    send: (result: WatchResults[K] | { error: string }) => void,
  ): () => void {
    const w = watch as Watch;
    // A thread is read again after a write that may have changed it (`passOver` below): a note,
    // another window's write, an import's write of it. It is sent only when it differs from what
    // the UI has: a Dexie live query, before, read it again after every write of an import to its
    // tables (every 15–60 ms while the user reads), and the UI drew the same thread each time.
    const changed = w.kind === 'thread' ? changedOnly(send as (result: unknown) => void) : null;
    const sendAny = changed?.send ?? (send as (result: unknown) => void);
    if (w.kind === 'indexVersion') {
      const l = (version: number) => void sendAny(version);
      this.indexListeners.add(l);
      l(this.indexVersion);
      return () => this.indexListeners.delete(l);
    }
    if (w.kind === 'thread') {
      this.threadsOpened++;
      this.userAsks();
    }
    let closed = false;
    let answered = false;
    // A thread read ahead is sent at once, or as soon as its read under way ends (a click just
    // after the rows came to rest). It is what is stored until a write to the threads, posts or
    // notes drops it, so its live query starts only then (or if that read gives nothing): the
    // worker does not read the thread a second time as it opens.
    let readAhead = w.kind === 'thread' ? this.ahead.get(w.id) : undefined;
    const reading = w.kind === 'thread' && !readAhead ? this.ahead.reading(w.id) : undefined;
    const fromAhead = readAhead !== undefined || reading !== undefined;
    if (readAhead) {
      answered = true;
      // The UI shows this very copy already (it was sent to it by `openAhead`): nothing to send.
      if (w.kind !== 'thread' || w.shown !== this.ahead.generation) sendAny(readAhead);
      else changed?.seen(readAhead);
    }
    const next = (result: unknown) => {
      answered = true;
      const same = readAhead !== undefined && w.kind === 'thread' && this.ahead.get(w.id) === readAhead;
      readAhead = undefined;
      if (!closed && !same) sendAny(result);
    };
    // The first screen of all threads, from the sort's own index, is read before the whole list
    // (at 100k threads that is seconds, and a read queued ahead of it would hold the first paint);
    // once the list columns are in memory (a search cleared), the whole list answers at once.
    let firstScreenSent: Promise<unknown> = Promise.resolve();
    const columnsReady = this.columnsReady();
    if (w.kind === 'list' && w.query.view.kind === 'all' && w.query.tags.length === 0 && !columnsReady) {
      // The rows first, then their count: IndexedDB counts a store by walking it (1.5 s or more
      // at a million threads), and the first screen needs none of it.
      firstScreenSent = firstScreen(this.db, w.query.sort)
        .then(async (rows) => {
          const first = { ids: packIds(rows.map((t) => t.id)), complete: false, rows };
          if (!closed && !answered) sendAny({ ...first, total: null });
          this.firstScreenServed();
          const total = await this.countThreads();
          if (!closed && !answered) sendAny({ ...first, total });
        })
        .catch(() => undefined)
        .finally(() => this.firstScreenServed());
    } else if (w.kind === 'list') {
      this.firstScreenServed();
    }
    let stop: () => void;
    if (w.kind === 'list' || w.kind === 'tagCounts' || w.kind === 'threadCount') {
      // Whole-table answers: read again once per pause in the changes, not after every batch.
      const tables = w.kind === 'list' && w.query.view.kind !== 'all' ? ['threads', 'bookmarks', 'notes'] : ['threads'];
      const watch = watchTables({
        dbName: this.db.name,
        tables,
        query: async () => {
          await firstScreenSent;
          return this.answer(w);
        },
        // During an import (whose writes are what changed), after the user's searches.
        beforeRead: () => this.userQuiet(),
        send: next,
        delay: (lastReadMs) =>
          this.imports.size > 0 ? Math.max(this.importRefreshMs, IMPORT_REFRESH_FACTOR * lastReadMs) : 0,
      });
      this.tableWatches.add(watch);
      stop = () => {
        watch.stop();
        this.tableWatches.delete(watch);
      };
    } else {
      let subscription: Pick<Subscription, 'unsubscribe'> | null = null;
      const goLive = () => {
        if (closed || subscription) return;
        if (w.kind === 'thread') {
          // Not a live query, which read the thread again after every write of an import to its
          // tables (they tell "the whole table changed"): the writes that say they wrote other
          // threads are passed over. Any other write to them reads it again.
          const watch = watchTables({
            dbName: this.db.name,
            tables: OPEN_THREAD_TABLES,
            query: () => this.answer(w),
            send: next,
            delay: () => 0,
            passOver: (parts) => writtenThreads(parts)?.has(w.id) === false,
          });
          subscription = { unsubscribe: () => watch.stop() };
        } else
          subscription = liveQuery(() => this.answer(w)).subscribe({
            next,
            error: (error: unknown) => {
              if (!closed) sendAny({ error: String(error) });
            },
          });
      };
      if (fromAhead) {
        const unwatch = this.ahead.onDrop((ids) => {
          if (!ids || (w.kind === 'thread' && ids.has(w.id))) goLive();
        });
        void reading?.then((answer) => {
          if (!answer || answered) return goLive();
          if (closed) return;
          answered = true;
          readAhead = answer;
          sendAny(answer);
        });
        stop = () => {
          unwatch();
          subscription?.unsubscribe();
        };
      } else {
        goLive();
        stop = () => subscription?.unsubscribe();
      }
    }
    return () => {
      closed = true;
      stop();
    };
  }

  /**
   * A list's ids from the columns, sorted (and packed) once per change of the threads: a cleared
   * search sorts nothing. Sorted in slices (searches run between them), once for all who ask.
   */
  private listIds(query: ListQuery): Promise<{ ids: string[]; packed: PackedIds }> {
    const { read, lists } = this.columnsEntry();
    const key = JSON.stringify([
      query.view,
      [...query.tags].sort(),
      query.sort === 'relevance' ? 'activity' : query.sort,
    ]);
    let list = lists.get(key);
    if (!list) {
      list = read.then(async (columns) => {
        const ids = await runSliced(listIdsSteps(columns, query));
        return { ids, packed: await runSliced(packIdsSteps(ids)) };
      });
      lists.set(key, list);
      // A failed sort is tried again next time.
      list.catch(() => lists.get(key) === list && lists.delete(key));
    }
    return list;
  }

  private async listState(query: ListQuery): Promise<ListState> {
    if (query.view.kind === 'all' || query.view.kind === 'resources') {
      const { ids, packed } = await this.listIds(query);
      const rows = await this.db.threads.bulkGet(ids.slice(0, FIRST_SCREEN));
      return { ids: packed, total: ids.length, complete: true, rows: rows.filter((t): t is Thread => t !== undefined) };
    }
    const threads = await listThreads(this.db, query);
    return {
      ids: packIds(threads.map((t) => t.id)),
      total: threads.length,
      complete: true,
      rows: threads.slice(0, FIRST_SCREEN),
    };
  }

  /** The count of the threads as of `generation` (one count shared by all who ask meanwhile). */
  private counted: { generation: number; total: Promise<number> } | null = null;

  /**
   * The number of threads for the list and the status bar: counted once the search index is
   * loaded, and once for everyone (the first build's check too) until the threads change.
   * IndexedDB counts a store by walking it, and serves its requests one after another: at start
   * the list's total, the status bar's count and the first build's check were three walks of
   * every thread, the first two asked for beside the index's load (at 100k threads the load took
   * 540–880 ms in the UI bench, its first request waiting ~400 ms; 250–330 ms with the counts after it).
   */
  private async countThreads(): Promise<number> {
    await this.startup;
    return this.sharedCount();
  }

  /** The threads counted, or the count under way for the threads as they are. */
  private sharedCount(): Promise<number> {
    if (this.counted?.generation !== this.threadsGeneration) {
      const entry = { generation: this.threadsGeneration, total: this.db.threads.count() };
      this.counted = entry;
      // A failed count is counted again next time.
      entry.total.catch(() => {
        if (this.counted === entry) this.counted = null;
      });
    }
    return this.counted.total;
  }

  private async answer(w: Exclude<Watch, { kind: 'indexVersion' }>): Promise<unknown> {
    const { db } = this;
    switch (w.kind) {
      case 'threadCount':
        // From the list columns when they are read or being read for the threads as they are (a
        // cleared search, the sidebar's tag counts): no walk of every thread then. Never a read of
        // the columns for the count alone: during an import every write makes them stale, and
        // reading them at each refresh made the UI bench's 10k import 30% slower (29.5 s against
        // 22.7) than a count, which walks the keys only.
        return this.columnsCurrent() ? (await this.threadColumns()).ids.length : this.countThreads();
      case 'tagCounts':
        return runSliced(tagCountsSteps(await this.threadColumns()));
      case 'list':
        return this.listState(w.query);
      case 'thread':
        // Opening a thread reads that thread only, with its posts and which of them have notes:
        // one transaction, one answer.
        return (await readOpenThreads(db, [w.id]))[0];
      case 'note':
        return (await db.notes.get(w.targetId)) ?? null;
      case 'bookmarks':
        return db.bookmarks.toArray();
      case 'notes':
        return db.notes.orderBy('updatedAt').reverse().toArray();
      case 'readIds':
        return db.readState.toCollection().primaryKeys();
      case 'labelCounts':
        return [...(await labelCounts(db))];
    }
  }

  /**
   * Reads these threads (the rows on screen) with their posts, so that opening one answers from
   * memory. After the searches under way: a search typed meanwhile goes first.
   */
  async openAhead(ids: string[]): Promise<ReadAhead> {
    await this.searchesDone();
    await this.ahead.read(this.db, ids);
    const threads = ids.flatMap((id) => this.ahead.get(id) ?? []);
    return { generation: this.ahead.generation, threads };
  }

  async rows(ids: string[]): Promise<(Thread | null)[]> {
    return (await this.db.threads.bulkGet(ids)).map((t) => t ?? null);
  }

  async thread(id: string): Promise<Thread | null> {
    return (await this.db.threads.get(id)) ?? null;
  }

  /** Kept current by a live query of its own: a search never ships or re-reads the user's data. */
  private currentUserData(): Promise<UserDataView> {
    if (!this.userDataSubscription) {
      this.userData = readUserDataView(this.db);
      this.userDataSubscription = liveQuery(() => readUserDataView(this.db)).subscribe({
        next: (view) => {
          this.userData = Promise.resolve(view);
        },
        error: () => {
          this.userDataSubscription = null;
        },
      });
    }
    return this.userData!;
  }

  /** Counted while under way, so that an import lets the searches typed meanwhile finish before its next write. */
  async search(query: string, options: SearchRequest): Promise<SearchAnswer> {
    this.searching++;
    this.userAsks();
    traceMark('forumkb:search');
    try {
      const { response, rows } = await this.index.searchWithRows(query, {
        limit: options.limit,
        offset: options.offset ?? 0,
        typing: options.typing ?? true,
        // The index orders the whole result set: a page is a page of the list's order.
        sort: options.sort === 'relevance' ? undefined : options.sort,
        userData: await this.currentUserData(),
        ...(options.scope ? { scope: options.scope } : {}),
      });
      const answer = await this.searchAnswer(response, rows);
      traceMark('forumkb:searched');
      return answer;
    } finally {
      if (--this.searching === 0) for (const wake of this.searchWaiters.splice(0)) wake();
    }
  }

  searchComing(): void {
    this.userAsks();
  }

  /**
   * Given up once another thread is opened: the reader asks a moment after a thread is shown, and
   * a thread opened meanwhile would otherwise wait for the terms of the one before to be weighed.
   */
  async related(threadId: string, limit = 5): Promise<SearchAnswer> {
    const opened = this.threadsOpened;
    const cancelled = () => this.threadsOpened !== opened;
    return this.searchAnswer(await this.index.related(threadId, limit, cancelled));
  }

  /** The answer with the rows of its first screen: those already read for the snippets, the rest read now. */
  private async searchAnswer(response: SearchResponse, known = new Map<string, Thread>()): Promise<SearchAnswer> {
    const ids = response.results.map((r) => r.id);
    const shown = ids.slice(0, FIRST_SCREEN);
    const missing = shown.filter((id) => !known.has(id));
    if (missing.length > 0)
      for (const thread of await this.db.threads.bulkGet(missing)) if (thread) known.set(thread.id, thread);
    const rows = shown.flatMap((id) => known.get(id) ?? []);
    return {
      ids,
      hits: response.results.map((r) => ({
        id: r.id,
        title: highlight(r.title ?? undefined, r.titleHighlights),
        snippet: highlight(r.snippet?.text, r.snippet?.highlights),
      })),
      total: response.total,
      codes: response.codes,
      relaxed: response.relaxed,
      warnings: response.warnings,
      scope: response.scope,
      error: response.error,
      rows,
    };
  }

  indexStatus(): Promise<IndexStatus> {
    return this.index.status();
  }

  async rebuildIndex(): Promise<IndexStatus> {
    const status = await this.index.rebuild();
    this.indexChanged();
    return status;
  }

  toggleBookmark(target: BookmarkTarget, labels?: string[]): Promise<boolean> {
    return toggleBookmark(this.db, target, labels);
  }

  editLabels(targetId: string, edit: LabelEdit): Promise<string[] | null> {
    return editLabels(this.db, targetId, edit);
  }

  bookmarkAllResources(labels?: string[]): Promise<number> {
    return bookmarkAllResources(this.db, labels);
  }

  saveNote(target: BookmarkTarget, markdown: string): Promise<Note | null> {
    return saveNote(this.db, target, markdown);
  }

  saveNoteIfUnchanged(target: BookmarkTarget, expected: string, markdown: string) {
    return saveNoteIfUnchanged(this.db, target, expected, markdown);
  }

  recoverNote(target: BookmarkTarget, base: string, markdown: string): Promise<boolean> {
    return recoverNote(this.db, target, base, markdown);
  }

  recoverLabel(targetId: string, label: string): Promise<boolean> {
    return recoverLabel(this.db, targetId, label);
  }

  markRead(threadId: string): Promise<void> {
    return markRead(this.db, threadId);
  }

  markUnread(threadId: string): Promise<void> {
    return markUnread(this.db, threadId);
  }

  backupFile(): Promise<ExportFile> {
    return backupFile(this.db);
  }

  notesExportFiles(options?: { threadIds?: string[]; digest?: boolean }): Promise<ExportFile[]> {
    return notesExportFiles(this.db, options);
  }

  /** Stops every watch and the background merge, and closes the database (tests). */
  async close(): Promise<void> {
    for (const stop of this.watches.values()) stop();
    this.watches.clear();
    this.watchPort?.close();
    this.userDataSubscription?.unsubscribe();
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    clearTimeout(this.startupTimer);
    this.index.dispose();
    await this.index.idle({ start: false });
    this.db.close();
  }
}
