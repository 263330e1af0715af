/** The command palette's list: every action, with its shortcut, in one place. */
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
  toggleThreadBookmark,
} from './actions';
import { backUpDatabase, exportAllNotes } from './export-flow';
import { importPickedFiles } from './import-flow';
import { openPairingDialog } from './PairingDialog';

export interface Command {
  id: string;
  title: string;
  /** As shown, e.g. "j"; platform-specific modifiers are spelled by `modKey()`. */
  shortcut?: string;
  /** Needs a selected thread. */
  needsThread?: boolean;
  run(): void | Promise<unknown>;
}

export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const modKey = () => (isMac() ? '⌘' : 'Ctrl+');

const ui = () => useUiStore.getState();
const sortCommand = (sort: SortKey, title: string): Command => ({
  id: `sort-${sort}`,
  title: `Sort by ${title}`,
  run: () => ui().setSort(sort),
});

export function allCommands(): Command[] {
  const mod = modKey();
  return [
    { id: 'search', title: 'Search', shortcut: `/ or ${mod}K`, run: focusSearch },
    { id: 'import', title: 'Import files… (or drop them on the window)', run: () => importPickedFiles() },
    { id: 'export-notes', title: 'Export notes as Markdown…', run: () => exportAllNotes() },
    { id: 'export-digest', title: 'Export notes as one Markdown digest…', run: () => exportAllNotes({ digest: true }) },
    { id: 'backup', title: 'Back up everything (ForumKB archive)…', run: () => backUpDatabase() },
    { id: 'pair-clipper', title: 'Pair browser clipper…', run: openPairingDialog },
    { id: 'next', title: 'Next thread', shortcut: 'j or ↓', run: () => moveSelection(1) },
    { id: 'previous', title: 'Previous thread', shortcut: 'k or ↑', run: () => moveSelection(-1) },
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
      shortcut: 'b',
      needsThread: true,
      run: () => toggleThreadBookmark(),
    },
    { id: 'note', title: 'Write a note on this thread', shortcut: 'n', needsThread: true, run: () => openNote() },
    {
      id: 'copy-link',
      title: 'Copy link (forumkb://…)',
      shortcut: 'c',
      needsThread: true,
      run: () => copyThreadLink(),
    },
    {
      id: 'open-original',
      title: 'Open original forum page',
      shortcut: 'o',
      needsThread: true,
      run: () => openOriginal(),
    },
    { id: 'unread', title: 'Mark as unread', shortcut: 'u', needsThread: true, run: () => markThreadUnread() },
    { id: 'view-all', title: 'Show all threads', shortcut: 'g a', run: () => ui().showView({ kind: 'all' }) },
    {
      id: 'view-bookmarks',
      title: 'Show bookmarks',
      shortcut: 'g b',
      run: () => ui().showView({ kind: 'bookmarks', label: null }),
    },
    { id: 'view-resources', title: 'Show resources', shortcut: 'g r', run: () => ui().showView({ kind: 'resources' }) },
    { id: 'view-notes', title: 'Show notes', shortcut: 'g n', run: () => ui().showView({ kind: 'notes' }) },
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
}
