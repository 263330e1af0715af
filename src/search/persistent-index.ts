/**
 * A SegmentedIndex kept in step with storage: loaded at start (never rebuilt), each import
 * persisted as one small segment, merges done later in the background. The storage is an
 * interface: Dexie's `searchSegments` table in the app, memory in tests and the CLI.
 */
import type { ThreadRecord } from '../model';
import type { SegmentData } from './segment';
import { SegmentedIndex, type LoadTexts, type SearchOptions, type SearchResponse } from './segmented-index';

export interface SegmentStorage {
  loadAll(): Promise<SegmentData[]>;
  put(segment: SegmentData): Promise<void>;
  delete(ids: string[]): Promise<void>;
}

export class MemorySegmentStorage implements SegmentStorage {
  readonly segments = new Map<string, SegmentData>();

  loadAll(): Promise<SegmentData[]> {
    return Promise.resolve([...this.segments.values()]);
  }

  put(segment: SegmentData): Promise<void> {
    this.segments.set(segment.id, segment);
    return Promise.resolve();
  }

  delete(ids: string[]): Promise<void> {
    for (const id of ids) this.segments.delete(id);
    return Promise.resolve();
  }
}

export class PersistentSearchIndex {
  private constructor(
    private readonly storage: SegmentStorage,
    private index: SegmentedIndex,
  ) {}

  /** Loads every stored segment; removes leftovers of an interrupted merge. */
  static async open(storage: SegmentStorage): Promise<PersistentSearchIndex> {
    const index = new SegmentedIndex(await storage.loadAll());
    if (index.dropped.length > 0) await storage.delete(index.dropped);
    return new PersistentSearchIndex(storage, index);
  }

  get size(): number {
    return this.index.size;
  }

  get segmentIds(): string[] {
    return this.index.segmentIds;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  search(query: string, options?: SearchOptions): SearchResponse {
    return this.index.search(query, options);
  }

  /** `search`, with quoted phrases checked in texts loaded on demand (see SegmentedIndex). */
  searchWithTexts(query: string, loadTexts: LoadTexts, options?: SearchOptions): Promise<SearchResponse> {
    return this.index.searchWithTexts(query, loadTexts, options);
  }

  moreLikeThis(record: ThreadRecord, options?: Parameters<SegmentedIndex['moreLikeThis']>[1]): SearchResponse {
    return this.index.moreLikeThis(record, options);
  }

  /** New or updated threads: searchable at once, persisted as one small segment. */
  async add(records: ThreadRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.storage.put(this.index.add(records));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.storage.put(this.index.remove(ids));
  }

  /** Changed and deleted threads of one import or sync, as one segment. */
  async apply(upsert: ThreadRecord[], remove: string[]): Promise<void> {
    if (upsert.length === 0 && remove.length === 0) return;
    await this.storage.put(this.index.apply(upsert, remove));
  }

  /** Replaces everything with one base segment (first start, or a format change). */
  async rebuild(records: Iterable<ThreadRecord>): Promise<void> {
    const old = this.index.segmentIds;
    const index = new SegmentedIndex();
    const base = index.add(records);
    await this.storage.put(base);
    await this.storage.delete(old.filter((id) => id !== base.id));
    this.index = index;
  }

  /**
   * One background merge step, if the merge policy wants one; true when it merged. The merged
   * segment is stored before the old ones are deleted, so a crash in between loses nothing.
   */
  async mergeStep(): Promise<boolean> {
    const plan = this.index.planMerge();
    if (!plan) return false;
    const { added, removed } = this.index.merge(plan);
    await this.storage.put(added);
    await this.storage.delete(removed.filter((id) => id !== added.id));
    return true;
  }
}
