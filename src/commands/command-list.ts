/**
 * Every command the user can give, defined once (Excalidraw's actions): its id, its title, the
 * keys that run it and where the native menu shows it. Pure data, so both sides read it: the
 * renderer's keyboard handler and command palette (renderer/app/commands.ts adds what each one
 * does), and Electron's main process, which builds the native menu from it (main/menu.ts) and
 * sends a clicked item's id to the window.
 */

export interface MenuPlacement {
  /** The native menu it is in. */
  in: 'File' | 'View';
  /** Its label there, when shorter than the title (menus use title case). */
  label: string;
  /**
   * Electron's accelerator when the command has no `Mod+` key of its own (menus show it and
   * Electron runs the command); otherwise made from that key (`Mod+k` is `CmdOrCtrl+K`).
   */
  accelerator?: string;
}

export interface CommandSpec {
  id: string;
  title: string;
  /**
   * Keys that run it anywhere but in a text field: `KeyboardEvent.key` values (`j`, `ArrowDown`,
   * `?`), a two-key sequence (`g a`), or a chord with the platform's modifier (`Mod+k`, which also
   * works while typing).
   */
  keys?: readonly string[];
  /** As the palette shows it, e.g. "Enter"; made from `keys` unless given. */
  shortcut?: string;
  /** Needs a selected thread. */
  needsThread?: boolean;
  /** Keys only: not listed in the palette. */
  hidden?: boolean;
  /** In the native menu (Electron). */
  menu?: MenuPlacement;
}

export const COMMAND_LIST = [
  {
    id: 'focus-search',
    title: 'Search',
    keys: ['/', 'Mod+k'],
    menu: { in: 'View', label: 'Search' },
  },
  { id: 'palette', title: 'All commands', keys: ['?', 'Mod+p', 'Mod+Shift+p'], hidden: true },
  {
    id: 'import',
    title: 'Import files… (or drop them on the window)',
    menu: { in: 'File', label: 'Import…', accelerator: 'CmdOrCtrl+O' },
  },
  {
    id: 'export-notes',
    title: 'Export notes as Markdown…',
    menu: { in: 'File', label: 'Export Notes…', accelerator: 'CmdOrCtrl+Shift+E' },
  },
  {
    id: 'export-digest',
    title: 'Export notes as one Markdown digest…',
    menu: { in: 'File', label: 'Export Notes as One Digest…' },
  },
  {
    id: 'backup',
    title: 'Back up everything (ForumKB archive)…',
    menu: { in: 'File', label: 'Back Up Everything…' },
  },
  { id: 'pair-clipper', title: 'Pair browser clipper…', menu: { in: 'File', label: 'Pair Browser Clipper…' } },
  { id: 'next', title: 'Next thread', keys: ['j', 'ArrowDown'] },
  { id: 'previous', title: 'Previous thread', keys: ['k', 'ArrowUp'] },
  { id: 'first', title: 'First thread', keys: ['Home'], hidden: true },
  { id: 'last', title: 'Last thread', keys: ['End'], hidden: true },
  { id: 'open', title: 'Open selected thread (focus the reader)', shortcut: 'Enter', needsThread: true },
  { id: 'back', title: 'Back to the list', shortcut: 'Esc' },
  { id: 'bookmark', title: 'Bookmark / remove bookmark', keys: ['b'], needsThread: true },
  { id: 'note', title: 'Write a note on this thread', keys: ['n'], needsThread: true },
  { id: 'copy-link', title: 'Copy link (forumkb://…)', keys: ['c'], needsThread: true },
  { id: 'open-original', title: 'Open original forum page', keys: ['o'], needsThread: true },
  { id: 'unread', title: 'Mark as unread', keys: ['u'], needsThread: true },
  { id: 'view-all', title: 'Show all threads', keys: ['g a'] },
  { id: 'view-bookmarks', title: 'Show bookmarks', keys: ['g b'] },
  { id: 'view-resources', title: 'Show resources', keys: ['g r'] },
  { id: 'view-notes', title: 'Show notes', keys: ['g n'] },
  { id: 'bookmark-resources', title: 'Bookmark all resource posts' },
  { id: 'clear-tags', title: 'Clear tag filter' },
  { id: 'clear-search', title: 'Clear search' },
  { id: 'toggle-note', title: 'Show / hide the note panel' },
  { id: 'sort-activity', title: 'Sort by activity' },
  { id: 'sort-views', title: 'Sort by views' },
  { id: 'sort-replies', title: 'Sort by replies' },
  { id: 'sort-boosts', title: 'Sort by boosts' },
  { id: 'sort-relevance', title: 'Sort by relevance (when searching)' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMAND_LIST)[number]['id'];

/** Ids of the commands the native menu shows: the only ones main may send to the window. */
export type MenuCommand = Extract<(typeof COMMAND_LIST)[number], { menu: MenuPlacement }>['id'];

export const MENU_COMMANDS: readonly MenuCommand[] = COMMAND_LIST.flatMap((c: CommandSpec) =>
  c.menu ? [c.id as MenuCommand] : [],
);

/** The Electron accelerator of a command in the menu: its own, or its first `Mod+` key's. */
export function menuAccelerator(command: CommandSpec): string | undefined {
  if (command.menu?.accelerator) return command.menu.accelerator;
  const chord = command.keys?.find((k) => k.startsWith('Mod+'));
  if (!chord) return undefined;
  return `CmdOrCtrl+${chord
    .slice(4)
    .split('+')
    .map((part) => (part.length === 1 ? part.toUpperCase() : part))
    .join('+')}`;
}
