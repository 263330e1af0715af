import { useEffect, useState } from 'react';
import { threadHash } from '../../src/bridge/forumkb-link';
import type { SearchResult } from '../../src/search/segmented-index';
import { searchClient, useIndexVersion } from '../search/search-instance';

/**
 * "More like this" under a thread: threads sharing its rarest terms, error codes (with their
 * symbols and messages) and API names, from the search worker. Nothing shows while none share any.
 */
export function MoreLikeThis({ threadId }: { threadId: string }) {
  const version = useIndexVersion((s) => s.version);
  const [related, setRelated] = useState<{ threadId: string; results: SearchResult[] } | null>(null);

  useEffect(() => {
    let current = true;
    searchClient()
      .related(threadId, 5)
      .then((response) => current && setRelated({ threadId, results: response.results }))
      // Related threads are a convenience: a failed lookup shows none rather than an error.
      .catch(() => current && setRelated({ threadId, results: [] }));
    return () => {
      current = false;
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
