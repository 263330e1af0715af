import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { ExportFile } from '../src/bridge/forumkb-api';

/** Writes each file under `dir` atomically (temp file, then rename); refuses paths that leave `dir`. */
export async function writeFilesUnder(dir: string, files: ExportFile[]): Promise<number> {
  const base = resolve(dir);
  for (const file of files) {
    const target = resolve(base, file.path);
    if (!target.startsWith(base + sep)) throw new Error(`refusing to write outside the export folder: ${file.path}`);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.forumkb-tmp`;
    await writeFile(temp, file.content, 'utf8');
    await rename(temp, target);
  }
  return files.length;
}
