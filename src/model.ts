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
  /** The capture ended inside this post (a cut-off page): its text goes on beyond `body`. */
  cut?: boolean;
}

/** What a page says about the accepted answer (`Answered by X in NNN`), even when its text is missing. */
export interface AcceptedAnswer {
  /** The name or role the page gives (`DTS Engineer`, `Systems Engineer`, a user name). */
  by: string | null;
  /** Its forum post id, when the page shows it whole. */
  postId: string | null;
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
  /** The page had no title line: `title` was made from the question's first words. */
  titleDerived?: boolean;
  url: string | null;
  /**
   * The old forum's `/message/NNN` address the page was saved from: a post id, not the thread's id
   * (which the page did not give, so the thread keeps a fingerprint id).
   */
  legacyMessageId?: string;
  author: string | null;
  /** Tags the forum itself gave the thread (feeds, thread pages, tag listings). */
  tags: string[];
  /** Tags ForumKB inferred from title and body; kept apart so the UI can tell them apart. */
  inferredTags: string[];
  /** Counts as the forum showed them; null when the source did not show one (never a guessed 0). */
  replies: number | null;
  boosts: number | null;
  views: number | null;
  activity: Activity;
  /** When the counts were true: the scrape time. */
  capturedAt: string | null;
  /** A resource post: a long post by Apple DTS (Quinn's above all) that starts the thread. */
  isResource: boolean;
  /** The page marks an accepted answer; set even when the answer's own text was not captured. */
  acceptedAnswer?: AcceptedAnswer;
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
