/**
 * Every command, defined once (Excalidraw's actions): its id, its title, the keys that run it and
 * what it does. The keyboard handler (use-shortcuts.ts), the native menu (by id: main sends the
 * MenuCommand ids, which are command ids) and the command palette all read this list.
 */
import type { MenuCommand } from '../../src/bridge/forumkb-api';
import { useUiStore, type SortKey } from '../state/ui-store';
import {
  bookmarkResources,
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
import { backUpDatabase, exportAllNotes } from './export-flow';
import { importPickedFiles } from './import-flow';
import { openPairingDialog } from './PairingDialog';

export interface Command {
  id: string;
  title: string;
  /**
   * Keys that run it anywhere but in a text field: `KeyboardEvent.key` values (`j`, `ArrowDown`,
   * `?`), a two-key sequence (`g a`), or a chord with the platform's modifier (`Mod+k`, which also
   * works while typing).
   */
  keys?: string[];
  /** As the palette shows it, e.g. "j or ↓"; made from `keys` unless given. */
  shortcut?: string;
  /** Needs a selected thread. */
  needsThread?: boolean;
  /** Keys only: not listed in the palette. */
  hidden?: boolean;
  run(): void | Promise<unknown>;
}

export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const modKey = () => (isMac() ? '⌘' : 'Ctrl+');

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

/** How a key spec reads: `Mod+k` is ⌘K on a Mac and Ctrl+K elsewhere. */
export function keyLabel(spec: string): string {
  if (spec.startsWith('Mod+')) return `${modKey()}${spec.slice(4).replace('Shift+', '⇧').toUpperCase()}`;
  return KEY_NAMES[spec] ?? spec;
}

const ui = () => useUiStore.getState();
const sortCommand = (sort: SortKey, title: string): Command => ({
  id: `sort-${sort}`,
  title: `Sort by ${title}`,
  run: () => ui().setSort(sort),
});

const COMMANDS: Command[] = [
  { id: 'focus-search', title: 'Search', keys: ['/', 'Mod+k'], run: focusSearch },
  {
    id: 'palette',
    title: 'All commands',
    keys: ['?', 'Mod+p', 'Mod+Shift+p'],
    hidden: true,
    run: () => ui().setPaletteOpen(true),
  },
  { id: 'import', title: 'Import files… (or drop them on the window)', run: () => importPickedFiles() },
  { id: 'export-notes', title: 'Export notes as Markdown…', run: () => exportAllNotes() },
  { id: 'export-digest', title: 'Export notes as one Markdown digest…', run: () => exportAllNotes({ digest: true }) },
  { id: 'backup', title: 'Back up everything (ForumKB archive)…', run: () => backUpDatabase() },
  { id: 'pair-clipper', title: 'Pair browser clipper…', run: openPairingDialog },
  { id: 'next', title: 'Next thread', keys: ['j', 'ArrowDown'], run: () => moveSelection(1) },
  { id: 'previous', title: 'Previous thread', keys: ['k', 'ArrowUp'], run: () => moveSelection(-1) },
  { id: 'first', title: 'First thread', keys: ['Home'], hidden: true, run: () => selectEdge('first') },
  { id: 'last', title: 'Last thread', keys: ['End'], hidden: true, run: () => selectEdge('last') },
  {
    id: 'open',
    title: 'Open selected thread (focus the reader)',
    shortcut: 'Enter',
    needsThread: true,
    run: focusReader,
  },
  { id: 'back', title: 'Back to the list', shortcut: 'Esc', run: focusList },
  {
    id: 'bookmark',
    title: 'Bookmark / remove bookmark',
    keys: ['b'],
    needsThread: true,
    run: () => toggleThreadBookmark(),
  },
  { id: 'note', title: 'Write a note on this thread', keys: ['n'], needsThread: true, run: () => openNote() },
  {
    id: 'copy-link',
    title: 'Copy link (forumkb://…)',
    keys: ['c'],
    needsThread: true,
    run: () => copyThreadLink(),
  },
  {
    id: 'open-original',
    title: 'Open original forum page',
    keys: ['o'],
    needsThread: true,
    run: () => openOriginal(),
  },
  { id: 'unread', title: 'Mark as unread', keys: ['u'], needsThread: true, run: () => markThreadUnread() },
  { id: 'view-all', title: 'Show all threads', keys: ['g a'], run: () => ui().showView({ kind: 'all' }) },
  {
    id: 'view-bookmarks',
    title: 'Show bookmarks',
    keys: ['g b'],
    run: () => ui().showView({ kind: 'bookmarks', label: null }),
  },
  { id: 'view-resources', title: 'Show resources', keys: ['g r'], run: () => ui().showView({ kind: 'resources' }) },
  { id: 'view-notes', title: 'Show notes', keys: ['g n'], run: () => ui().showView({ kind: 'notes' }) },
  { id: 'bookmark-resources', title: 'Bookmark all resource posts', run: bookmarkResources },
  { id: 'clear-tags', title: 'Clear tag filter', run: () => ui().clearTags() },
  { id: 'clear-search', title: 'Clear search', run: () => ui().setQuery('') },
  { id: 'toggle-note', title: 'Show / hide the note panel', run: () => ui().setNoteOpen(!ui().noteOpen) },
  sortCommand('activity', 'activity'),
  sortCommand('views', 'views'),
  sortCommand('replies', 'replies'),
  sortCommand('boosts', 'boosts'),
  sortCommand('relevance', 'relevance (when searching)'),
];

const withShortcut = (c: Command): Command =>
  c.shortcut || !c.keys ? c : { ...c, shortcut: c.keys.map(keyLabel).join(' or ') };

/** The palette's list: every command a user picks by name, with its keys as they read. */
export function allCommands(): Command[] {
  return COMMANDS.filter((c) => !c.hidden).map(withShortcut);
}

/** Every command with keys, hidden ones included: what the keyboard handler binds. */
export function keyedCommands(): readonly Command[] {
  return COMMANDS.filter((c) => c.keys);
}

/** Runs a command by id (a native menu item, say); false when there is none. */
export function runCommand(id: MenuCommand | string): boolean {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) return false;
  void command.run();
  return true;
}
