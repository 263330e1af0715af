import { create } from 'zustand';
import type { SortKey, View } from '../../src/bridge/data-api';

export type { SortKey, View };

/** The first or the last thread of the list. */
export type ListEdge = 'first' | 'last';

/**
 * UI state only: what is selected, which view, the query, which panels are open. The data itself
 * comes from the data worker's live answers, so an import or an edit shows up by itself.
 */

export interface ImportProgress {
  /** What is happening, for the status line: "Reading 3 files…". */
  message: string;
  /** Threads written so far and in all, once known (the bar is indeterminate before). */
  done?: number;
  total?: number;
  /** Stops the import; the file being written is rolled back. Absent while it cannot be stopped. */
  cancel?: () => void;
}

interface UiState {
  view: View;
  /** Tags the list is narrowed to; a thread must carry all of them. */
  tags: string[];
  sort: SortKey;
  query: string;
  /**
   * Set by Enter in the search box (and j, k, first or last pressed before the results came):
   * select the first (or last) result of this query once its results are listed, not in the
   * results of the query before, still showing while the new ones are computed.
   */
  selectResult: { query: string; edge: ListEdge } | null;
  selectedThreadId: string | null;
  noteOpen: boolean;
  /** The post the open note is about; null for the thread's own note. */
  notePostId: string | null;
  /** Set by `n`: the note editor takes focus as soon as it is mounted, then clears this. */
  noteFocusRequested: boolean;
  /** Set by Enter/Open: the reader takes focus once the thread is shown (it loads asynchronously). */
  readerFocusRequested: boolean;
  paletteOpen: boolean;
  importProgress: ImportProgress | null;
  /** A short confirmation ("Link copied") shown in the status bar for a moment. */
  toast: string | null;
  showView(view: View): void;
  /** Shows only this tag; with `add`, toggles it in the current set instead (Cmd/Ctrl-click). */
  pickTag(tag: string, add: boolean): void;
  clearTags(): void;
  setSort(sort: SortKey): void;
  setQuery(query: string): void;
  requestSelectResult(query: string | null, edge?: ListEdge): void;
  selectThread(id: string | null): void;
  setNoteOpen(open: boolean, postId?: string | null): void;
  requestNoteFocus(requested: boolean): void;
  requestReaderFocus(requested: boolean): void;
  setPaletteOpen(open: boolean): void;
  setImportProgress(progress: ImportProgress | null): void;
  showToast(message: string | null): void;
}

export const useUiStore = create<UiState>((set) => ({
  view: { kind: 'all' },
  tags: [],
  sort: 'activity',
  query: '',
  selectResult: null,
  selectedThreadId: null,
  noteOpen: false,
  notePostId: null,
  noteFocusRequested: false,
  readerFocusRequested: false,
  paletteOpen: false,
  importProgress: null,
  toast: null,
  showView: (view) => set({ view, tags: [] }),
  pickTag: (tag, add) =>
    set((s) => {
      // A tag narrows the thread views; from Bookmarks or Notes it goes back to all threads.
      const view: View = s.view.kind === 'all' || s.view.kind === 'resources' ? s.view : { kind: 'all' };
      if (!add) return { view, tags: s.tags.length === 1 && s.tags[0] === tag ? [] : [tag] };
      return { view, tags: s.tags.includes(tag) ? s.tags.filter((t) => t !== tag) : [...s.tags, tag] };
    }),
  clearTags: () => set({ tags: [] }),
  setSort: (sort) => set({ sort }),
  // Relevance is the natural order of results; leaving the search goes back to activity.
  setQuery: (query) =>
    set((s) => ({
      query,
      // Typing on after Enter drops the request: it was for the query as it was then.
      selectResult: s.selectResult?.query === query.trim() ? s.selectResult : null,
      // And an Enter pressed for it (the reader would take the focus from the search box).
      readerFocusRequested: s.query === query && s.readerFocusRequested,
      sort:
        query.trim() && !s.query.trim() ? 'relevance' : !query.trim() && s.sort === 'relevance' ? 'activity' : s.sort,
    })),
  requestSelectResult: (query, edge = 'first') => set({ selectResult: query === null ? null : { query, edge } }),
  // A post note belongs to its thread: moving to another thread shows that thread's own note.
  selectThread: (id) => set((s) => (s.selectedThreadId === id ? {} : { selectedThreadId: id, notePostId: null })),
  setNoteOpen: (noteOpen, postId = null) => set({ noteOpen, notePostId: noteOpen ? postId : null }),
  requestNoteFocus: (noteFocusRequested) => set({ noteFocusRequested }),
  requestReaderFocus: (readerFocusRequested) => set({ readerFocusRequested }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setImportProgress: (importProgress) => set({ importProgress }),
  showToast: (toast) => set({ toast }),
}));
