/**
 * The UI's one connection to the data worker: the DataApi contract over Comlink. Every read and
 * write of the data goes through `data`; live answers through `watch` / `useWatch`.
 *
 *   const summary = await data.importFiles(id, files, Comlink.proxy(onProgress));
 *   const answer = await data.search('-1001 tag:CFNetwork', { sort: 'relevance', limit: 25 });
 */
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { DataApi, SourceFile, Watch, WatchResults } from '../../src/bridge/data-api';

let worker: Worker | null = null;
let remote: Comlink.Remote<DataApi> | null = null;

interface LiveWatch {
  query: Watch;
  listener: (result: never) => void;
  /** The id the current worker gave it. */
  id?: number;
  closed: boolean;
}
/** Every live answer the UI holds: subscribed again when the worker is restarted. */
const liveWatches = new Set<LiveWatch>();

type WatchApi = { watch(w: Watch, l: unknown): Promise<number>; unwatch(id: number): Promise<void> };

/** The data worker, started on first use. */
export function dataApi(): Comlink.Remote<DataApi> {
  if (!remote) {
    worker = new Worker(new URL('./data-worker.ts', import.meta.url), { type: 'module' });
    remote = Comlink.wrap<DataApi>(worker);
  }
  return remote;
}

/**
 * Ends the data worker (work in it is dropped; an open transaction rolls back) and starts a new
 * one, subscribing every live answer again. For a worker stuck on a file it cannot finish.
 */
export function restartDataWorker(): void {
  worker?.terminate();
  worker = null;
  remote = null;
  for (const live of liveWatches) {
    live.id = undefined;
    subscribe(live);
  }
}

function subscribe(live: LiveWatch): void {
  const api = dataApi() as unknown as WatchApi;
  const subscribedTo = api;
  void api.watch(live.query, Comlink.proxy(live.listener)).then((watchId) => {
    // Answered by a worker that has since been replaced: the new one has its own subscription.
    if ((dataApi() as unknown as WatchApi) !== subscribedTo) return;
    if (live.closed) void api.unwatch(watchId);
    else live.id = watchId;
  });
}

/** Files as they go to the worker: bytes read by main are transferred, never copied. */
export function transferFiles(files: SourceFile[]): SourceFile[] {
  // A buffer listed twice cannot be transferred: files may share one.
  const buffers = new Set(files.flatMap((f) => (f.data instanceof Uint8Array ? [f.data.buffer as ArrayBuffer] : [])));
  return Comlink.transfer(files, [...buffers]);
}

/**
 * Calls `listener` with the answer now and after every change to it; returns the unsubscribe
 * function. The worker re-runs the query (a Dexie live query) and sends the new answer.
 */
export function watch<K extends Watch['kind']>(
  query: Extract<Watch, { kind: K }>,
  listener: (result: WatchResults[K]) => void,
): () => void {
  const live: LiveWatch = { query, listener: listener as (result: never) => void, closed: false };
  liveWatches.add(live);
  subscribe(live);
  return () => {
    live.closed = true;
    liveWatches.delete(live);
    if (live.id !== undefined) void (dataApi() as unknown as WatchApi).unwatch(live.id);
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
