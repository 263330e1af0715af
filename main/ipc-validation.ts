/** IPC arguments arrive as `unknown` from a renderer that shows untrusted forum content: check all of it. */
import type { SaveFilesRequest } from '../src/bridge/forumkb-api';

export class IpcValidationError extends Error {}

const MAX_FILES = 100_000;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

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

/** A relative path with `/` separators, no `..`, no absolute or drive prefix. */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 1024 || path.includes('\0') || path.includes('\\')) return false;
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function expectSaveRequest(args: unknown[]): [SaveFilesRequest] {
  const [value] = args;
  if (args.length !== 1 || typeof value !== 'object' || value === null)
    throw new IpcValidationError('expected one save request');
  const { title, files } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.length > 200)
    throw new IpcValidationError('save request: title must be a short string');
  if (!Array.isArray(files) || files.length > MAX_FILES)
    throw new IpcValidationError('save request: files must be an array');
  let total = 0;
  const checked = files.map((file: unknown, i) => {
    const { path, content } = (file ?? {}) as Record<string, unknown>;
    if (typeof path !== 'string' || !isSafeRelativePath(path))
      throw new IpcValidationError(`save request: file ${i} has an unsafe path`);
    if (typeof content !== 'string') throw new IpcValidationError(`save request: file ${i} has no text content`);
    total += content.length;
    return { path, content };
  });
  if (total > MAX_TOTAL_BYTES) throw new IpcValidationError('save request: too large');
  return [{ title, files: checked }];
}
