/**
 * Writes a ForumKB archive. Output is canonical: rows sorted by key, fields in a fixed order, so
 * the same database always gives byte-identical text (diffable backups, stable tests).
 */
import type { Bookmark, Note, Post, ReadState, Thread } from '../model';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive } from './archive-format';
import { compareText } from '../compare-text';

/** What goes into an archive; format and version are added here. */
export type ArchiveContents = Omit<Archive, 'format' | 'version'>;

function sorted<T>(items: readonly T[], ...keys: ((item: T) => string | number)[]): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const a = key(x);
      const b = key(y);
      const order = typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
      if (order !== 0) return order;
    }
    return 0;
  });
}

// Each row is rebuilt field by field: key order in the output must not depend on how the row
// was created (Dexie returns whatever order the object had when stored).
const threadRow = (t: Thread): Thread => ({
  id: t.id,
  fingerprint: t.fingerprint,
  titleKey: t.titleKey,
  title: t.title,
  // Optional fields are written only when set, so archives of threads without them do not change.
  ...(t.titleDerived ? { titleDerived: true } : {}),
  url: t.url,
  ...(t.legacyMessageId ? { legacyMessageId: t.legacyMessageId } : {}),
  author: t.author,
  tags: [...t.tags],
  inferredTags: [...t.inferredTags],
  replies: t.replies,
  boosts: t.boosts,
  views: t.views,
  activity: { raw: t.activity.raw, date: t.activity.date },
  capturedAt: t.capturedAt,
  isResource: t.isResource,
  ...(t.acceptedAnswer ? { acceptedAnswer: { by: t.acceptedAnswer.by, postId: t.acceptedAnswer.postId } } : {}),
  excerpt: t.excerpt,
  sources: [...t.sources],
});

const postRow = (p: Post): Post => ({
  id: p.id,
  threadId: p.threadId,
  index: p.index,
  author: p.author,
  date: p.date,
  body: p.body,
  boosts: p.boosts,
  accepted: p.accepted,
  ...(p.cut ? { cut: true } : {}),
});

const bookmarkRow = (b: Bookmark): Bookmark => ({
  targetId: b.targetId,
  threadId: b.threadId,
  kind: b.kind,
  labels: [...b.labels],
  createdAt: b.createdAt,
});

const noteRow = (n: Note): Note => ({
  targetId: n.targetId,
  threadId: n.threadId,
  markdown: n.markdown,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

const readStateRow = (r: ReadState): ReadState => ({ threadId: r.threadId, readAt: r.readAt });

/** The archive as canonical JSON text (two-space indent, trailing newline). */
export function encodeArchive(data: ArchiveContents): string {
  const archive: Archive = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: data.exportedAt,
    threads: sorted(data.threads, (t) => t.id).map(threadRow),
    posts: sorted(
      data.posts,
      (p) => p.threadId,
      (p) => p.index,
      (p) => p.id,
    ).map(postRow),
    bookmarks: sorted(
      data.bookmarks,
      (b) => b.threadId,
      (b) => b.targetId,
    ).map(bookmarkRow),
    notes: sorted(
      data.notes,
      (n) => n.threadId,
      (n) => n.targetId,
    ).map(noteRow),
    readState: sorted(data.readState, (r) => r.threadId).map(readStateRow),
  };
  return `${JSON.stringify(archive, null, 2)}\n`;
}
