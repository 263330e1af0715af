/*
 * The clipper's logic without the browser: talking to the connector, the queue of captures
 * waiting for the app, and the words the popup shows. A classic script (the service worker loads
 * it with importScripts, Firefox's background page from the manifest, the popup with <script>), so
 * it defines one global and imports nothing.
 */
(() => {
  const DEFAULT_PORT = 41385;
  /** Captures kept for the popup to show ("what happened"). */
  const HISTORY_SIZE = 20;
  /** Pages the clipper reads without asking: those the manifest's host_permissions name. */
  const FORUM_PAGE = /^https:\/\/(developer\.apple\.com\/forums|forums\.developer\.apple\.com)\//i;
  /** Forum mirrors: read only after the user allows the site (optional_host_permissions). */
  const MIRROR_HOSTS = [
    'origin-devforums.apple.com',
    'vpnrt.impb.uk',
    'jp.narouhz.com',
    'or.narouhz.com',
    'vmhkb.mspwftt.com',
    'developer.666112.xyz',
  ];

  function isForumPage(url) {
    return FORUM_PAGE.test(url || '');
  }

  function mirrorOrigin(url) {
    try {
      const u = new URL(url);
      return MIRROR_HOSTS.includes(u.hostname) && /\/forums\//.test(u.pathname) ? `${u.protocol}//${u.hostname}` : null;
    } catch {
      return null;
    }
  }

  function connectorUrl(settings, path) {
    return `http://127.0.0.1:${settings.port || DEFAULT_PORT}${path}`;
  }

  /** The capture as the connector takes it; the DOM only when the user asked for it. */
  function toPayload(page, includeHtml) {
    const payload = { url: page.url, title: page.title, text: page.text, capturedAt: page.capturedAt };
    if (includeHtml && typeof page.html === 'string') payload.html = page.html;
    return payload;
  }

  /** The file "Save capture" writes: what the app's import (and `cli parse`) reads. */
  function toCaptureFile(payload) {
    return { format: 'forumkb-capture', version: 1, ...payload };
  }

  function captureFileName(payload) {
    const thread = /\/thread\/(\d+)/.exec(payload.url);
    const stamp = payload.capturedAt.replace(/[-:]|\.\d+/g, '');
    return `${stamp}-${thread ? `thread-${thread[1]}` : 'listing'}.capture.json`;
  }

  /** Same page, same text: a second capture of it replaces the one waiting instead of queueing twice. */
  function sameCapture(a, b) {
    return a.url === b.url && a.text === b.text;
  }

  function enqueue(queue, entry) {
    return [...queue.filter((e) => !sameCapture(e.payload, entry.payload)), entry];
  }

  /**
   * One delivery attempt. `delivered` and `rejected` leave the queue (the app stored it, or never
   * will: it cannot read the page); `waiting` stays for later (the app is not running, busy, or
   * not paired yet).
   */
  async function deliver(fetchImpl, settings, payload) {
    if (!settings.token) return { state: 'waiting', reason: 'not paired with ForumKB yet' };
    let res;
    try {
      res = await fetchImpl(connectorUrl(settings, '/capture'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.token}` },
        body: JSON.stringify(payload),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return {
        state: 'waiting',
        reason: `ForumKB is not running (nothing answers on port ${settings.port || DEFAULT_PORT})`,
      };
    }
    const body = await res.json().catch(() => ({}));
    const error = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    if (res.ok) return { state: 'delivered', answer: body };
    if (res.status === 401)
      return { state: 'waiting', reason: 'ForumKB refused the token: pair again', unpaired: true };
    if (res.status === 503 || res.status >= 500) return { state: 'waiting', reason: error };
    if (res.status === 403) return { state: 'waiting', reason: `ForumKB refused the request: ${error}` };
    return { state: 'rejected', error };
  }

  /** `GET /status`: is the app there, and does it know our token? */
  async function checkStatus(fetchImpl, settings) {
    try {
      const res = await fetchImpl(connectorUrl(settings, '/status'), {
        headers: settings.token ? { Authorization: `Bearer ${settings.token}` } : {},
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!res.ok) return { running: true, paired: false, error: `HTTP ${res.status}` };
      const body = await res.json();
      return { running: body.app === 'ForumKB', paired: body.paired === true };
    } catch {
      return { running: false, paired: false };
    }
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  /** What the popup says about one capture. */
  function describe(result) {
    if (result.state === 'waiting')
      return {
        tone: 'waiting',
        headline: 'Saved in the clipper',
        detail: `${result.reason}. It will be delivered when ForumKB is there.`,
      };
    if (result.state === 'rejected')
      return { tone: 'error', headline: 'ForumKB could not take this page', detail: result.error };
    const answer = result.answer || {};
    const threads = Array.isArray(answer.threads) ? answer.threads : [];
    if (answer.kind === 'listing') {
      const count = (s) => threads.filter((t) => t.status === s).length;
      const parts = [
        [count('added'), 'added'],
        [count('updated'), 'updated'],
        [count('unchanged'), 'unchanged'],
      ]
        .filter(([n]) => n > 0)
        .map(([n, s]) => `${n} ${s}`);
      return {
        tone: 'ok',
        headline: `Listing: ${plural(threads.length, 'thread', 'threads')}`,
        detail: parts.join(', ') || 'no rows on this page',
      };
    }
    const t = threads[0];
    if (!t) return { tone: 'error', headline: 'ForumKB stored nothing', detail: 'the page had no thread in it' };
    const headline =
      t.status === 'added'
        ? 'Added'
        : t.status === 'updated'
          ? t.newReplies > 0
            ? `Updated: ${plural(t.newReplies, 'new reply', 'new replies')}`
            : 'Updated: counts and activity refreshed'
          : 'Unchanged: ForumKB already had all of it';
    return { tone: 'ok', headline, detail: t.title, threadId: t.id };
  }

  /** A `forumkb://thread/<id>` link for an id the app gave (digits or an fp- fingerprint). */
  function threadLink(id) {
    return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `forumkb://thread/${id}` : null;
  }

  globalThis.ForumKbClipper = {
    DEFAULT_PORT,
    HISTORY_SIZE,
    isForumPage,
    mirrorOrigin,
    connectorUrl,
    toPayload,
    toCaptureFile,
    captureFileName,
    enqueue,
    deliver,
    checkStatus,
    describe,
    threadLink,
  };
})();
