import { normalizeLineEndings } from './decode-text';

/** A file to import, read either whole or line by line (large listings are streamed). */
export interface TextSource {
  /** Shown in errors and warnings: the file's name or path. */
  name: string;
  /** The file's modification time: the default capture time of a scrape. */
  modifiedAt: Date | null;
  /** The file's size in bytes when known: files read whole are refused above a limit (parse-source.ts). */
  size?: number | null;
  /** The first few kilobytes, for format detection. */
  head(): Promise<string>;
  text(): Promise<string>;
  lines(): AsyncIterable<string>;
}

export function stringSource(name: string, content: string, modifiedAt: Date | null = null): TextSource {
  return {
    name,
    modifiedAt,
    // In UTF-16 code units: close enough to bytes for a limit measured in megabytes.
    size: content.length,
    head: () => Promise.resolve(normalizeLineEndings(content.slice(0, 8192))),
    text: () => Promise.resolve(normalizeLineEndings(content)),
    async *lines() {
      // Every line ending, as the file sources read them (see decode-text.ts).
      let start = 0;
      const lineEnd = /\r\n?|\n/g;
      for (let m = lineEnd.exec(content); m; m = lineEnd.exec(content)) {
        yield content.slice(start, m.index);
        start = lineEnd.lastIndex;
      }
      yield content.slice(start);
    },
  };
}
