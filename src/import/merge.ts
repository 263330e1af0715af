/**
 * Merging what an import brings with what is stored. Pure: the same rules serve the in-memory
 * store of the CLI and the Dexie store of the app.
 *
 * - the forum id wins over an `fp-` id (a listing entry upgraded by its thread page or feed item);
 * - counts, titles and bodies of the newer capture win; an older capture never overwrites them,
 *   and a count the source did not show (null) never overwrites a known one;
 * - a body that only extends the other (the same text, more of it or with its line breaks) wins
 *   whatever its age: a cut-off page does not shorten a whole post;
 * - posts are matched by forum post id, else by their place in the thread, never duplicated; a
 *   post whose id changes (`790377#2` becoming its forum id) is reported so user data can follow;
 * - explicit tags are a union; inferred tags are kept apart and never repeat an explicit one.
 */
import type { Post, Thread, ThreadRecord } from '../model';
import { authorFromSignature, betterAuthor } from './signature';

export type Change = 'added' | 'updated' | 'unchanged';

export const isForumId = (id: string) => !id.startsWith('fp-');
/** A post id the forum gave (not `threadId#index`). */
const isForumPostId = (id: string) => !id.includes('#');

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

/** -1: incoming is older, 0: same capture time (or both unknown), 1: incoming is newer. */
function compareCaptures(incoming: string | null, existing: string | null): -1 | 0 | 1 {
  if (incoming === existing) return 0;
  if (existing === null) return 1;
  if (incoming === null) return -1;
  return incoming > existing ? 1 : -1;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const lineBreaks = (s: string) => s.split('\n').length;

/**
 * Of two bodies of one post: the one that extends the other (the other is a cut-off or flattened
 * copy of it), else the newer capture's.
 */
export function pickBody(old: string, inc: string, incomingNewer: boolean): 'old' | 'incoming' {
  const a = flat(old);
  const b = flat(inc);
  if (b === '') return 'old';
  if (a === '') return 'incoming';
  if (a === b) return lineBreaks(inc) > lineBreaks(old) ? 'incoming' : 'old';
  if (a.startsWith(b)) return 'old';
  if (b.startsWith(a)) return 'incoming';
  return incomingNewer ? 'incoming' : 'old';
}

function mergePost(old: Post, post: Post, incomingNewer: boolean): Post {
  const body = pickBody(old.body, post.body, incomingNewer) === 'incoming' ? post : old;
  const merged: Post = {
    ...old,
    id: isForumPostId(post.id) ? post.id : old.id,
    author: betterAuthor(post.author, old.author),
    date: old.date ?? post.date,
    body: body.body,
    // Boosts are counts: the newer capture's win, as for the thread's.
    boosts: incomingNewer ? (post.boosts ?? old.boosts) : (old.boosts ?? post.boosts),
    accepted: old.accepted || post.accepted,
  };
  if (body.cut) merged.cut = true;
  else delete merged.cut;
  return merged;
}

function mergePosts(threadId: string, existing: Post[], incoming: Post[], incomingNewer: boolean): Post[] {
  const byIndex = new Map<number, Post>();
  for (const post of existing) byIndex.set(post.index, post);
  const indexOfForumId = new Map(existing.filter((p) => isForumPostId(p.id)).map((p) => [p.id, p.index]));
  for (const post of incoming) {
    // The same forum post may sit elsewhere in another capture's page order: its id finds it.
    const index = indexOfForumId.get(post.id) ?? post.index;
    const old = byIndex.get(index);
    const same = old !== undefined && (!isForumPostId(old.id) || !isForumPostId(post.id) || old.id === post.id);
    if (!old || !same) {
      byIndex.set(old ? Math.max(...byIndex.keys()) + 1 : index, { ...post, index });
      continue;
    }
    byIndex.set(index, mergePost(old, post, incomingNewer));
  }
  return [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      ...p,
      // Posts without a forum id are named after their thread: re-key them with it.
      id: isForumPostId(p.id) ? p.id : `${threadId}#${p.index}`,
      threadId,
    }));
}

/** Activity is the last activity: the later date wins; without dates, the newer capture's text. */
function laterActivity(old: Thread, inc: Thread, counts: Thread): Thread['activity'] {
  const [a, b] = [old.activity, inc.activity];
  if (a.date !== null && b.date !== null) return b.date > a.date ? b : a;
  if (counts.activity.raw !== null || counts.activity.date !== null) return counts.activity;
  return a.raw !== null || a.date !== null ? a : b;
}

/**
 * A thread page names the author; a listing only guesses from a signature in the question's text.
 * When the page shows the question unsigned, a guess that came from such a signature (a reply the
 * scrape glued to the question) is dropped rather than kept.
 */
