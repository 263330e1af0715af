/**
 * The contract between the UI thread and the data worker: every request the UI can make of the
 * data (the database, the importers, the merge, the search index, the user's own data), with its
 * result. The worker implements it (renderer/data/data-engine.ts); the UI calls it through Comlink
 * (renderer/data/data-client.ts). One contract for the Electron and the web build.
 *
 * Callbacks (progress, live updates) cross as Comlink proxies; results are plain structured-clone
 * data. Nothing here returns every thread: lists come as ids, rows as pages.
 */
import type { PackedIds } from './packed-ids';
import type { ImportProgress, ImportResult } from '../import/import-files';
import type { Bookmark, ImportWarning, Note, Post, Thread, ThreadRecord } from '../model';
import type { ErrorCodeInfo } from '../search/error-codes';
import type { ExportFile } from '../export/export-file';
import type { RestoredCounts } from '../user-data/merge-user-data';
import type { CaptureAnswer } from '../import/capture-format';

/** A file to import, as bytes: a browser File or Blob, or bytes main read from disk. */
export interface SourceFile {
  name: string;
  /** A MessagePort: a file main streams, a chunk per pull (src/bridge/port-stream.ts). */
  data: Blob | Uint8Array | string | MessagePort;
  /** Bytes, when `data` is a stream (else its own size counts). */
  size?: number | null;
  /** Known capture time (bundled fixtures, the clipper); otherwise `modifiedAt` is used. */
  capturedAt: string | null;
  modifiedAt: string | null;
  /** Set when the file could not be read (main names why): it is reported, the others go in. */
  readError?: string;
}

/** A capture as main parsed it. */
export interface CapturedFile {
  file: string;
  kind: string;
  records: ThreadRecord[];
  warnings: ImportWarning[];
}

export interface ImportSummary extends ImportResult {
  /** Set when the user stopped the import: files written before it stay. */
  cancelled?: boolean;
  /**
   * Why the import stopped before its end when it did not finish (the worker stopped answering,
   * or failed): `report` then counts only what was stored before it stopped.
   */
  stopped?: string;
  /** What backups in the import brought back (absent when no file had user data). */
  restored?: RestoredCounts;
}

export type { ImportProgress };

export type View =
  { kind: 'all' } | { kind: 'bookmarks'; label: string | null } | { kind: 'resources' } | { kind: 'notes' };

export type SortKey = 'relevance' | 'activity' | 'views' | 'replies' | 'boosts';

export interface ListQuery {
  view: View;
  /** A thread must carry all of these tags (forum's or inferred). */
  tags: string[];
  sort: SortKey;
}

/** Labels to add to a bookmark and labels to take off it (by name, any case), applied to what is stored. */
export interface LabelEdit {
  add?: readonly string[];
  remove?: readonly string[];
}

export interface ListState {
  /** Every thread id of the list, in order (or the first screenful while `complete` is false), packed (read them with `IdList`). */
  ids: PackedIds;
  /**
   * How many threads the list has in all; null while only the first screen is known and not yet
   * its count (counting a million threads in IndexedDB takes over a second: the rows paint first).
   */
  total: number | null;
  complete: boolean;
  /** The rows of the first screenful of `ids`, so the list paints without another round trip. */
  rows: Thread[];
}

export interface Highlight {
  text: string;
  ranges: [number, number][];
}

export interface SearchHitInfo {
  id: string;
  title?: Highlight;
  snippet?: Highlight;
}

export interface SearchAnswer {
  /** Ids of the hits in the requested sort (relevance: best first). */
  ids: string[];
  hits: SearchHitInfo[];
  total: number;
  codes: ErrorCodeInfo[];
  relaxed: boolean;
  warnings: string[];
  /** The view or tags the search ran inside (`Bookmarks`), or null for all threads. */
  scope: string | null;
  /** Why the query has no answer (`is:unanswered` is not an operator), or null. */
  error: string | null;
  /** The rows of the first screenful of `ids`. */
  rows: Thread[];
}

export interface SearchRequest {
  sort: SortKey;
  /** One page: the rows on screen and the next screenful; the next page is asked for on scrolling. */
  limit: number;
  offset?: number;
  /** The last word is still being typed (prefix match); default true. */
  typing?: boolean;
  /** The selected view or tags: the search runs inside them (`{ label: 'Bookmarks', query: 'is:bookmarked' }`). */
  scope?: { label: string; query: string } | null;
}

export interface TagCount {
  tag: string;
  count: number;
  /** Threads where the forum itself gave the tag (the rest had it inferred by ForumKB). */
  explicit: number;
}

export interface OpenThread {
  thread: Thread | null;
  posts: Post[];
  /** Targets with a note: the thread's own note and its posts' notes. */
  noteIds: string[];
}

/**
 * Threads read ahead (`openAhead`), as of the worker's read-ahead `generation`: every write to
 * threads, posts or notes starts a new one, so a thread kept from an older generation may be older
 * than what is stored.
 */
export interface ReadAhead {
  generation: number;
  threads: OpenThread[];
}

export interface BookmarkTarget {
  threadId: string;
  /** A post id to bookmark one post; absent for the whole thread. */
  postId?: string;
}

