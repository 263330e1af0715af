/**
 * The ForumKB Clipper in real Chromium: the unpacked extension loaded (new headless mode), forum
 * pages served on 127.0.0.1, `cli connector` receiving the captures and writing files that import.
 * Captures are triggered in the extension's service worker, as the toolbar button and the
 * keyboard shortcut do; the popup is opened as a page to see what it says.
 */
import { createServer } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseToFile } from '../../src/import/parse-source';
import { fileSource } from '../../src/node/file-source';
import type { IpcMain } from 'electron';
import { startConnector, type Connector } from '../../main/connector';
import type { CaptureDelivery } from '../../src/bridge/forumkb-api';
import { startConnectorServer } from '../../src/node/connector-server';
import { runConnector, type RunningConnector } from '../support/connector-cli';
import { LISTING_ROWS, THREAD_ID, THREAD_TITLE } from '../support/forum-page-text';
import { findChromium } from './support/chromium';
import { startForumSite, type ForumSite } from './clipper/forum-site';

const EXTENSION = resolve('extension');
const TOKEN = 'e2e-clipper-token-0123456789abcdef';

let site: ForumSite;
let context: BrowserContext;
let sw: Worker;
let out: string;
let profile: string;
let port: number;
let connector: RunningConnector | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

async function tabId(url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  // The newest tab showing the URL: the page just loaded.
  return sw.evaluate(async (u) => Math.max(...(await chrome.tabs.query({ url: u })).map((t) => t.id!)), url);
}

// The service worker's own API (background.js); typed here for the tests.
interface Clipper {
  captureTab(
    tabId: number,
  ): Promise<{ state: string; answer?: { kind: string; threads: unknown[] }; reason?: string; error?: string }>;
  deliverQueue(): Promise<Record<string, { state: string }>>;
  pair(token: string, port: number): Promise<{ running: boolean; paired: boolean }>;
  state(): Promise<{ paired: boolean; waiting: { url: string }[]; history: unknown[] }>;
}
declare const clipper: Clipper;
declare const chrome: { tabs: { query(q: { url: string }): Promise<{ id?: number }[]> } };

const until = async (check: () => boolean, ms = 5000) => {
  for (let t = 0; t < ms && !check(); t += 25) await new Promise((r) => setTimeout(r, 25));
};

beforeAll(async () => {
  site = await startForumSite();
  out = await mkdtemp(join(tmpdir(), 'forumkb-clipper-out-'));
  profile = await mkdtemp(join(tmpdir(), 'forumkb-clipper-profile-'));
  port = await freePort();
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: false, // the new headless mode, which runs extensions, is asked for below
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
    ],
  });
  sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
});

