/**
 * A watchdog for long work in the data worker. The worker cannot be interrupted from inside while
 * it parses one file, so the UI thread watches for signs of life and gives up on the work when
 * none came for `stallMs`: the caller then ends the worker (which rolls back the open
 * transaction) and starts a new one, and the user reads why. Signs of life are progress events and
 * the heartbeat a running import sends every few seconds whatever it is doing (DataEngine): a
 * worker that is slow but alive (indexing a large batch, a loaded machine) is never ended, only
 * one stuck in a task that does not return.
 */
export class StalledError extends Error {
  constructor(
    /** The file being read when the worker stopped answering, when known. */
    readonly file: string | null,
    readonly stallMs: number,
  ) {
    super(
      `stopped: the data worker did not answer for ${Math.round(stallMs / 1000)} s` +
        `${file ? ` while reading ${file}` : ''} (too large or too complex to read here) and was restarted`,
    );
  }
}

export interface StallWatch<T> {
  /** Settles with the work, or rejects with StalledError when it showed no life for `stallMs`. */
  readonly result: Promise<T>;
  /** A sign of life: progress was reported (optionally naming the file being read). */
  alive(file?: string): void;
}

export function watchForStall<T>(work: Promise<T>, stallMs: number, checkEveryMs = 1000): StallWatch<T> {
  let last = Date.now();
  let file: string | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (Date.now() - last >= stallMs) reject(new StalledError(file, stallMs));
    }, checkEveryMs);
  });
  const result = Promise.race([work, stalled]).finally(() => clearInterval(timer));
  return {
    result,
    alive(current?: string) {
      last = Date.now();
      if (current !== undefined) file = current;
    },
  };
}
