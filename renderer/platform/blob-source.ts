import { decodeHead, decodeLines, decodeText } from '../../src/import/decode-text';
import type { TextSource } from '../../src/import/text-source';

/** Enough for detection even when a saved page starts with large inline styles and scripts. */
const HEAD_BYTES = 64 * 1024;

/** A TextSource over a browser File: streamed line by line, so large files never sit in memory whole. */
export function blobSource(name: string, blob: Blob, modifiedAt: Date | null): TextSource {
  return {
    name,
    modifiedAt,
    size: blob.size,
    async head() {
      const bytes = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
      return decodeHead(bytes, blob.size <= HEAD_BYTES);
    },
    text: async () => decodeText(new Uint8Array(await blob.arrayBuffer())),
    lines: () => decodeLines(chunksOf(blob)),
  };
}

/** A Blob's bytes as they stream in (a ReadableStream is not async-iterable in every browser). */
async function* chunksOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
