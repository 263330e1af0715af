/**
 * What the search worker does, apart from the worker plumbing (so tests can run it): loads the
 * persisted segments (building them only when there are none), answers queries with snippets read
 * from the database, re-indexes threads the UI says changed, and merges segments when idle.
 * Requests run one at a time, in order.
 */
import type { ThreadRecord } from '../../src/model';
import { PersistentSearchIndex } from '../../src/search/persistent-index';
import type { UserDataView } from '../../src/search/user-data';
import type { ForumDb } from '../db/db';
import { DexieSegmentStorage } from './dexie-segment-storage';
import type { IndexStatus, SearchReply, SearchRequest, UserDataMessage } from './search-protocol';

/** Threads with their posts, in post order: the given ids (those that exist), or all. */
export async function readRecords(db: ForumDb, ids?: string[]): Promise<ThreadRecord[]> {
  const threads = ids ? (await db.threads.bulkGet(ids)).filter((t) => t !== undefined) : await db.threads.toArray();
  const posts = ids ? await db.posts.where('threadId').anyOf(ids).toArray() : await db.posts.toArray();
  const byThread = new Map<string, ThreadRecord>(threads.map((thread) => [thread.id, { thread, posts: [] }]));
  for (const post of posts) byThread.get(post.threadId)?.posts.push(post);
  for (const record of byThread.values()) record.posts.sort((a, b) => a.index - b.index);
  return [...byThread.values()];
}

/** Every thread with its posts, read a page at a time (a rebuild holds one batch, not the forum). */
export async function* streamRecords(db: ForumDb, pageSize = 2000): AsyncGenerator<ThreadRecord> {
  let after: string | null = null;
  for (;;) {
    const ids = (await (after === null ? db.threads.orderBy(':id') : db.threads.where(':id').above(after))
      .limit(pageSize)
      .primaryKeys()) as string[];
    if (ids.length === 0) return;
    yield* await readRecords(db, ids);
    after = ids.at(-1) as string;
  }
}

function userDataView(message: UserDataMessage | undefined): UserDataView | undefined {
  return (
    message && {
      bookmarkedThreadIds: new Set(message.bookmarkedThreadIds),
      labelsByThread: new Map(message.labelsByThread),
      threadsWithNotes: new Set(message.threadsWithNotes),
    }
  );
}

export class SearchService {
  private readonly ready: Promise<PersistentSearchIndex>;
  private queue: Promise<unknown> = Promise.resolve();
  private mergeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: ForumDb,
    /** How long to wait after the last change before merging segments; merges pause queries. */
    private readonly mergeDelayMs = 2000,
  ) {
    this.ready = this.open();
  }

  private async open(): Promise<PersistentSearchIndex> {
    const index = await PersistentSearchIndex.open(new DexieSegmentStorage(this.db));
    if (index.size === 0 && (await this.db.threads.count()) > 0) await index.rebuild(streamRecords(this.db));
    return index;
  }

  /** Runs the request after those before it; never rejects (errors become error replies). */
  handle(request: SearchRequest): Promise<SearchReply> {
    const reply = this.queue.then(async (): Promise<SearchReply> => {
      try {
        return { id: request.id, ok: true, result: await this.run(request) };
      } catch (error) {
        return { id: request.id, ok: false, error: String(error) };
      }
    });
    this.queue = reply;
    return reply;
  }

  /** Waits until every request so far has been answered and any merge in progress is done. */
  async idle(): Promise<void> {
    await this.queue;
  }

  dispose(): void {
    clearTimeout(this.mergeTimer);
  }

  private status(index: PersistentSearchIndex): IndexStatus {
    return { threads: index.size, segments: index.segmentIds };
  }

  /** One merge step at a time, with pauses, so queries arriving meanwhile wait little. */
  private scheduleMerge(): void {
    clearTimeout(this.mergeTimer);
    this.mergeTimer = setTimeout(() => {
      this.queue = this.queue
        .then(async () => {
          if (await (await this.ready).mergeStep()) this.scheduleMerge();
        })
        // A failed merge leaves the segments as they were: still correct, merged next time.
        .catch(() => undefined);
    }, this.mergeDelayMs);
  }

  private async run(request: SearchRequest) {
    const index = await this.ready;
    switch (request.type) {
      case 'search': {
        const { userData, ...options } = request.options;
        // Snippets need the text, which lives in the database: only this page's threads are read.
        return index.searchPage(request.query, { ...options, userData: userDataView(userData) }, (ids) =>
          readRecords(this.db, ids),
        );
      }
      case 'sync': {
        const ids = [...new Set(request.threadIds)];
        const found = await readRecords(this.db, ids);
        const present = new Set(found.map((r) => r.thread.id));
        await index.apply(
          found,
          ids.filter((id) => !present.has(id) && index.has(id)),
        );
        this.scheduleMerge();
        return this.status(index);
      }
      case 'rebuild':
        await index.rebuild(streamRecords(this.db));
        return this.status(index);
      case 'status':
        return this.status(index);
      case 'related': {
        const [record] = await readRecords(this.db, [request.threadId]);
        return record
          ? index.moreLikeThis(record, { limit: request.limit })
          : { results: [], total: 0, codes: [], warnings: [], relaxed: false, scope: null, error: null };
      }
      default:
        throw new Error(`unknown search request: ${String((request as { type?: unknown }).type)}`);
    }
  }
}
