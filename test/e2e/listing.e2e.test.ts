import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { LISTING_THREADS } from './support/listing-golden';
import { AppPage } from './pages/app-page';

describe('first start in a browser', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext(); // a fresh profile: empty IndexedDB, as for a new user
    page = await context.newPage();
    app = new AppPage(page);
  });

  it('imports the bundled listing into IndexedDB and lists all 21 threads with their counts', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    // The list is virtualised: scroll through it and read every row the user would see.
    const rows = await app.allRows();
    expect(rows).toHaveLength(21);
    for (const expected of LISTING_THREADS) {
      const found = rows.filter((r) => r.title === expected.title);
      expect(found, expected.title).toHaveLength(1);
      const { replies, boosts, views, activity } = found[0]!;
      expect({ replies, boosts, views, activity }, expected.title).toEqual({
        replies: expected.replies,
        boosts: expected.boosts,
        views: expected.views,
        activity: expected.activity,
      });
    }
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('forumkb');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('threads').objectStore('threads').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(stored).toBe(21);
  });

  it('keeps the threads after a reload without importing them twice', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    await page.reload();
    await app.open(page.url());
    await expect.poll(() => app.listCount()).toBe(21);
    expect(await app.allRows()).toHaveLength(21);
  });

  it('filters by a tag from the sidebar', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    await app.showTag('Bonjour');
    await expect.poll(() => app.row('Bonjour Connectivity Optimization').count()).toBe(1);
    // The row is in the unfiltered list too: wait for the filtered list itself.
    await expect.poll(() => app.listCount()).toBeLessThan(21);
    expect(await app.allRows()).toHaveLength(await app.listCount());
  });

  it('narrows to threads carrying all of several tags (Ctrl-click adds a tag)', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    // Threads carrying every one of these tags (forum's or inferred), counted in the database itself.
    const carrying = (tags: string[]) =>
      page.evaluate(
        (tags) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('forumkb');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('threads').objectStore('threads').getAll();
              all.onsuccess = () =>
                resolve(
                  (all.result as { tags: string[]; inferredTags: string[] }[]).filter((t) =>
                    tags.every((tag) => [...t.tags, ...t.inferredTags].includes(tag)),
                  ).length,
                );
            };
          }),
        tags,
      );
    const both = await carrying(['Network', 'Network Extension']);
    const one = await carrying(['Network Extension']);
    await app.showTag('Network Extension');
    // The list answers from the worker: wait for the filtered list, not the one it replaces.
    await expect.poll(() => app.listCount()).toBe(one);
    await page
      .getByRole('list', { name: 'Tags' })
      .getByRole('button', { name: /^Network\b(?! Extension)/ })
      .click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => app.listCount()).toBe(both);
    expect(both).toBeLessThan(one);
    expect(await app.allRows()).toHaveLength(both);
    await page.getByRole('button', { name: 'Remove tag filter Network Extension' }).click();
    const networkCount = await page
      .getByRole('list', { name: 'Tags' })
      .getByRole('button', { name: /^Network\b(?! Extension)/ })
      .locator('.sidebar-count')
      .innerText();
    await expect.poll(() => app.listCount()).toBe(Number(networkCount));
  });
});

describe('the built app under its Content-Security-Policy', () => {
  it('runs without a single CSP violation: list, reader, search worker and import', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const app = new AppPage(page);
      await app.open(inject('baseUrl'));
      await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
      await app.threadRows.first().click();
      await app.reader.locator('article').first().waitFor();
      await app.searchFor('NEFilterDataProvider');
      await expect.poll(() => app.listCount()).toBe(2);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
