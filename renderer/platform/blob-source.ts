import type { TextSource } from '../../src/import/text-source';

const HEAD_BYTES = 8192;

/** A TextSource over a browser File: streamed line by line, so large files never sit in memory whole. */
export function blobSource(name: string, blob: Blob, modifiedAt: Date | null): TextSource {
  return {
    name,
    modifiedAt,
    async head() {
      const text = await blob.slice(0, HEAD_BYTES).text();
      return blob.size <= HEAD_BYTES ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n')));
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
