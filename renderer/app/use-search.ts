import { useLiveQuery } from 'dexie-react-hooks';
import type { Thread } from '../../src/model';
import { db } from '../db/database';
import { compareIso } from './sort-threads';
import { findRanges, snippetAround, type HighlightedText } from './highlight';

export interface SearchHit {
  thread: Thread;
  /** The title with what matched, when the title matched. */
  title?: HighlightedText;
  /** A piece of the text around the match, when the body matched. */
  snippet?: HighlightedText;
}

/** Search terms as typed: whitespace separates them, every one must match. */
export function queryTerms(query: string): string[] {
  return query.trim().split(/\s+/).filter(Boolean);
}

/**
 * Interim search: every term must occur, case-insensitively, in the title or the excerpt; threads
 * matching in the title come first. Runs over all threads whatever the view, as a mail client's
 * search does.
 */
async function interimSearch(terms: string[]): Promise<SearchHit[]> {
  const lowered = terms.map((t) => t.toLowerCase());
  // One getAll and a JS filter: a Dexie filter() would step a cursor over every thread, ~2× slower.
  const matches = (await db.threads.toArray()).filter((t) => {
    const hay = `${t.title}\n${t.excerpt}`.toLowerCase();
    return lowered.every((term) => hay.includes(term));
  });
  const hits = matches.map((thread): SearchHit & { score: number } => {
    const titleRanges = findRanges(thread.title, terms);
    const excerptRanges = findRanges(thread.excerpt, terms);
    return {
      thread,
      title: titleRanges.length > 0 ? { text: thread.title, ranges: titleRanges } : undefined,
      snippet: excerptRanges.length > 0 ? snippetAround(thread.excerpt, excerptRanges) : undefined,
      score: titleRanges.length * 10 + excerptRanges.length,
    };
  });
  return hits.sort((a, b) => b.score - a.score || compareIso(b.thread.activity.date, a.thread.activity.date));
}

/** Search results for the query, best first; undefined while searching or when there is no query. */
export function useSearch(query: string): SearchHit[] | undefined {
  const terms = queryTerms(query);
  const key = terms.join('\u0000');
  return useLiveQuery(async () => {
    if (terms.length === 0) return undefined;
    // TODO(search-worker): replace interimSearch with the search worker client from renderer/search
    // (full text over all posts, ranked, with highlight ranges); keep the SearchHit shape.
    return interimSearch(terms);
  }, [key]);
}
