/**
 * Counts the read requests a Dexie database has waiting for their answers at once. Each request
 * is made in the calling thread's task (IndexedDB in Chromium), so the most waiting at once is
 * at least the most made in one task: what a search typed meanwhile waits behind.
 */
import type Dexie from 'dexie';
import { spyOnTables } from './table-spy';

/** Install before the database opens; `most()` is the largest number waiting at once so far. */
export function countWaitingReads(db: Dexie): { most: () => number } {
  let waiting = 0;
  let most = 0;
  // The database's own promise is handed back (a native one of ours would let a read-write
  // transaction commit between two of its requests); the count follows it.
  const counted = <R>(requests: number, answer: Promise<R>): Promise<R> => {
    most = Math.max(most, (waiting += requests));
    const done = () => {
      waiting -= requests;
    };
    answer.then(done, done);
    return answer;
  };
  spyOnTables(db, 'count-waiting-reads', (_, table) => ({
    get: (request) => counted(1, table.get(request)),
    // A bulkGet is one call here but a request per key below.
    getMany: (request) => counted(request.keys.length, table.getMany(request)),
    query: (request) => counted(1, table.query(request)),
    openCursor: (request) => counted(1, table.openCursor(request)),
  }));
  return { most: () => most };
}
