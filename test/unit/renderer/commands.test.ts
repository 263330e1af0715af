// @vitest-environment jsdom
/** Commands are defined once: the keyboard, the native menu and the palette read one list. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../renderer/app/import-flow', () => ({ importPickedFiles: vi.fn() }));
vi.mock('../../../renderer/app/export-flow', () => ({ exportAllNotes: vi.fn(), backUpDatabase: vi.fn() }));
vi.mock('../../../renderer/data/data-client', () => ({ dataApi: vi.fn() }));
vi.mock('../../../renderer/platform', () => ({ platform: {} }));

const { allCommands, keyedCommands, runCommand } = await import('../../../renderer/app/commands');
const { MENU_COMMANDS } = await import('../../../src/bridge/forumkb-api');
const { useUiStore } = await import('../../../renderer/state/ui-store');
const { importPickedFiles } = await import('../../../renderer/app/import-flow');
const { setListOrder } = await import('../../../renderer/state/list-order');

describe('the command list', () => {
  it('binds each key to one command only', () => {
    const keys = keyedCommands().flatMap((c) => c.keys ?? []);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has a command for every native menu item, and runs it by id', () => {
    const ids = new Set(allCommands().map((c) => c.id));
    for (const id of MENU_COMMANDS) expect(ids).toContain(id);
    expect(runCommand('import')).toBe(true);
    expect(importPickedFiles).toHaveBeenCalled();
    expect(runCommand('no-such-command')).toBe(false);
  });

  it('shows the keys it is bound to in the palette', () => {
    const byId = new Map(allCommands().map((c) => [c.id, c]));
    expect(byId.get('next')?.shortcut).toBe('j or ↓');
    expect(byId.get('view-notes')?.shortcut).toBe('g n');
    expect(byId.get('focus-search')?.shortcut).toMatch(/^\/ or (⌘|Ctrl\+)K$/);
    runCommand('view-bookmarks');
    expect(useUiStore.getState().view).toEqual({ kind: 'bookmarks', label: null });
  });

  it('j moves through the list, and pressed before a search’s results come, selects the first of them', () => {
    const ui = () => useUiStore.getState();
    ui().setQuery('-1001');
    setListOrder([]);
    runCommand('next');
    expect(ui().selectResult).toEqual({ query: '-1001', edge: 'first' });
    expect(ui().selectedThreadId).toBeNull();

    // The list still showing all threads (the query not rendered yet), or the query one key shorter.
    setListOrder(['x', 'y']);
    runCommand('next');
    expect(ui().selectResult).toEqual({ query: '-1001', edge: 'first' });
    setListOrder(['x', 'y'], '-100');
    runCommand('next');
    expect(ui().selectResult).toEqual({ query: '-1001', edge: 'first' });
    expect(ui().selectedThreadId).toBeNull();

    ui().requestSelectResult(null);
    setListOrder(['a', 'b', 'c'], '-1001');
    runCommand('next');
    expect(ui().selectedThreadId).toBe('a');
    runCommand('next');
    expect(ui().selectedThreadId).toBe('b');
    expect(ui().selectResult).toBeNull();

    // A lone minus is never searched: j moves in the list shown.
    ui().setQuery('-');
    runCommand('next');
    expect(ui().selectedThreadId).toBe('c');
    expect(ui().selectResult).toBeNull();

    // With no query, an empty list has nothing to wait for.
    ui().setQuery('');
    setListOrder([]);
    runCommand('next');
    expect(ui().selectResult).toBeNull();
  });

  it('first and last pressed before a search’s results come select the first or last of them once they do', () => {
    const ui = () => useUiStore.getState();
    ui().selectThread(null);
    ui().setQuery('nw_connection');
    setListOrder(['x', 'y'], 'nw_conn');
    runCommand('last');
    expect(ui().selectResult).toEqual({ query: 'nw_connection', edge: 'last' });
    expect(ui().selectedThreadId).toBeNull();
    runCommand('first');
    expect(ui().selectResult).toEqual({ query: 'nw_connection', edge: 'first' });
    expect(ui().selectedThreadId).toBeNull();

    ui().requestSelectResult(null);
    setListOrder(['a', 'b', 'c'], 'nw_connection');
    runCommand('last');
    expect(ui().selectedThreadId).toBe('c');
    runCommand('first');
    expect(ui().selectedThreadId).toBe('a');
    expect(ui().selectResult).toBeNull();

    // A view's own list, no query: they act on it at once.
    ui().setQuery('');
    setListOrder(['p', 'q']);
    runCommand('last');
    expect(ui().selectedThreadId).toBe('q');
    expect(ui().selectResult).toBeNull();
  });

  it('typing on after Enter drops both the first result’s selection and the reader’s focus asked for it', () => {
    const ui = () => useUiStore.getState();
    ui().setQuery('-100');
    ui().requestSelectResult('-100');
    ui().requestReaderFocus(true);
    ui().setQuery('-100'); // the same query again: still asked
    expect(ui().selectResult).toEqual({ query: '-100', edge: 'first' });
    expect(ui().readerFocusRequested).toBe(true);
    ui().setQuery('-1001');
    expect(ui().selectResult).toBeNull();
    expect(ui().readerFocusRequested).toBe(false);
  });
});
