/**
 * A live answer about one thread (the open thread: its row, posts and which have notes): read
 * now, and again after a write that may have changed it. An import's writes say which threads
 * they wrote (`writtenThreads`), and one that did not write this thread is passed over. A Dexie
 * live query read the thread again after every one of them: they tell "the whole table changed"
 * (whole-table-changes.ts), every 15–200 ms while an import runs. Any other write to the tables
 * it reads (the user's note, another window's write) reads it again. Never two reads at once: a
 * write during a read reads once more after it.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import { writtenThreads } from '../db/whole-table-changes';

export function watchThread<T>(options: {
  dbName: string;
  threadId: string;
  /** The tables the query reads. */
  tables: readonly string[];
  query: () => Promise<T>;
  send: (result: T) => void;
  fail: (error: unknown) => void;
}): { stop(): void } {
  const prefixes = options.tables.map((t) => `idb://${options.dbName}/${t}/`);
  let stopped = false;
  let running = false;
  let dirty = false;

  const run = async () => {
    running = true;
    dirty = false;
    try {
      const result = await options.query();
      if (!stopped) options.send(result);
    } catch (error) {
      if (!stopped) options.fail(error);
    } finally {
      running = false;
      if (dirty && !stopped) void run();
    }
  };
  const onMutated = (parts: ObservabilitySet) => {
    if (!Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
    const written = writtenThreads(parts);
    if (written && !written.has(options.threadId)) return;
    if (running) dirty = true;
    else void run();
  };

  Dexie.on.storagemutated.subscribe(onMutated);
  void run();
  return {
    stop() {
      stopped = true;
      Dexie.on.storagemutated.unsubscribe(onMutated);
    },
  };
}
