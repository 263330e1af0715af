import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import {
  copyThreadLink,
  focusList,
  focusReader,
  focusSearch,
  markThreadUnread,
  moveSelection,
  openNote,
  openOriginal,
  selectEdge,
  toggleThreadBookmark,
} from './actions';

/** True while the user is typing: single-key shortcuts must then type, not act. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Keys with a menu or dialog open are theirs. */
const inPopup = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('[role="menu"], [role="dialog"]') !== null;

const SINGLE_KEYS: Record<string, () => void> = {
  j: () => moveSelection(1),
  ArrowDown: () => moveSelection(1),
  k: () => moveSelection(-1),
  ArrowUp: () => moveSelection(-1),
  Home: () => selectEdge('first'),
  End: () => selectEdge('last'),
  b: () => void toggleThreadBookmark(),
  n: () => openNote(),
  c: () => void copyThreadLink(),
  o: () => void openOriginal(),
  u: () => void markThreadUnread(),
  '/': focusSearch,
  // The palette lists every command with its key: the keyboard's help.
  '?': () => useUiStore.getState().setPaletteOpen(true),
};

const SCROLL_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

const GO_KEYS: Record<string, () => void> = {
  a: () => useUiStore.getState().showView({ kind: 'all' }),
  b: () => useUiStore.getState().showView({ kind: 'bookmarks', label: null }),
  r: () => useUiStore.getState().showView({ kind: 'resources' }),
  n: () => useUiStore.getState().showView({ kind: 'notes' }),
};

/** The app's keyboard: one window listener, so shortcuts work wherever focus is (except in text). */
export function useShortcuts(): void {
  useEffect(() => {
    let goPending = false;
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (mod && !e.altKey && (key === 'p' || (key === 'k' && !e.shiftKey))) {
        e.preventDefault(); // Cmd/Ctrl-P would print; Cmd/Ctrl-K would focus the browser's address bar
        if (key === 'p') ui.setPaletteOpen(true);
        else focusSearch();
        return;
      }
      if (e.key === 'Escape') {
        if (ui.paletteOpen || inPopup(e.target)) return; // the popup closes itself
        const target = e.target as HTMLElement | null;
        if (target?.closest('.note-editor')) {
          ui.setNoteOpen(false);
          focusReader();
        } else if (target?.closest('.search-box')) {
          // First Esc leaves the field for the results; a second one (from the list) clears the search.
          focusList();
        } else if (target?.closest('.reader-pane')) focusList();
        else if (ui.query) ui.setQuery('');
        return;
      }
      if (mod || e.altKey || isTyping(e.target) || inPopup(e.target) || ui.paletteOpen) return;
      if (goPending) {
        goPending = false;
        GO_KEYS[key]?.();
        return;
      }
      if (key === 'g') {
        goPending = true;
        return;
      }
      if (e.key === 'Enter') {
        // Enter on a focused button presses it; on the list or the page it opens the thread.
        const t = e.target as HTMLElement | null;
        if (ui.selectedThreadId && (!t || t === document.body || t.closest('.thread-list, .thread-scroll'))) {
          e.preventDefault();
          focusReader();
        }
        return;
      }
      // Arrows, Home and End scroll the reader when it has focus; j/k always move through the list.
      if (SCROLL_KEYS.has(e.key) && (e.target as HTMLElement | null)?.closest('.reader-pane')) return;
      // e.key, not the lowered key: Shift-B is not b.
      const action = SINGLE_KEYS[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
