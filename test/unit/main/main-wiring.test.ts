import type { MenuItemConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_LIST, menuAccelerator, type CommandSpec } from '../../../src/commands/command-list';

// The whole main process loaded against a mocked `electron`: what it registers at start-up.
const calls: {
  schemes?: unknown;
  menu?: unknown;
  handled: string[];
  windows: unknown[];
  loaded: string[];
  protocols: string[];
} = {
  handled: [],
  windows: [],
  loaded: [],
  protocols: [],
};

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { send: vi.fn(), on: vi.fn() };
    constructor(options: unknown) {
      calls.windows.push(options);
    }
    once() {}
    on() {}
    maximize() {}
    loadURL(url: string) {
      calls.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    Menu: {
      setApplicationMenu: (menu: unknown) => (calls.menu = menu),
      buildFromTemplate: vi.fn((t: unknown) => t),
    },
    app: {
      isPackaged: false,
      getAppPath: () => '/app',
      getPath: () => '/nonexistent/forumkb-user-data',
      requestSingleInstanceLock: () => true,
      setAsDefaultProtocolClient: (scheme: string) => calls.protocols.push(`client:${scheme}`),
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: () => Promise.resolve(),
    },
    dialog: { showOpenDialog: vi.fn() },
    ipcMain: { handle: (channel: string) => calls.handled.push(channel) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => (calls.schemes = schemes),
      handle: (scheme: string) => calls.protocols.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1440, height: 900 } }] },
  };
});

describe('main process start-up', () => {
  beforeAll(async () => {
    await import('../../../main/main');
    await new Promise((r) => setTimeout(r, 50));
  });

  it('registers the app scheme as standard and secure before ready', () => {
    expect(calls.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(calls.protocols).toEqual(['client:forumkb', 'app']);
  });

  it('opens one sandboxed window on the app protocol, never file://', () => {
    expect(calls.windows).toHaveLength(1);
    expect(calls.windows[0]).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(calls.loaded).toEqual(['app://forumkb/index.html']);
  });

  it('registers every IPC channel', () => {
    expect(calls.handled.sort()).toEqual([
      'connector:capture-done',
      'connector:configure',
      'connector:pairing',
      'export:notes',
      'export:save-file',
      'import:pick',
      'seed:load',
      'shell:open-external',
    ]);
  });

  it('builds the native menu from the command list, each item sending its command id to the window', () => {
    const menu = calls.menu as MenuItemConstructorOptions[];
    const commandItems = menu.flatMap((m) =>
      Array.isArray(m.submenu)
        ? m.submenu.filter((i) => i.label && i.click).map((i) => ({ menu: m.label, item: i }))
        : [],
    );
    // Help's link to the forum is the one item that is not a command.
    const fromList = commandItems.filter(({ menu }) => menu !== undefined);
    // File's items, then View's, each in the list's order.
    const placed = (['File', 'View'] as const).flatMap((m) =>
      COMMAND_LIST.filter((c: CommandSpec) => c.menu?.in === m),
    );
    expect(fromList.map(({ menu, item }) => [menu, item.label, item.accelerator])).toEqual(
      placed.map((c: CommandSpec) => [c.menu!.in, c.menu!.label, menuAccelerator(c)]),
    );
  });
});
