/**
 * The data worker's engine behind Comlink over a MessageChannel: the same contract, the same
 * serialization and proxies as the UI's connection to the Web Worker, without the thread.
 */
import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import type { DataApi, Watch, WatchResults } from '../../../src/bridge/data-api';
import { DataEngine } from '../../../renderer/data/data-engine';
import { openForumDb } from '../../../renderer/db/forum-db';

let count = 0;

export interface Connected {
  api: Comlink.Remote<DataApi>;
  engine: DataEngine;
  close(): Promise<void>;
}

export function connectEngine(options: { mergeDelayMs?: number } = {}): Connected {
  const db = openForumDb(`forumkb-engine-${process.pid}-${++count}`);
  const engine = new DataEngine(db, { mergeDelayMs: options.mergeDelayMs ?? 60_000 });
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(engine, port1 as unknown as Comlink.Endpoint);
  const api = Comlink.wrap<DataApi>(port2 as unknown as Comlink.Endpoint);
  return {
    api,
    engine,
    async close() {
      api[Comlink.releaseProxy]();
      port1.close();
      port2.close();
      await engine.close();
      await db.delete();
    },
  };
}

/** Watches through the connection, the listener crossing as a Comlink proxy (as the UI does). */
export function watchVia<K extends Watch['kind']>(
  api: Comlink.Remote<DataApi>,
  query: Extract<Watch, { kind: K }>,
  listener: (value: WatchResults[K]) => void,
): Promise<number> {
  const remote = api as unknown as { watch(w: Watch, l: unknown): Promise<number> };
  return remote.watch(query, Comlink.proxy(listener));
}

/** Resolves with the first answer of a watch that passes `test`. */
export function nextAnswer<K extends Watch['kind']>(
  api: Comlink.Remote<DataApi>,
  query: Extract<Watch, { kind: K }>,
  test: (value: WatchResults[K]) => boolean = () => true,
): Promise<WatchResults[K]> {
  return new Promise((resolve) => {
    void watchVia(api, query, (value) => {
      if (test(value)) resolve(value);
    });
  });
}
