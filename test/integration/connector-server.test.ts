import { request, Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Capture } from '../../src/import/capture-format';
import { parseCapture } from '../../src/import/capture-import';
import { storeCapture } from '../../src/import/capture-store';
import { applyRecords, MemoryThreadStore } from '../../src/import/thread-store';
import { emptyReport } from '../../src/model';
import {
  ConnectorBusyError,
  startConnectorServer,
  tokensMatch,
  type ConnectorOptions,
  type ConnectorServer,
} from '../../src/node/connector-server';
import { THREAD_ID, THREAD_TITLE, listingPageText, threadPageText } from '../support/forum-page-text';

const TOKEN = 'k3y-for-tests-0123456789abcdef';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

let server: ConnectorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; agent?: Agent; chunks?: Buffer[] } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server!.port,
        method,
        path,
        agent: options.agent,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else req.end(options.body);
  });
}

const capture = (overrides: Partial<Capture> = {}): Capture => ({
  url: `https://developer.apple.com/forums/thread/${THREAD_ID}`,
  title: `${THREAD_TITLE} | Apple Developer Forums`,
  text: threadPageText(1),
  capturedAt: '2025-04-01T10:00:00.000Z',
  ...overrides,
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  send('POST', '/capture', {
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${TOKEN}`,
      Origin: EXTENSION,
      'Sec-Fetch-Site': 'none',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A connector storing into an in-memory store through the real parsers, as `cli connector` does. */
async function start(options: Partial<ConnectorOptions> = {}) {
  const store = new MemoryThreadStore();
  const calls: Capture[] = [];
  server = await startConnectorServer({
    port: 0,
    token: TOKEN,
    capture: async (c) => {
      calls.push(c);
      const parsed = parseCapture(c, 'capture');
      return storeCapture(store, parsed, (records) => applyRecords(store, records, emptyReport()));
    },
    ...options,
  });
  return { store, calls };
}

describe('connector: what it stores', () => {
  it('stores a thread page and says added, then unchanged, then updated with the new replies', async () => {
    const { store } = await start();
    const first = await post(capture());
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      kind: 'thread-page',
      threads: [{ id: THREAD_ID, title: THREAD_TITLE, status: 'added', newReplies: 1 }],
      warnings: [],
    });
    expect((await post(capture())).body.threads).toEqual([
      { id: THREAD_ID, title: THREAD_TITLE, status: 'unchanged', newReplies: 0 },
    ]);
    const later = await post(capture({ text: threadPageText(3), capturedAt: '2025-04-09T10:00:00.000Z' }));
    expect(later.body.threads).toEqual([{ id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 2 }]);
    expect(store.all()).toHaveLength(1);
    expect(store.all()[0]!.posts).toHaveLength(4);
    expect(store.all()[0]!.thread.capturedAt).toBe('2025-04-09T10:00:00.000Z');
  });

  it('stores every row of a listing page, tagged with the listing tag', async () => {
    const { store } = await start();
    const res = await post(
      capture({ url: 'https://developer.apple.com/forums/tags/network-extension', text: listingPageText() }),
    );
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('listing');
    expect((res.body.threads as { status: string }[]).map((t) => t.status)).toEqual(['added', 'added', 'added']);
    expect(store.all().every((r) => r.thread.tags.includes('Network Extension'))).toBe(true);
  });

  it('answers /status without data, and says whether the token is the paired one', async () => {
    await start();
    expect((await send('GET', '/status')).body).toEqual({ app: 'ForumKB', api: 1, paired: false });
    const paired = await send('GET', '/status', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(paired.body).toEqual({ app: 'ForumKB', api: 1, paired: true });
  });
});

describe('connector: what it refuses', () => {
  it('401 without a token and with a wrong one, storing nothing', async () => {
    const { store, calls } = await start();
    for (const auth of [undefined, 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`]) {
      const res = await post(capture(), auth === undefined ? { Authorization: '' } : { Authorization: auth });
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.error).toMatch(/not paired/);
    }
    expect(calls).toEqual([]);
    expect(store.all()).toEqual([]);
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch('', TOKEN)).toBe(false);
    expect(tokensMatch(`${TOKEN}${TOKEN}`, TOKEN)).toBe(false);
    expect(tokensMatch('', '')).toBe(false); // never paired: nothing matches
  });

  it('403 for a web page: a foreign or null Origin, a Sec-Fetch-Site other than none, a rebinding Host', async () => {
    const { calls } = await start();
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: 'http://127.0.0.1:8080' },
      { Origin: 'chrome-extension://abc/../x' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'same-origin' },
      { Host: 'evil.example' },
      { Host: `attacker.example:${server!.port}` },
    ];
    for (const headers of cases) {
      const res = await post(capture(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const status = await send('GET', '/status', { headers: { ...headers, Authorization: `Bearer ${TOKEN}` } });
      expect(status.status, JSON.stringify(headers)).toBe(403);
      expect(status.body.paired).toBeUndefined();
    }
    expect(calls).toEqual([]);
  });

  it('accepts the extensions of Chromium and Firefox, and local tools that send no Origin', async () => {
    await start();
    expect((await post(capture())).status).toBe(200);
    expect((await post(capture(), { Origin: 'moz-extension://0b1d8c3e-4a57-4c55-9f55-3b2b5f0ad1c1' })).status).toBe(
      200,
    );
    const bare = await send('POST', '/capture', {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(capture()),
    });
    expect(bare.status).toBe(200);
  });

  it('never sends CORS headers, not even to a preflight', async () => {
    await start();
    const preflight = await send('OPTIONS', '/capture', {
      headers: { Origin: EXTENSION, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    const ok = await post(capture());
    for (const res of [preflight, ok])
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });

  it('413 for a body over the limit, announced or streamed, reading no further', async () => {
    const { calls } = await start({ maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify(capture({ text: 'x'.repeat(100 * 1024) }));
    expect((await post(big)).status).toBe(413);
    const streamed = await send('POST', '/capture', {
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${TOKEN}`,
        'Transfer-Encoding': 'chunked',
      },
      chunks: Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x20)),
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toBe('the capture is larger than 64 KB');
    expect(calls).toEqual([]);
    expect((await send('GET', '/status')).status).toBe(200);
  });

  it('400 with the reason for a malformed body or a page that is not a forum page', async () => {
    const { store } = await start();
    const malformed = await post('{"url": ');
    expect([malformed.status, malformed.body.error]).toEqual([400, 'the body is not JSON']);
    const missing = await post({ url: 'https://developer.apple.com/forums/thread/1', title: 't' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('not a ForumKB capture: "text" must be a string');
    const badDate = await post(capture({ capturedAt: 'yesterday' }));
    expect(badDate.body.error).toMatch(/capturedAt/);
    const notForum = await post(
      capture({ url: 'https://example.com/blog/post', title: 'A blog', text: 'Hello\nThis is a blog post.' }),
    );
    expect(notForum.status).toBe(400);
    expect(notForum.body.error).toMatch(/^not a forum page: https:\/\/example\.com\/blog\/post/);
    const noTitle = await post(capture({ text: '\n\n', html: undefined }));
    expect(noTitle.status).toBe(400);
    const wrongType = await send('POST', '/capture', {
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(capture()),
    });
    expect(wrongType.status).toBe(415);
    expect(store.all()).toEqual([]);
  });

  it('survives a flood of 1,000 requests: every one answered with a clear status, nothing stored', async () => {
    const { store, calls } = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const kinds: Record<string, string>[] = [
      { Authorization: 'Bearer wrong-token-wrong-token' },
      { Authorization: '' },
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        send('POST', '/capture', {
          agent,
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${TOKEN}`,
            ...kinds[i % kinds.length],
          },
          body: JSON.stringify(capture()),
        }),
      ),
    );
    agent.destroy();
    const statuses = replies.reduce<Record<number, number>>(
      (n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }),
      {},
    );
    expect(statuses).toEqual({ 401: 500, 403: 500 });
    expect(calls).toEqual([]);
    expect(store.all()).toEqual([]);
    expect((await send('GET', '/status')).status).toBe(200);
    expect((await post(capture())).status).toBe(200);
  });

  it('survives 1,000 fresh connections at once of every bad kind: a status for each, nothing stored', async () => {
    const { store, calls } = await start({ maxBodyBytes: 16 * 1024 });
    const bad: { headers: Record<string, string>; body: string; status: number }[] = [
      { headers: { Authorization: 'Bearer wrong-token-wrong-token' }, body: JSON.stringify(capture()), status: 401 },
      { headers: { Origin: 'https://evil.example' }, body: JSON.stringify(capture()), status: 403 },
      { headers: {}, body: JSON.stringify(capture({ text: 'x'.repeat(20 * 1024) })), status: 413 },
      { headers: {}, body: '{"url": "https://developer.apple.com/forums/thread/1", "text": ', status: 400 },
    ];
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => {
        const kind = bad[i % bad.length]!;
        return send('POST', '/capture', {
          agent: false as unknown as Agent,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...kind.headers },
          body: kind.body,
        }).then((r) => [r.status, kind.status]);
      }),
    );
    expect(replies.filter(([got, want]) => got !== want)).toEqual([]);
    expect(calls).toEqual([]);
    expect(store.all()).toEqual([]);
    expect((await post(capture())).status).toBe(200);
  });

  it('bounds the captures handled at once: the rest are told to retry (503), none is lost silently', async () => {
    let running = 0;
    let peak = 0;
    await start({
      maxConcurrent: 2,
      capture: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return { kind: 'thread-page', threads: [], warnings: [] };
      },
    });
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(capture())));
    expect(peak).toBeLessThanOrEqual(2);
    expect(replies.every((r) => r.status === 200 || (r.status === 503 && r.headers['retry-after'] === '1'))).toBe(true);
    expect(replies.some((r) => r.status === 503)).toBe(true);
  });

  it('503 when the app says it is busy', async () => {
    await start({
      capture: () => Promise.reject(new ConnectorBusyError('ForumKB is importing files: try again in a moment')),
    });
    const res = await post(capture());
    expect([res.status, res.body.error]).toEqual([503, 'ForumKB is importing files: try again in a moment']);
  });

  it('listens on the loopback address only', async () => {
    await start();
    const other = await new Promise<string>((resolve) => {
      const req = request({ host: '0.0.0.0', port: server!.port, path: '/status' }, () => resolve('answered'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    // 0.0.0.0 reaches loopback on Linux; the test that matters is the bound address.
    expect(['answered', 'ECONNREFUSED']).toContain(other);
  });
});
