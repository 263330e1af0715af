/**
 * Merging what an import brings with what is stored. Pure: the same rules serve the in-memory
 * store of the CLI and the Dexie store of the app.
 */
import type { Post, Thread, ThreadRecord } from '../model';

export type Change = 'added' | 'updated' | 'unchanged';

const isForumId = (id: string) => !id.startsWith('fp-');

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function newerOrSame(incoming: string | null, existing: string | null): boolean {
  if (existing === null) return true;
  if (incoming === null) return false;
  return incoming >= existing;
}

function mergePosts(threadId: string, existing: Post[], incoming: Post[]): Post[] {
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
      author: old.author ?? post.author,
      date: old.date ?? post.date,
      body: richer.body,
      boosts: post.boosts ?? old.boosts,
      accepted: old.accepted || post.accepted,
    });
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index).map((p) => ({ ...p, threadId }));
}

function mergeThread(old: Thread, inc: Thread, id: string, posts: Post[]): Thread {
  const countsFromIncoming = newerOrSame(inc.capturedAt, old.capturedAt);
  const counts = countsFromIncoming ? inc : old;
  const tags = union(old.tags, inc.tags);
  return {
    id,
    fingerprint: old.fingerprint,
    title: isForumId(inc.id) ? inc.title : old.title,
    url: inc.url ?? old.url,
    author: old.author ?? inc.author,
    tags,
    inferredTags: union(old.inferredTags, inc.inferredTags).filter((t) => !tags.includes(t)),
    replies: counts.replies ?? old.replies ?? inc.replies,
    boosts: counts.boosts ?? old.boosts ?? inc.boosts,
    views: counts.views ?? old.views ?? inc.views,
    activity: counts.activity.raw !== null ? counts.activity : old.activity,
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
  const posts = mergePosts(id, existing.posts, incoming.posts);
  const record = { thread: mergeThread(existing.thread, incoming.thread, id, posts), posts };
  const change = JSON.stringify(record) === JSON.stringify(existing) ? 'unchanged' : 'updated';
  return { record: change === 'unchanged' ? existing : record, change };
}
