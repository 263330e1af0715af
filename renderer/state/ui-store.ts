import { create } from 'zustand';

/** UI state only (what is selected, which view); the data itself comes from Dexie live queries. */
export type View = { kind: 'all' } | { kind: 'resources' } | { kind: 'tag'; tag: string };

interface UiState {
  view: View;
  selectedThreadId: string | null;
  showView(view: View): void;
  selectThread(id: string | null): void;
}

export const useUiStore = create<UiState>((set) => ({
  view: { kind: 'all' },
  selectedThreadId: null,
  showView: (view) => set({ view, selectedThreadId: null }),
  selectThread: (id) => set({ selectedThreadId: id }),
}));
