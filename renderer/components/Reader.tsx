import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/database';
import { formatCount, formatDate } from '../app/format';

export function Reader({ threadId }: { threadId: string | null }) {
  const data = useLiveQuery(async () => {
    if (!threadId) return null;
    const thread = await db.threads.get(threadId);
    const posts = await db.posts.where('threadId').equals(threadId).sortBy('index');
    return thread ? { thread, posts } : null;
  }, [threadId]);
  if (!data) return <p className="empty">Select a thread to read it.</p>;
  const { thread, posts } = data;
  return (
    <article className="reader" aria-label={thread.title}>
      <h1>{thread.title}</h1>
      <p className="reader-meta">
        {thread.author ?? 'Unknown author'} · {formatCount(thread.replies)} replies · {formatCount(thread.boosts)}{' '}
        boosts · {formatCount(thread.views)} views (as of {formatDate(thread.capturedAt)}) · active{' '}
        {thread.activity.raw ?? '–'}
      </p>
      <p className="reader-tags">
        {thread.tags.map((t) => (
          <span key={t} className="tag tag-explicit">
            {t}
          </span>
        ))}
        {thread.inferredTags.map((t) => (
          <span key={t} className="tag tag-inferred" title="Inferred by ForumKB">
            {t}
          </span>
        ))}
      </p>
      {posts.map((p) => (
        <section key={p.id} className="post">
          <p className="post-body">{p.body}</p>
        </section>
      ))}
    </article>
  );
}
