/** The list is virtualised: 100k threads load, keep the DOM small, and move with the keyboard. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const COUNT = 100_000;

describe('a 100k-thread database', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    app = new AppPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists every thread with only the visible rows in the DOM', { timeout: 120_000 }, async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    // Written straight into IndexedDB: this measures the list, not the importer.
    await page.evaluate(
      (count) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('forumkb');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('threads', 'readwrite');
            const store = tx.objectStore('threads');
            for (let i = 0; i < count; i++)
              store.put({
                id: `big-${i}`,
                fingerprint: `fp-big-${i}`,
                titleKey: `synthetic ${i}`,
                title: `Synthetic thread ${i}`,
                url: null,
                author: null,
                tags: [],
                inferredTags: i % 5 === 0 ? ['Bonjour'] : [],
                replies: i % 17,
                boosts: i % 3,
                views: i,
                activity: { raw: '1w', date: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() },
                capturedAt: null,
                isResource: false,
                excerpt: 'Synthetic excerpt for the list.',
                sources: ['listing'],
              });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      COUNT,
    );
    await page.reload();
    await app.open(page.url());
    // The list is complete once every thread's list columns are read, while the index builds the
    // 100k threads written behind its back: give a loaded machine time.
    await expect.poll(() => app.listCount(), { timeout: 75_000 }).toBe(COUNT + 21);
    expect(await app.threadRows.count()).toBeLessThan(60);

    await page.keyboard.press('End'); // the oldest thread, at the very bottom
    await expect.poll(() => page.locator('li[data-thread-id="big-0"]').getAttribute('data-selected')).toBe('true');
    await app.reader.getByRole('article', { name: 'Synthetic thread 0' }).waitFor();
    expect(await app.threadRows.count()).toBeLessThan(60);
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('li[data-thread-id="big-1"]').getAttribute('data-selected')).toBe('true');
  });
});
