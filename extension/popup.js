/*
 * The popup: opening it captures the page (one click), then says what happened and offers
 * "Open in ForumKB". Every capture goes through the background (which owns the queue); the popup
 * only shows. `popup.html?tab=N` targets tab N instead of the active one (tests, and a popup
 * opened in its own tab).
 */
const core = globalThis.ForumKbClipper;
const $ = (id) => document.getElementById(id);
const ask = (message) => chrome.runtime.sendMessage(message);

let tab = null;
let lastThreadId = null;

async function targetTab() {
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  if (wanted) return chrome.tabs.get(wanted);
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  return active || null;
}

function show(view) {
  $('result').dataset.tone = view.tone || '';
  $('headline').textContent = view.headline;
  $('detail').textContent = view.detail || '';
  lastThreadId = view.threadId || null;
  $('open').hidden = !(lastThreadId && core.threadLink(lastThreadId));
}

function showWaiting(state) {
  const n = state.waiting.length;
  $('waiting').hidden = n === 0;
  $('waiting').textContent = n === 0 ? '' : `${n} waiting for ForumKB`;
  $('retry').hidden = n === 0;
}

async function refreshState() {
  const state = await ask({ type: 'state' });
  showWaiting(state);
  $('port').value = String(state.port);
  $('include-html').checked = state.includeHtml;
  return state;
}

async function capture() {
  show({ headline: 'Capturing…' });
  const result = await ask({ type: 'capture', tabId: tab.id });
  if (result.state === 'unreadable')
    show({ tone: 'error', headline: 'This page could not be read', detail: result.error });
  else show(core.describe(result));
  $('capture').hidden = false;
  $('save').hidden = false;
  const state = await refreshState();
  if (!state.paired) $('pairing').open = true;
}

async function start() {
  tab = await targetTab();
  const state = await refreshState();
  const url = (tab && tab.url) || '';
  if (!state.paired) $('pairing').open = true;
  if (!tab) return show({ tone: 'error', headline: 'No page to capture' });
  if (core.isForumPage(url) || (await canRead(url))) return capture();
  const mirror = core.mirrorOrigin(url);
  if (mirror) {
    $('allow').hidden = false;
    return show({
      tone: 'waiting',
      headline: 'A forum mirror',
      detail: `Allow the clipper to read ${new URL(mirror).host} to capture it.`,
    });
  }
  show({
    tone: 'waiting',
    headline: 'Not a forum page',
    detail: 'Open a thread, tag or topic page of the Apple Developer Forums to capture it.',
  });
}

/** Pages the clipper was allowed to read besides the forum (mirrors, the connector's own host). */
async function canRead(url) {
  if (!/^https?:/.test(url)) return false;
  try {
    return await chrome.permissions.contains({ origins: [`${new URL(url).origin}/*`] });
  } catch {
    return false;
  }
}

$('capture').addEventListener('click', () => void capture());
$('retry').addEventListener('click', async () => {
  await ask({ type: 'deliver' });
  await refreshState();
});
$('open').addEventListener('click', async () => {
  const link = lastThreadId && core.threadLink(lastThreadId);
  // The OS hands forumkb:// to the app; the tab itself stays where it is.
  if (link) await chrome.tabs.update(tab.id, { url: link });
  window.close();
});
$('allow').addEventListener('click', async () => {
  const origin = core.mirrorOrigin(tab.url);
  if (origin && (await chrome.permissions.request({ origins: [`${origin}/*`] }))) {
    $('allow').hidden = true;
    await capture();
  }
});
$('save').addEventListener('click', async () => {
  const payload = await ask({ type: 'read', tabId: tab.id });
  if (!payload || typeof payload.text !== 'string')
    return show({ tone: 'error', headline: 'This page could not be read', detail: payload && payload.error });
  const blob = new Blob([`${JSON.stringify(core.toCaptureFile(payload), null, 2)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = core.captureFileName(payload);
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});
$('include-html').addEventListener('change', (e) => void ask({ type: 'include-html', value: e.target.checked }));
$('pair-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('pair-status').textContent = 'Checking…';
  const status = await ask({ type: 'pair', token: $('token').value, port: $('port').value });
  $('pair-status').textContent = status.paired
    ? 'Paired with ForumKB.'
    : status.running
      ? 'ForumKB is running but refused this token: copy it again from the app.'
      : `ForumKB is not answering on port ${$('port').value}. Start it (or the CLI connector), then pair.`;
  if (status.paired) {
    $('token').value = '';
    await refreshState();
  }
});

void start();
