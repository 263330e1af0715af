/**
 * Markdown export of the user's notes: one file per thread with a note (front matter, the note,
 * the question quoted, a link back) plus an index, or everything in one digest file. Pure: the
 * platform decides where the files go (Electron writes a folder, the browser downloads).
 */
import type { Bookmark, Note, Post, Thread } from '../model';
import type { ExportFile } from './export-file';
import { frontMatter } from './front-matter';
import { blockquote, escapeMarkdown, inlineText, truncateText } from './markdown-text';
import { assignFileNames } from './safe-file-name';
import { compareText } from '../compare-text';

export interface NotesExportInput {
  threads: readonly Thread[];
  posts: readonly Post[];
  bookmarks: readonly Bookmark[];
  notes: readonly Note[];
}

export interface NotesExportOptions {
  /** ISO time written into the files; fixed by the caller so the output is deterministic. */
  exportedAt: string;
  /** Only these threads (those of them with notes); all threads with notes when absent. */
  threadIds?: readonly string[];
  /** One digest file instead of a file per thread plus an index. */
  digest?: boolean;
}

export const INDEX_FILE = 'ForumKB Notes.md';
export const DIGEST_FILE = 'ForumKB Notes Digest.md';

const EXCERPT_CHARS = 600;

/** Everything the export says about one thread. */
interface ThreadNotes {
  threadId: string;
  thread: Thread | undefined;
  title: string;
  threadNote: Note | undefined;
  postNotes: { note: Note; post: Post | undefined }[];
  question: Post | undefined;
  bookmarked: boolean;
  labels: string[];
}

const byString =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    compareText(key(a), key(b));

/** Items grouped by thread id, in input order; one pass, so large databases stay linear. */
function groupByThread<T extends { threadId: string }>(items: readonly T[], keep: (item: T) => boolean = () => true) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const group = groups.get(item.threadId);
    if (group) group.push(item);
    else groups.set(item.threadId, [item]);
  }
  return groups;
}

function collect(input: NotesExportInput, options: NotesExportOptions): ThreadNotes[] {
  const selected = options.threadIds ? new Set(options.threadIds) : null;
  const threads = new Map(input.threads.map((t) => [t.id, t]));
  const posts = new Map(input.posts.map((p) => [p.id, p]));
  const questions = new Map(input.posts.filter((p) => p.index === 0).map((p) => [p.threadId, p]));
  const bookmarksByThread = groupByThread(input.bookmarks);
  // An empty note is an editor that was opened and left: nothing to export.
  const notesByThread = groupByThread(
    input.notes,
    (note) => (!selected || selected.has(note.threadId)) && note.markdown.trim() !== '',
  );
  return [...notesByThread.entries()].map(([threadId, notes]) => {
    const thread = threads.get(threadId);
    const bookmarks = [...(bookmarksByThread.get(threadId) ?? [])].sort(byString((b) => b.targetId));
    const threadBookmark = bookmarks.find((b) => b.targetId === threadId);
    const labels = [...(threadBookmark?.labels ?? []), ...bookmarks.flatMap((b) => b.labels)];
    const postNotes = notes
      .filter((n) => n.targetId !== threadId)
      .map((note) => ({ note, post: posts.get(note.targetId) }))
      .sort(
        (a, b) =>
          (a.post?.index ?? Infinity) - (b.post?.index ?? Infinity) ||
          byString((x: Note) => x.targetId)(a.note, b.note),
      );
    return {
      threadId,
      thread,
      // A note can outlive its thread (re-import under a new id): still export it.
      title: thread && thread.title.trim() !== '' ? thread.title : `Thread ${threadId}`,
      threadNote: notes.find((n) => n.targetId === threadId),
      postNotes,
      question: questions.get(threadId),
      bookmarked: threadBookmark !== undefined,
      labels: [...new Set(labels)],
    };
  });
}

/** Obsidian tags allow letters, digits, `_`, `-` and `/`, and not only digits. */
function obsidianTag(tag: string): string | null {
  const slug = tag
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}_\-/]/gu, '');
  return slug && !/^\d+$/.test(slug) ? slug : null;
}

function threadTags(t: ThreadNotes): string[] {
  return t.thread ? [...new Set([...t.thread.tags, ...t.thread.inferredTags])] : [];
}

