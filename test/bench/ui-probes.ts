/**
 * What the UI bench measures inside the page, the same way for both builds (they share the list's
 * markup: `.list-heading h2`, `.list-count`, `li[data-thread-id]`, `<mark>` for matches):
 *
 * - when the first list row appears (`__firstRowAt`, from navigation start);
 * - every key event's time (`__keys`, the event's own timestamp: input delay included);
 * - every change of what the list shows (`__shown`): the heading, the count and the first rows
 *   with their highlighted words, with the time of the change and the time just after the next
 *   frame was painted (a task posted from that frame's requestAnimationFrame runs after its paint);
 * - frame gaps and Chromium's long animation frames while recording (`__frames`, `__loaf`).
 *
 * Results for a query are "shown" when the list reaches the state it then keeps: its heading names
 * the query and the rows and count no longer change.
 */
import type { Page } from 'playwright-core';

export const PAGE_PROBE = `
  (() => {
    const w = window;
    w.__keys = [];
    w.__shown = [];
    // The worker boundary, both builds: requests carrying an id (Comlink's calls; the old search
    // worker's messages) and the replies with that id, when they reach the UI thread.
    w.__sent = [];
    w.__replies = [];
    const afterPaint = (entry) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { entry.painted = performance.now(); };
      channel.port2.postMessage(0);
    });
    const NativeWorker = w.Worker;
    const post = NativeWorker.prototype.postMessage;
    NativeWorker.prototype.postMessage = function (message, ...rest) {
      if (message && typeof message === 'object' && 'id' in message) {
        let text = '';
        try { text = JSON.stringify(message).slice(0, 4000); } catch {}
        w.__sent.push({ id: String(message.id), at: performance.now(), text });
        if (w.__sent.length > 20000) w.__sent.splice(0, 10000);
      }
      return post.call(this, message, ...rest);
    };
    w.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          const data = event.data;
          if (!data || typeof data !== 'object' || !('id' in data)) return;
          const entry = { id: String(data.id), at: performance.now(), painted: 0 };
          w.__replies.push(entry);
          if (w.__replies.length > 20000) w.__replies.splice(0, 10000);
          afterPaint(entry);
        });
      }
    };
    addEventListener('keydown', (e) => { w.__keys.push(e.timeStamp); }, true);
    const state = () => {
      const heading = document.querySelector('.list-heading h2')?.textContent ?? '';
      const count = document.querySelector('.list-count')?.textContent ?? '';
      const rows = [...document.querySelectorAll('li[data-thread-id]')].slice(0, 8).map((li) =>
        li.getAttribute('data-thread-id') + ':' + [...li.querySelectorAll('mark')].map((m) => m.textContent).join('|'));
      const empty = document.querySelector('.list-pane .empty')?.textContent ?? '';
      return { heading, rest: count + '\\u0001' + rows.join(',') + '\\u0001' + empty };
    };
    let last = '';
    const check = () => {
      const s = state();
      const key = s.heading + '\\u0001' + s.rest;
      if (key === last) return;
      last = key;
      const entry = { at: performance.now(), heading: s.heading, rest: s.rest, painted: 0 };
      w.__shown.push(entry);
      if (w.__shown.length > 5000) w.__shown.splice(0, 2500);
      afterPaint(entry);
      if (!w.__firstRowAt && document.querySelector('li[data-thread-id]')) w.__firstRowAt = performance.now();
    };
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true }));
  })();
`;

interface Shown {
  at: number;
  heading: string;
  rest: string;
  painted: number;
}

interface ProbeWindow {
  __keys: number[];
  __shown: Shown[];
  __sent: Sent[];
  __replies: Reply[];
  __firstRowAt?: number;
  __frames: number[];
  __framing: boolean;
  __loaf: number[];
}

export interface Answer {
  /** From the last key event to the frame after the answer was shown; null: no answer in time. */
  ms: number | null;
  /** From the last key to the heading naming the query (the pane's deferred render). */
  headingMs: number | null;
  /** From the last key to the request it timed (the last, or with `firstRequest` the first) sent to the worker. */
  sentMs: number | null;
  /** From the last key to the worker's reply reaching the UI thread. */
  replyMs: number | null;
  /** Times from navigation start. */
  lastKeyAt: number;
  paintedAt: number | null;
  /** No request for this query was seen at the worker boundary: timed from the list alone. */
  domOnly: boolean;
  count: string;
}

interface Sent {
  id: string;
  at: number;
  text: string;
}
interface Reply {
  id: string;
  at: number;
  painted: number;
}

export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    w.__keys = [];
    w.__shown = [];
    w.__sent = [];
    w.__replies = [];
  });
}

/**
 * Waits until the worker answered this query's last request and the list shows that answer and
 * keeps it for `settleMs`, then times it from the last key typed: to the frame after the list's
 * last change since the reply (or after the reply itself, when the list already showed it). A
 * stale answer under the new heading (the previous query's, kept while the next is computed) is
 * never taken for it. Gives up after `timeoutMs` (then `ms` is null).
 */
