/**
 * Checks untrusted parsed JSON against the archive types, field by field. Builds fresh objects
 * with only the known fields, in a fixed key order: unknown fields (including `__proto__`) never
 * reach the database, and what comes out encodes byte-identically again.
 */
import type { Activity, Bookmark, Note, Post, ReadState, SourceKind, Thread } from '../model';
import type { JsonPath } from './json-locate';

/** A problem at a place in the document; the decoder turns the path into a line. */
export class ArchiveProblem extends Error {
  readonly path: JsonPath;
  constructor(path: JsonPath, reason: string) {
    super(`${formatPath(path)}: ${reason}`);
    this.name = 'ArchiveProblem';
    this.path = path;
  }
}

export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(top level)';
}

const SOURCE_KINDS: readonly SourceKind[] = ['listing', 'thread-page', 'feed', 'archive'];

type Record_ = Record<string, unknown>;

export function expectObject(value: unknown, path: JsonPath): Record_ {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ArchiveProblem(path, 'expected an object');
  return value as Record_;
}

export function expectArray(value: unknown, path: JsonPath): unknown[] {
  if (!Array.isArray(value)) throw new ArchiveProblem(path, 'expected an array');
  return value;
}

function field(obj: Record_, key: string, path: JsonPath): unknown {
  // Own properties only: `toString` or `__proto__` from the prototype must not count as present.
  if (!Object.prototype.hasOwnProperty.call(obj, key)) throw new ArchiveProblem([...path, key], 'missing');
  return obj[key];
}

export function str(obj: Record_, key: string, path: JsonPath): string {
  const value = field(obj, key, path);
  if (typeof value !== 'string') throw new ArchiveProblem([...path, key], 'expected a string');
  return value;
}

function id(obj: Record_, key: string, path: JsonPath): string {
  const value = str(obj, key, path);
  if (value.length === 0) throw new ArchiveProblem([...path, key], 'must not be empty');
  return value;
}

function strOrNull(obj: Record_, key: string, path: JsonPath): string | null {
  const value = field(obj, key, path);
  if (value !== null && typeof value !== 'string')
    throw new ArchiveProblem([...path, key], 'expected a string or null');
  return value;
}

function count(obj: Record_, key: string, path: JsonPath): number | null {
  const value = field(obj, key, path);
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ArchiveProblem([...path, key], 'expected a number ≥ 0 or null');
  return value;
}

function bool(obj: Record_, key: string, path: JsonPath): boolean {
  const value = field(obj, key, path);
  if (typeof value !== 'boolean') throw new ArchiveProblem([...path, key], 'expected true or false');
  return value;
}

function strings(obj: Record_, key: string, path: JsonPath): string[] {
  const here = [...path, key];
  return expectArray(field(obj, key, path), here).map((item, i) => {
    if (typeof item !== 'string') throw new ArchiveProblem([...here, i], 'expected a string');
    return item;
  });
}

function activity(obj: Record_, path: JsonPath): Activity {
  const here = [...path, 'activity'];
  const a = expectObject(field(obj, 'activity', path), here);
  return { raw: strOrNull(a, 'raw', here), date: strOrNull(a, 'date', here) };
}

export function thread(value: unknown, path: JsonPath): Thread {
  const t = expectObject(value, path);
  const sourcesPath = [...path, 'sources'];
  const sources = strings(t, 'sources', path).map((s, i) => {
    if (!(SOURCE_KINDS as readonly string[]).includes(s))
      throw new ArchiveProblem([...sourcesPath, i], `unknown source kind ${JSON.stringify(s)}`);
    return s as SourceKind;
  });
  const accepted =
    t['acceptedAnswer'] === undefined ? undefined : expectObject(t['acceptedAnswer'], [...path, 'acceptedAnswer']);
  return {
    id: id(t, 'id', path),
    fingerprint: str(t, 'fingerprint', path),
    titleKey: str(t, 'titleKey', path),
    title: str(t, 'title', path),
    ...(t['titleDerived'] !== undefined && bool(t, 'titleDerived', path) ? { titleDerived: true } : {}),
    url: strOrNull(t, 'url', path),
    ...(t['legacyMessageId'] !== undefined ? { legacyMessageId: str(t, 'legacyMessageId', path) } : {}),
    author: strOrNull(t, 'author', path),
    tags: strings(t, 'tags', path),
    inferredTags: strings(t, 'inferredTags', path),
    replies: count(t, 'replies', path),
    boosts: count(t, 'boosts', path),
    views: count(t, 'views', path),
    activity: activity(t, path),
    capturedAt: strOrNull(t, 'capturedAt', path),
    isResource: bool(t, 'isResource', path),
    ...(accepted
      ? {
          acceptedAnswer: {
            by: strOrNull(accepted, 'by', [...path, 'acceptedAnswer']),
            postId: strOrNull(accepted, 'postId', [...path, 'acceptedAnswer']),
          },
        }
      : {}),
    excerpt: str(t, 'excerpt', path),
    sources,
  };
}

export function post(value: unknown, path: JsonPath): Post {
  const p = expectObject(value, path);
  const index = field(p, 'index', path);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0)
    throw new ArchiveProblem([...path, 'index'], 'expected an integer ≥ 0');
  return {
    id: id(p, 'id', path),
    threadId: id(p, 'threadId', path),
    index,
    author: strOrNull(p, 'author', path),
    date: strOrNull(p, 'date', path),
    body: str(p, 'body', path),
    boosts: count(p, 'boosts', path),
    accepted: bool(p, 'accepted', path),
    ...(p['cut'] !== undefined && bool(p, 'cut', path) ? { cut: true } : {}),
  };
}

export function bookmark(value: unknown, path: JsonPath): Bookmark {
  const b = expectObject(value, path);
  const kind = str(b, 'kind', path);
  if (kind !== 'thread' && kind !== 'post')
    throw new ArchiveProblem([...path, 'kind'], `expected "thread" or "post", got ${JSON.stringify(kind)}`);
  return {
    targetId: id(b, 'targetId', path),
    threadId: id(b, 'threadId', path),
    kind,
    labels: strings(b, 'labels', path),
    createdAt: str(b, 'createdAt', path),
  };
}

export function note(value: unknown, path: JsonPath): Note {
  const n = expectObject(value, path);
  return {
    targetId: id(n, 'targetId', path),
    threadId: id(n, 'threadId', path),
    markdown: str(n, 'markdown', path),
    createdAt: str(n, 'createdAt', path),
    updatedAt: str(n, 'updatedAt', path),
  };
}

export function readState(value: unknown, path: JsonPath): ReadState {
  const r = expectObject(value, path);
  return { threadId: id(r, 'threadId', path), readAt: str(r, 'readAt', path) };
}

/** Each table's primary key must be unique, or restoring would silently drop rows. */
export function checkUnique<T>(items: readonly T[], key: (item: T) => string, table: string, keyName: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw new ArchiveProblem([table, i, keyName], `duplicate ${keyName} ${JSON.stringify(k)}`);
    seen.add(k);
  });
}
