/** TextSource over a file on disk, for the CLI and the Electron main process. */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeHead, decodeLines, decodeText } from '../import/decode-text';
import { ImportError } from '../import/import-error';
import type { TextSource } from '../import/text-source';

/** Enough for detection even when a saved page starts with large inline styles and scripts. */
const HEAD_BYTES = 64 * 1024;

export async function fileSource(path: string, displayName: string = basename(path)): Promise<TextSource> {
  let modifiedAt: Date;
  let size: number;
  try {
    ({ mtime: modifiedAt, size } = await stat(path));
  } catch (error) {
    throw new ImportError(
      displayName,
      null,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return {
    name: displayName,
    modifiedAt,
    size,
    async head() {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
        return decodeHead(buffer.subarray(0, bytesRead), bytesRead < HEAD_BYTES);
      } finally {
        await handle.close();
      }
    },
    text: async () => decodeText(await readFile(path)),
    lines: () => decodeLines(createReadStream(path) as AsyncIterable<Buffer>),
  };
}
