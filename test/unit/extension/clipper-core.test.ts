import { describe, expect, it } from 'vitest';
import '../../../extension/lib/clipper-core.js';

interface Payload {
  url: string;
  title: string;
  text: string;
  capturedAt: string;
  html?: string;
}
type Result = { state: string; reason?: string; error?: string; unpaired?: boolean; answer?: unknown };
const core = (globalThis as unknown as { ForumKbClipper: Record<string, (...a: never[]) => unknown> })
  .ForumKbClipper as {
  isForumPage(url: string): boolean;
  mirrorOrigin(url: string): string | null;
  toPayload(page: Payload, includeHtml: boolean): Payload;
  enqueue(queue: { id: string; payload: Payload }[], entry: { id: string; payload: Payload }): { id: string }[];
  deliver(
    fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
    settings: object,
    p: Payload,
  ): Promise<Result>;
  describe(result: Result): { tone: string; headline: string; detail: string; threadId?: string };
  threadLink(id: string): string | null;
  captureFileName(p: Payload): string;
};

const page: Payload = {
  url: 'https://developer.apple.com/forums/thread/781234',
  title: 'T',
  text: 'text',
  html: '<html></html>',
  capturedAt: '2025-04-01T10:00:00.000Z',
};
const reply = (status: number, body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

describe('the clipper core', () => {
  it('reads only the forum without asking; mirrors once allowed', () => {
    expect(core.isForumPage('https://developer.apple.com/forums/thread/1')).toBe(true);
    expect(core.isForumPage('https://forums.developer.apple.com/thread/1')).toBe(true);
    expect(core.isForumPage('https://developer.apple.com/documentation/')).toBe(false);
    expect(core.isForumPage('https://developer.apple.com.evil.example/forums/x')).toBe(false);
    expect(core.mirrorOrigin('https://vpnrt.impb.uk/forums/thread/786077')).toBe('https://vpnrt.impb.uk');
    expect(core.mirrorOrigin('https://example.com/forums/thread/1')).toBeNull();
  });

  it('sends the DOM only when asked to', () => {
    expect(core.toPayload(page, false)).not.toHaveProperty('html');
    expect(core.toPayload(page, true).html).toBe('<html></html>');
  });

  it('queues the same page once: a second capture of it replaces the waiting one', () => {
    const q1 = core.enqueue([], { id: 'a', payload: page });
    const q2 = core.enqueue(q1 as never, { id: 'b', payload: page });
    const q3 = core.enqueue(q2 as never, { id: 'c', payload: { ...page, text: 'more replies' } });
    expect(q3.map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('keeps what the app could not take now, drops what it never will', async () => {
    const settings = { port: 41385, token: 't' };
    const fail = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await core.deliver(fail, settings, page)).toMatchObject({
      state: 'waiting',
      reason: expect.stringMatching(/not running/),
    });
    expect(await core.deliver(fail, { port: 41385, token: '' }, page)).toMatchObject({ state: 'waiting' });
    expect((await core.deliver(reply(401, { error: 'not paired' }), settings, page)).unpaired).toBe(true);
    expect((await core.deliver(reply(503, { error: 'busy' }), settings, page)).state).toBe('waiting');
    expect(await core.deliver(reply(400, { error: 'not a forum page: x' }), settings, page)).toEqual({
      state: 'rejected',
      error: 'not a forum page: x',
    });
    expect((await core.deliver(reply(200, { threads: [] }), settings, page)).state).toBe('delivered');
  });

  it('says what happened in words', () => {
    const thread = (status: string, newReplies: number) => ({
      state: 'delivered',
      answer: { kind: 'thread-page', threads: [{ id: '781234', title: 'T', status, newReplies }] },
    });
    expect(core.describe(thread('added', 3)).headline).toBe('Added');
    expect(core.describe(thread('updated', 2)).headline).toBe('Updated: 2 new replies');
    expect(core.describe(thread('updated', 1)).headline).toBe('Updated: 1 new reply');
    expect(core.describe(thread('updated', 0)).headline).toBe('Updated: counts and activity refreshed');
    expect(core.describe(thread('unchanged', 0)).headline).toMatch(/^Unchanged/);
    expect(core.describe(thread('added', 0)).threadId).toBe('781234');
    const listing = {
      state: 'delivered',
      answer: { kind: 'listing', threads: [{ status: 'added' }, { status: 'added' }, { status: 'unchanged' }] },
    };
    expect(core.describe(listing as never)).toMatchObject({
      headline: 'Listing: 3 threads',
      detail: '2 added, 1 unchanged',
    });
    expect(core.describe({ state: 'rejected', error: 'not a forum page: x' })).toMatchObject({
      tone: 'error',
      detail: 'not a forum page: x',
    });
  });

  it('links only ids that are safe in a forumkb:// URL, and names saved files safely', () => {
    expect(core.threadLink('781234')).toBe('forumkb://thread/781234');
    expect(core.threadLink('fp-1z8xlyeaja5')).toBe('forumkb://thread/fp-1z8xlyeaja5');
    expect(core.threadLink('../x?y')).toBeNull();
    expect(core.captureFileName(page)).toBe('20250401T100000Z-thread-781234.capture.json');
  });
});