export async function awaitAnswer(
  page: Page,
  query: string,
  opts: {
    timeoutMs: number;
    settleMs?: number;
    /**
     * Time the first request for the query after the last key instead of its last one: while an
     * import runs, the index changes every few seconds and the list asks again for the same query,
     * whose answer (new threads counted) is not what the user waited for after typing.
     */
    firstRequest?: boolean;
  },
): Promise<Answer> {
  const trimmed = query.trim();
  const heading = `Results for “${trimmed}”`;
  const asJson = JSON.stringify(trimmed);
  const settle = opts.settleMs ?? 1_000;
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const { keys, shown, sent, replies, now } = await page.evaluate(() => {
      const w = window as unknown as ProbeWindow;
      return { keys: w.__keys, shown: w.__shown, sent: w.__sent, replies: w.__replies, now: performance.now() };
    });
    const lastKeyAt = keys.at(-1) ?? 0;
    const requests = sent.filter((m) => m.at >= lastKeyAt && m.text.includes(asJson) && /search/.test(m.text));
    const request = opts.firstRequest ? requests[0] : requests.at(-1);
    const reply = request ? replies.find((r) => r.id === request.id && r.at >= request.at) : undefined;
    const last = shown.at(-1);
    const quiet = last !== undefined && last.painted > 0 && now - last.at >= settle;
    const onScreen = last !== undefined && last.heading === heading && quiet;
    // Without a request seen (another messaging), the list alone: its last change after the heading,
    // once it has a count (a heading over an empty count is the query typed, not its answer: the
    // 1M run took one for a 15 ms answer).
    const counted = (last?.rest.split('\u0001')[0] ?? '') !== '';
    const domOnly = !request && now - lastKeyAt > 2_000 && counted;
    const settled = onScreen && (reply ? reply.painted > 0 && now - reply.at >= settle : domOnly);
    if (settled || Date.now() > deadline) {
      const firstHeading = shown.find((e) => e.at >= lastKeyAt && e.heading === heading);
      // The first request's answer: the first change of the list after its reply, before the
      // list asked again (the import's next indexed batch). No change by then: the list already
      // showed what the reply said (the query one key shorter had the same rows), at its paint.
      const again = opts.firstRequest && request ? requests.find((m) => m.at > request.at) : undefined;
      const firstShown =
        opts.firstRequest && reply
          ? shown.find((e) => e.at >= reply.at && e.heading === heading && (!again || e.at < again.at))
          : undefined;
      const showing = reply ? shown.filter((e) => e.at < reply.at).at(-1) : undefined;
      const paintedAt = !settled
        ? null
        : firstShown
          ? firstShown.painted
          : reply && (last.at < reply.at || (opts.firstRequest && showing?.heading === heading))
            ? reply.painted
            : last.painted;
      return {
        ms: paintedAt === null ? null : round(paintedAt - lastKeyAt),
        headingMs: firstHeading ? round(firstHeading.at - lastKeyAt) : null,
        sentMs: request ? round(request.at - lastKeyAt) : null,
        replyMs: reply ? round(reply.at - lastKeyAt) : null,
        lastKeyAt: round(lastKeyAt),
        paintedAt: paintedAt === null ? null : round(paintedAt),
        domOnly: settled && !reply,
        count: last?.rest.split('\u0001')[0] ?? '',
      };
    }
    await page.waitForTimeout(100);
  }
}

/**
 * From the first key typed (since `resetProbe`) to the frame after the reply to the first search
 * request sent after it reached the UI thread; null when there is none yet.
 */
export async function firstKeyReplyMs(page: Page): Promise<number | null> {
  const ms = await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const first = w.__keys[0];
    if (first === undefined) return null;
    const request = w.__sent.find((m) => m.at >= first && /"search"/.test(m.text));
    const reply = request && w.__replies.find((r) => r.id === request.id && r.at >= request.at);
    return reply && reply.painted > 0 ? reply.painted - first : null;
  });
  return ms === null ? null : round(ms);
}

export async function firstRowAt(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__firstRowAt, null, { timeout: timeoutMs });
  return round(await page.evaluate(() => (window as unknown as ProbeWindow).__firstRowAt!));
}

export interface Frames {
  frames: number;
  /** The longest gap between two animation frames: what the user sees, whatever caused it. */
  maxFrameMs: number;
  framesOver50Ms: number;
  /** Chromium's long animation frames (over 50 ms: the UI thread's own work) and the longest. */
  longAnimationFrames: number;
  longestAnimationFrameMs: number;
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    w.__frames = [];
    w.__loaf = [];
    w.__framing = true;
    try {
      new PerformanceObserver((list) => {
        if (w.__framing) list.getEntries().forEach((e) => w.__loaf.push(e.duration));
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      /* no LoAF in this Chromium: frame gaps still tell */
    }
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export async function stopFrames(page: Page): Promise<Frames> {
  const { frames, loaf } = await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    w.__framing = false;
    return { frames: w.__frames.slice(1), loaf: w.__loaf };
  });
  return {
    frames: frames.length,
    maxFrameMs: round(frames.reduce((m, f) => Math.max(m, f), 0)),
    framesOver50Ms: frames.filter((f) => f > 50).length,
    longAnimationFrames: loaf.length,
    longestAnimationFrameMs: round(loaf.reduce((m, f) => Math.max(m, f), 0)),
  };
}

export const round = (x: number) => Math.round(x * 10) / 10;
