/**
 * The reader as a daily tool: what a new user trips over in the first ten minutes. Each test is one
 * defect seen in Chromium on the bundled fixtures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const TIMEOUT_TITLE =
  'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?';
const RELAY_TITLE = 'Network Relay errors out with "Privacy proxy failed with error 53"';

/** The data worker's answers held back by `window.workerDelay` ms once set: results come after keys pressed. */
const delayWorkerReplies = () => {
  const w = window as unknown as { workerDelay: number };
  w.workerDelay = 0;
  const add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (this: Worker, type: string, listener: unknown, options?: unknown) {
    if (type !== 'message' || typeof listener !== 'function')
      return add.call(this, type, listener as never, options as never);
    const late = (event: Event) => {
      if (w.workerDelay > 0) setTimeout(() => (listener as (e: Event) => void).call(this, event), w.workerDelay);
      else (listener as (e: Event) => void).call(this, event);
    };
    return add.call(this, type, late, options as never);
  } as typeof Worker.prototype.addEventListener;
};

describe('the reader as a daily tool', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let pageErrors: string[];

  async function start(
    width = 1400,
    height = 900,
    options: { acceptDownloads?: boolean; init?: () => void } = {},
  ): Promise<void> {
    context = await browser.newContext({ viewport: { width, height }, acceptDownloads: options.acceptDownloads });
    page = await context.newPage();
    if (options.init) await page.addInitScript(options.init);
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    app = new AppPage(page);
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
  }

  /** Opens a thread by its title through the hash route, as a forumkb:// link does. */
  async function openThread(title: string): Promise<void> {
    await app.search.fill(title.replace(/["?]/g, ' '));
    await page.locator('.list-heading h2', { hasText: 'Results for' }).waitFor();
    // The results of the search replace the list under the pointer: click until the thread shows.
    await expect
      .poll(async () => {
        await app
          .row(title)
          .first()
          .locator('.thread-row-button')
          .click({ timeout: 2000 })
          .catch(() => {});
        return app.reader.getByRole('article', { name: title }).count();
      })
      .toBe(1);
  }

  const articleTitle = () => app.reader.locator('article.reader').getAttribute('aria-label');

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
  });

  describe('Enter in the search box', () => {
    it('opens the first result of the query typed, however fast Enter follows', async () => {
      await start();
      await page.keyboard.press('/');
      await page.keyboard.type('-1001');
      await page.keyboard.press('Enter');
      await expect.poll(articleTitle).toBe(TIMEOUT_TITLE);
      await expect.poll(() => page.locator('li[data-selected="true"]').getAttribute('data-index')).toBe('0');
    });

    it('after Esc, Esc and a new query, opens that query’s first result, not the previous thread', async () => {
      await start();
      await app.searchFor('-1001');
      await page.keyboard.press('Enter');
      await expect.poll(articleTitle).toBe(TIMEOUT_TITLE);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.list-heading h2').innerText()).toBe('All threads');
      await page.keyboard.press('/');
      await page.keyboard.type('error 53');
      await page.keyboard.press('Enter');
      await expect.poll(articleTitle).toBe(RELAY_TITLE);
      const first = await page.locator('li[data-index="0"]').getAttribute('data-thread-id');
      await expect(page.locator('li[data-selected="true"]').getAttribute('data-thread-id')).resolves.toBe(first);
    });

    it('after a pause, Enter still opens the first result shown', async () => {
      await start();
      await page.keyboard.press('/');
      await page.keyboard.type('-1001');
      await page.waitForTimeout(400);
      await page.keyboard.press('Enter');
      await expect.poll(articleTitle).toBe(TIMEOUT_TITLE);
    });
  });

  describe('j then Enter in the list', () => {
    it('leaves the focus in the reader when the frames come late (the row’s focus, asked for by j, waits a frame)', async () => {
      // Every animation frame 300 ms late, as on a loaded machine: j's request to focus its row
      // is still pending when Enter has sent the focus to the reader.
      await start(1400, 900, {
        init: () => {
          const raf = window.requestAnimationFrame.bind(window);
          window.requestAnimationFrame = (callback) => {
            setTimeout(() => raf(callback), 300);
            return 0;
          };
        },
      });
      await app.searchFor('-1001');
      await expect.poll(() => app.listCount()).toBe(1);
      await page.keyboard.press('Escape'); // from the search box to the list
      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      const inReader = () => page.evaluate(() => Boolean(document.activeElement?.closest('.reader')));
      await expect.poll(inReader, { timeout: 5000 }).toBe(true);
      await page.waitForTimeout(700); // past every late frame
      await expect(inReader()).resolves.toBe(true);
    });
  });

  describe('j right after a query', () => {
    it('selects the first result, even pressed before the results came', async () => {
      await start();
      await page.keyboard.press('/');
      await page.keyboard.type('-1001');
      await page.keyboard.press('Escape');
      await page.keyboard.press('j');
      await expect.poll(articleTitle).toBe(TIMEOUT_TITLE);
      await expect.poll(() => page.locator('li[data-selected="true"]').getAttribute('data-index')).toBe('0');
    });

    it('opens the first result in the reader with the focus there, j and Enter both pressed before the results came', async () => {
      await start(1400, 900, {
        init: delayWorkerReplies,
      });
      await page.evaluate(() => ((window as unknown as { workerDelay: number }).workerDelay = 400));
      await page.keyboard.press('/');
      await page.keyboard.type('-1001');
      await page.keyboard.press('Escape');
      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      await expect.poll(articleTitle).toBe(TIMEOUT_TITLE);
      const inReader = () => page.evaluate(() => Boolean(document.activeElement?.closest('.reader')));
      await expect.poll(inReader, { timeout: 5000 }).toBe(true);
      await page.waitForTimeout(300); // past the list's own focus requests
      await expect(inReader()).resolves.toBe(true);
    });

    it('End pressed before the results came selects the last of them, not of the list being left', async () => {
      await start(1400, 900, { init: delayWorkerReplies });
      await page.evaluate(() => ((window as unknown as { workerDelay: number }).workerDelay = 400));
      await page.keyboard.press('/');
      await page.keyboard.type('tunnel');
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await expect.poll(() => page.locator('.list-heading h2').textContent()).toContain('tunnel');
      await expect.poll(() => app.listCount()).toBeGreaterThan(1);
      const count = await app.listCount();
      expect(count).toBeLessThan(21);
      await expect
        .poll(() => page.locator('li[data-selected="true"]').getAttribute('data-index'))
        .toBe(String(count - 1));
    });
  });

  describe('layout at every window size', () => {
    const readable = async () =>
      page.evaluate(() => {
        const rect = (sel: string) => document.querySelector(sel)?.getBoundingClientRect();
        const h1 = document.querySelector<HTMLElement>('.reader h1');
        return {
          reader: Math.round(rect('article.reader')?.width ?? 0),
          list: Math.round(rect('.list-pane')?.width ?? 0),
          note: Math.round(rect('.note-editor')?.width ?? 0),
          titleClipped: h1
            ? h1.scrollWidth > h1.clientWidth + 1 || h1.getBoundingClientRect().right > innerWidth
            : true,
          pageOverflow: document.documentElement.scrollWidth > innerWidth,
        };
      });

    for (const [width, height] of [
      [700, 500],
      [900, 600],
      [1280, 800],
      [1920, 1080],
    ] as const) {
      it(`keeps the reader readable at ${width}×${height}, with the note open too`, async () => {
        await start(width, height);
        await openThread('Bonjour Connectivity Optimization');
        let m = await readable();
        expect(m.titleClipped).toBe(false);
        expect(m.pageOverflow).toBe(false);
        expect(m.reader).toBeGreaterThanOrEqual(320);
        expect(m.list).toBeGreaterThanOrEqual(220);
        await app.reader.getByRole('button', { name: '✎ Note' }).click();
        await page.getByRole('textbox', { name: 'Note (Markdown)' }).waitFor();
        m = await readable();
        expect(m.reader).toBeGreaterThanOrEqual(320);
        expect(m.note).toBeGreaterThanOrEqual(260);
        expect(m.titleClipped).toBe(false);
        expect(m.pageOverflow).toBe(false);
        // The reader's toolbar buttons sit on one or two lines, not one a line.
        const rows = await app.reader
          .locator('.reader-toolbar button')
          .evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);
        expect(rows).toBeLessThanOrEqual(2);
      });
    }
  });

  describe('post bodies', () => {
    it('shows scraped text as text: a Swift string interpolation keeps its backslash', async () => {
      await start();
      await openThread('Bonjour Connectivity Optimization');
      const body = app.reader.locator('.post-body').first();
      await expect(body.innerText()).resolves.toContain('Resolved NetService hostname: \\(hostname)');
    });

    it('shows the code in a flattened question as a code block, and the prose around it as text', async () => {
      await start();
      await openThread('Bonjour Connectivity Optimization');
      const body = app.reader.locator('.post-body').first();
      const code = body.locator('pre');
      await expect.poll(() => code.count()).toBeGreaterThan(0);
      await expect(code.first().innerText()).resolves.toMatch(/^func startMonitoringAndBrowse\(\) \{/);
      // Laid out on lines again, not one run-on line.
      await expect(code.first().innerText()).resolves.toMatch(/\n\s+let params = NWParameters\.tcp\n/);
      await expect(body.locator('p').first().innerText()).resolves.toContain('Attaching my code');
    });

    it('splits a resource post’s run-on link list at its kind markers and sets the signature apart', async () => {
      await start();
      await openThread('Networking Resources');
      const body = app.reader.locator('.post-body').first();
      const items = body.locator('.body-links li');
      await expect.poll(() => items.count()).toBeGreaterThan(30);
      await expect(
        body.getByRole('listitem').filter({ hasText: 'TLS for App Developers' }).innerText(),
      ).resolves.toMatch(/^TLS for App Developers\s*forums post$/);
      const signature = body.locator('.body-signature');
      await expect(signature.innerText()).resolves.toContain('Quinn “The Eskimo!”');
      await expect(signature.innerText()).resolves.toContain('let myEmail');
      await expect(body.locator('pre', { hasText: 'myEmail' }).count()).resolves.toBe(0);
    });

    it('shows a log excerpt and a shell command as code', async () => {
      await start();
      await openThread(TIMEOUT_TITLE);
      const code = app.reader.locator('.post-body pre');
      await expect
        .poll(() => code.allInnerTexts())
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^<key>NSAppTransportSecurity<\/key>/),
            expect.stringMatching(/11:30:33\.029032-0700/),
            expect.stringMatching(/^\$ \/usr\/bin\/nscurl --ats-diagnostics/),
          ]),
        );
    });

    it('says when the replies the forum counts were not captured', async () => {
      await start();
      await openThread('Bonjour Connectivity Optimization');
      await expect(app.reader.locator('.replies-captured').innerText()).resolves.toMatch(
        /10 replies on the forum, none captured/,
      );
    });
  });

  describe('dates, counts and headings', () => {
    it('shows a feed’s activity as a date, in the row and the reader', async () => {
      await start();
      await app.importFiles([resolve('fixtures/network-extension-tag-feed.atom')]);
      await page.getByRole('button', { name: 'Dismiss' }).click();
      const rows = await app.allRows();
      for (const row of rows) expect(row.activity).not.toMatch(/\d{4}-\d\d-\d\dT|GMT/);
      await openThread('A Peek Behind the NECP Curtain');
      const meta = await app.reader.locator('[data-stat="activity"]').innerText();
      expect(meta).not.toMatch(/\d{4}-\d\d-\d\dT|GMT/);
      expect(meta).toMatch(/active .*20\d\d|active \d+\w$|active \w{3} ’\d\d/);
    });

    it('says “1 reply”, names the tag filter, and counts the resources', async () => {
      await start();
      await expect
        .poll(() => app.row('Wi-Fi MAC address information').locator('[data-stat="replies"]').innerText())
        .toBe('1 reply');
      await app.showTag('Bonjour');
      await expect.poll(() => page.locator('.list-heading h2').innerText()).toBe('Tagged Bonjour');
      const resources = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Resources\b/ });
      await expect.poll(() => resources.innerText()).toMatch(/^Resources\s+7$/);
    });

    it('keeps the message for a 5,000-character query inside the list', async () => {
      await start(1280, 800);
      await app.search.fill('q'.repeat(5000));
      await page.locator('.list-pane .empty', { hasText: 'Nothing matches' }).waitFor();
      const spill = await page.evaluate(() => {
        const pane = document.querySelector('.list-pane')!.getBoundingClientRect();
        // Text overflowing its box does not widen the box: compare scroll widths too.
        return [...document.querySelectorAll<HTMLElement>('.list-pane *')].filter(
          (el) =>
            el.getBoundingClientRect().right > pane.right + 1 ||
            (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible'),
        ).length;
      });
      expect(spill).toBe(0);
    });

    it('explains storage that is not persistent and offers to ask for it', async () => {
      await start(1400, 900, {
        init: () => {
          // The browser says no when the app asks on start, and yes once the user asks.
          const w = window as unknown as { userAsked?: boolean };
          Object.defineProperty(navigator.storage, 'persisted', { value: () => Promise.resolve(false) });
          Object.defineProperty(navigator.storage, 'persist', { value: () => Promise.resolve(w.userAsked === true) });
        },
      });
      const status = page.locator('.status-bar');
      await expect.poll(() => status.innerText()).toMatch(/not persistent: the browser may clear this data/);
      await page.evaluate(() => ((window as unknown as { userAsked?: boolean }).userAsked = true));
      await status.getByRole('button', { name: 'Ask to keep it' }).click();
      await expect.poll(() => status.innerText()).toMatch(/kept safe \(persistent storage\)/);
    });
  });

  it('reports the notes, bookmarks and labels a backup brought back', async () => {
    await start(1400, 900, { acceptDownloads: true });
    await openThread(TIMEOUT_TITLE);
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    const labels = app.reader.getByRole('combobox', { name: 'Labels' });
    await labels.fill('TLS, to read');
    await labels.press('Enter');
    await page.keyboard.press('n');
    await page.getByRole('textbox', { name: 'Note (Markdown)' }).waitFor();
    await page.keyboard.type('Bind the probe to Wi-Fi.');
    await expect.poll(() => page.locator('.note-status').innerText()).toMatch(/^Saved/);
    await page.keyboard.press('Escape');
    const downloaded = page.waitForEvent('download');
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('back up everything');
    await page.keyboard.press('Enter');
    const path = join(mkdtempSync(join(tmpdir(), 'forumkb-backup-')), 'backup.json');
    await (await downloaded).saveAs(path);

    const fresh = await (await browser.newContext()).newPage();
    const freshApp = new AppPage(fresh);
    await freshApp.open(inject('baseUrl'));
    await expect.poll(() => freshApp.listCount(), { timeout: 20_000 }).toBe(21);
    await freshApp.importFiles([path]);
    await expect(fresh.getByRole('status', { name: 'Import report' }).innerText()).resolves.toMatch(
      /Restored 1 note, 1 bookmark and 2 labels/,
    );
    await fresh.context().close();
  });
});
