import type { TextSource } from '../../src/import/text-source';

/** Enough for detection even when a saved page starts with large inline styles and scripts. */
const HEAD_BYTES = 64 * 1024;

/** A TextSource over a browser File: streamed line by line, so large files never sit in memory whole. */
export function blobSource(name: string, blob: Blob, modifiedAt: Date | null): TextSource {
  return {
    name,
    modifiedAt,
    async head() {
      // stream: true holds back a multi-byte character cut at the end instead of mangling it.
      const bytes = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
      return new TextDecoder().decode(bytes, { stream: blob.size > HEAD_BYTES });
    },
    text: () => blob.text(),
    async *lines() {
      const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parts = (rest + value).split('\n');
        rest = parts.pop() ?? '';
        yield* parts;
      }
      yield rest;
    },
  };
}
