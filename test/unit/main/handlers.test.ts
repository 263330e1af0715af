import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { registerHandlers, type HandlerDeps } from '../../../main/handlers';
import { IPC_CHANNELS } from '../../../src/bridge/forumkb-api';

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const trusted = { senderFrame: { url: 'app://forumkb/index.html', parent: null } };

function setup(overrides: Partial<HandlerDeps> = {}) {
  const handlers = new Map<string, Invoke>();
  const ipcMain = { handle: (channel: string, fn: Invoke) => handlers.set(channel, fn) } as unknown as IpcMain;
  const deps: HandlerDeps = {
    dialog: {
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: false, filePaths: ['/tmp/a.txt', '/tmp/b.xml'] })),
      showSaveDialog: vi.fn(() => Promise.resolve({ canceled: false, filePath: '/home/me/ForumKB Backup.json' })),
    },
    window: () => null,
    readFiles: vi.fn(() => Promise.resolve([])),
    seedFiles: () =>
      Promise.resolve([{ path: '/app/fixtures/networking-listing.txt', capturedAt: '2026-03-15T00:00:00.000Z' }]),
    writeNotes: vi.fn(() =>
      Promise.resolve({ written: ['A.md'], unchanged: [], removed: [], skipped: [], conflicts: [], warnings: [] }),
    ),
    writeFile: vi.fn(() => Promise.resolve()),
    openExternal: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
  registerHandlers(ipcMain, deps);
  const call = (channel: string, event: unknown, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { handlers, deps, call };
}

describe('IPC handlers', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });

  it('registers exactly one handler per channel of the contract', () => {
    expect([...env.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it.each([
    ['a remote page', { senderFrame: { url: 'https://evil.example.com/', parent: null } }],
    ['a subframe of the app', { senderFrame: { url: 'app://forumkb/index.html', parent: {} } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses every channel from %s', async (_name, event) => {
    for (const channel of IPC_CHANNELS) {
      await expect(env.call(channel, event)).rejects.toThrow(/refused/);
    }
    expect(env.deps.readFiles).not.toHaveBeenCalled();
    expect(env.deps.writeNotes).not.toHaveBeenCalled();
    expect(env.deps.writeFile).not.toHaveBeenCalled();
  });

  it('reads the bundled fixtures as bytes, with their known capture time', async () => {
    await env.call('seed:load', trusted);
    expect(env.deps.readFiles).toHaveBeenCalledWith([
      { path: '/app/fixtures/networking-listing.txt', capturedAt: '2026-03-15T00:00:00.000Z' },
    ]);
  });

  it('lets large picked files be streamed to the window, never the bundled fixtures', async () => {
    const streamFile = vi.fn(() => Promise.resolve('stream-id'));
    const streaming = setup({ streamFile });
    await streaming.call('import:pick', trusted);
    expect(streaming.deps.readFiles).toHaveBeenCalledWith(
      [
        { path: '/tmp/a.txt', capturedAt: null },
        { path: '/tmp/b.xml', capturedAt: null },
      ],
      { stream: streamFile },
    );
    await streaming.call('seed:load', trusted);
    expect(streaming.deps.readFiles).toHaveBeenLastCalledWith([
      { path: '/app/fixtures/networking-listing.txt', capturedAt: '2026-03-15T00:00:00.000Z' },
    ]);
  });

  it('reads the files the user picked as bytes, and nothing when the dialog is cancelled', async () => {
    await env.call('import:pick', trusted);
    expect(env.deps.readFiles).toHaveBeenCalledWith([
      { path: '/tmp/a.txt', capturedAt: null },
      { path: '/tmp/b.xml', capturedAt: null },
    ]);
    const cancelled = setup({
      dialog: {
        showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
        showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
      },
    });
    expect(await cancelled.call('import:pick', trusted)).toEqual([]);
    expect(cancelled.deps.readFiles).not.toHaveBeenCalled();
  });

  it('rejects extra arguments', async () => {
    await expect(env.call('seed:load', trusted, '/etc/passwd')).rejects.toThrow(/no arguments/);
  });

  it('writes the notes export into the chosen folder and reports what changed', async () => {
    const files = [{ path: 'A.md', content: '# A' }];
    expect(await env.call('export:notes', trusted, files)).toEqual({
      saved: true,
      location: '/tmp/a.txt',
      written: ['A.md'],
      unchanged: [],
      removed: [],
      skipped: [],
      conflicts: [],
      warnings: [],
    });
    expect(env.deps.writeNotes).toHaveBeenCalledWith('/tmp/a.txt', files);
  });

  it('saves a backup where the user says', async () => {
    const file = { path: 'ForumKB Backup 2026-04-01.json', content: '{}' };
    expect(await env.call('export:save-file', trusted, file)).toEqual({
      saved: true,
      location: '/home/me/ForumKB Backup.json',
    });
    expect(env.deps.writeFile).toHaveBeenCalledWith('/home/me/ForumKB Backup.json', '{}');
  });

  it.each([
    [[{ path: '../escape.md', content: '' }]],
    [[{ path: '/etc/passwd', content: '' }]],
    [[{ path: 'notes/a.md', content: '' }]],
    [[{ path: 'a\\..\\b.md', content: '' }]],
    [[{ path: '..', content: '' }]],
    [[{ path: 'a.md', content: 42 }]],
    ['a.md'],
    [null],
  ])('refuses a malformed notes export %j', async (files) => {
    await expect(env.call('export:notes', trusted, files)).rejects.toThrow(/export/);
    expect(env.deps.writeNotes).not.toHaveBeenCalled();
  });

  it.each([[{ path: '../../.bashrc', content: 'x' }], [{ path: 'b.json' }], ['b.json']])(
    'refuses a malformed save %j',
    async (file) => {
      await expect(env.call('export:save-file', trusted, file)).rejects.toThrow(/save/);
      expect(env.deps.writeFile).not.toHaveBeenCalled();
    },
  );

  it('opens only allowed https links', async () => {
    expect(await env.call('shell:open-external', trusted, 'https://developer.apple.com/forums/thread/1')).toBe(true);
    expect(await env.call('shell:open-external', trusted, 'http://developer.apple.com/')).toBe(false);
    expect(await env.call('shell:open-external', trusted, 'smb://server/share')).toBe(false);
    await expect(env.call('shell:open-external', trusted, 42)).rejects.toThrow(/URL/);
    expect(env.deps.openExternal).toHaveBeenCalledTimes(1);
  });
});
