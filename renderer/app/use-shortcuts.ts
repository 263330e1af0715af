import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import { focusList, focusReader } from './actions';
import { keyedCommands, type Command } from './commands';

/** True while the user is typing: single-key shortcuts must then type, not act. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Keys with a menu or dialog open are theirs. */
const inPopup = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('[role="menu"], [role="dialog"]') !== null;

const SCROLL_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/** The commands' keys, by kind: single keys, `g x` sequences, and `Mod+x` chords. */
function keyMaps(commands: readonly Command[]) {
  const single = new Map<string, Command>();
  const go = new Map<string, Command>();
  const chord = new Map<string, Command>();
  for (const c of commands)
    for (const spec of c.keys ?? []) {
      if (spec.startsWith('Mod+'))
        chord.set(spec.slice(4).toLowerCase(), c); // `shift+p` for Mod+Shift+p
      else if (spec.startsWith('g ')) go.set(spec.slice(2), c);
      else single.set(spec, c);
    }
  return { single, go, chord };
}

/**
 * The app's keyboard: one window listener, so shortcuts work wherever focus is (except in text).
 * The keys come from the command list; Enter and Esc depend on where focus is and stay here.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const { single, go, chord } = keyMaps(keyedCommands());
    let goPending = false;
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const chordKey = `${e.shiftKey ? 'shift+' : ''}${key.toLowerCase()}`;
      if (mod && !e.altKey && chord.has(chordKey)) {
        e.preventDefault(); // Cmd/Ctrl-P would print; Cmd/Ctrl-K would focus the browser's address bar
        void chord.get(chordKey)!.run();
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
        void go.get(key)?.run();
        return;
      }
      if (key === 'g') {
        goPending = true;
        return;
      }
      if (e.key === 'Enter') {
        // Enter on a focused button presses it; on the list or the page it opens the thread.
        // A search's first result still to come (j or Enter pressed before it) opens once it does.
        const t = e.target as HTMLElement | null;
        const pending = ui.selectedThreadId !== null || ui.selectResult !== null;
        if (pending && (!t || t === document.body || t.closest('.thread-list, .thread-scroll'))) {
          e.preventDefault();
          focusReader();
        }
        return;
      }
      // Arrows, Home and End scroll the reader when it has focus; j/k always move through the list.
      if (SCROLL_KEYS.has(e.key) && (e.target as HTMLElement | null)?.closest('.reader-pane')) return;
      // e.key, not the lowered key: Shift-B is not b.
      const command = single.get(e.key);
      if (!command) return;
      e.preventDefault();
      void command.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
