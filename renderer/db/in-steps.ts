/**
 * Reads many rows a step at a time. Dexie makes one IndexedDB request per key (a `bulkGet` too),
 * and Chromium makes a request in ~0.07 ms of the calling thread's time, all of them in the task
 * that asks: an import's lookahead for 500 threads (~4,000 requests) was one task of ~280 ms in
 * the data worker, and re-reading the 5,000 threads an import hands the index one of 690 ms, a
 * search typed meanwhile waiting behind each. A step's requests are made once the step before
 * has its answers (in the task of its last answer), inside the same transaction.
 */

/** Keys per step: ~100 requests, a task of ~7 ms. */
export const READ_STEP = 100;

/** `read` over `keys` a step of `per` keys at a time, one step after the other; the answers in order. */
export async function readInSteps<K, R>(
  keys: readonly K[],
  read: (step: K[]) => Promise<readonly R[]>,
  per = READ_STEP,
): Promise<R[]> {
  const answers: R[] = [];
  for (let from = 0; from < keys.length; from += per) {
    for (const answer of await read(keys.slice(from, from + per))) answers.push(answer);
  }
  return answers;
}
