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
 * Who keeps threads with their posts (the search's record cache, the threads read ahead) can
 * still be told which threads such a transaction wrote: its writer says so (`writtenThreads`,
 * an import's store noting each thread it writes, `dexie-thread-store.ts`), and the ids are kept
 * for `writtenThreads`, by the very object Dexie hands to `storagemutated` as it commits. Dexie's
 * own parts, read before they are widened, named the thread rows but not a thread whose post row
 * another thread took (a post row's key is the post's id).
 */
import Dexie, { RangeSet } from 'dexie';

type ChangedParts = Record<string, RangeSet>;

/** The thread ids each reported transaction wrote, by its changed parts (see `writtenThreads`). */
const written = new WeakMap<object, ReadonlySet<string>>();

export function reportWholeTables(options: { writtenThreads?: ReadonlySet<string> | null } = {}): void {
  const transaction = Dexie.currentTransaction;
  const idbtrans = transaction?.idbtrans as (IDBTransaction & { mutatedParts?: ChangedParts }) | undefined;
  const parts = idbtrans?.mutatedParts;
  if (!parts) return;
  if (options.writtenThreads) written.set(parts, options.writtenThreads);
  for (const part of Object.keys(parts)) parts[part] = new RangeSet(Dexie.minKey, Dexie.maxKey);
}

/**
 * The threads written by the transaction whose changed parts these are, when its writer said which
 * (`reportWholeTables`) in this context; undefined otherwise (another
 * transaction, or another window's, whose parts come as a copy: then any thread may have changed).
 */
export function writtenThreads(parts: object): ReadonlySet<string> | undefined {
  return written.get(parts);
}
