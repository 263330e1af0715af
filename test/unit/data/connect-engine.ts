/**
 * The data worker's engine behind Comlink over a MessageChannel: the same contract, the same
 * serialization and proxies as the UI's connection to the Web Worker, without the thread.
 */
import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import type { DataApi, Watch, WatchMessage, WatchRequest, WatchResults } from '../../../src/bridge/data-api';
import { DataEngine } from '../../../renderer/data/data-engine';
import { openForumDb } from '../../../renderer/db/forum-db';

let count = 0;

export interface Connected {
  api: Comlink.Remote<DataApi>;
  /** Opens a watch through the connection's watch port, as the UI does; returns its key. */
  watch<K extends Watch['kind']>(
    query: Extract<Watch, { kind: K }>,
    listener: (value: WatchResults[K]) => void,
  ): number;
  /** Sends watch requests as one batch, as data-client.ts does for one React commit. */
  send(requests: WatchRequest[]): void;
  engine: DataEngine;
  close(): Promise<void>;
}

export function connectEngine(options: ConstructorParameters<typeof DataEngine>[1] = {}): Connected {
  const db = openForumDb(`forumkb-engine-${process.pid}-${++count}`);
  const engine = new DataEngine(db, { ...options, mergeDelayMs: options.mergeDelayMs ?? 60_000 });
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(engine, port1 as unknown as Comlink.Endpoint);
  const api = Comlink.wrap<DataApi>(port2 as unknown as Comlink.Endpoint);
  // The one port every live answer comes back on, as in data-client.ts.
  const answers = new MessageChannel();
  const listeners = new Map<number, (value: never) => void>();
  answers.port1.onmessage = (event: MessageEvent<WatchMessage>) =>
    listeners.get(event.data.key)?.(event.data.result as never);
  void api.connectWatches(Comlink.transfer(answers.port2, [answers.port2]));
  let nextKey = 1;
  return {
    api,
    engine,
    send(requests) {
      answers.port1.postMessage(requests);
    },
    watch(query, listener) {
      const key = nextKey++;
      listeners.set(key, listener as (value: never) => void);
      answers.port1.postMessage([{ open: key, watch: query }] satisfies WatchRequest[]);
      return key;
    },
    async close() {
      api[Comlink.releaseProxy]();
      answers.port1.close();
      port1.close();
      port2.close();
      await engine.close();
      await db.delete();
    },
  };
}

/** Resolves with the first answer of a watch that passes `test`. */
export function nextAnswer<K extends Watch['kind']>(
  connected: Connected,
  query: Extract<Watch, { kind: K }>,
  test: (value: WatchResults[K]) => boolean = () => true,
): Promise<WatchResults[K]> {
  return new Promise((resolve) => {
    connected.watch(query, (value) => {
      if (test(value)) resolve(value);
    });
  });
}
