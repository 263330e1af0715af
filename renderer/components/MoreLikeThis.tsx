import { useEffect, useState } from 'react';
import { threadHash } from '../../src/bridge/forumkb-link';
import type { Thread } from '../../src/model';
import { dataApi, useWatch } from '../data/data-client';

const RELATED_DELAY_MS = 250;

/**
 * "More like this" under a thread: threads sharing its rarest terms, error codes (with their
 * symbols and messages) and API names, from the search worker. Nothing shows while none share any.
 */
export function MoreLikeThis({ threadId }: { threadId: string }) {
  const version = useWatch({ kind: 'indexVersion' });
  const [related, setRelated] = useState<{ threadId: string; results: Thread[] } | null>(null);

  useEffect(() => {
    let current = true;
    if (version === undefined) return;
    // Asked once the thread has been shown a moment: moving on through the list (j, j, j) asks
    // nothing, and the worker is free to open the next thread.
    const timer = setTimeout(() => {
      dataApi()
        .related(threadId, 5)
        .then((answer) => current && setRelated({ threadId, results: answer.rows }))
        // Related threads are a convenience: a failed lookup shows none rather than an error.
        .catch(() => current && setRelated({ threadId, results: [] }));
    }, RELATED_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [threadId, version]);

  const results = related?.threadId === threadId ? related.results : [];
  if (results.length === 0) return null;
  return (
    <nav className="more-like-this" aria-label="More like this">
      <h2>More like this</h2>
      <ul>
        {results.map((r) => (
          <li key={r.id}>
            <a href={threadHash(r.id)}>{r.title}</a>
            {r.tags.length > 0 && <span className="muted"> · {r.tags.slice(0, 2).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}