/** A Markdown link destination in `<…>` form, which allows spaces and parentheses. */
function destination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (ch) => encodeURIComponent(ch))}>`;
}

function linkBack(t: ThreadNotes): string {
  const url = t.thread?.url;
  // Only web links: a `javascript:` URL from a crafted archive must not become clickable.
  if (url && /^https?:\/\//i.test(url)) return `[View on the Apple Developer Forums](${destination(url)})`;
  return `[Open in ForumKB](${destination(`forumkb://thread/${encodeURIComponent(t.threadId)}`)})`;
}

function questionText(t: ThreadNotes): string {
  return t.question?.body || t.thread?.excerpt || '';
}

function quote(text: string, author: string | null | undefined): string {
  const body = blockquote(escapeMarkdown(truncateText(text, EXCERPT_CHARS)));
  return author ? `${body}\n>\n> — ${inlineText(author)}` : body;
}

function postHeading(entry: ThreadNotes['postNotes'][number]): string {
  const { post, note } = entry;
  if (!post) return `Note on post ${inlineText(note.targetId)}`;
  const what = post.index === 0 ? 'the question' : `reply ${post.index}`;
  return post.author ? `Note on ${what} by ${inlineText(post.author)}` : `Note on ${what}`;
}

/** The body shared by thread files and digest sections; `level` is the heading level inside. */
function body(t: ThreadNotes, level: number): string {
  const h = '#'.repeat(level);
  const parts: string[] = [];
  if (t.threadNote) parts.push(t.threadNote.markdown.trim());
  const question = questionText(t);
  if (question.trim()) parts.push(`${h} Question\n\n${quote(question, t.question?.author ?? t.thread?.author)}`);
  for (const entry of t.postNotes) {
    const excerpt = entry.post && entry.post.index !== 0 ? `\n\n${quote(entry.post.body, null)}` : '';
    parts.push(`${h} ${postHeading(entry)}${excerpt}\n\n${entry.note.markdown.trim()}`);
  }
  parts.push(linkBack(t));
  return parts.join('\n\n');
}

function threadFile(t: ThreadNotes, exportedAt: string): string {
  const tags = threadTags(t);
  const head = frontMatter({
    title: t.title,
    forum_url: t.thread?.url ?? null,
    thread_id: t.threadId,
    tags: [...new Set(tags.map(obsidianTag).filter((x): x is string => x !== null))],
    // Apart, as the reader shows them: the forum's own tags, and those ForumKB inferred.
    forum_tags: t.thread?.tags ?? [],
    inferred_tags: t.thread ? t.thread.inferredTags.filter((tag) => !t.thread!.tags.includes(tag)) : [],
    author: t.thread?.author ?? null,
    bookmarked: t.bookmarked,
    labels: t.labels,
    exported_at: exportedAt,
  });
  return `${head}\n# ${inlineText(t.title)}\n\n${body(t, 2)}\n`;
}

/** Relative link to a sibling file; percent-encoded so Obsidian, GitHub and editors all follow it. */
function fileLink(title: string, file: string): string {
  return `[${inlineText(title)}](${encodeURIComponent(file)})`;
}

function summary(t: ThreadNotes): string {
  const bits = [t.bookmarked ? 'bookmarked' : '', ...t.labels.map((l) => inlineText(l))].filter(Boolean);
  return bits.length ? ` — ${bits.join(', ')}` : '';
}

function byTitle(a: ThreadNotes, b: ThreadNotes): number {
  return compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.threadId, b.threadId);
}

function header(title: string, exportedAt: string, count: number): string {
  const what = count === 0 ? 'No notes to export.' : `${count} thread${count === 1 ? '' : 's'} with notes.`;
  return `${frontMatter({ title, exported_at: exportedAt })}\n# ${title}\n\n${what} Exported from ForumKB.\n`;
}

function digestFile(threads: ThreadNotes[], exportedAt: string): ExportFile {
  const sections = threads.map((t) => {
    const meta = [
      t.thread?.author ? `Author: ${inlineText(t.thread.author)}` : '',
      threadTags(t).length ? `Tags: ${threadTags(t).map(inlineText).join(', ')}` : '',
      t.bookmarked ? 'Bookmarked' : '',
      t.labels.length ? `Labels: ${t.labels.map(inlineText).join(', ')}` : '',
    ].filter(Boolean);
    const metaLine = meta.length ? `${meta.join(' · ')}\n\n` : '';
    return `## ${inlineText(t.title)}\n\n${metaLine}${body(t, 3)}\n`;
  });
  const content = [header('ForumKB Notes', exportedAt, threads.length), ...sections].join('\n---\n\n');
  return { path: DIGEST_FILE, content };
}

/** The export's files; the same input and options always give the same files, byte for byte. */
export function exportNotes(input: NotesExportInput, options: NotesExportOptions): ExportFile[] {
  const threads = collect(input, options).sort(byTitle);
  if (options.digest) return [digestFile(threads, options.exportedAt)];
  const names = assignFileNames(
    threads.map((t) => ({ id: t.threadId, title: t.title })),
    '.md',
    [INDEX_FILE, DIGEST_FILE],
  );
  const index = [
    header('ForumKB Notes', options.exportedAt, threads.length),
    ...threads.map((t) => `- ${fileLink(t.title, names.get(t.threadId)!)}${summary(t)}`),
  ].join('\n');
  const files = threads
    .map((t) => ({ path: names.get(t.threadId)!, content: threadFile(t, options.exportedAt) }))
    .sort(byString((f) => f.path));
  return [{ path: INDEX_FILE, content: `${index}\n` }, ...files];
}
