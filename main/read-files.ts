import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileBytes } from '../src/bridge/forumkb-api';

/** Files larger than this are streamed to the window (stream-file.ts), never read whole in main. */
export const STREAM_FROM_MAIN_BYTES = 16 * 1024 * 1024;

export interface StreamOption {
  /** Opens the file and offers its stream to the window; returns the stream's id. */
  stream: (path: string) => Promise<string>;
  /** Stream files above this many bytes (STREAM_FROM_MAIN_BYTES unless given). */
  above?: number;
}

/**
 * Reads files for the renderer as bytes: main only reads, the data worker parses; with `streaming`,
 * a large file is streamed instead (its stream's id in `stream`, no bytes). A file that cannot be
 * read comes back empty with `readError`, so the import names it and goes on.
 */
export async function readFilesAsBytes(
  files: { path: string; capturedAt: string | null }[],
  streaming?: StreamOption,
): Promise<FileBytes[]> {
  return Promise.all(
    files.map(async ({ path, capturedAt }): Promise<FileBytes> => {
      const name = basename(path);
      try {
        const info = await stat(path);
        if (streaming && info.size > (streaming.above ?? STREAM_FROM_MAIN_BYTES)) {
          const stream = await streaming.stream(path);
          return {
            name,
            data: new Uint8Array(),
            stream,
            size: info.size,
            capturedAt,
            modifiedAt: info.mtime.toISOString(),
          };
        }
        const data = await readFile(path);
        return {
          name,
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          capturedAt,
          modifiedAt: info.mtime.toISOString(),
        };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const reason = typeof code === 'string' ? `cannot read the file (${code})` : String(error);
        return { name, data: new Uint8Array(), capturedAt, modifiedAt: null, readError: reason };
      }
    }),
  );
}

interface SeedManifest {
  files: { path: string; capturedAt: string }[];
}

/** The bundled fixtures `fixtures/seed.json` names, with when they were captured. */
export async function seedFiles(fixturesDir: string): Promise<{ path: string; capturedAt: string }[]> {
  const manifest = JSON.parse(await readFile(join(fixturesDir, 'seed.json'), 'utf8')) as SeedManifest;
  return manifest.files.map((f) => ({ path: join(fixturesDir, f.path), capturedAt: f.capturedAt }));
}
