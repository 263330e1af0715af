/**
 * The threads with their posts that searches read last. A query typed key by key asks for nearly
 * the same page of snippets at each key, and in Chromium that read (25 threads with their posts)
 * was most of a keystroke's time in the worker: 10.8 of 13.3 ms at the median, 32 of 37 ms at the
 * 95th percentile (UI bench, 10k threads). Kept until any write to the threads or posts: what is
 * kept is never older than what is stored.
 */
import type { ThreadRecord } from '../../src/model';
import { keepNewest } from '../../src/keep-newest';

/** Threads kept at most (a dozen pages of results); those used longest ago go first. */
export const KEEP_RECORDS = 300;

export class RecordCache {
  private readonly kept = new Map<string, ThreadRecord>();
  /** Bumped by every drop: a read that spans one is not kept. */
  private drops = 0;

  constructor(private readonly keep = KEEP_RECORDS) {}

  get size(): number {
    return this.kept.size;
  }

  /**
   * The threads with these ids that exist, each once, in the order asked (as `load` gives them):
   * those kept from memory, the others through `load`, then kept.
   */
  async read(ids: readonly string[], load: (ids: string[]) => Promise<ThreadRecord[]>): Promise<ThreadRecord[]> {
    // What is kept now is taken now: a write during the load drops it (and it was current when asked).
    const found = new Map<string, ThreadRecord>();
    const missing = new Set<string>();
    for (const id of ids) {
      const record = this.kept.get(id);
      if (record) found.set(id, record);
      else missing.add(id);
    }
    if (missing.size > 0) {
      const generation = this.drops;
      const loaded = await load([...missing]);
      for (const record of loaded) found.set(record.thread.id, record);
      if (generation === this.drops) for (const record of loaded) this.kept.set(record.thread.id, record);
    }
    const records: ThreadRecord[] = [];
    for (const id of ids) {
      const record = found.get(id);
      if (!record) continue;
      found.delete(id);
      records.push(record);
      // Used again: the last to go.
      if (this.kept.get(id) === record) {
        this.kept.delete(id);
        this.kept.set(id, record);
      }
    }
    keepNewest(this.kept, this.keep);
    return records;
  }

  /** After a write to the threads or posts. */
  drop(): void {
    this.drops++;
    this.kept.clear();
  }

  /** After a write to these threads (with their posts) only: the others are kept. */
  forget(ids: Iterable<string>): void {
    // A read under way may have read a thread before the write: nothing of it is kept.
    this.drops++;
    for (const id of ids) this.kept.delete(id);
  }
}
