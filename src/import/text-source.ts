/** A file to import, read either whole or line by line (large listings are streamed). */
export interface TextSource {
  /** Shown in errors and warnings: the file's name or path. */
  name: string;
  /** The file's modification time: the default capture time of a scrape. */
  modifiedAt: Date | null;
  /** The first few kilobytes, for format detection. */
  head(): Promise<string>;
  text(): Promise<string>;
  lines(): AsyncIterable<string>;
}

export function stringSource(name: string, content: string, modifiedAt: Date | null = null): TextSource {
  return {
    name,
    modifiedAt,
    head: () => Promise.resolve(content.slice(0, 8192)),
    text: () => Promise.resolve(content),
    async *lines() {
      let start = 0;
      while (start <= content.length) {
        const nl = content.indexOf('\n', start);
        const end = nl === -1 ? content.length : nl;
        yield content.slice(start, end);
        if (nl === -1) break;
        start = nl + 1;
      }
    },
  };
}
