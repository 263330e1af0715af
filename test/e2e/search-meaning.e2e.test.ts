/** Search inside the selected view, unknown operators, and More like this, in the app. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const DIR = resolve('test-results/screenshots');

describe.each([
  ['light', 1440, 900],
  ['dark', 1024, 700],
] as const)('search meaning (%s, %i px)', (scheme, width, height) => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width, height }, colorScheme: scheme })).newPage();
    app = new AppPage(page);
    await app.open(inject('baseUrl'));
    await page.waitForFunction(() => document.querySelector('.list-count')?.textContent?.includes('21'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches inside the selected view and says so', async () => {
    await app.showView('Resources');
    await app.searchFor('network');
    await expect.poll(() => page.locator('.list-scope').innerText()).toBe('in Resources');
    await app.search.fill('');
    await app.showView('All threads');
    await app.search.fill('network');
    await expect.poll(() => page.locator('.list-scope').innerText()).toBe('in all threads');
  });

  it('shows an unknown operator as an error, not every thread', async () => {
    await app.search.fill('is:unanswered');
    await expect
      .poll(() => page.locator('.search-info').innerText())
      .toContain('is:unanswered is not a search operator');
    await expect.poll(() => page.locator('li[data-thread-id]').count()).toBe(0);
    await app.search.fill('');
  });

  it('offers More like this in the reader, and its links open the thread', async () => {
    await page.locator('li[data-thread-id]').first().click();
    const related = app.reader.getByRole('navigation', { name: 'More like this' });
    await related.waitFor({ timeout: 20_000 });
    await related.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${DIR}/more-like-this-${scheme}-${width}.png` });
    const first = related.getByRole('link').first();
    const title = await first.innerText();
    await first.click();
    await app.reader.getByRole('article', { name: title }).waitFor();
  });
});
