/**
 * Reads a ForumKB archive from untrusted text. Every problem becomes an ImportError naming the
 * file and, where it can be found, the line.
 */
import { ImportError } from '../import/import-error';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive } from './archive-format';
import {
  ArchiveProblem,
  bookmark,
  checkUnique,
  expectArray,
  expectObject,
  note,
  post,
  readState,
  str,
  thread,
} from './archive-validate';
import { findJsonSyntaxProblem, lineAt, lineOfPath } from './json-locate';

function table<T>(
  root: Record<string, unknown>,
  name: string,
  check: (value: unknown, path: (string | number)[]) => T,
): T[] {
  if (!Object.prototype.hasOwnProperty.call(root, name)) throw new ArchiveProblem([name], 'missing');
  return expectArray(root[name], [name]).map((item, i) => check(item, [name, i]));
}

function checkHeader(root: Record<string, unknown>): void {
  if (root.format !== ARCHIVE_FORMAT)
    throw new ArchiveProblem(['format'], `not a ForumKB archive (format is not "${ARCHIVE_FORMAT}")`);
  const version = root.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ArchiveProblem(['version'], 'expected a version number');
  // A newer archive may hold data this version would silently drop: refuse rather than lose it.
  if (version > ARCHIVE_VERSION)
    throw new ArchiveProblem(
      ['version'],
      `archive version ${version} is newer than this ForumKB (it reads version ${ARCHIVE_VERSION}); update ForumKB to open it`,
    );
}

function validate(parsed: unknown): Archive {
  const root = expectObject(parsed, []);
  checkHeader(root);
  const archive: Archive = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: str(root, 'exportedAt', []),
    threads: table(root, 'threads', thread),
    posts: table(root, 'posts', post),
    bookmarks: table(root, 'bookmarks', bookmark),
    notes: table(root, 'notes', note),
    readState: table(root, 'readState', readState),
  };
  checkUnique(archive.threads, (t) => t.id, 'threads', 'id');
  checkUnique(archive.posts, (p) => p.id, 'posts', 'id');
  checkUnique(archive.bookmarks, (b) => b.targetId, 'bookmarks', 'targetId');
  checkUnique(archive.notes, (n) => n.targetId, 'notes', 'targetId');
  checkUnique(archive.readState, (r) => r.threadId, 'readState', 'threadId');
  // Posts are forum content and belong to a thread; user data (bookmarks, notes) may outlive its
  // thread (e.g. after an id upgrade) and is kept rather than lost.
  const threadIds = new Set(archive.threads.map((t) => t.id));
  archive.posts.forEach((p, i) => {
    if (!threadIds.has(p.threadId))
      throw new ArchiveProblem(['posts', i, 'threadId'], `post of unknown thread ${JSON.stringify(p.threadId)}`);
  });
  return archive;
}

/** Parses and validates archive text; `file` names the source in errors. */
export function decodeArchive(text: string, file: string): Archive {
  // A UTF-8 byte order mark is common from Windows editors and harmless.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    if (problem) throw new ImportError(file, lineAt(body, problem.offset), `not valid JSON: ${problem.message}`);
    throw new ImportError(file, null, `not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validate(parsed);
  } catch (error) {
    if (!(error instanceof ArchiveProblem)) throw error;
    throw new ImportError(file, lineOfPath(body, error.path), error.message);
  }
}