/** What the UI can watch: the worker sends the answer now and again after every change to it. */
export type Watch =
  | { kind: 'threadCount' }
  | { kind: 'tagCounts' }
  | { kind: 'list'; query: ListQuery }
  /**
   * `shown`: the read-ahead generation of the copy the UI already shows (`ReadAhead`); the worker
   * sends the thread only once it differs from that copy.
   */
  | { kind: 'thread'; id: string; shown?: number | null }
  | { kind: 'note'; targetId: string }
  | { kind: 'bookmarks' }
  | { kind: 'notes' }
  | { kind: 'readIds' }
  | { kind: 'labelCounts' }
  /** Bumped whenever the search index changed: open searches run again. */
  | { kind: 'indexVersion' };

export interface WatchResults {
  threadCount: number;
  tagCounts: TagCount[];
  list: ListState;
  thread: OpenThread;
  note: Note | null;
  bookmarks: Bookmark[];
  notes: Note[];
  readIds: string[];
  labelCounts: [label: string, count: number][];
  indexVersion: number;
}

/**
 * What the UI posts on the watch port, a batch at a time (every change of one React commit in one
 * message): open a watch under a key of its choosing, or close one.
 */
export type WatchRequest = { open: number; watch: Watch } | { close: number };

/** What the worker posts on the watch port: the answer of the watch the UI opened as `key`. */
export interface WatchMessage {
  key: number;
  result: WatchResults[Watch['kind']] | { error: string };
}

export interface IndexStatus {
  threads: number;
  segments: string[];
}

export interface DataApi {
  /** Opens the database; `needsSeed` on a first start (the bundled samples were never imported). */
  open(): Promise<{ needsSeed: boolean }>;
  /**
   * The one way data comes in: files from the picker, a drop, main's dialog, the bundled seed, or
   * a capture from the clipper. Parsed here, streamed in batches when large; `onProgress` is
   * called as threads are written; `cancel(importId)` stops it.
   */
  importFiles(
    importId: number,
    files: SourceFile[],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportSummary>;
  /** Stops that import between batches; the file being written whole is rolled back. */
  cancelImport(importId: number): void;
  /**
   * A clipper capture main already parsed: merged and stored like any file (one transaction),
   * indexed, and answered with what changed, thread by thread.
   */
  storeCapture(capture: CapturedFile): Promise<{ answer: CaptureAnswer; summary: ImportSummary }>;
  /** Imports the bundled sample files and remembers it: deleting them later does not bring them back. */
  importSeed(files: SourceFile[]): Promise<ImportSummary>;

  /**
   * The port of every live answer: the UI posts `WatchRequest[]` on it, the worker answers each
   * open watch now and after every change as a `WatchMessage`, until it is closed. One channel for
   * all of them: opening a thread costs one message each way, not a call and a proxy per watch.
   */
  connectWatches(port: MessagePort): void;

  /** The rows of these threads, in the same order (null for one deleted meanwhile). */
  rows(ids: string[]): Promise<(Thread | null)[]>;
  /**
   * Reads these threads with their posts ahead of a click (the rows on screen) and sends them:
   * opening one then shows it at once, from the UI's own memory.
   */
  openAhead(ids: string[]): Promise<ReadAhead>;
  thread(id: string): Promise<Thread | null>;

  /** One page of results for the query, in the list's sort, with the total. */
  search(query: string, options: SearchRequest): Promise<SearchAnswer>;
  /**
   * A search is coming (the search box took the focus): an import's long write under way is given
   * up and its writes go short now, as they do while the user searches, so that the first key's
   * search does not wait for a long one.
   */
  searchComing(): void;
  /** "More like this": threads sharing this thread's rare terms, codes and API names; itself left out. */
  related(threadId: string, limit?: number): Promise<SearchAnswer>;
  indexStatus(): Promise<IndexStatus>;
  /** Indexes every stored thread again from scratch. */
  rebuildIndex(): Promise<IndexStatus>;

  toggleBookmark(target: BookmarkTarget, labels?: string[]): Promise<boolean>;
  /** Adds and removes labels against the stored ones, atomically; null when the target is not bookmarked. */
  editLabels(targetId: string, edit: LabelEdit): Promise<string[] | null>;
  bookmarkAllResources(labels?: string[]): Promise<number>;
  saveNote(target: BookmarkTarget, markdown: string): Promise<Note | null>;
  /** Saves only if the stored note is still `expected`; else returns the stored text, saving nothing. */
  saveNoteIfUnchanged(
    target: BookmarkTarget,
    expected: string,
    markdown: string,
  ): Promise<{ saved: boolean; stored: string }>;
  /** An edit a closed window left unsaved: stored over `base`, or kept beside a newer note. */
  recoverNote(target: BookmarkTarget, base: string, markdown: string): Promise<boolean>;
  recoverLabel(targetId: string, label: string): Promise<boolean>;
  markRead(threadId: string): Promise<void>;
  markUnread(threadId: string): Promise<void>;

  backupFile(): Promise<ExportFile>;
  notesExportFiles(options?: { threadIds?: string[]; digest?: boolean }): Promise<ExportFile[]>;
}

export type { ImportWarning };
