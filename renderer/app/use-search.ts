import { useEffect, useMemo, useState } from 'react';
import type { SearchAnswer, SortKey } from '../../src/bridge/data-api';
import type { Thread } from '../../src/model';
import { dataApi, useWatch } from '../data/data-client';
import type { HighlightedText } from './highlight';

export interface SearchHit {
  /** The title with what matched, when the title matched. */
  title?: HighlightedText;
  /** A piece of the text around the match, when the body or a reply matched. */
  snippet?: HighlightedText;
}

export interface SearchState extends Omit<SearchAnswer, 'hits'> {
  /** The (trimmed) query these results answer: while the next answer is computed, the previous one shows. */
  query: string;
  /** How each hit matched, by thread id. */
  hits: Map<string, SearchHit>;
  rows: Thread[];
}

/** A list that long is read by scrolling, not by ranking further down. */
const RESULT_LIMIT = 1_000;

/**
 * Search results for the query in the list's sort, from the data worker, which holds the index and
 * the user's data (the UI sends the query text only); undefined while the first answer is on its
 * way or when there is no query. Runs over all threads whatever the view, as a mail client's search
 * does, and again whenever the index changed.
 */
export function useSearch(query: string, sort: SortKey = 'relevance'): SearchState | undefined {
  const version = useWatch({ kind: 'indexVersion' });
  const trimmed = query.trim();
  const [state, setState] = useState<{ query: string; result: SearchState } | null>(null);

  useEffect(() => {
    if (trimmed === '' || version === undefined) return;
    let current = true;
    dataApi()
      .search(trimmed, { sort, limit: RESULT_LIMIT, typing: true })
      .then((answer) => {
        if (!current) return;
        const hits = new Map(answer.hits.map(({ id, ...hit }) => [id, hit]));
        setState({ query: trimmed, result: { ...answer, query: trimmed, hits } });
      })
      .catch((error: unknown) => {
        if (current)
          setState({
            query: trimmed,
            result: {
              query: trimmed,
              ids: [],
              hits: new Map(),
              rows: [],
              total: 0,
              codes: [],
              relaxed: false,
              warnings: [String(error)],
            },
          });
      });
    return () => {
      current = false;
    };
  }, [trimmed, sort, version]);

  // Keep showing the previous answer while the next one is computed: no flicker while typing.
  return useMemo(() => (trimmed === '' ? undefined : state?.result), [trimmed, state]);
}
