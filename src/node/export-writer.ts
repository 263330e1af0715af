/**
 * Writes an export (Markdown notes) into a folder the user chose, e.g. inside an Obsidian vault.
 *
 * The folder is shared with the user, so the writer only ever replaces or removes files ForumKB
 * wrote itself and the user has not changed since. A manifest (`.forumkb-export.json`) lists
 * each file it wrote with the SHA-256 of the content it wrote. For each file of a new export:
 * - missing on disk: written;
 * - same content as the new one: unchanged (nothing is touched);
 * - ForumKB's and untouched since (hash in the manifest): replaced atomically → `written`;
 * - ForumKB's but edited by the user since: left alone → `conflicts` (delete or rename the file
 *   to get the new version on the next export; it stays a conflict until then);
 * - not ForumKB's (the user's own file, a symlink, a folder): left alone → `skipped`.
 * Files of an earlier export that are no longer part of it are deleted when untouched
 * (`removed`); when the user edited them they are kept, reported once in `conflicts`, and
 * forgotten by the manifest (they are the user's now).
 *
 * Crash safety: every file is replaced by rename (never half-written), and before anything is
 * written the manifest already lists the new hashes next to the old ones, so a crash half-way
 * leaves no file the next export would mistake for a user edit. It also lists the temporary
 * file names the export is about to create: the next export deletes those and nothing else, so a
 * user's file that merely looks like one (`.thesis.md.0123456789ab.forumkb-tmp`) is never swept.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExportFile } from '../export/export-file';
import { fileNameKey, isReservedDeviceName, utf8Length } from '../export/safe-file-name';
import { nodeAtomicWriteOps, TEMP_FILE, tempPathFor, writeFileAtomic, type AtomicWriteOps } from './atomic-write';
import { emptyExportReport, type ExportWriteReport } from '../export/export-report';

export type { ExportWriteReport };

export const MANIFEST_FILE = '.forumkb-export.json';
const MANIFEST_FORMAT = 'forumkb-export-manifest';
/** Where the manifest itself is written first: a fixed name, as reserved as the manifest's. */
const MANIFEST_TEMP = `${MANIFEST_FILE}.forumkb-tmp`;

/** The export folder cannot be used (a file is in its place, no permission): a sentence, no trace. */
export class ExportFolderError extends Error {
  constructor(folder: string, reason: string) {
    super(`${folder}: ${reason}`);
    this.name = 'ExportFolderError';
  }
}

export interface ExportWriteOptions {
  /**
   * What to compare to decide a file is unchanged; e.g. the content without its export time, so
   * re-exporting leaves files whose notes did not change alone.
   */
  comparable?: (content: string) => string;
  ops?: AtomicWriteOps;
}

/** The file names of a previous export and the hashes ForumKB may have left at each. */
type Manifest = Map<string, { path: string; hashes: string[] }> & { temp?: string[] };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * One plain file name inside the folder, valid on every OS: nothing that could point elsewhere
 * (separators, `..`), open a Windows device (`CON`) or stream (`a.md:x`), or hide (`.name`). The
 * names come over IPC from the renderer, so they are checked here, not trusted.
 */
export function isSafeExportName(name: string): boolean {
  return (
    name.length > 0 &&
    utf8Length(name) <= 255 &&
    // eslint-disable-next-line no-control-regex
    !/[/\\<>:"|?*\u0000-\u001f]/.test(name) &&
    !name.startsWith('.') &&
    !/[. ]$/.test(name) &&
    !isReservedDeviceName(name) &&
    fileNameKey(name) !== fileNameKey(MANIFEST_FILE)
  );
}

async function readManifest(folder: string, warnings: string[]): Promise<Manifest> {
  const manifest: Manifest = new Map();
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return manifest;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; files?: unknown };
    if (parsed.format !== MANIFEST_FORMAT || typeof parsed.files !== 'object' || parsed.files === null)
      throw new Error('not a manifest');
    for (const [path, hashes] of Object.entries(parsed.files)) {
      // The manifest is a file in a user folder: an entry like `../x` must never lead anywhere.
      if (!isSafeExportName(path) || !Array.isArray(hashes)) continue;
      const valid = hashes.filter((h): h is string => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
      manifest.set(fileNameKey(path), { path, hashes: valid });
    }
    const temp = (parsed as { temp?: unknown }).temp;
    manifest.temp = Array.isArray(temp)
      ? temp.filter((t): t is string => typeof t === 'string' && TEMP_FILE.test(t) && !/[/\\]/.test(t))
      : [];
  } catch {
    // Without a manifest nothing counts as ForumKB's: every file in the way is skipped, not lost.
    warnings.push(`${MANIFEST_FILE} is unreadable; existing files are treated as yours and left alone`);
  }
  return manifest;
}

async function writeManifest(
  folder: string,
  entries: Map<string, string[]>,
  ops: AtomicWriteOps,
  temp: string[] = [],
): Promise<void> {
  const files: Record<string, string[]> = {};
  for (const path of [...entries.keys()].sort()) files[path] = [...new Set(entries.get(path))];
  const manifest = { format: MANIFEST_FORMAT, version: 1, files, ...(temp.length > 0 ? { temp } : {}) };
  await writeFileAtomic(
    join(folder, MANIFEST_FILE),
    `${JSON.stringify(manifest, null, 2)}\n`,
    ops,
    join(folder, MANIFEST_TEMP),
  );
}

