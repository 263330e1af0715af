/**
 * Where the list stays: a new selection comes into view, but a search's results, changing key by
 * key under a thread selected before, stay at their top, the best first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

describe('the list while searching with a thread selected', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;
  const scrollTop = () => page.locator('.thread-scroll').evaluate((el) => el.scrollTop);

  beforeAll(async () => {
    browser = await launchChromium();
    // A short window: a few rows in view.
    page = await (await browser.newContext({ viewport: { width: 1200, height: 520 } })).newPage();
    app = new AppPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('brings a new selection into view, and keeps a search at its top', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    // Every thread of the fixtures carries a networking word: search one that most of them have.
    await app.searchFor('network');
    const results = page.locator('li[data-thread-id]');
    await expect.poll(() => results.count()).toBeGreaterThan(6);
    // Select a result below the fold with the keyboard: the list follows it.
    await page.keyboard.press('Enter');
    for (let i = 0; i < 6; i++) await page.keyboard.press('j');
    await expect.poll(() => page.locator('li[data-selected="true"]').getAttribute('data-index')).toBe('6');
    // Keys pressed right after Enter move in the list: none went into the query.
    expect(await page.locator('input[type="search"]').inputValue()).toBe('network');
    await expect.poll(scrollTop).toBeGreaterThan(0);
    const selected = await page.locator('li[data-selected="true"]').getAttribute('data-thread-id');

    // A new query typed key by key whose results still hold that thread: they show from the top.
    await page.keyboard.press('/');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('networ', { delay: 40 });
    await page.locator('.list-heading h2', { hasText: 'Results for “networ”' }).waitFor();
    // ...below the rows in view: a list that followed the selection would scroll down to it.
    await expect
      .poll(async () => Number(await page.locator(`li[data-thread-id="${selected}"]`).getAttribute('data-index')))
      .toBeGreaterThan(3);
    await page.waitForTimeout(300);
    expect(await scrollTop()).toBe(0);
    expect(await page.locator('li[data-index="0"]').isVisible()).toBe(true);
  });
});
