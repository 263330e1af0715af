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
    },
    window: () => null,
    parse: vi.fn(() => Promise.resolve([])),
    seedJob: () =>
      Promise.resolve({
        files: [{ path: '/app/fixtures/networking-listing.txt', capturedAt: '2026-03-15T00:00:00.000Z' }],
      }),
    writeFiles: vi.fn(() => Promise.resolve(2)),
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
    expect(env.deps.parse).not.toHaveBeenCalled();
    expect(env.deps.writeFiles).not.toHaveBeenCalled();
  });

  it('parses the bundled fixtures with their known capture time', async () => {
    await env.call('seed:load', trusted);
    expect(env.deps.parse).toHaveBeenCalledWith({
      files: [{ path: '/app/fixtures/networking-listing.txt', capturedAt: '2026-03-15T00:00:00.000Z' }],
    });
  });

  it('parses the files the user picked, and nothing when the dialog is cancelled', async () => {
    await env.call('import:pick', trusted);
    expect(env.deps.parse).toHaveBeenCalledWith({
      files: [
        { path: '/tmp/a.txt', capturedAt: null },
        { path: '/tmp/b.xml', capturedAt: null },
      ],
    });
    const cancelled = setup({ dialog: { showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }) } });
    expect(await cancelled.call('import:pick', trusted)).toEqual([]);
    expect(cancelled.deps.parse).not.toHaveBeenCalled();
  });

  it('rejects extra arguments', async () => {
    await expect(env.call('seed:load', trusted, '/etc/passwd')).rejects.toThrow(/no arguments/);
  });

  it('writes an export into the chosen folder', async () => {
    const files = [{ path: 'notes/A.md', content: '# A' }];
    expect(await env.call('export:save', trusted, { title: 'Export notes', files })).toEqual({
      saved: true,
      location: '/tmp/a.txt',
      written: 2,
    });
    expect(env.deps.writeFiles).toHaveBeenCalledWith('/tmp/a.txt', files);
  });

  it.each([
    [{ title: 'x', files: [{ path: '../escape.md', content: '' }] }],
    [{ title: 'x', files: [{ path: '/etc/passwd', content: '' }] }],
    [{ title: 'x', files: [{ path: 'C:/Windows/x.md', content: '' }] }],
    [{ title: 'x', files: [{ path: 'a\\..\\b.md', content: '' }] }],
    [{ title: 'x', files: [{ path: 'a.md', content: 42 }] }],
    [{ title: 'x', files: 'a.md' }],
    [null],
    ['export'],
  ])('refuses a malformed export request %j', async (request) => {
    await expect(env.call('export:save', trusted, request)).rejects.toThrow(/save request/);
    expect(env.deps.writeFiles).not.toHaveBeenCalled();
  });

  it('opens only allowed https links', async () => {
    expect(await env.call('shell:open-external', trusted, 'https://developer.apple.com/forums/thread/1')).toBe(true);
    expect(await env.call('shell:open-external', trusted, 'http://developer.apple.com/')).toBe(false);
    expect(await env.call('shell:open-external', trusted, 'smb://server/share')).toBe(false);
    await expect(env.call('shell:open-external', trusted, 42)).rejects.toThrow(/URL/);
    expect(env.deps.openExternal).toHaveBeenCalledTimes(1);
  });
});
