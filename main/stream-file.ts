/**
 * A picked file streamed to the window instead of read whole: main opens it and answers the data
 * worker's pulls over a MessagePortMain, a chunk at a time (src/bridge/port-stream.ts); the
 * window's preload hands the other port on to the page, which transfers it into the data worker.
 * A cancel, the end, an error or the port closing (the window gone) closes the file.
 */
import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { MessagePortMain, WebContents } from 'electron';
import { IMPORT_STREAM_CHANNEL, type ImportStreamOffer } from '../src/bridge/forumkb-api';
import { servePort, type ChunkSource } from '../src/bridge/port-stream';

/** Bytes per message: large enough to keep the parser busy, small enough to stay flat. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

export function fileChunks(handle: FileHandle, chunkBytes = STREAM_CHUNK_BYTES): ChunkSource {
  return {
    async read() {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      return bytesRead === 0 ? null : new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    },
    close: () => handle.close(),
  };
}

export interface StreamTarget {
  channel(): { port1: MessagePortMain; port2: MessagePortMain };
  webContents(): Pick<WebContents, 'postMessage'> | null;
}

/**
 * Opens the file and offers its stream to the window under a new id (returned); the file stays
 * open until the stream ends or is cancelled. Throws (nothing left open) when it cannot be opened
 * or there is no window.
 */
export async function streamFileToWindow(
  path: string,
  target: StreamTarget,
): Promise<{ streamId: string; /** Settles once the file is closed. */ served: Promise<void> }> {
  const contents = target.webContents();
  if (!contents) throw new Error('no window to stream the file to');
  const handle = await open(path, 'r');
  const { port1, port2 } = target.channel();
  const streamId = randomUUID();
  const served = servePort(port1, fileChunks(handle), (onRequest, onClose) => {
    port1.on('message', (event) => onRequest(event.data));
    port1.on('close', onClose);
    port1.start();
  });
  contents.postMessage(IMPORT_STREAM_CHANNEL, { streamId } satisfies ImportStreamOffer, [port2]);
  return { streamId, served };
}
