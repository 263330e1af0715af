/**
 * The UI's one connection to the data worker: the DataApi contract over Comlink. Every read and
 * write of the data goes through `data`; live answers through `watch` / `useWatch`.
 *
 *   const summary = await data.importFiles(id, files, Comlink.proxy(onProgress));
 *   const answer = await data.search('-1001 tag:CFNetwork', { sort: 'relevance', limit: 1000 });
 */
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { DataApi, SourceFile, Watch, WatchResults } from '../../src/bridge/data-api';

let remote: Comlink.Remote<DataApi> | null = null;

/** The data worker, started on first use. */
export function dataApi(): Comlink.Remote<DataApi> {
  remote ??= Comlink.wrap<DataApi>(new Worker(new URL('./data-worker.ts', import.meta.url), { type: 'module' }));
  return remote;
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
  let id: number | undefined;
  let closed = false;
  const api = dataApi() as unknown as {
    watch(w: Watch, l: unknown): Promise<number>;
    unwatch(id: number): Promise<void>;
  };
  void api.watch(query, Comlink.proxy(listener)).then((watchId) => {
    if (closed) void api.unwatch(watchId);
    else id = watchId;
  });
  return () => {
    closed = true;
    if (id !== undefined) void api.unwatch(id);
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