afterAll(async () => {
  await connector?.stop();
  await context?.close();
  await site?.close();
  await rm(out, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

describe('ForumKB Clipper (real Chromium, unpacked extension)', () => {
  it('sends what the connector accepts: its own Origin and Sec-Fetch-Site none', async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const echo = createServer((req, res) => {
      seen.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const echoPort = (echo.address() as AddressInfo).port;
    await sw.evaluate(
      (p) =>
        fetch(`http://127.0.0.1:${p}/capture`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }),
      echoPort,
    );
    echo.close();
    expect(seen[0]!.origin).toBe(`chrome-extension://${new URL(sw.url()).host}`);
    expect(seen[0]!['sec-fetch-site']).toBe('none');
  });

  it('keeps a capture while nothing answers, and delivers it once the connector runs', async () => {
    // Paired with a connector that is not running yet: the capture waits in the extension.
    expect(await sw.evaluate(([t, p]) => clipper.pair(t, p), [TOKEN, port] as const)).toEqual({
      running: false,
      paired: false,
    });
    const listingTab = await tabId(site.listingUrl);
    const waiting = await sw.evaluate((id) => clipper.captureTab(id), listingTab);
    expect(waiting.state).toBe('waiting');
    expect(waiting.reason).toMatch(/not running/);
    expect((await sw.evaluate(() => clipper.state())).waiting.map((w) => w.url)).toEqual([site.listingUrl]);

    connector = await runConnector(out, TOKEN, port);
    const delivered = await sw.evaluate(() => clipper.deliverQueue());
    expect(Object.values(delivered).map((r) => r.state)).toEqual(['delivered']);
    expect((await sw.evaluate(() => clipper.state())).waiting).toEqual([]);
    // Delivered once: a second run of the queue sends nothing.
    expect(await sw.evaluate(() => clipper.deliverQueue())).toEqual({});
    await until(() => connector!.lines.length >= 1);
    expect(connector.lines).toEqual([expect.stringMatching(/^listing: 3 threads \(3 added, 0 updated, 0 unchanged\)/)]);
  });

  it('pairs from the popup: says when the app refuses the token, and when it is paired', async () => {
    const id = await tabId(site.otherUrl);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 480 });
    await popup.goto(`chrome-extension://${new URL(sw.url()).host}/popup.html?tab=${id}`);
    // The test site is on 127.0.0.1, which the clipper may read (the connector's host): the app
    // itself says this page is not the forum.
    await expect.poll(() => popup.locator('#headline').textContent()).toBe('ForumKB could not take this page');
    expect(await popup.locator('#detail').textContent()).toMatch(/^not a forum page: /);
    await popup.locator('summary').click();
    await popup.getByLabel('Token').fill('not-the-token-at-all');
    await popup.getByLabel('Port').fill(String(port));
    await popup.getByRole('button', { name: 'Pair' }).click();
    await expect.poll(() => popup.locator('#pair-status').textContent()).toMatch(/refused this token/);
    await popup.getByLabel('Token').fill(TOKEN);
    await popup.getByRole('button', { name: 'Pair' }).click();
    await expect.poll(() => popup.locator('#pair-status').textContent()).toBe('Paired with ForumKB.');
    await popup.screenshot({ path: 'test-results/clipper-popup-pairing.png' });
    await popup.close();
  });

  it('captures a thread page: the connector writes a file that imports as the thread', async () => {
    site.setReplies(1);
    const result = await sw.evaluate((id) => clipper.captureTab(id), await tabId(site.threadUrl));
    expect(result.state).toBe('delivered');
    expect(result.answer).toEqual({
      kind: 'thread-page',
      threads: [{ id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 1 }],
      warnings: [],
    });
    await until(() => connector!.lines.length >= 2);
    expect(connector!.lines[1]).toMatch(new RegExp(`^updated: 1 new reply {2}${THREAD_ID} {2}"${THREAD_TITLE}"`));

    const file = (await readdir(out)).find((f) => f.includes(`thread-${THREAD_ID}`))!;
    const parsed = await parseToFile(await fileSource(join(out, file)));
    expect(parsed.format).toBe('capture');
    const { thread, posts } = parsed.records[0]!;
    expect(thread).toMatchObject({
      id: THREAD_ID,
      title: THREAD_TITLE,
      tags: ['Network', 'Network Extension'],
      views: 1204,
    });
    expect(posts.map((p) => p.author)).toEqual(['harbor_lights', 'DTS Engineer']);
    // innerText of <main>: no navigation, no footer, nothing hidden.
    const body = posts.map((p) => p.body).join('\n');
    expect(body).not.toMatch(/Developer Footer|Hidden text|Global navigation/);
  });

  it('the popup captures on open and says what happened, with Open in ForumKB', async () => {
    site.setReplies(3);
    const id = await tabId(site.threadUrl);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 300 });
    await popup.goto(`chrome-extension://${new URL(sw.url()).host}/popup.html?tab=${id}`);
    await expect.poll(() => popup.locator('#headline').textContent()).toBe('Updated: 2 new replies');
    expect(await popup.locator('#detail').textContent()).toBe(THREAD_TITLE);
    expect(await popup.locator('#open').isVisible()).toBe(true);
    await popup.screenshot({ path: 'test-results/clipper-popup-light.png' });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: 'test-results/clipper-popup-dark.png' });
    await until(() => connector!.lines.length >= 3);
    expect(connector!.lines[2]).toMatch(/^updated: 2 new replies/);

    // "Save capture…": the same JSON, as a file the importer reads.
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#save').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-thread-${THREAD_ID}\\.capture\\.json$`));
    const saved = join(profile, download.suggestedFilename());
    await download.saveAs(saved);
    const parsed = await parseToFile(await fileSource(saved));
    expect(parsed.format).toBe('capture');
    expect(parsed.records[0]!.posts).toHaveLength(4);
    await popup.close();
  });

  it("a page that is not the forum is refused with the parser's words, and nothing is written", async () => {
    const before = (await readdir(out)).length;
    const result = await sw.evaluate((id) => clipper.captureTab(id), await tabId(site.otherUrl));
    expect(result.state).toBe('rejected');
    expect(result.error).toMatch(/^not a forum page: /);
    expect((await readdir(out)).length).toBe(before);
    expect((await sw.evaluate(() => clipper.state())).waiting).toEqual([]);
  });

  it('a web page cannot post into the connector, even knowing the token', async () => {
    const page = await context.newPage();
    await page.goto(site.threadUrl);
    const lines = connector!.lines.length;
    const outcome = await page.evaluate(
      async ([p, token]) => {
        try {
          const res = await fetch(`http://127.0.0.1:${p}/capture`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({
              url: location.href,
              title: document.title,
              text: document.body.innerText,
              capturedAt: new Date().toISOString(),
            }),
          });
          return `answered ${res.status}`;
        } catch {
          return 'blocked';
        }
      },
      [port, TOKEN] as const,
    );
    expect(outcome).toBe('blocked');
    // A simple (no-preflight) request gets through the browser but not the connector.
    const simple = await page.evaluate(async (p) => {
      await fetch(`http://127.0.0.1:${p}/capture`, { method: 'POST', mode: 'no-cors', body: '{}' }).catch(() => null);
      return 'sent';
    }, port);
    expect(simple).toBe('sent');
    await new Promise((r) => setTimeout(r, 200));
    expect(connector!.lines.length).toBe(lines);
    expect(LISTING_ROWS.length).toBe(3);
  });

  it('the app’s pairing dialog opens from the palette (the browser build says where to pair)', async () => {
    const app = await context.newPage();
    await app.setViewportSize({ width: 1100, height: 700 });
    await app.goto(inject('baseUrl'));
    await app.locator('.app[data-status="ready"]').waitFor({ timeout: 30_000 });
    await app.keyboard.press('Control+Shift+P');
    await app.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await app.keyboard.type('pair browser');
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Pair the browser clipper' });
    await expect.poll(() => dialog.textContent()).toMatch(/pairs with the desktop app.*cli -- connector/);
    await app.screenshot({ path: 'test-results/pairing-dialog-web-light.png' });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.setViewportSize({ width: 600, height: 700 });
    await app.screenshot({ path: 'test-results/pairing-dialog-web-dark.png' });
    await app.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await app.close();
  });
});

