/**
 * Merging what an import brings with what is stored. Pure: the same rules serve the in-memory
 * store of the CLI and the Dexie store of the app.
 *
 * - the forum id wins over an `fp-` id (a listing entry upgraded by its thread page or feed item);
 * - newer counts win (by capture time); richer (longer) bodies win;
 * - posts are merged by their place in the thread, never duplicated;
 * - explicit tags are a union; inferred tags are kept apart and never repeat an explicit one.
 */
import type { Post, Thread, ThreadRecord } from '../model';
import { betterAuthor } from './signature';

export type Change = 'added' | 'updated' | 'unchanged';

export const isForumId = (id: string) => !id.startsWith('fp-');

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function newerOrSame(incoming: string | null, existing: string | null): boolean {
  if (existing === null) return true;
  if (incoming === null) return false;
  return incoming >= existing;
}

function mergePosts(threadId: string, existing: Post[], incoming: Post[], incomingNewer: boolean): Post[] {
  const byIndex = new Map<number, Post>();
  for (const post of existing) byIndex.set(post.index, post);
  for (const post of incoming) {
    const old = byIndex.get(post.index);
    if (!old) {
      byIndex.set(post.index, post);
      continue;
    }
    const richer = post.body.length > old.body.length ? post : old;
    byIndex.set(post.index, {
      ...old,
      id: isForumId(post.id.split('#')[0]!) ? post.id : old.id,
      author: betterAuthor(post.author, old.author),
      date: old.date ?? post.date,
      body: richer.body,
      // Boosts are counts: the newer capture's win, as for the thread's.
      boosts: incomingNewer ? (post.boosts ?? old.boosts) : (old.boosts ?? post.boosts),
      accepted: old.accepted || post.accepted,
    });
  }
  return [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      ...p,
      // Posts without a forum id are named after their thread: re-key them with it.
      id: isForumId(p.id.split('#')[0]!) ? p.id : `${threadId}#${p.index}`,
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

/** A thread page names the author; a listing only guesses from a signature. */
function authorOf(old: Thread, inc: Thread): string | null {
  if (inc.sources.includes('thread-page')) return betterAuthor(inc.author, old.author);
  return betterAuthor(old.author, inc.author);
}

function mergeThread(old: Thread, inc: Thread, id: string, posts: Post[]): Thread {
  const countsFromIncoming = newerOrSame(inc.capturedAt, old.capturedAt);
  const counts = countsFromIncoming ? inc : old;
  const tags = union(old.tags, inc.tags);
  const oldHasBody = old.excerpt.trim() !== '';
  return {
    id,
    // A thread first seen without a body (a feed item) takes the fingerprint of the first body seen,
    // so that the listing entry brought later still finds it.
    fingerprint: oldHasBody ? old.fingerprint : inc.fingerprint,
    titleKey: isForumId(inc.id) ? inc.titleKey : old.titleKey,
    title: isForumId(inc.id) ? inc.title : old.title,
    url: inc.url ?? old.url,
    author: authorOf(old, inc),
    tags,
    inferredTags: union(old.inferredTags, inc.inferredTags).filter((t) => !tags.includes(t)),
    replies: counts.replies ?? old.replies ?? inc.replies,
    boosts: counts.boosts ?? old.boosts ?? inc.boosts,
    views: counts.views ?? old.views ?? inc.views,
    activity: laterActivity(old, inc, counts),
    capturedAt: countsFromIncoming ? inc.capturedAt : old.capturedAt,
    isResource: old.isResource || inc.isResource,
    excerpt: (posts[0]?.body ?? old.excerpt).slice(0, 300),
    sources: union(old.sources, inc.sources),
  };
}

export function mergeRecords(
  existing: ThreadRecord | undefined,
  incoming: ThreadRecord,
): { record: ThreadRecord; change: Change } {
  if (!existing) return { record: incoming, change: 'added' };
  const id = isForumId(incoming.thread.id) ? incoming.thread.id : existing.thread.id;
  const incomingNewer = newerOrSame(incoming.thread.capturedAt, existing.thread.capturedAt);
  const posts = mergePosts(id, existing.posts, incoming.posts, incomingNewer);
  const record = { thread: mergeThread(existing.thread, incoming.thread, id, posts), posts };
  const change = JSON.stringify(record) === JSON.stringify(existing) ? 'unchanged' : 'updated';
  return { record: change === 'unchanged' ? existing : record, change };
}
