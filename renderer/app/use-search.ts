import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchAnswer, SortKey } from '../../src/bridge/data-api';
import { dataApi, useWatch } from '../data/data-client';
import type { HighlightedText } from './highlight';
import { LatestOnly, SKIPPED } from './latest-only';
import type { SearchScope } from './search-scope';

export interface SearchHit {
  /** The title with what matched, when the title matched. */
  title?: HighlightedText;
  /** A piece of the text around the match, when the body or a reply matched. */
  snippet?: HighlightedText;
}

export interface SearchState extends Omit<SearchAnswer, 'hits'> {
  /** The (trimmed) query these results answer: while the next answer is computed, the previous one shows. */
  query: string;
  /** Ids of the pages received so far, best first (or in the list's sort); `total` counts them all. */
  ids: string[];
  /** How each hit matched, by thread id. */
  hits: Map<string, SearchHit>;
  /** Asks for the next page, when the list is scrolled near its end (no-op once all are shown). */
  more: () => void;
}

/**
 * Results come a page at a time: a keystroke ranks, reads and makes snippets for this many (the
 * rows on screen and the next screenful), and the next page is ranked when the list is scrolled
 * to it.
 */
export const PAGE_SIZE = 25;

type Loaded = Omit<SearchState, 'more'> & { key: string; loading: boolean };

/** Whether a query has anything to search for: a letter or digit (`-`, `"` alone are only on their way). */
export const hasSearchText = (query: string) => /[\p{L}\p{N}]/u.test(query);

const hitsOf = (answer: SearchAnswer) => answer.hits.map(({ id, ...hit }) => [id, hit] as const);

function failed(key: string, query: string, error: unknown): Loaded {
  return {
    key,
    query,
    ids: [],
    hits: new Map(),
    rows: [],
    total: 0,
    codes: [],
    relaxed: false,
    warnings: [String(error)],
    scope: null,
    error: null,
    loading: false,
  };
}

/**
 * Search results for the query in the list's sort, from the data worker, which holds the index and
 * the user's data (the UI sends the query text only). Undefined until the first answer comes;
 * after that, the last answer, whatever the query is now (a cleared query included: the list
 * shows it until it has rendered the query, see ListPane). Runs inside the selected view or tags
 * (`scope`), or over all threads, and again whenever the index changed.
 */
export function useSearch(
  query: string,
  sort: SortKey = 'relevance',
  scope: SearchScope | null = null,
): SearchState | undefined {
  const version = useWatch({ kind: 'indexVersion' });
  const trimmed = query.trim();
  const scopeLabel = scope?.label ?? null;
  const scopeQuery = scope?.query ?? null;
  const key = `${version}\n${sort}\n${scopeQuery ?? ''}\n${trimmed}`;
  const [state, setState] = useState<Loaded | null>(null);

  // One search in flight; keys typed meanwhile send only the latest query when it returns.
  const gate = useRef<LatestOnly>(null);
  gate.current ??= new LatestOnly();
  const page = useCallback(
    (offset: number) =>
      gate.current!.run(() =>
        dataApi().search(trimmed, {
          sort,
          limit: PAGE_SIZE,
          offset,
          typing: true,
          scope: scopeLabel !== null && scopeQuery !== null ? { label: scopeLabel, query: scopeQuery } : null,
        }),
      ),
    [trimmed, sort, scopeLabel, scopeQuery],
  );

  useEffect(() => {
    // A lone `-` or `"` as the query is typed means nothing yet: no search of every thread for it.
    if (!hasSearchText(trimmed) || version === undefined) return;
    let current = true;
    page(0)
      .then((answer) => {
        if (current && answer !== SKIPPED)
          setState({ ...answer, key, query: trimmed, hits: new Map(hitsOf(answer)), loading: false });
      })
      .catch((error: unknown) => {
        if (current) setState(failed(key, trimmed, error));
      });
    return () => {
      current = false;
    };
  }, [key, trimmed, version, page]);

  // `more` and the answer change only with the answer, not with every key typed before it: the
  // list renders again when results come, not at each keystroke.
  const latest = useRef({ key, page });
  useEffect(() => {
    latest.current = { key, page };
  }, [key, page]);
  const more = useCallback(() => {
    if (!state || state.loading || state.ids.length >= state.total || state.key !== latest.current.key) return;
    const { key: pageKey, ids } = state;
    setState({ ...state, loading: true });
    latest.current
      .page(ids.length)
      .then((answer) =>
        setState((s) => {
          if (!s || s.key !== pageKey) return s;
          // Superseded by a newer query's page: this list is not asked for again.
          if (answer === SKIPPED) return { ...s, loading: false };
          const seen = new Set(s.ids);
          const fresh = answer.ids.filter((id) => !seen.has(id));
          return {
            ...s,
            ids: [...s.ids, ...fresh],
            hits: new Map([...s.hits, ...hitsOf(answer)]),
            // An empty page (the index shrank meanwhile) ends the list instead of asking again.
            total: answer.ids.length === 0 ? s.ids.length : answer.total,
            loading: false,
          };
        }),
      )
      .catch(() => setState((s) => (s && s.key === pageKey ? { ...s, loading: false } : s)));
  }, [state]);

  // Keep showing the previous answer while the next one is computed: no flicker while typing. A
  // cleared query keeps it too (the list shows it until it renders the cleared query: see ListPane).
  return useMemo(() => (state ? { ...state, more } : undefined), [state, more]);
}