/**
 * The whole chain into the app's database: the extension captures, main's connector
 * (main/connector.ts, run here in Node) parses and hands the capture over the bridge, and the
 * browser build of the renderer stores it in IndexedDB. The page is given a `window.forumkb`
 * that does what the preload does, over Playwright instead of Electron's IPC.
 */
describe('ForumKB Clipper into the app’s database', () => {
  it('a captured thread appears in the app with its replies, and the app answers what changed', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = { handle: (c: string, fn: never) => handlers.set(c, fn) } as unknown as IpcMain;
    const settingsFile = join(out, '..', `forumkb-connector-${Date.now()}.json`);
    const app = await context.newPage();
    let appPort = 0;
    const main: Connector = await startConnector({
      ipcMain,
      settingsFile,
      target: () => ({
        send: (_channel, delivery) => void app.evaluate((d) => window.__deliver(d), delivery as CaptureDelivery),
      }),
      start: async (options) => {
        const server = await startConnectorServer({ ...options, port: 0 });
        appPort = server.port;
        return server;
      },
    });
    try {
      const trusted = { senderFrame: { url: 'app://forumkb/index.html', parent: null } };
      await app.exposeFunction('__reply', (id: string, reply: unknown) =>
        handlers.get('connector:capture-done')!(trusted, id, reply),
      );
      const pairing = main.pairing();
      await app.addInitScript((p) => {
        let listener: ((file: unknown) => Promise<unknown>) | null = null;
        const none = () => () => {};
        window.forumkb = {
          platform: 'electron',
          loadSeedFiles: () => Promise.resolve([]),
          pickFiles: () => Promise.resolve([]),
          exportNotes: () => Promise.reject(new Error('not in this test')),
          saveFile: () => Promise.reject(new Error('not in this test')),
          openExternal: () => Promise.resolve(false),
          onMenuCommand: none,
          onOpenThread: none,
          connectorPairing: () => Promise.resolve(p),
          configureConnector: () => Promise.resolve(p),
          onCapture(fn) {
            listener = fn as never;
            return () => (listener = null);
          },
        } as NonNullable<Window['forumkb']>;
        window.__deliver = (d) => {
          if (!listener) return;
          listener(d.file).then(
            (answer) => window.__reply(d.requestId, { ok: true, answer }),
            (e: Error) =>
              window.__reply(d.requestId, { ok: false, busy: e.name === 'ImportBusyError', error: e.message }),
          );
        };
      }, pairing);
      await app.setViewportSize({ width: 1100, height: 700 });
      await app.goto(inject('baseUrl'));
      await app.locator('.app[data-status="ready"]').waitFor({ timeout: 30_000 });

      // Paired with the token the app shows in its pairing dialog.
      await app.keyboard.press('Control+Shift+P');
      await app.keyboard.type('pair browser');
      await app.keyboard.press('Enter');
      const token = await app.getByRole('textbox', { name: 'Token' }).inputValue();
      expect(token).toBe(pairing.token);
      await app.screenshot({ path: 'test-results/pairing-dialog-app.png' });
      await app.keyboard.press('Escape');
      expect(await sw.evaluate(([t, p]) => clipper.pair(t, p), [token, appPort] as const)).toEqual({
        running: true,
        paired: true,
      });

      site.setReplies(3);
      const result = await sw.evaluate((id) => clipper.captureTab(id), await tabId(site.threadUrl));
      expect(result).toMatchObject({
        state: 'delivered',
        answer: {
          kind: 'thread-page',
          threads: [{ id: THREAD_ID, title: THREAD_TITLE, status: 'added', newReplies: 3 }],
        },
      });
      // Opened as a forumkb://thread/<id> link opens it (the hash route in the browser build).
      await app.evaluate((id) => (window.location.hash = `#/thread/${id}`), THREAD_ID);
      const reader = app.getByRole('region', { name: 'Reader' });
      await expect.poll(() => reader.textContent()).toContain('tunnel_vision');
      await app.screenshot({ path: 'test-results/clipper-into-app.png' });

      const again = await sw.evaluate((id) => clipper.captureTab(id), await tabId(site.threadUrl));
      expect(again.answer?.threads).toEqual([{ id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 0 }]);
    } finally {
      await main.stop();
      await app.close();
      await rm(settingsFile, { force: true });
    }
  });
});

declare global {
  interface Window {
    __deliver(delivery: CaptureDelivery): void;
    __reply(requestId: string, reply: unknown): Promise<unknown>;
  }
}
