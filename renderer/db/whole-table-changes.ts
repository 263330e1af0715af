/**
 * Makes the transaction it is called in say "these tables changed" rather than list every key it
 * wrote. Dexie records each key (and each index value) a write transaction changes and tells every
 * live query on commit; a live query that did not read those keys adds them to a set it keeps
 * until it next reads again (`accumMuts` in Dexie's liveQuery), which for a query on another table
 * or another thread is never while an import runs. Over a 200 MB listing that was ~30 small
 * objects per thread in each open live query: the data worker's held heap grew with every batch.
 *
 * An import's transaction writes hundreds of threads: "the whole table changed" is as precise as
 * anyone needs (a live query on a touched table reads again once per transaction; the list and
 * counts are re-read on their own schedule, `table-watch.ts`), and each query keeps one range per
 * table and index instead of one per key. Call it at the end of the transaction's work, after its
 * last write.
 *
 * Who keeps threads with their posts (the search's record cache) can still be told which threads
 * such a transaction wrote: with `keepWrittenThreads`, the ids of the thread rows it wrote are
 * kept for `writtenThreads`, by the very object Dexie hands to `storagemutated` as it commits.
 * Only for transactions that write a thread's posts with its row (an import's: `dexie-thread-
 * store.ts` puts, deletes and re-keys posts with their thread's row).
 */
import Dexie, { RangeSet } from 'dexie';

type ChangedParts = Record<string, RangeSet>;

/** The thread ids each reported transaction wrote, by its changed parts (see `writtenThreads`). */
const written = new WeakMap<object, ReadonlySet<string>>();

export function reportWholeTables(options: { keepWrittenThreads?: boolean } = {}): void {
  const transaction = Dexie.currentTransaction;
  const idbtrans = transaction?.idbtrans as (IDBTransaction & { mutatedParts?: ChangedParts }) | undefined;
  const parts = idbtrans?.mutatedParts;
  if (!parts) return;
  if (options.keepWrittenThreads) {
    const ids = writtenThreadIds(parts, transaction!.db.name);
    if (ids) written.set(parts, ids);
  }
  for (const part of Object.keys(parts)) parts[part] = new RangeSet(Dexie.minKey, Dexie.maxKey);
}

/**
 * The ids of the thread rows a transaction wrote, as its changed parts list them (before they are
 * widened); null when they do not list each one (a write of 50 rows or more is told as the whole
 * table) or when posts were written with no thread row.
 */
function writtenThreadIds(parts: ChangedParts, db: string): Set<string> | null {
  const ids = new Set<string>();
  // The parts may be plain trees (Dexie merges a transaction's writes into them): iterated as RangeSets.
  const threads = parts[`idb://${db}/threads/`];
  for (const node of threads ? RangeSet(threads) : []) {
    if (typeof node.from !== 'string' || node.to !== node.from) return null;
    ids.add(node.from);
  }
  const posts = parts[`idb://${db}/posts/`];
  if (ids.size === 0 && posts && !RangeSet(posts)[Symbol.iterator]().next().done) return null;
  return ids;
}

/**
 * The threads written by the transaction whose changed parts these are, when it was reported with
 * `keepWrittenThreads` in this context and they are known; undefined otherwise (another
 * transaction, or another window's, whose parts come as a copy: then any thread may have changed).
 */
export function writtenThreads(parts: object): ReadonlySet<string> | undefined {
  return written.get(parts);
}