/** Creates the folder, or says in a sentence why it cannot be used. */
async function prepareFolder(folder: string): Promise<string> {
  const existing = await stat(folder).catch(() => null);
  if (existing && !existing.isDirectory()) throw new ExportFolderError(folder, 'not a folder (a file is in its place)');
  try {
    await mkdir(folder, { recursive: true });
    return await realpath(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of this folder' : code;
    throw new ExportFolderError(folder, `cannot create or open the folder (${why})`);
  }
}

/** Deletes the temporary files an earlier export recorded and did not finish: never any other file. */
async function sweepTemporaryFiles(root: string, recorded: readonly string[]): Promise<void> {
  for (const name of [MANIFEST_TEMP, ...recorded])
    await unlink(join(root, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
}

/** The file's text and hash if it is a regular file; `'absent'`; or `'other'` (folder, symlink). */
async function inspect(path: string): Promise<{ text: string; hash: string } | 'absent' | 'other'> {
  try {
    const stat = await lstat(path);
    if (!stat.isFile()) return 'other';
    const text = await readFile(path, 'utf8');
    return { text, hash: sha256(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
}

export async function writeExport(
  folder: string,
  files: readonly ExportFile[],
  options: ExportWriteOptions = {},
): Promise<ExportWriteReport> {
  const comparable = options.comparable ?? ((content: string) => content);
  const ops = options.ops ?? nodeAtomicWriteOps;
  const report = emptyExportReport();

  const keys = new Set<string>();
  for (const file of files) {
    if (!isSafeExportName(file.path))
      throw new Error(`refusing to write ${JSON.stringify(file.path)}: not a plain file name`);
    if (keys.has(fileNameKey(file.path))) throw new Error(`two export files named ${JSON.stringify(file.path)}`);
    keys.add(fileNameKey(file.path));
  }

  const root = await prepareFolder(folder);
  const previous = await readManifest(root, report.warnings);
  // Temporary files a crashed earlier export left behind: those it recorded, nothing else.
  await sweepTemporaryFiles(root, previous.temp ?? []);

  const intent = new Map<string, string[]>();
  const final = new Map<string, string[]>();
  const toWrite: { file: ExportFile; hash: string }[] = [];

  for (const file of files) {
    const key = fileNameKey(file.path);
    const hash = sha256(file.content);
    const known = previous.get(key);
    const onDisk = await inspect(join(root, file.path));
    if (onDisk === 'absent') {
      toWrite.push({ file, hash });
      intent.set(file.path, [hash]);
      final.set(file.path, [hash]);
    } else if (onDisk === 'other') {
      report.skipped.push(file.path);
    } else if (comparable(onDisk.text) === comparable(file.content)) {
      report.unchanged.push(file.path);
      intent.set(file.path, [onDisk.hash]);
      final.set(file.path, [onDisk.hash]);
    } else if (known?.hashes.includes(onDisk.hash)) {
      toWrite.push({ file, hash });
      intent.set(file.path, [onDisk.hash, hash]);
      final.set(file.path, [hash]);
    } else if (known) {
      report.conflicts.push(file.path);
      intent.set(file.path, known.hashes);
      final.set(file.path, known.hashes);
    } else {
      report.skipped.push(file.path);
    }
  }

  const toRemove: string[] = [];
  const newPaths = new Map(files.map((f) => [fileNameKey(f.path), f.path]));
  for (const [key, { path, hashes }] of previous) {
    // A title that changed only in case: on a case-insensitive disk the old name *is* the new
    // file; on a case-sensitive one it is a separate, stale file to remove.
    const successor = newPaths.get(key);
    if (successor === path || (successor && (await sameFile(join(root, path), join(root, successor))))) continue;
    const onDisk = await inspect(join(root, path));
    if (typeof onDisk === 'string') continue;
    if (hashes.includes(onDisk.hash)) {
      toRemove.push(path);
      intent.set(path, hashes);
    } else {
      report.conflicts.push(path);
    }
  }

  const temps = new Map(toWrite.map(({ file }) => [file.path, tempPathFor(join(root, file.path))]));
  const tempNames = [...temps.values()].map((t) => basename(t));
  if (toWrite.length > 0 || toRemove.length > 0) await writeManifest(root, intent, ops, tempNames);
  for (const { file } of toWrite) {
    await writeFileAtomic(join(root, file.path), file.content, ops, temps.get(file.path));
    report.written.push(file.path);
  }
  for (const path of toRemove) {
    await unlink(join(root, path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    report.removed.push(path);
  }
  const hadTemp = (previous.temp?.length ?? 0) > 0;
  if (toWrite.length > 0 || toRemove.length > 0 || hadTemp || !sameEntries(previous, final))
    await writeManifest(root, final, ops);

  for (const list of [report.written, report.unchanged, report.removed, report.skipped, report.conflicts]) list.sort();
  return report;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([lstat(a), lstat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function sameEntries(previous: Manifest, next: Map<string, string[]>): boolean {
  if (previous.size !== next.size) return false;
  for (const [path, hashes] of next) {
    const old = previous.get(fileNameKey(path));
    if (!old || old.path !== path || old.hashes.join() !== [...new Set(hashes)].join()) return false;
  }
  return true;
}