function authorOf(old: Thread, inc: Thread, oldQuestion: string): string | null {
  if (!inc.sources.includes('thread-page')) return betterAuthor(old.author, inc.author);
  if (inc.author !== null) return betterAuthor(inc.author, old.author);
  const guessed = !old.sources.includes('thread-page') && authorFromSignature(oldQuestion) === old.author;
  return guessed ? null : old.author;
}

/**
 * Whether the question is a resource post: a thread page, which shows the question apart from its
 * replies, decides over a listing or feed; otherwise either saying so is enough.
 */
function resourceVerdict(old: Thread, inc: Thread): boolean {
  if (inc.sources.includes('thread-page')) return inc.isResource;
  if (old.sources.includes('thread-page')) return old.isResource;
  return old.isResource || inc.isResource;
}

/**
 * Whose counts to keep: the newer capture's. At the same capture time (files whose only date is
 * their modification time) a thread page's counts, which are the thread's own, beat a listing's.
 */
function countsFromIncoming(old: Thread, inc: Thread): boolean {
  const order = compareCaptures(inc.capturedAt, old.capturedAt);
  if (order !== 0) return order > 0;
  const pageOnly = (t: Thread) => t.sources.includes('thread-page');
  return !(pageOnly(old) && !pageOnly(inc));
}

/** The title: a real one over one made from the body, else the newer capture's. */
function titleFrom(old: Thread, inc: Thread, incomingNewer: boolean): Thread {
  if (Boolean(old.titleDerived) !== Boolean(inc.titleDerived)) return old.titleDerived ? inc : old;
  return incomingNewer ? inc : old;
}

function mergeThread(old: Thread, inc: Thread, id: string, posts: Post[], oldQuestion: string): Thread {
  const incomingNewer = countsFromIncoming(old, inc);
  const counts = incomingNewer ? inc : old;
  const named = titleFrom(old, inc, incomingNewer);
  const tags = union(old.tags, inc.tags);
  const oldHasBody = old.excerpt.trim() !== '';
  const accepted = inc.acceptedAnswer?.postId ? inc.acceptedAnswer : (old.acceptedAnswer ?? inc.acceptedAnswer);
  const legacyMessageId = old.legacyMessageId ?? inc.legacyMessageId;
  return {
    id,
    // A thread first seen without a body (a feed item) takes the fingerprint of the first body seen,
    // so that the listing entry brought later still finds it.
    fingerprint: oldHasBody ? old.fingerprint : inc.fingerprint,
    titleKey: named.titleKey,
    title: named.title,
    ...(named.titleDerived ? { titleDerived: true } : {}),
    url: inc.url ?? old.url,
    ...(legacyMessageId ? { legacyMessageId } : {}),
    author: authorOf(old, inc, oldQuestion),
    tags,
    inferredTags: union(old.inferredTags, inc.inferredTags).filter((t) => !tags.includes(t)),
    // Unknown (null) never overwrites a known count.
    replies: counts.replies ?? old.replies ?? inc.replies,
    boosts: counts.boosts ?? old.boosts ?? inc.boosts,
    views: counts.views ?? old.views ?? inc.views,
    activity: laterActivity(old, inc, counts),
    capturedAt: incomingNewer ? (inc.capturedAt ?? old.capturedAt) : old.capturedAt,
    isResource: resourceVerdict(old, inc),
    ...(accepted ? { acceptedAnswer: accepted } : {}),
    excerpt: (posts[0]?.body ?? old.excerpt).slice(0, 300),
    sources: union(old.sources, inc.sources),
  };
}

export interface MergeResult {
  record: ThreadRecord;
  change: Change;
  /** Post ids that changed (old → new): bookmarks and notes on those posts must follow. */
  movedPosts: Map<string, string>;
}

export function mergeRecords(existing: ThreadRecord | undefined, incoming: ThreadRecord): MergeResult {
  if (!existing) return { record: incoming, change: 'added', movedPosts: new Map() };
  const id = isForumId(incoming.thread.id) ? incoming.thread.id : existing.thread.id;
  const incomingNewer = countsFromIncoming(existing.thread, incoming.thread);
  const posts = mergePosts(id, existing.posts, incoming.posts, incomingNewer);
  const oldQuestion = existing.posts.find((p) => p.index === 0)?.body ?? existing.thread.excerpt;
  const record = { thread: mergeThread(existing.thread, incoming.thread, id, posts, oldQuestion), posts };
  const change = JSON.stringify(record) === JSON.stringify(existing) ? 'unchanged' : 'updated';
  const movedPosts = new Map<string, string>();
  const newIdAt = new Map(posts.map((p) => [p.index, p.id]));
  for (const old of existing.posts) {
    const now = newIdAt.get(old.index);
    if (now !== undefined && now !== old.id) movedPosts.set(old.id, now);
  }
  return { record: change === 'unchanged' ? existing : record, change, movedPosts };
}
