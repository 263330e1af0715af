/**
 * A SegmentedIndex kept in step with storage: loaded at start (never rebuilt), each import
 * persisted as one small segment, merges done later in the background. The storage is an
 * interface: Dexie's `searchSegments` table in the app, memory in tests and the CLI, a file in
 * the bench.
 *
 * Only the segments' dictionaries (terms, posting counts, threads' metadata) are loaded; the
 * postings stay in storage in blocks and a query reads the blocks of its terms, through a bounded
 * cache. So opening reads a fraction of the index, and memory does not grow with the postings.
 */
import type { ThreadRecord } from '../model';
import {
  drainArray,
  SegmentBuilder,
  storedSegment,
  type PostingBlock,
  type SegmentData,
  type SegmentDictionary,
} from './segment';
import { nextMacrotask, runSliced, type SliceOptions } from './slices';
import { dropTokenTemplates, releaseTokenCaches } from './tokenizer';
import {
  SegmentedIndex,
  showThread,
  type BlockReader,
  type SearchOptions,
  type SearchResponse,
} from './segmented-index';

export interface SegmentStorage extends BlockReader {
  /** Every stored segment's dictionary (no postings). */
  loadAll(): Promise<SegmentDictionary[]>;
  /** Stores a segment (its dictionary and posting blocks, all or nothing); returns the dictionary. */
  put(segment: SegmentData): Promise<SegmentDictionary>;
  /** Deletes segments, dictionaries and blocks. */
  delete(ids: string[]): Promise<void>;
}

/** Threads per segment in a rebuild: ~40 MB of postings at a time. */
export const REBUILD_BATCH = 50_000;

/** Threads a streamed build holds at most before indexing them (the first build reads the database a page this size at a time). */
export const STREAM_PAGE = 2000;

/** How a streamed build is cut: threads per segment, and threads read before they are indexed. */
export interface StreamOptions {
  batch?: number;
  page?: number;
}

export interface PersistentIndexOptions {
  /** Bytes of posting blocks kept in memory (least recently used go first). */
  cacheBytes?: number;
  /** How builds and merges are cut into slices, between which queries run (see slices.ts). */
  slices?: SliceOptions;
}

export class MemorySegmentStorage implements SegmentStorage {
  readonly segments = new Map<string, SegmentDictionary>();
  readonly blocks = new Map<string, PostingBlock[]>();
  /** Blocks read so far (tests check that a query reads only what it needs). */
  blockReads = 0;

  constructor(private readonly maxBlockPostings?: number) {}

  loadAll(): Promise<SegmentDictionary[]> {
    return Promise.resolve([...this.segments.values()]);
  }

  put(segment: SegmentData): Promise<SegmentDictionary> {
    const { dictionary, blocks } = storedSegment(segment, this.maxBlockPostings);
    this.segments.set(segment.id, dictionary);
    this.blocks.set(segment.id, blocks);
    return Promise.resolve(dictionary);
  }

  delete(ids: string[]): Promise<void> {
    for (const id of ids) {
      this.segments.delete(id);
      this.blocks.delete(id);
    }
    return Promise.resolve();
  }

  readBlock(segmentId: string, block: number): Promise<PostingBlock> {
    const found = this.blocks.get(segmentId)?.[block];
    if (!found) return Promise.reject(new Error(`no block ${block} of search segment ${segmentId}`));
    this.blockReads++;
    return Promise.resolve(found);
  }
}

export class PersistentSearchIndex {
  private constructor(
    private readonly storage: SegmentStorage,
    private index: SegmentedIndex,
    private readonly options: PersistentIndexOptions,
  ) {}

  /** Loads every stored segment's dictionary; removes leftovers of an interrupted merge. */
  static async open(storage: SegmentStorage, options: PersistentIndexOptions = {}): Promise<PersistentSearchIndex> {
    const index = new SegmentedIndex(await storage.loadAll(), storage, options);
    if (index.dropped.length > 0) await storage.delete(index.dropped);
    return new PersistentSearchIndex(storage, index, options);
  }

