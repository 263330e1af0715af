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
 */
import Dexie, { RangeSet } from 'dexie';

type ChangedParts = Record<string, RangeSet>;

export function reportWholeTables(): void {
  const idbtrans = Dexie.currentTransaction?.idbtrans as (IDBTransaction & { mutatedParts?: ChangedParts }) | undefined;
  const parts = idbtrans?.mutatedParts;
  if (!parts) return;
  for (const part of Object.keys(parts)) parts[part] = new RangeSet(Dexie.minKey, Dexie.maxKey);
}
