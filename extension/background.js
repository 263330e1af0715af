/*
 * The clipper's background: Chromium runs it as the extension's service worker, Firefox as its
 * background script (the manifest names both; each browser uses its own and ignores the other).
 * It reads the page the user captures, queues the capture in chrome.storage.local, and delivers
 * the queue to the ForumKB connector on 127.0.0.1. Nothing is sent anywhere else.
 *
 * The queue survives the worker being stopped and the browser restarting: a capture leaves it
 * only once the app answered that it stored it (or that it never can). A capture that was being
 * sent when the worker stopped is sent again; the app merges it ("unchanged"), so nothing is
 * ever stored twice.
 */
/* global importScripts */
if (typeof globalThis.ForumKbClipper === 'undefined' && typeof importScripts === 'function') {
  importScripts('lib/clipper-core.js');
}
const core = globalThis.ForumKbClipper;

const DELIVER_ALARM = 'forumkb-deliver';

/** Storage changes run one at a time, so a popup click and the retry alarm never race. */
let chain = Promise.resolve();
function serially(task) {
  const run = chain.then(task, task);
  chain = run.catch(() => undefined);
  return run;
}

async function load() {
  const { settings = {}, queue = [], history = [] } = await chrome.storage.local.get(['settings', 'queue', 'history']);
  return { settings: { port: core.DEFAULT_PORT, token: '', includeHtml: false, ...settings }, queue, history };
}

function remember(history, entry, result) {
  const item = {
    id: entry.id,
    url: entry.payload.url,
    title: entry.payload.title,
    at: new Date().toISOString(),
    result,
  };
  return [item, ...history.filter((h) => h.id !== entry.id)].slice(0, core.HISTORY_SIZE);
}

/** Sends what waits, oldest first; stops at the first capture the app cannot take now. */
function deliverQueue() {
  return serially(async () => {
    const results = {};
    let { settings, queue, history } = await load();
    while (queue.length > 0) {
      const entry = queue[0];
      const result = await core.deliver((...a) => fetch(...a), settings, entry.payload);
      results[entry.id] = result;
      if (result.state === 'waiting') {
        queue = [{ ...entry, attempts: (entry.attempts || 0) + 1, lastError: result.reason }, ...queue.slice(1)];
        await chrome.storage.local.set({ queue });
        break;
      }
      // Out of the queue as soon as it is answered: a restart now cannot send it again.
      queue = queue.slice(1);
      history = remember(history, entry, result);
      await chrome.storage.local.set({ queue, history });
    }
    await updateBadge(queue.length);
    return results;
  });
}

async function updateBadge(waiting) {
  await chrome.action.setBadgeText({ text: waiting > 0 ? String(waiting) : '' });
  if (waiting > 0) await chrome.action.setBadgeBackgroundColor({ color: '#b26b00' });
}

async function readPage(tabId) {
  const [injection] = await chrome.scripting.executeScript({ target: { tabId }, files: ['content/read-page.js'] });
  const page = injection && injection.result;
  if (!page || typeof page.text !== 'string') throw new Error('the page could not be read');
  return page;
}

/** Reads the tab, queues the capture and delivers the queue; answers what became of this capture. */
async function captureTab(tabId) {
  let page;
  try {
    page = await readPage(tabId);
  } catch (error) {
    return { state: 'unreadable', error: String((error && error.message) || error) };
  }
  const { settings } = await load();
  const entry = {
    id: crypto.randomUUID(),
    payload: core.toPayload(page, settings.includeHtml),
    queuedAt: new Date().toISOString(),
  };
  await serially(async () => {
    const { queue } = await load();
    await chrome.storage.local.set({ queue: core.enqueue(queue, entry) });
  });
  const results = await deliverQueue();
  const result = results[entry.id] || { state: 'waiting', reason: 'older captures are waiting for ForumKB' };
  return { ...result, id: entry.id, url: entry.payload.url };
}

async function activeTabId() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : undefined;
}

async function captureActiveTab() {
  const tabId = await activeTabId();
  return tabId === undefined ? { state: 'unreadable', error: 'no active tab' } : captureTab(tabId);
}

/** Saves the token (and port) the app shows, checks them, and delivers what waited for pairing. */
async function pair(token, port) {
  const cleanToken = String(token || '').trim();
  const cleanPort = Number(port) || core.DEFAULT_PORT;
  await serially(async () => {
    const { settings } = await load();
    await chrome.storage.local.set({ settings: { ...settings, token: cleanToken, port: cleanPort } });
  });
  const status = await core.checkStatus((...a) => fetch(...a), { token: cleanToken, port: cleanPort });
  if (status.paired) await deliverQueue();
  return status;
}

async function setIncludeHtml(includeHtml) {
  await serially(async () => {
    const { settings } = await load();
    await chrome.storage.local.set({ settings: { ...settings, includeHtml: includeHtml === true } });
  });
}

async function state() {
  const { settings, queue, history } = await load();
  return {
    paired: settings.token !== '',
    port: settings.port,
    includeHtml: settings.includeHtml,
    waiting: queue.map((e) => ({
      id: e.id,
      url: e.payload.url,
      title: e.payload.title,
      lastError: e.lastError || null,
    })),
    history,
  };
}

/** The popup's requests: only from this extension's own pages. */
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !message || typeof message.type !== 'string') return false;
  const handlers = {
    capture: () => captureTab(message.tabId),
    read: () => readPage(message.tabId).then(async (page) => core.toPayload(page, (await load()).settings.includeHtml)),
    pair: () => pair(message.token, message.port),
    state: () => state(),
    deliver: () => deliverQueue(),
    'include-html': () => setIncludeHtml(message.value),
  };
  const handler = handlers[message.type];
  if (!handler) return false;
  handler().then(sendResponse, (error) => sendResponse({ state: 'unreadable', error: String(error) }));
  return true; // answered asynchronously
});

chrome.commands.onCommand.addListener((command) => {
  if (command === 'capture-page') void captureActiveTab();
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === DELIVER_ALARM) void deliverQueue();
});

function startUp() {
  void chrome.alarms.create(DELIVER_ALARM, { periodInMinutes: 1 });
  void deliverQueue();
}
chrome.runtime.onInstalled.addListener(startUp);
chrome.runtime.onStartup.addListener(startUp);

// For tests and the devtools console of the service worker.
globalThis.clipper = { captureTab, captureActiveTab, deliverQueue, pair, state };
