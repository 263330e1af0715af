/** A file pulled over a message port a chunk at a time, as main streams a picked file to the data worker. */
import { describe, expect, it } from 'vitest';
import { portStream, servePort, type ChunkSource, type DomLikePort } from '../../../src/bridge/port-stream';
import { streamSource } from '../../../src/import/stream-source';

/** A source of `count` chunks that records what was read and whether it was closed. */
function chunks(count: number, size = 1000, text = (i: number) => `line ${i}\n`) {
  const log = { reads: 0, closed: false };
  const encoder = new TextEncoder();
  const source: ChunkSource = {
    read: () => {
      log.reads++;
      if (log.reads > count) return Promise.resolve(null);
      const line = text(log.reads - 1);
      return Promise.resolve(encoder.encode(line.repeat(Math.max(1, Math.floor(size / line.length)))));
    },
    close: () => {
      log.closed = true;
      return Promise.resolve();
    },
  };
  return { source, log };
}

/** Both ends over a Node MessageChannel, the server's side listened to as main listens to a MessagePortMain. */
function connect(source: ChunkSource) {
  const { port1, port2 } = new MessageChannel();
  const served = servePort(port1, source, (onRequest, onClose) => {
    port1.addEventListener('message', (e) => onRequest((e as MessageEvent).data));
    port1.addEventListener('close', onClose);
    port1.start();
  });
  return { stream: portStream(port2 as unknown as DomLikePort), served };
}

describe('a file over a message port', () => {
  it('arrives whole, in order, and the file is closed at its end', async () => {
    const { source, log } = chunks(50);
    const { stream, served } = connect(source);
    const text = await streamSource('big.txt', stream, null, null).text();
    await served;
    const expected = Array.from({ length: 50 }, (_, i) =>
      Array(Math.floor(1000 / `line ${i}\n`.length)).fill(`line ${i}`),
    ).flat();
    expect(text.split('\n').filter(Boolean)).toEqual(expected);
    expect(text.startsWith('line 0\n')).toBe(true);
    expect(text.trimEnd().endsWith('line 49')).toBe(true);
    expect(log.closed).toBe(true);
  });

  it('is read no faster than it is asked for: a chunk read ahead at most', async () => {
    const { source, log } = chunks(1000);
    const { stream } = connect(source);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    expect(log.reads).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it('gives the head for detection and the same bytes again to the lines', async () => {
    const { source } = chunks(200, 1000, (i) => `row ${i}\n`);
    const { stream, served } = connect(source);
    const file = streamSource('listing.txt', stream, null, null);
    expect((await file.head()).startsWith('row 0\nrow 0\n')).toBe(true);
    const lines: string[] = [];
    for await (const line of file.lines()) lines.push(line);
    await served;
    expect(lines[0]).toBe('row 0');
    expect(lines.filter((l) => l === 'row 199').length).toBeGreaterThan(0);
    expect(new Set(lines.filter(Boolean)).size).toBe(200);
  });

  it('stops reading and closes the file when the import stops early', async () => {
    const { source, log } = chunks(100_000);
    const { stream, served } = connect(source);
    const file = streamSource('huge.txt', stream, null, null);
    let n = 0;
    for await (const line of file.lines()) if (++n > 300 && line) break; // a cancelled import
    await served;
    expect(log.closed).toBe(true);
    expect(log.reads).toBeLessThan(20);
  });

  it('closes the file when the source is closed without being read (a file the import refused)', async () => {
    const { source, log } = chunks(100);
    const { stream, served } = connect(source);
    const file = streamSource('refused.json', stream, null, null);
    await file.head();
    await file.close();
    await served;
    expect(log.closed).toBe(true);
  });

  it('reports a read error as the stream failing with its message, and closes the file', async () => {
    let closed = false;
    const { stream, served } = connect({
      read: () => Promise.reject(new Error('EIO: i/o error')),
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    });
    await expect(streamSource('bad.txt', stream, null, null).text()).rejects.toThrow('EIO: i/o error');
    await served;
    expect(closed).toBe(true);
  });
});
