/**
 * A TextSource over a stream that can be read once (a file main streams over a port): the first
 * bytes are kept for format detection and given again to the lines or text read after, so the
 * stream is read from its start exactly once. `close()` cancels what was not read (the import
 * stopped, or never needed the rest), which closes the file where it is read.
 */
import { decodeHead, decodeLines, decodeText } from './decode-text';
import type { TextSource } from './text-source';

const HEAD_BYTES = 64 * 1024;

export interface StreamSource extends TextSource {
  close(): Promise<void>;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function streamSource(
  name: string,
  stream: ReadableStream<Uint8Array>,
  size: number | null,
  modifiedAt: Date | null,
): StreamSource {
  const reader = stream.getReader();
  /** Read but not yet given to `lines`/`text`: the head, kept for them. */
  let kept: Uint8Array[] = [];
  let keptBytes = 0;
  let ended = false;
  let taken = false;

  const readChunk = async (): Promise<Uint8Array | null> => {
    if (ended) return null;
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      return null;
    }
    return value;
  };

  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (taken) throw new Error(`${name}: the stream was read already`);
    taken = true;
    try {
      const head = kept;
      kept = [];
      keptBytes = 0;
      yield* head;
      for (let chunk = await readChunk(); chunk; chunk = await readChunk()) yield chunk;
    } finally {
      // Stopped before the end (a cancel, a broken file): the rest is not read.
      if (!ended) await reader.cancel().catch(() => undefined);
    }
  }

  return {
    name,
    modifiedAt,
    size,
    async head() {
      while (keptBytes < HEAD_BYTES && !taken) {
        const chunk = await readChunk();
        if (!chunk) break;
        kept.push(chunk);
        keptBytes += chunk.byteLength;
      }
      const bytes = concat(kept).subarray(0, HEAD_BYTES);
      return decodeHead(bytes, ended && keptBytes <= HEAD_BYTES);
    },
    async text() {
      const all: Uint8Array[] = [];
      for await (const chunk of chunks()) all.push(chunk);
      return decodeText(concat(all));
    },
    lines: () => decodeLines(chunks()),
    async close() {
      if (!ended) {
        ended = true;
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}
