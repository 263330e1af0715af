/**
 * The UI's one connection to the data worker: the DataApi contract over Comlink. Every read and
 * write of the data goes through `data`; live answers through `watch` / `useWatch`.
 *
 *   const summary = await data.importFiles(id, files, Comlink.proxy(onProgress));
 *   const answer = await data.search('-1001 tag:CFNetwork', { sort: 'relevance', limit: 25 });
 */
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { DataApi, SourceFile, Watch, WatchMessage, WatchRequest, WatchResults } from '../../src/bridge/data-api';

let worker: Worker | null = null;
let remote: Comlink.Remote<DataApi> | null = null;
/** The port live answers come back on; requests go out on it a batch at a time. */
let watchPort: MessagePort | null = null;
let pending: WatchRequest[] = [];

interface LiveWatch {
  query: Watch;
  listener: (result: never) => void;
}
/** Every live answer the UI holds, by its key: subscribed again when the worker is restarted. */
const liveWatches = new Map<number, LiveWatch>();
let nextKey = 1;

/** The data worker, started on first use, with the one port its live answers come back on. */
export function dataApi(): Comlink.Remote<DataApi> {
  if (!remote) {
    worker = new Worker(new URL('./data-worker.ts', import.meta.url), { type: 'module' });
    remote = Comlink.wrap<DataApi>(worker);
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (event: MessageEvent<WatchMessage>) => {
      const { key, result } = event.data;
      // A closed watch's last answers may still be on their way: no one listens.
      liveWatches.get(key)?.listener(result as never);
    };
    watchPort = port1;
    void remote.connectWatches(Comlink.transfer(port2, [port2]));
  }
  return remote;
}

/** Sends the requests of this task together: closing one thread's watch and opening the next is one message. */
function request(r: WatchRequest): void {
  if (pending.length === 0)
    queueMicrotask(() => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      dataApi();
      watchPort!.postMessage(batch);
    });
  pending.push(r);
}

/**
 * Ends the data worker (work in it is dropped; an open transaction rolls back) and starts a new
 * one, subscribing every live answer again. For a worker stuck on a file it cannot finish.
 */
export function restartDataWorker(): void {
  worker?.terminate();
  watchPort?.close();
  worker = null;
  remote = null;
  watchPort = null;
  // Requests not sent yet were for the old worker: the new one gets every live watch instead.
  pending = [];
  for (const [key, live] of liveWatches) request({ open: key, watch: live.query });
}

/** Files as they go to the worker: bytes read by main and the ports main streams files over are transferred, never copied. */
export function transferFiles(files: SourceFile[]): SourceFile[] {
  // A buffer listed twice cannot be transferred: files may share one.
  const buffers = new Set(files.flatMap((f) => (f.data instanceof Uint8Array ? [f.data.buffer as ArrayBuffer] : [])));
  const ports = files.flatMap((f) => (f.data instanceof MessagePort ? [f.data] : []));
  return Comlink.transfer(files, [...buffers, ...ports]);
}

/**
 * Calls `listener` with the answer now and after every change to it; returns the unsubscribe
 * function. The worker re-runs the query (a Dexie live query) and sends the new answer.
 */
export function watch<K extends Watch['kind']>(
  query: Extract<Watch, { kind: K }>,
  listener: (result: WatchResults[K]) => void,
): () => void {
  const key = nextKey++;
  liveWatches.set(key, { query, listener: listener as (result: never) => void });
  request({ open: key, watch: query });
  return () => {
    if (liveWatches.delete(key)) request({ close: key });
  };
}

/** A live answer from the worker for a React component; undefined until it arrives. `key` says when the query changed. */
export function useWatch<K extends Watch['kind']>(
  query: Extract<Watch, { kind: K }> | null,
  key: string = JSON.stringify(query),
): WatchResults[K] | undefined {
  const [state, setState] = useState<{ key: string; value: WatchResults[K] } | null>(null);
  useEffect(() => {
    if (!query) return;
    return watch(query, (value) => setState({ key, value }));
    // `key` stands for `query`: a new object with the same contents is the same watch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state?.key === key ? state.value : undefined;
}
