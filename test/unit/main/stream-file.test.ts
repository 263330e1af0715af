/** A picked file streamed from main over a MessagePortMain (mocked over a Node MessageChannel), read as the data worker reads it. */
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MessagePortMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { fileChunks, streamFileToWindow } from '../../../main/stream-file';
import { readFilesAsBytes } from '../../../main/read-files';
import { IMPORT_STREAM_CHANNEL } from '../../../src/bridge/forumkb-api';
import { portStream, type DomLikePort } from '../../../src/bridge/port-stream';
import { streamSource } from '../../../src/import/stream-source';

/** Electron's MessagePortMain as an EventEmitter over a Node port: `message` events carry `{ data }`. */
class PortMain extends EventEmitter {
  constructor(private readonly port: MessagePort) {
    super();
    port.on('message', (data: unknown) => this.emit('message', { data, ports: [] }));
    port.on('close', () => this.emit('close'));
  }
  postMessage(message: unknown) {
    this.port.postMessage(message);
  }
  start() {}
  close() {
    this.port.close();
  }
}

function window() {
  const offers: { channel: string; message: unknown; ports: MessagePort[] }[] = [];
  const { port1, port2 } = new MessageChannel();
  return {
    offers,
    target: {
      channel: () => ({
        port1: new PortMain(port1) as unknown as MessagePortMain,
        port2: port2 as unknown as MessagePortMain,
      }),
      webContents: () => ({
        postMessage: (channel: string, message: unknown, ports?: MessagePortMain[]) =>
          void offers.push({ channel, message, ports: (ports ?? []) as unknown as MessagePort[] }),
      }),
    },
  };
}

function bigFile(lines: number): { path: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'forumkb-stream-'));
  const text = Array.from({ length: lines }, (_, i) => `Thread ${i}: NWConnection stalls after waking from sleep`).join(
    '\n',
  );
  writeFileSync(join(dir, 'big.txt'), text);
  return { path: join(dir, 'big.txt'), text };
}

describe('streaming a picked file from main', () => {
  it('offers the window one port under a new id, and the file arrives whole through it, then is closed', async () => {
    const { path, text } = bigFile(60_000); // about 3.4 MB: several chunks
    const w = window();
    const { streamId, served } = await streamFileToWindow(path, w.target);
    expect(w.offers).toHaveLength(1);
    expect(w.offers[0]).toMatchObject({ channel: IMPORT_STREAM_CHANNEL, message: { streamId } });
    const port = w.offers[0]!.ports[0]!;
    const read = await streamSource('big.txt', portStream(port as unknown as DomLikePort), null, null).text();
    await served;
    expect(read).toBe(text);
  });

  it('stops reading and closes the file when the import cancels', async () => {
    const { path } = bigFile(200_000);
    const w = window();
    const { served } = await streamFileToWindow(path, w.target);
    const reader = portStream(w.offers[0]!.ports[0]! as unknown as DomLikePort).getReader();
    await reader.read();
    await reader.cancel();
    await expect(served).resolves.toBeUndefined();
  });

  it('closes its file handle when closed', async () => {
    const { path } = bigFile(10);
    const handle = await open(path, 'r');
    const chunks = fileChunks(handle, 16);
    expect((await chunks.read())?.byteLength).toBe(16);
    await chunks.close();
    expect(handle.fd).toBe(-1);
  });

  it('refuses to open anything without a window', async () => {
    const { path } = bigFile(10);
    await expect(
      streamFileToWindow(path, { channel: () => new MessageChannel() as never, webContents: () => null }),
    ).rejects.toThrow('no window');
  });

  it('streams only files above the limit; smaller ones still come as bytes', async () => {
    const small = bigFile(10);
    const large = bigFile(1000);
    const streamed: string[] = [];
    const [a, b] = await readFilesAsBytes(
      [
        { path: small.path, capturedAt: null },
        { path: large.path, capturedAt: null },
      ],
      { stream: (p) => (streamed.push(p), Promise.resolve('id-1')), above: 10_000 },
    );
    expect(streamed).toEqual([large.path]);
    expect(new TextDecoder().decode(a!.data)).toBe(small.text);
    expect(b).toMatchObject({ name: 'big.txt', stream: 'id-1', size: large.text.length });
    expect(b!.data.byteLength).toBe(0);
  });
});
