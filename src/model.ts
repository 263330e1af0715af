/** The domain model shared by the importers, the database, search and the UI. */

export interface Activity {
  /** What the page showed, e.g. `3w` or `Jun ’25`. */
  raw: string | null;
  /** ISO-8601 approximation of `raw`, relative to the capture time. */
  date: string | null;
}

export interface Post {
  /** Forum post id when known, otherwise `${threadId}#${index}`. */
  id: string;
  threadId: string;
  /** 0 is the question; replies follow in page order. */
  index: number;
  author: string | null;
  date: string | null;
  body: string;
  boosts: number | null;
  accepted: boolean;
}

export type SourceKind = 'listing' | 'thread-page' | 'feed' | 'archive';

export interface Thread {
  /** Forum id (digits) when known, otherwise `fp-` + a fingerprint of title and body start. */
  id: string;
  /** `fp-…` hash of title and question start: how a listing entry is recognised again later. */
  fingerprint: string;
  /** Normalised title: how a feed item (a title, maybe a summary) finds the thread a listing brought. */
  titleKey: string;
  title: string;
  url: string | null;
  author: string | null;
  /** Tags the forum itself gave the thread (feeds, thread pages, tag listings). */
  tags: string[];
  /** Tags ForumKB inferred from title and body; kept apart so the UI can tell them apart. */
  inferredTags: string[];
  replies: number | null;
  boosts: number | null;
  views: number | null;
  activity: Activity;
  /** When the counts were true: the scrape time. */
  capturedAt: string | null;
  /** A resource post: a long post by Apple DTS (Quinn's above all) that starts the thread. */
  isResource: boolean;
  /** Start of the question, for list rows. */
  excerpt: string;
  sources: SourceKind[];
}

export interface ThreadRecord {
  thread: Thread;
  posts: Post[];
}

export interface ImportWarning {
  file: string;
  line: number | null;
  message: string;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export function emptyReport(): ImportReport {
  return { added: 0, updated: 0, unchanged: 0, skipped: 0 };
}

/* User data: kept in tables of its own, keyed by thread/post ids, so re-imports never touch it. */

export interface Bookmark {
  /** The bookmarked thread or post id (post ids contain `#` or are forum post ids). */
  targetId: string;
  threadId: string;
  kind: 'thread' | 'post';
  labels: string[];
  createdAt: string;
}

export interface Note {
  /** One note a thread (targetId = thread id) or a post (targetId = post id). */
  targetId: string;
  threadId: string;
  markdown: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReadState {
  threadId: string;
  readAt: string;
}
