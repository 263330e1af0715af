/**
 * The Electron implementation of the platform API: the preload's bridge (main/preload.ts). Chosen
 * at build time (`FORUMKB_TARGET=electron vite build`), so this bundle has no web-only code.
 */
import type { FileBytes, ForumKbApi, SourceFile } from '../../src/bridge/forumkb-api';

declare global {
  interface Window {
    /** Set by Electron's preload. */
    forumkb?: ForumKbApi;
  }
}

/** How long a streamed file's port may take to follow the pick's answer before the file is reported unread. */
const PORT_WAIT_MS = 10_000;

/** Ports of files main streams, by stream id, as the preload hands them over (window messages). */
const ports = new Map<string, MessagePort>();
const waiting = new Map<string, (port: MessagePort) => void>();
window.addEventListener('message', (event: MessageEvent) => {
  const id = (event.data as { forumkbStream?: unknown } | null)?.forumkbStream;
  if (event.source !== window || typeof id !== 'string' || event.ports.length !== 1) return;
  const port = event.ports[0]!;
  const resolve = waiting.get(id);
  if (resolve) resolve(port);
  else ports.set(id, port);
});

function portFor(id: string): Promise<MessagePort | null> {
  const port = ports.get(id);
  if (port) {
    ports.delete(id);
    return Promise.resolve(port);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve(null);
    }, PORT_WAIT_MS);
    waiting.set(id, (p) => {
      clearTimeout(timer);
      waiting.delete(id);
      resolve(p);
    });
  });
}

/** A streamed file becomes a source whose data is its port (the data worker pulls from it). */
async function withStreams(files: FileBytes[]): Promise<SourceFile[]> {
  return Promise.all(
    files.map(async (file): Promise<SourceFile> => {
      if (!file.stream) return file;
      const { stream, ...rest } = file;
      const port = await portFor(stream);
      return port
        ? { ...rest, data: port }
        : { ...rest, data: new Uint8Array(), readError: 'the file’s stream from the main process never arrived' };
    }),
  );
}

export function createPlatform(): ForumKbApi {
  const bridge = window.forumkb;
  if (!bridge) throw new Error('ForumKB’s Electron build needs its preload (window.forumkb is missing)');
  return { ...bridge, pickFiles: async () => withStreams((await bridge.pickFiles()) as FileBytes[]) };
}
