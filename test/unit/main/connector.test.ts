import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCaptureReply, startConnector, type Connector } from '../../../main/connector';
import type { CaptureDelivery, CaptureReply } from '../../../src/bridge/forumkb-api';
import { startConnectorServer } from '../../../src/node/connector-server';
import { THREAD_ID, THREAD_TITLE, threadPageText } from '../../support/forum-page-text';

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const trusted = { senderFrame: { url: 'app://forumkb/index.html', parent: null } };
const page = { senderFrame: { url: 'https://evil.example/', parent: null } };

let dir: string;
let connector: Connector | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forumkb-main-connector-'));
});
afterEach(async () => {
  await connector?.stop();
  connector = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** main's connector with a fake window that answers each capture with `reply`. */
async function setup(reply: (d: CaptureDelivery) => CaptureReply | null, windowOpen = true, timeoutMs = 2000) {
  const handlers = new Map<string, Invoke>();
  const ipcMain = { handle: (channel: string, fn: Invoke) => handlers.set(channel, fn) } as unknown as IpcMain;
  const deliveries: CaptureDelivery[] = [];
  const window = {
    send(channel: string, delivery: CaptureDelivery) {
      expect(channel).toBe('connector:capture');
      deliveries.push(delivery);
      const r = reply(delivery);
      // The renderer answers through the bridge, as the preload does.
      if (r) setTimeout(() => void handlers.get('connector:capture-done')!(trusted, delivery.requestId, r), 5);
    },
  };
  connector = await startConnector({
    ipcMain,
    settingsFile: join(dir, 'connector.json'),
    target: () => (windowOpen ? window : null),
    // A free port in tests (the settings keep the default).
    start: async (options) => {
      const server = await startConnectorServer({ ...options, port: 0 });
      serverPort = server.port;
      return server;
    },
    timeoutMs,
  });
  const pairing = await handlers.get('connector:pairing')!(trusted);
  return { handlers, deliveries, pairing: pairing as { port: number; token: string; running: boolean } };
}

async function post(token: string, body: object) {
  return fetch(`http://127.0.0.1:${serverPort}/capture`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
let serverPort = 0;

const capture = {
  url: `https://developer.apple.com/forums/thread/${THREAD_ID}`,
  title: THREAD_TITLE,
  text: threadPageText(2),
  capturedAt: '2025-04-01T10:00:00.000Z',
};
const stored: CaptureReply = {
  ok: true,
  answer: {
    kind: 'ignored: main knows the kind',
    threads: [{ id: THREAD_ID, title: THREAD_TITLE, status: 'added', newReplies: 2 }],
    warnings: [],
  },
};

describe('main: the connector', () => {
  it('makes a random token once, keeps it private, and shows it for pairing', async () => {
    const first = await setup(() => stored);
    expect(first.pairing.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.pairing.running).toBe(true);
    const saved = JSON.parse(await readFile(join(dir, 'connector.json'), 'utf8'));
    expect(saved).toEqual({ port: 41385, token: first.pairing.token });
    if (process.platform !== 'win32') expect((await stat(join(dir, 'connector.json'))).mode & 0o777).toBe(0o600);
    await connector!.stop();
    const again = await setup(() => stored);
    expect(again.pairing.token).toBe(first.pairing.token);
  });

  it('replaces damaged settings instead of running without a token', async () => {
    await writeFile(join(dir, 'connector.json'), '{"port": 80, "token": "short"}');
    const { pairing } = await setup(() => stored);
    expect(pairing.token).toHaveLength(43);
  });

  it('parses a capture and hands it to the window, answering with what the window stored', async () => {
    const env = await setup(() => stored);
    const res = await post(env.pairing.token, capture);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...stored.answer, kind: 'thread-page' });
    expect(env.deliveries).toHaveLength(1);
    const { file } = env.deliveries[0]!;
    expect(file.ok && file.format).toBe('capture');
    expect(file.ok && file.records.map((r) => [r.thread.id, r.posts.length])).toEqual([[THREAD_ID, 3]]);
  });

  it('refuses a page the parsers cannot read without troubling the window (400)', async () => {
    const env = await setup(() => stored);
    const res = await post(env.pairing.token, { ...capture, url: 'https://example.com/', text: 'hello\nworld' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^not a forum page/);
    expect(env.deliveries).toEqual([]);
  });

  it('503 (the clipper retries) when the window is closed, busy or silent', async () => {
    const closed = await setup(() => stored, false);
    expect((await post(closed.pairing.token, capture)).status).toBe(503);
    await connector!.stop();

    const busy = await setup(() => ({ ok: false, busy: true, error: 'an import is running' }));
    const res = await post(busy.pairing.token, capture);
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([503, 'an import is running']);
    await connector!.stop();

    const silent = await setup(() => null, true, 50);
    expect((await post(silent.pairing.token, capture)).status).toBe(503);
  });

  it('a new token takes effect at once; the old one is refused', async () => {
    const env = await setup(() => stored);
    const renewed = (await env.handlers.get('connector:configure')!(trusted, { newToken: true })) as { token: string };
    expect(renewed.token).not.toBe(env.pairing.token);
    expect((await post(env.pairing.token, capture)).status).toBe(401);
    expect((await post(renewed.token, capture)).status).toBe(200);
  });

  it('moves to another port when asked, and keeps the setting', async () => {
    const env = await setup(() => stored);
    const oldPort = serverPort;
    const moved = (await env.handlers.get('connector:configure')!(trusted, { port: 50123 })) as { port: number };
    expect(moved).toMatchObject({ port: 50123, running: true, token: env.pairing.token });
    expect(serverPort).not.toBe(oldPort); // listening again (on a free port in tests)
    await expect(fetch(`http://127.0.0.1:${oldPort}/status`)).rejects.toThrow();
    expect((await post(env.pairing.token, capture)).status).toBe(200);
    expect(JSON.parse(await readFile(join(dir, 'connector.json'), 'utf8')).port).toBe(50123);
  });

  it('answers only ForumKB’s own window, and checks what it says', async () => {
    const env = await setup(() => stored);
    await expect(env.handlers.get('connector:pairing')!(page)).rejects.toThrow(/refused/);
    await expect(env.handlers.get('connector:configure')!(trusted, { port: 80 })).rejects.toThrow(/1024 to 65535/);
    expect(() => expectCaptureReply(['id', { ok: true, answer: { threads: [{ id: 1 }] } }])).toThrow(/thread/);
    expect(expectCaptureReply(['id', { ok: false, error: 'x'.repeat(2000) }])[1]).toEqual({
      ok: false,
      busy: false,
      error: 'x'.repeat(500),
    });
  });
});