  get size(): number {
    return this.index.size;
  }

  get segmentIds(): string[] {
    return this.index.segmentIds;
  }

  /** Bytes of posting blocks in the cache. */
  get cachedBytes(): number {
    return this.index.cachedBytes;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /**
   * One page of results (`offset`, `limit`) and the total; reads the postings it needs. Queries
   * may run while a build or merge is under way (between its slices); a query whose segments were
   * replaced while it read postings (a merge or rebuild ended) runs again on the new ones.
   */
  async search(query: string, options?: SearchOptions): Promise<SearchResponse> {
    for (let attempt = 0; ; attempt++) {
      const index = this.index;
      const generation = index.generation;
      try {
        return await index.searchAsync(query, options);
      } catch (error) {
        if (attempt >= 2 || (index === this.index && generation === index.generation)) throw error;
      }
    }
  }

  /**
   * What the list shows for a query: one page of results with snippets, and the total. Only the
   * page's threads are read (`read` gets their ids) and only their snippets are made; a query
   * with a quoted phrase also reads its best candidates to check the phrase word by word.
   */
  async searchPage(
    query: string,
    options: SearchOptions,
    read: (ids: string[]) => Promise<ThreadRecord[]>,
  ): Promise<SearchResponse> {
    // The threads the phrase check read are the page's own: not read again for the snippets.
    const texts = new Map<string, ThreadRecord>();
    const readKept = async (ids: string[]) => {
      const records = await read(ids);
      for (const r of records) texts.set(r.thread.id, r);
      return records;
    };
    const response = await this.search(query, { ...options, loadTexts: readKept });
    const unread = response.results.filter((r) => !texts.has(r.id)).map((r) => r.id);
    if (unread.length > 0) for (const r of await read(unread)) texts.set(r.thread.id, r);
    for (const result of response.results) {
      const record = texts.get(result.id);
      if (record) showThread(result, record);
    }
    return response;
  }

  /** Stores a segment the index just made, then lets its postings go from memory. */
  private async store(index: SegmentedIndex, segment: SegmentData): Promise<void> {
    index.release(segment.id, await this.storage.put(segment));
  }

  /** "More like this" (see SegmentedIndex.moreLikeThis); reads the postings it needs. */
  moreLikeThis(record: ThreadRecord, options?: Parameters<SegmentedIndex['moreLikeThis']>[1]): Promise<SearchResponse> {
    return this.index.moreLikeThis(record, options);
  }

  /** New or updated threads: searchable once indexed, persisted as one small segment. */
  async add(records: ThreadRecord[]): Promise<void> {
    await this.apply(records, []);
  }

  async remove(ids: string[]): Promise<void> {
    await this.apply([], ids);
  }

  /**
   * Changed and deleted threads of one import or sync, as one segment, built a slice at a time
   * (queries run in between). One write at a time (add, remove, apply, rebuild, mergeStep).
   * `upsert` may be any iterable (a batch handed over with `drainArray`); an empty array and no
   * removals make no segment.
   */
  async apply(upsert: readonly ThreadRecord[] | Iterable<ThreadRecord>, remove: string[]): Promise<void> {
    if (Array.isArray(upsert) && upsert.length === 0 && remove.length === 0) return;
    const index = this.index;
    await this.store(index, await index.applyAsync(upsert, remove, this.options.slices));
  }

  /**
   * Many new threads as they arrive (a first build reading the database page by page), one segment
   * per `batch` threads, each searchable once stored (`onBatch` is then told how many threads it
   * holds). The segments stored before a crash or a close stay: a build can go on with the rest.
   */
  async addAll(
    records: Iterable<ThreadRecord> | AsyncIterable<ThreadRecord>,
    { onBatch, ...cut }: StreamOptions & { onBatch?: (threads: number) => void } = {},
  ): Promise<void> {
    await this.stream(this.index, records, cut, (segment) => onBatch?.(segment.docs.length));
  }

  /**
   * Replaces everything (first start, or a format change): one segment per `batch` threads, each
   * stored and its postings let go before the next is built, so a rebuild holds a page of threads
   * in memory however large the forum (read them lazily, e.g. page by page from the database).
   * Background merges join the segments later.
   */
  async rebuild(records: Iterable<ThreadRecord> | AsyncIterable<ThreadRecord>, cut: StreamOptions = {}): Promise<void> {
    const old = this.index.segmentIds;
    // Queries keep running on the old segments meanwhile: the new ones take sequence numbers
    // after them, so no new segment is stored under an old one's id.
    const index = new SegmentedIndex([], this.storage, { ...this.options, firstSeq: this.index.nextSeq });
    const added: string[] = [];
    await this.stream(index, records, cut, (segment) => added.push(segment.id));
    // An empty forum gets one empty segment all the same: a rebuild always leaves one.
    if (added.length === 0) {
      const segment = await index.applyAsync([], [], this.options.slices);
      added.push(segment.id);
      await this.store(index, segment);
    }
    this.index = index;
    await this.storage.delete(old.filter((id) => !added.includes(id)));
  }

  /**
   * Indexes threads as they arrive into `index`, a page at a time in slices, each page let go of
   * once indexed; a segment is finished, added and stored every `batch` threads. Nothing holds a
   * batch's threads: 50k threads' text and objects (~250 MB of JS heap at 50k threads of the
   * bench's forum) made every full collection's marking longer, and V8 runs marking steps inside
   * the slices (most of each slice over 50 ms was marking). Queries see the index as it was until
   * a segment is added.
   *
   * A thread listed twice ends the segment before its second copy, which goes into the next one
   * and hides the first, as a later batch's copy does (the database lists each thread once).
   */
  private async stream(
    index: SegmentedIndex,
    records: Iterable<ThreadRecord> | AsyncIterable<ThreadRecord>,
    { batch = REBUILD_BATCH, page: pageSize = STREAM_PAGE }: StreamOptions,
    stored: (segment: SegmentData) => void,
  ): Promise<void> {
    const slices = this.options.slices;
    let builder = new SegmentBuilder();
    let ids = new Set<string>();
    // Taken when the segment's build begins: a write that adds a segment meanwhile is caught.
    let seq = index.nextSeq;
    const page: ThreadRecord[] = [];
    const addPage = async () => {
      await runSliced(builder.addSteps(drainArray(page)), slices);
      // The tokenizer's templates let go of with each page: kept to the build's end they were
      // ~200 MB of small objects, most of what every full collection marked in the slices (100k
      // threads of the bench's forum: 27–35 slices over 50 ms, none without). Its table of typed
      // arrays stays (bounded, not traced): a token seen again needs no template made again.
      dropTokenTemplates();
      // A query gets in before the next page's indexing, however the threads are read.
      await nextMacrotask();
    };
    const finish = async () => {
      await addPage();
      const segment = await runSliced(builder.finishSteps({ minSeq: seq, maxSeq: seq }), slices);
      await this.store(index, await index.appendAsync(segment, slices));
      stored(segment);
      builder = new SegmentBuilder();
      ids = new Set();
      seq = index.nextSeq;
    };
    for await (const record of records) {
      if (ids.has(record.thread.id)) await finish();
      ids.add(record.thread.id);
      page.push(record);
      if (page.length >= pageSize) await addPage();
      if (ids.size >= batch) await finish();
    }
    if (ids.size > 0) await finish();
    releaseTokenCaches();
  }

  /**
   * One background merge step, if the merge policy wants one; true when it merged. The merged
   * segment is stored before the old ones are deleted, so a crash in between loses nothing.
   */
  async mergeStep(): Promise<boolean> {
    // A merge a slice at a time (queries run in between); the index swaps to the merged segment
    // when it is complete.
    const plan = this.index.planMerge();
    if (!plan) return false;
    const index = this.index;
    const { added, removed } = await index.mergeAsync(plan, this.options.slices);
    await this.store(index, added);
    await this.storage.delete(removed.filter((id) => id !== added.id));
    return true;
  }
}
