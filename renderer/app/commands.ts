/**
 * Every command with what it does: the list itself (ids, titles, keys, menu placement) is
 * src/commands/command-list.ts, which main reads too to build the native menu. The keyboard
 * handler (use-shortcuts.ts), the native menu (main sends a clicked item's id) and the command
 * palette all run these.
 */
import { COMMAND_LIST, type CommandId, type CommandSpec } from '../../src/commands/command-list';
import { useUiStore } from '../state/ui-store';
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

/** A command of the one list (src/commands/command-list.ts) with what it does here. */
export interface Command extends CommandSpec {
  id: CommandId;
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

/** What each command of the list does: every id has an action (the type says so). */
const ACTIONS: Record<CommandId, () => void | Promise<unknown>> = {
  'focus-search': focusSearch,
  palette: () => ui().setPaletteOpen(true),
  import: () => importPickedFiles(),
  'export-notes': () => exportAllNotes(),
  'export-digest': () => exportAllNotes({ digest: true }),
  backup: () => backUpDatabase(),
  'pair-clipper': openPairingDialog,
  next: () => moveSelection(1),
  previous: () => moveSelection(-1),
  first: () => selectEdge('first'),
  last: () => selectEdge('last'),
  open: focusReader,
  back: focusList,
  bookmark: () => toggleThreadBookmark(),
  note: () => openNote(),
  'copy-link': () => copyThreadLink(),
  'open-original': () => openOriginal(),
  unread: () => markThreadUnread(),
  'view-all': () => ui().showView({ kind: 'all' }),
  'view-bookmarks': () => ui().showView({ kind: 'bookmarks', label: null }),
  'view-resources': () => ui().showView({ kind: 'resources' }),
  'view-notes': () => ui().showView({ kind: 'notes' }),
  'bookmark-resources': bookmarkResources,
  'clear-tags': () => ui().clearTags(),
  'clear-search': () => ui().setQuery(''),
  'toggle-note': () => ui().setNoteOpen(!ui().noteOpen),
  'sort-activity': () => ui().setSort('activity'),
  'sort-views': () => ui().setSort('views'),
  'sort-replies': () => ui().setSort('replies'),
  'sort-boosts': () => ui().setSort('boosts'),
  'sort-relevance': () => ui().setSort('relevance'),
};

const COMMANDS: Command[] = COMMAND_LIST.map((spec: CommandSpec & { id: CommandId }) => ({
  ...spec,
  run: ACTIONS[spec.id],
}));

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
export function runCommand(id: string): boolean {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) return false;
  void command.run();
  return true;
}
