/** Messages between the search client (UI thread) and the search worker, which owns the index. */
import type { SortKey } from '../../src/search/query-parser';
import type { SearchResponse } from '../../src/search/segmented-index';

/** UserDataView in a form postMessage can carry (Sets and Maps as arrays). */
export interface UserDataMessage {
  bookmarkedThreadIds: string[];
  labelsByThread: [threadId: string, labels: string[]][];
  threadsWithNotes: string[];
}

export interface SearchRequestOptions {
  limit?: number;
  offset?: number;
  /** The last word is still being typed; default true. */
  typing?: boolean;
  /** The list's order when not relevance (overrides the query's `sort:`). */
  sort?: SortKey;
  userData?: UserDataMessage;
  /** The selected view or tag: the search runs inside it (`SearchOptions.scope`). */
  scope?: { label: string; query: string };
}

export interface IndexStatus {
  threads: number;
  segments: string[];
}

/** Each request carries an id; the reply with the same id settles its promise. */
export type SearchRequest =
  | { id: number; type: 'search'; query: string; options: SearchRequestOptions }
  /** These threads were added, changed or deleted in the database: re-read them. */
  | { id: number; type: 'sync'; threadIds: string[] }
  /** Index everything in the database again, from scratch. */
  | { id: number; type: 'rebuild' }
  | { id: number; type: 'status' }
  /** "More like this": threads sharing this thread's rare terms, codes and API names. */
  | { id: number; type: 'related'; threadId: string; limit: number };

export interface SearchReplies {
  search: SearchResponse;
  sync: IndexStatus;
  rebuild: IndexStatus;
  status: IndexStatus;
  related: SearchResponse;
}

export type SearchReply =
  { id: number; ok: true; result: SearchReplies[keyof SearchReplies] } | { id: number; ok: false; error: string };
