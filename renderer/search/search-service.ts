/**
 * The search index as the data worker runs it: loads the persisted segments (building them only
 * when there are none), answers queries with snippets read from the database, re-indexes the
 * threads an import changed, and merges segments when idle. Writes (re-indexing, rebuilds,
 * merges) run one at a time, in order, each cut into slices of ~20 ms; queries do not wait for
 * them: a query runs between two slices, on the index as it was before the write, which swaps
 * its new segment in at the end.
 *
 * Quoted phrases are checked word for word against the threads' text, as the CLI does: the index
 * finds threads with every word of the phrase and reads the best candidates' texts to check them.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import type { Thread, ThreadRecord } from '../../src/model';
import { PersistentSearchIndex, REBUILD_BATCH, STREAM_PAGE } from '../../src/search/persistent-index';
import { noResults, type SearchOptions, type SearchResponse } from '../../src/search/segmented-index';
import type { IndexStatus } from '../../src/bridge/data-api';
import type { SliceOptions } from '../../src/search/slices';
import { releaseTokenCaches } from '../../src/search/tokenizer';
import type { ForumDb } from '../db/forum-db';
import { READ_STEP, readInSteps } from '../db/in-steps';
import { DexieSegmentStorage } from './dexie-segment-storage';
import { writtenThreads } from '../db/whole-table-changes';
import { RecordCache } from './record-cache';
import { traceMark } from '../data/trace-mark';

/**
 * The threads with these ids (those that exist, in that order) with their posts, in post order.
 * One read transaction, a step of threads at a time (in-steps.ts); each thread's posts are one
 * range of the `[threadId+index]` index, read with `getAll` (Dexie's `anyOf` walks a cursor
 * instead, a round trip per post in Chromium: it was most of a keystroke's time in the app).
 */
export async function readRecords(db: ForumDb, ids: string[]): Promise<ThreadRecord[]> {
  if (ids.length === 0) return [];
  return db.transaction('r', db.threads, db.posts, async () => {
    // Half a step of ids: each is two requests, its row and its posts.
    const read = await readInSteps(
      ids,
      async (step) => {
        const [threads, posts] = await Promise.all([
          db.threads.bulkGet(step),
          Promise.all(step.map((id) => postsOf(db, id))),
        ]);
        return threads.map((thread, i) => ({ thread, posts: posts[i]! }));
      },
      READ_STEP / 2,
    );
    const records: ThreadRecord[] = [];
    const seen = new Set<string>();
    for (const { thread, posts } of read) {
      if (thread && !seen.has(thread.id)) {
        seen.add(thread.id);
        records.push({ thread, posts });
      }
    }
    return records;
  });
}

/** A thread's posts in post order. */
export const postsOf = (db: ForumDb, threadId: string) =>
  db.posts.where('[threadId+index]').between([threadId, -Infinity], [threadId, Infinity]).toArray();

/**
 * Every thread with its posts, read a page at a time (a rebuild holds one batch, not the forum);
 * with `wanted`, only the threads whose ids it accepts (the others' posts are never read).
 */
export async function* streamRecords(
  db: ForumDb,
  pageSize = STREAM_PAGE,
  wanted?: (id: string) => boolean,
): AsyncGenerator<ThreadRecord> {
  let after: string | null = null;
  for (;;) {
    const ids = (await (after === null ? db.threads.orderBy(':id') : db.threads.where(':id').above(after))
      .limit(pageSize)
      .primaryKeys()) as string[];
    if (ids.length === 0) return;
    yield* await readRecords(db, wanted ? ids.filter(wanted) : ids);
    after = ids.at(-1) as string;
  }
}

export type SearchServiceOptions = Omit<SearchOptions, 'lookup'>;

export interface SearchPage {
  response: SearchResponse;
  /** The threads read to make the page's snippets, by id. */
  rows: Map<string, Thread>;
}

