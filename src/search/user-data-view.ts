/**
 * The user's own data as search sees it (bookmarked threads, labels, threads with notes), passed in
 * with each query so the engine stays pure: the data worker keeps it current from the bookmarks and
 * notes tables; the CLI and tests build it from plain values.
 */
export interface UserDataView {
  bookmarkedThreadIds: ReadonlySet<string>;
  /** Bookmark labels of each thread (its own and its posts'). */
  labelsByThread: ReadonlyMap<string, readonly string[]>;
  threadsWithNotes: ReadonlySet<string>;
}

export const NO_USER_DATA: UserDataView = {
  bookmarkedThreadIds: new Set(),
  labelsByThread: new Map(),
  threadsWithNotes: new Set(),
};
