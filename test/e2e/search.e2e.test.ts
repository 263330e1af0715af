/** Search in the app runs in the worker over the persisted index, and follows imports. */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

describe('search in the app', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  async function titlesFor(query: string): Promise<string[]> {
    await app.search.fill(query);
    await page.locator('.list-heading h2', { hasText: `Results for “${query}”` }).waitFor();
    await page.waitForTimeout(150); // the worker answers asynchronously; let the last answer land
    return page.locator('li[data-thread-id] .thread-title').allInnerTexts();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    app = new AppPage(page);
    await app.open(inject('baseUrl'));
    await page.waitForFunction(() => document.querySelector('.list-count')?.textContent?.includes('21'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the timeout thread first for the code and for its symbol', async () => {
    for (const query of ['-1001', 'NSURLErrorTimedOut', 'Error Domain=NSURLErrorDomain Code=-1001']) {
      await expect.poll(() => titlesFor(query).then((t) => t[0]), { message: query }).toContain('PacketTunnelProvider');
    }
  });

  it('finds both filter threads by API name, and Quinn’s posts only by author', async () => {
    await expect.poll(async () => (await titlesFor('NEFilterDataProvider')).length).toBe(2);
    const quinn = await titlesFor('author:quinn');
    expect(quinn.map((t) => t.replace(/^Resource\s*/, ''))).toEqual(
      expect.arrayContaining([
        'Networking Resources',
        'A Peek Behind the NECP Curtain',
        'Understanding Also-Ran Connections',
      ]),
    );
    expect(quinn.every((t) => t.startsWith('Resource'))).toBe(true);
  });

  it('never breaks on hostile input', async () => {
    for (const query of ['"unbalanced', 'a:b ^ ~ * -', '+-*:(((', 'foo~ bar^']) {
      await app.search.fill(query);
      await page.locator('.list-heading h2', { hasText: 'Results for' }).waitFor();
    }
    await expect(page.locator('.app[data-status="ready"]').count()).resolves.toBe(1);
  });

  it('makes freshly imported threads searchable', async () => {
    await app.search.fill('');
    await app.importFiles([join('fixtures', 'thread-page-788211.html')]);
    const title = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('forumkb');
          open.onsuccess = () => {
            const get = open.result.transaction('threads').objectStore('threads').get('788211');
            get.onsuccess = () => resolve((get.result as { title: string }).title);
          };
        }),
    );
    const word = title.split(/\s+/).find((w) => w.length > 6) ?? title;
    await expect.poll(() => titlesFor(word)).toEqual(expect.arrayContaining([expect.stringContaining(title)]));
  });
});