export class SearchService {
  private opened: Promise<PersistentSearchIndex> | null = null;
  /** Writes, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private mergeTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The first build, while it runs: threads indexed so far, of how many. */
  private building: { done: number; total: number } | null = null;
  /** Called when a batch of the first build is searchable (the UI asks its search again). */
  onFirstBuildBatch: (() => void) | null = null;
  /**
   * How many threads the database holds (the first build compares it with the index's). The data
   * worker hands in its own count, shared with the list's and the status bar's: IndexedDB counts
   * by walking the store, and at start each count was such a walk.
   */
  countThreads: () => Promise<number> = () => this.db.threads.count();
  /** The threads (with posts) the last searches read for their snippets; dropped by any write to them. */
  private readonly records = new RecordCache();
  private readonly onMutated = (parts: ObservabilitySet) => {
    const prefixes = [`idb://${this.db.name}/threads/`, `idb://${this.db.name}/posts/`];
    if (!parts.all && !Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
    // An import's write tells which threads it wrote: a query typed during an import keeps its page.
    const written = parts.all ? undefined : writtenThreads(parts);
    if (written) this.records.forget(written);
    else this.records.drop();
  };

  constructor(
    private readonly db: ForumDb,
    /** How long to wait after the last change before merging segments. */
    private readonly mergeDelayMs = 2000,
    /** How writes are cut into slices (tests make them small). */
    private readonly slices?: SliceOptions,
    /** Threads per segment of a first build (tests make them few). */
    private readonly firstBuildBatch = REBUILD_BATCH,
  ) {
    // Fired as a write transaction commits (or another window's write is told of), before any
    // read asked after it answers.
    Dexie.on.storagemutated.subscribe(this.onMutated);
  }

  /** Threads with their posts as a search reads them: from the recent ones kept, the others from the database. */
  private readThreads(ids: string[]): Promise<ThreadRecord[]> {
    return this.records.read(ids, (missing) => readRecords(this.db, missing));
  }

  /**
   * Opens the stored index, and starts the first build if there is none. The first request that
   * needs the index does it; the data worker does it once the list's first screen is read, so that
   * the index's reads are not queued ahead of it.
   */
  start(): Promise<PersistentSearchIndex> {
    if (!this.opened) {
      // Marks for the UI bench's trace (and DevTools): when the index's load began and ended.
      traceMark('forumkb:index-load');
      const opened = PersistentSearchIndex.open(new DexieSegmentStorage(this.db, undefined, this.slices?.yieldTo), {
        slices: this.slices,
      });
      void opened.then(() => traceMark('forumkb:index-loaded')).catch(() => undefined);
      this.opened = opened;
      // A failed open is reported by the first request that needs the index.
      opened.catch(() => undefined);
      void this.step((index) => this.firstBuild(index)).catch(() => undefined);
    }
    return this.opened;
  }

  private get ready(): Promise<PersistentSearchIndex> {
    return this.start();
  }

  /**
   * Threads written without the importer (an older version, a test, a restore, a new index
   * format) are indexed once, a batch of threads at a time, each batch searchable as soon as it is
   * stored: searches answer from the start, over the threads indexed so far, and say so. A build
   * the app was closed in the middle of (a million threads take half an hour) goes on at the next
   * start with the threads not yet indexed, instead of leaving them unsearchable.
   */
  private async firstBuild(index: PersistentSearchIndex): Promise<void> {
    const total = await this.countThreads();
    if (index.size >= total) return;
    this.building = { done: index.size, total };
    try {
      // Each page of threads indexed as read and let go of (no batch of threads held).
      await index.addAll(
        streamRecords(this.db, STREAM_PAGE, (id) => !index.has(id)),
        {
          batch: this.firstBuildBatch,
          onBatch: (threads) => {
            this.building!.done += threads;
            this.onFirstBuildBatch?.();
          },
        },
      );
    } finally {
      this.building = null;
      releaseTokenCaches();
    }
  }

  /** Runs a write after the writes before it. */
  private step<T>(work: (index: PersistentSearchIndex) => Promise<T> | T): Promise<T> {
    const result = this.queue.then(async () => work(await this.ready));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs a read once the index is open, whatever write is under way. */
  private async read<T>(work: (index: PersistentSearchIndex) => Promise<T> | T): Promise<T> {
    return work(await this.ready);
  }

  /** Waits until every write so far (and any merge in progress) is done; with `start`, the index's opening and first build too. */
  async idle({ start = true } = {}): Promise<void> {
    // Opening the index starts its first build: that is a write too.
    if (start) await this.start().catch(() => undefined);
    await this.queue;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.mergeTimer);
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    this.records.drop();
  }

  /**
   * Runs a query; results carry snippets with highlight ranges, and `codes` what codes mean. Only
   * the page's threads are read; a quoted phrase also reads its best candidates, a batch at a time,
   * to check the phrase word by word (PersistentSearchIndex.searchPage).
   */
  search(query: string, options: SearchServiceOptions = {}): Promise<SearchResponse> {
    return this.searchWithRows(query, options).then((page) => page.response);
  }

  /** `search`, with the rows of the threads it read for the page (the list shows them as they are). */
  searchWithRows(query: string, options: SearchServiceOptions = {}): Promise<SearchPage> {
    const rows = new Map<string, Thread>();
    return this.read(async (index) => {
      const response = await index.searchPage(query, options, async (ids) => {
        const records = await this.readThreads(ids);
        for (const { thread } of records) rows.set(thread.id, thread);
        return records;
      });
      if (this.building)
        response.warnings.push(
          `Still indexing: ${this.building.done.toLocaleString('en-US')} of ${this.building.total.toLocaleString('en-US')} threads searched so far.`,
        );
      return { response, rows };
    });
  }

  /**
   * "More like this": threads sharing this thread's rare terms, codes and API names; itself left
   * out. None once `cancelled` says the answer is no longer wanted.
   */
  related(threadId: string, limit = 5, cancelled?: () => boolean): Promise<SearchResponse> {
    return this.read(async (index) => {
      const [record] = await this.readThreads([threadId]);
      return record ? index.moreLikeThis(record, { limit, cancelled }) : noResults();
    });
  }

  /** Re-reads these threads from the database (added, updated or deleted ones alike). */
  sync(threadIds: readonly string[]): Promise<IndexStatus> {
    return this.step(async (index) => {
      const ids = [...new Set(threadIds)];
      const found = await readRecords(this.db, ids);
      const present = new Set(found.map((r) => r.thread.id));
      await index.apply(
        found,
        ids.filter((id) => !present.has(id) && index.has(id)),
      );
      this.scheduleMerge();
      return this.statusOf(index);
    });
  }

  rebuild(): Promise<IndexStatus> {
    return this.step(async (index) => {
      await index.rebuild(streamRecords(this.db));
      return this.statusOf(index);
    });
  }

  status(): Promise<IndexStatus> {
    return this.read((index) => this.statusOf(index));
  }

  private statusOf(index: PersistentSearchIndex): IndexStatus {
    return { threads: index.size, segments: index.segmentIds };
  }

  /** One merge step at a time, after a pause; queries run between its slices. */
  private scheduleMerge(): void {
    clearTimeout(this.mergeTimer);
    if (this.disposed) return;
    this.mergeTimer = setTimeout(() => {
      // A failed merge leaves the segments as they were: still correct, merged next time.
      void this.step(async (index) => {
        if (await index.mergeStep()) this.scheduleMerge();
      }).catch(() => undefined);
    }, this.mergeDelayMs);
  }
}
