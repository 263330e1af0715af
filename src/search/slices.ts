/**
 * Long index work (building a segment, merging segments, storing one) cut into slices, so the
 * queries that arrive meanwhile run between them: the work is written as a generator that yields
 * after each small unit, and `runSliced` runs units until a slice's time is used up, then gives
 * the thread back for one macrotask (a message, a query) before the next slice.
 */

export interface SliceOptions {
  /** A slice's length in milliseconds; default 20 (queries wait at most about this long). */
  sliceMs?: number;
  /** At most this many units per slice whatever the time (tests make slices small); default none. */
  sliceUnits?: number;
  /** Called at the end of each slice but the last, before other tasks get to run. */
  onSlice?: () => void;
  /** Told how long each slice ran, the last included (what a query arriving meanwhile waits for at most). */
  onSliceMs?: (ms: number) => void;
  /**
   * Asked between slices: work that must not wait for the index's slices (a database write under
   * way, which needs the thread for each of its steps) gives a promise of its end, which the next
   * slice waits for; null to go on.
   */
  yieldTo?: () => Promise<unknown> | null;
}

/** Resolves after one macrotask: a message through a MessageChannel (no timer clamping). */
export function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * For a loop of awaits that may all resolve at once (the lines of a file already read: each
 * `await` is a microtask, and microtasks run before any other task): `pause()` gives a promise
 * of the next macrotask once `sliceMs` of the loop has run since the last one, else null. A 10k-
 * thread listing parsed that way was one task of ~200 ms in the data worker, which a search typed
 * meanwhile waited for.
 */
export class Pacer {
  private since = performance.now();

  constructor(private readonly sliceMs = 20) {}

  pause(): Promise<void> | null {
    if (performance.now() - this.since < this.sliceMs) return null;
    return nextMacrotask().then(() => {
      this.since = performance.now();
    });
  }
}

/** Runs `work` to its end in one go (tests, the CLI, small segments). */
export function runAll<T>(work: Generator<unknown, T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs `work` a slice at a time, yielding to other tasks between slices. */
export async function runSliced<T>(work: Generator<unknown, T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 20;
  const sliceUnits = options.sliceUnits ?? Infinity;
  for (;;) {
    const start = performance.now();
    let units = 0;
    for (;;) {
      const step = work.next();
      if (step.done) {
        options.onSliceMs?.(performance.now() - start);
        return step.value;
      }
      if (++units >= sliceUnits || performance.now() - start >= sliceMs) break;
    }
    options.onSliceMs?.(performance.now() - start);
    options.onSlice?.();
    await nextMacrotask();
    const held = options.yieldTo?.();
    if (held) await held.catch(() => undefined);
  }
}

/**
 * Sorts `items` by `compare` (stable: a bottom-up merge sort), yielding every few thousand
 * comparisons so a sort of millions of terms can run in slices.
 */
export function* sortSteps(items: Uint32Array, compare: (a: number, b: number) => number): Generator<void, void> {
  const n = items.length;
  let from: Uint32Array = items;
  let to: Uint32Array = new Uint32Array(n);
  let work = 0;
  const RUN = 32;
  // Short runs by insertion sort…
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = from[i] as number;
      let j = i - 1;
      while (j >= lo && compare(from[j] as number, x) > 0) {
        from[j + 1] = from[j] as number;
        j--;
      }
      from[j + 1] = x;
    }
    work += RUN * 4;
    if (work >= 4096) {
      work = 0;
      yield;
    }
  }
  // …then merged pairwise, doubling the run length each pass.
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        to[k++] = compare(from[j] as number, from[i] as number) < 0 ? (from[j++] as number) : (from[i++] as number);
        if (++work >= 4096) {
          work = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++] as number;
      while (j < hi) to[k++] = from[j++] as number;
    }
    [from, to] = [to, from];
  }
  if (from !== items) items.set(from);
}
