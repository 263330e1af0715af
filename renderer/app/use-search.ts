import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ErrorCodeInfo } from '../../src/search/error-codes';
import type { UserDataView } from '../../src/search/user-data';
import type { Thread } from '../../src/model';
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
  /** Best first. */
  hits: SearchHit[];
  /** How many threads matched in all; `hits` holds the first RESULT_LIMIT of them. */
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
}

/** A list that long is read by scrolling, not by ranking further down. */
const RESULT_LIMIT = 1_000;

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

/**
 * Search results for the query, from the search worker (the UI thread never runs the index);
 * undefined while the first answer is on its way or when there is no query. Runs inside the
 * selected view or tags (`scope`), or over all threads.
 */
export function useSearch(query: string, scope: SearchScope | null = null): SearchState | undefined {
  const userData = useUserDataView();
  const version = useIndexVersion((s) => s.version);
  const trimmed = query.trim();
  const [state, setState] = useState<{ query: string; result: SearchState } | null>(null);
  const scopeLabel = scope?.label ?? null;
  const scopeQuery = scope?.query ?? null;

  useEffect(() => {
    if (trimmed === '' || !userData) return;
    let current = true;
    void (async () => {
      const response = await searchClient().search(trimmed, {
        limit: RESULT_LIMIT,
        typing: true,
        userData,
        ...(scopeLabel !== null && scopeQuery !== null ? { scope: { label: scopeLabel, query: scopeQuery } } : {}),
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
      const result = {
        query: trimmed,
        hits,
        total: response.total,
        codes: response.codes,
        relaxed: response.relaxed,
        warnings: response.warnings,
        scope: response.scope,
        error: response.error,
      };
      if (current) setState({ query: trimmed, result });
    })().catch((error: unknown) => {
      if (current)
        setState({
          query: trimmed,
          result: {
            query: trimmed,
            hits: [],
            total: 0,
            codes: [],
            relaxed: false,
            warnings: [String(error)],
            scope: null,
            error: null,
          },
        });
    });
    return () => {
      current = false;
    };
  }, [trimmed, userData, version, scopeLabel, scopeQuery]);

  // Keep showing the previous answer while the next one is computed: no flicker while typing.
  return useMemo(() => (trimmed === '' ? undefined : state?.result), [trimmed, state]);
}
