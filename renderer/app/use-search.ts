import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ErrorCodeInfo } from '../../src/search/error-codes';
import type { UserDataView } from '../../src/search/user-data';
import type { Thread } from '../../src/model';
import type { SortKey } from '../../src/search/query-parser';
import { db } from '../db/database';
import { searchClient, useIndexVersion } from '../search/search-instance';
import type { HighlightedText } from './highlight';
import type { SearchScope } from './search-scope';

export interface SearchHit {
  thread: Thread;
  /** The title with what matched, when the title matched. */
  title?: HighlightedText;
  /** A piece of the text around the match, when the body or a reply matched. */
  snippet?: HighlightedText;
}

export interface SearchState {
  /** The (trimmed) query these results answer: while the next answer is computed, the previous one shows. */
  query: string;
  /** Best first: the pages received so far. */
  hits: SearchHit[];
  /** How many threads matched in all; `hits` holds the first pages of them. */
  total: number;
  /** What the error codes and symbols in the query mean. */
  codes: ErrorCodeInfo[];
  /** No thread had every word: these have some of them. */
  relaxed: boolean;
  /** Operators the query could not use, e.g. `views:>lots`. */
  warnings: string[];
  /** The view or tags the search ran inside (`Bookmarks`), or null for all threads. */
  scope: string | null;
  /** Why the query has no answer (`is:unanswered` is not an operator), or null. */
  error: string | null;
  /** Asks for the next page, when the list is scrolled near its end (no-op once all are shown). */
  more: () => void;
}

/**
 * Results come a page at a time: a keystroke ranks, reads and makes snippets for this many (the
 * rows on screen and the next screenful), and the next page is ranked when the list is scrolled
 * to it.
 */
export const PAGE_SIZE = 25;

/** Bookmarks, labels and notes, for `is:bookmarked`, `label:` and `has:notes`. */
function useUserDataView(): UserDataView | undefined {
  return useLiveQuery(async () => {
    const [bookmarks, notes] = await Promise.all([db.bookmarks.toArray(), db.notes.toArray()]);
    const labelsByThread = new Map<string, string[]>();
    for (const b of bookmarks) labelsByThread.set(b.threadId, [...(labelsByThread.get(b.threadId) ?? []), ...b.labels]);
    return {
      bookmarkedThreadIds: new Set(bookmarks.map((b) => b.threadId)),
      labelsByThread,
      threadsWithNotes: new Set(notes.map((n) => n.threadId)),
    };
  });
}

const highlighted = (text: string | undefined, ranges: [number, number][] | undefined): HighlightedText | undefined =>
  text !== undefined && ranges && ranges.length > 0 ? { text, ranges } : undefined;

/** One page of results with their threads (read for this page only). */
const scopeOf = (label: string | null, query: string | null): SearchScope | null =>
  label !== null && query !== null ? { label, query } : null;

async function fetchPage(
  query: string,
  offset: number,
  sort: SortKey,
  userData: UserDataView,
  scope: SearchScope | null,
) {
  const response = await searchClient().search(query, {
    limit: PAGE_SIZE,
    offset,
    typing: true,
    sort,
    userData,
    ...(scope ? { scope } : {}),
  });
  const threads = await db.threads.bulkGet(response.results.map((r) => r.id));
  const hits: SearchHit[] = [];
  response.results.forEach((r, i) => {
    const thread = threads[i];
    if (!thread) return; // deleted since the index last heard of it
    hits.push({
      thread,
      title: highlighted(r.title, r.titleHighlights),
      snippet: highlighted(r.snippet?.text, r.snippet?.highlights),
    });
  });
  return { response, hits };
}

type Loaded = Omit<SearchState, 'more'> & { key: string; received: number; loading: boolean };

/**
 * Search results for the query, from the search worker (the UI thread never runs the index);
 * undefined while the first answer is on its way or when there is no query. Runs inside the
 * selected view or tags (`scope`), or over all threads; `sort` other than relevance orders
 * the whole result set in the worker (the query's `sort:` otherwise).
 */
export function useSearch(
  query: string,
  sort: SortKey = 'relevance',
  scope: SearchScope | null = null,
): SearchState | undefined {
  const userData = useUserDataView();
  const version = useIndexVersion((s) => s.version);
  const trimmed = query.trim();
  const scopeLabel = scope?.label ?? null;
  const scopeQuery = scope?.query ?? null;
  const key = `${version}\n${sort}\n${scopeQuery ?? ''}\n${trimmed}`;
  const [state, setState] = useState<Loaded | null>(null);

  useEffect(() => {
    if (trimmed === '' || !userData) return;
    let live = true;
    fetchPage(trimmed, 0, sort, userData, scopeOf(scopeLabel, scopeQuery))
      .then(({ response, hits }) => {
        if (!live) return;
        setState({
          key,
          query: trimmed,
          hits,
          total: response.total,
          codes: response.codes,
          relaxed: response.relaxed,
          warnings: response.warnings,
          scope: response.scope,
          error: response.error,
          received: response.results.length,
          loading: false,
        });
      })
      .catch((error: unknown) => {
        if (live)
          setState({
            key,
            query: trimmed,
            hits: [],
            total: 0,
            codes: [],
            relaxed: false,
            warnings: [String(error)],
            scope: null,
            error: null,
            received: 0,
            loading: false,
          });
      });
    return () => {
      live = false;
    };
  }, [key, trimmed, sort, userData, scopeLabel, scopeQuery]);

  const more = useCallback(() => {
    if (!state || state.loading || state.received >= state.total || !userData || state.key !== key) return;
    const { key: pageKey, received } = state;
    setState({ ...state, loading: true });
    fetchPage(trimmed, received, sort, userData, scopeOf(scopeLabel, scopeQuery))
      .then(({ response, hits }) =>
        setState((s) => {
          if (!s || s.key !== pageKey) return s;
          const seen = new Set(s.hits.map((h) => h.thread.id));
          return {
            ...s,
            hits: [...s.hits, ...hits.filter((h) => !seen.has(h.thread.id))],
            // An empty page (the index shrank meanwhile) ends the list instead of asking again.
            total: response.results.length === 0 ? s.received : response.total,
            received: s.received + response.results.length,
            loading: false,
          };
        }),
      )
      .catch(() => setState((s) => (s && s.key === pageKey ? { ...s, loading: false } : s)));
  }, [state, key, trimmed, sort, userData, scopeLabel, scopeQuery]);

  // Keep showing the previous answer while the next one is computed: no flicker while typing.
  return useMemo(() => (trimmed === '' || !state ? undefined : { ...state, more }), [trimmed, state, more]);
}
