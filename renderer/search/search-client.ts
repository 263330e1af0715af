/**
 * The UI's handle on the search worker: one promise per request. The worker owns the index and
 * the segments in `db.searchSegments`; the UI only sends queries and says which threads changed.
 *
 *   const search = createSearchClient();
 *   const { results, total, codes } = await search.search('-1001 tag:CFNetwork', { userData });
 *   await search.sync(importedThreadIds); // after an import, with ids that were replaced too
 */
import type { SortKey } from '../../src/search/query-parser';
import type { SearchResponse } from '../../src/search/segmented-index';
import type { UserDataView } from '../../src/search/user-data';
import type {
  IndexStatus,
  SearchReplies,
  SearchReply,
  SearchRequest,
  SearchRequestOptions,
  UserDataMessage,
} from './search-protocol';

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** Distributes a request type over the union so each request keeps its own fields. */
type RequestBody<T> = T extends SearchRequest ? Omit<T, 'id'> : never;

export interface SearchClientOptions {
  limit?: number;
  offset?: number;
  typing?: boolean;
  sort?: SortKey;
  userData?: UserDataView;
  /** The selected view or tag to search inside, e.g. `{ label: 'Bookmarks', query: 'is:bookmarked' }`. */
  scope?: { label: string; query: string };
}

export function userDataMessage(view: UserDataView): UserDataMessage {
  return {
    bookmarkedThreadIds: [...view.bookmarkedThreadIds],
    labelsByThread: [...view.labelsByThread].map(([id, labels]) => [id, [...labels]]),
    threadsWithNotes: [...view.threadsWithNotes],
  };
}

export class SearchClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<SearchReply>) => {
      const reply = event.data;
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result as never);
      else pending.reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      for (const pending of this.pending.values()) pending.reject(new Error(event.message || 'search worker failed'));
      this.pending.clear();
    };
  }

  private request<K extends keyof SearchReplies>(
    body: RequestBody<SearchRequest> & { type: K },
  ): Promise<SearchReplies[K]> {
    const id = this.nextId++;
    return new Promise<SearchReplies[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ ...body, id } as SearchRequest);
    });
  }

  /** Runs a query; results carry snippets with highlight ranges, and `codes` what codes mean. */
  search(query: string, options: SearchClientOptions = {}): Promise<SearchResponse> {
    const { userData, ...rest } = options;
    const message: SearchRequestOptions = { ...rest, userData: userData && userDataMessage(userData) };
    return this.request({ type: 'search', query, options: message });
  }

  /** "More like this": threads like this one, best first, the thread itself left out. */
  related(threadId: string, limit = 5): Promise<SearchResponse> {
    return this.request({ type: 'related', threadId, limit });
  }

  /** Re-reads these threads from the database (added, updated or deleted ones alike). */
  sync(threadIds: string[]): Promise<IndexStatus> {
    return this.request({ type: 'sync', threadIds });
  }

  rebuild(): Promise<IndexStatus> {
    return this.request({ type: 'rebuild' });
  }

  status(): Promise<IndexStatus> {
    return this.request({ type: 'status' });
  }

  dispose(): void {
    this.worker.terminate();
    for (const pending of this.pending.values()) pending.reject(new Error('search client disposed'));
    this.pending.clear();
  }
}

export function createSearchClient(): SearchClient {
  return new SearchClient(new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' }));
}
