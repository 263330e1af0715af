/**
 * Writing a file so that it is either the old content or the new, never half of each: the data
 * goes to a temporary file in the same folder (same file system, so rename is atomic), is
 * flushed to disk, and only then renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The steps that touch the disk; tests replace them to simulate a crash at any point. */
export interface AtomicWriteOps {
  /** Creates `path` (which must not exist) with `data`, flushed to disk. */
  writeNew(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

async function writeNew(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const RETRYABLE = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** Windows refuses to replace a file another program (an editor, a sync client) has open for a moment. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !RETRYABLE.has(code) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

export const nodeAtomicWriteOps: AtomicWriteOps = { writeNew, rename: renameWithRetry };

/** Temporary files are hidden and carry this ending, so a later run can sweep up after a crash. */
export const TEMP_SUFFIX = '.forumkb-tmp';
export const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.forumkb-tmp$/;

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** Makes a rename durable: without this, a power cut can undo it on some file systems. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open or flush a folder; its renames are durable enough once done.
  }
}

/** `temp`: where the data goes first, when the caller records its temporary files (export-writer.ts). */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  ops: AtomicWriteOps = nodeAtomicWriteOps,
  temp: string = tempPathFor(path),
): Promise<void> {
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  try {
    await ops.writeNew(temp, data);
    await ops.rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}
