import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve('result'));
const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    invoke.mockClear();
    await import('../../../main/preload');
  });

  it('exposes only the bridge API as window.forumkb, never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['forumkb']);
    const api = exposed.get('forumkb') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [
        'configureConnector',
        'connectorPairing',
        'exportNotes',
        'loadSeedFiles',
        'onCapture',
        'onMenuCommand',
        'onOpenThread',
        'openExternal',
        'pickFiles',
        'platform',
        'saveFile',
      ].sort(),
    );
    expect(Object.values(api)).not.toContain(invoke);
  });

  it('maps each method to its one channel', async () => {
    const api = exposed.get('forumkb') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await api.loadSeedFiles!();
    await api.pickFiles!();
    await api.exportNotes!([{ path: 'A.md', content: '' }]);
    await api.saveFile!({ path: 'b.json', content: '{}' });
    await api.openExternal!('https://developer.apple.com/');
    expect(invoke.mock.calls).toEqual([
      ['seed:load'],
      ['import:pick'],
      ['export:notes', [{ path: 'A.md', content: '' }]],
      ['export:save-file', { path: 'b.json', content: '{}' }],
      ['shell:open-external', 'https://developer.apple.com/'],
    ]);
  });

  it('passes on only known menu commands', () => {
    const api = exposed.get('forumkb') as { onMenuCommand(fn: (c: string) => void): () => void };
    const seen: string[] = [];
    const off = api.onMenuCommand((c) => seen.push(c));
    const fire = listeners.get('menu:command')!;
    fire({}, 'import');
    fire({}, 'rm -rf /');
    fire({}, { command: 'import' });
    expect(seen).toEqual(['import']);
    off();
    expect(listeners.has('menu:command')).toBe(false);
  });

  it('answers each capture on connector:capture-done with what the window stored, or why not', async () => {
    type Listener = (file: unknown) => Promise<unknown>;
    const api = exposed.get('forumkb') as { onCapture(fn: Listener): () => void };
    const answer = { kind: 'thread-page', threads: [], warnings: [] };
    const busy = Object.assign(new Error('importing'), { name: 'ImportBusyError' });
    const replies = [Promise.resolve(answer), Promise.reject(busy), Promise.reject(new Error('disk full'))];
    const off = api.onCapture(() => replies.shift()!);
    const fire = listeners.get('connector:capture')!;
    fire({}, { requestId: 'a', file: { ok: true } });
    fire({}, { requestId: 'b', file: { ok: true } });
    fire({}, { requestId: 'c', file: { ok: true } });
    fire({}, { file: { ok: true } }); // no request id: not a delivery
    await new Promise((r) => setTimeout(r, 0));
    expect(invoke.mock.calls).toEqual([
      ['connector:capture-done', 'a', { ok: true, answer }],
      ['connector:capture-done', 'b', { ok: false, busy: true, error: 'importing' }],
      ['connector:capture-done', 'c', { ok: false, busy: false, error: 'disk full' }],
    ]);
    off();
    expect(listeners.has('connector:capture')).toBe(false);
  });
});
