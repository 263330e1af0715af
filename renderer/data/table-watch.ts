/**
 * A live answer over whole tables (the thread list, tag counts, the thread count): read again when
 * one of its tables changed, but never twice at once and, while an import writes batch after
 * batch, at most every `delay()` milliseconds. A Dexie live query would read every thread again
 * after every batch and keep a copy of them to update on each write; this reads once per pause.
 * The open thread's answer too, passing over an import's writes of other threads (`passOver`).
 */
import { Dexie, type ObservabilitySet } from 'dexie';

export interface TableWatch {
  /** Reads and sends the answer now if a change is waiting (at the end of an import). */
  flush(): void;
  stop(): void;
}

export function watchTables<T>(options: {
  dbName: string;
  tables: readonly string[];
  query: () => Promise<T>;
  send: (result: T | { error: string }) => void;
  /** How long to wait after a change before reading again, given how long the last read took. */
  delay: (lastReadMs: number) => number;
  /** Awaited before each read (not counted in its time): a read can be held back. */
  beforeRead?: () => Promise<void>;
  /** A change to its tables that cannot change the answer (an import's write of other threads). */
  passOver?: (parts: ObservabilitySet) => boolean;
}): TableWatch {
  const prefixes = options.tables.map((t) => `idb://${options.dbName}/${t}/`);
  let stopped = false;
  let running = false;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastReadMs = 0;

  const run = async () => {
    timer = undefined;
    running = true;
    let started = performance.now();
    try {
      await options.beforeRead?.();
      // Changes made while held are in this read.
      dirty = false;
      started = performance.now();
      const result = await options.query();
      if (!stopped) options.send(result);
    } catch (error) {
      if (!stopped) options.send({ error: String(error) });
    } finally {
      running = false;
      lastReadMs = performance.now() - started;
      if (dirty) schedule();
    }
  };
  function schedule(delay = options.delay(lastReadMs)) {
    dirty = true;
    if (stopped || running || timer !== undefined) return;
    timer = setTimeout(() => void run(), delay);
  }
  const onMutated = (parts: ObservabilitySet) => {
    if (!Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
    if (!options.passOver?.(parts)) schedule();
  };

  Dexie.on.storagemutated.subscribe(onMutated);
  void run();
  return {
    flush() {
      if (!dirty || running || stopped) return;
      clearTimeout(timer);
      timer = undefined;
      schedule(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onMutated);
    },
  };
}
