/** IPC arguments arrive as `unknown` from a renderer that shows untrusted forum content: check all of it. */
import type { ExportFile } from '../src/bridge/forumkb-api';

export class IpcValidationError extends Error {}

const MAX_FILES = 100_000;
const MAX_TOTAL_CHARS = 512 * 1024 * 1024;

export function expectNoArgs(args: unknown[]): [] {
  if (args.length !== 0) throw new IpcValidationError(`expected no arguments, got ${args.length}`);
  return [];
}

export function expectUrl(args: unknown[]): [string] {
  const [url] = args;
  if (args.length !== 1 || typeof url !== 'string' || url.length > 2048)
    throw new IpcValidationError('expected one URL string');
  return [url];
}

/** A bare file name: exports write flat folders, so no separators, no `.`/`..`, no NUL. */
export function isPlainFileName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[\\/\0]/.test(name) && name !== '.' && name !== '..';
}

function exportFile(value: unknown, what: string): ExportFile {
  const { path, content } = (value ?? {}) as Record<string, unknown>;
  if (typeof path !== 'string' || !isPlainFileName(path)) throw new IpcValidationError(`${what}: unsafe file name`);
  if (typeof content !== 'string') throw new IpcValidationError(`${what}: no text content`);
  return { path, content };
}

export function expectExportFiles(args: unknown[]): [ExportFile[]] {
  const [files] = args;
  if (args.length !== 1 || !Array.isArray(files) || files.length > MAX_FILES) {
    throw new IpcValidationError('export: expected one array of files');
  }
  const checked = files.map((f: unknown, i) => exportFile(f, `export: file ${i}`));
  if (checked.reduce((n, f) => n + f.content.length, 0) > MAX_TOTAL_CHARS)
    throw new IpcValidationError('export: too large');
  return [checked];
}

export function expectExportFile(args: unknown[]): [ExportFile] {
  if (args.length !== 1) throw new IpcValidationError('save: expected one file');
  const file = exportFile(args[0], 'save');
  if (file.content.length > MAX_TOTAL_CHARS) throw new IpcValidationError('save: too large');
  return [file];
}
