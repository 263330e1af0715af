/**
 * Screenshots of the main views in light and dark, saved under test-results/screenshots/ for a
 * person to look at; the test itself checks that each view rendered what it shows.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const DIR = resolve('test-results/screenshots');

describe.each(['light', 'dark'] as const)('screenshots (%s)', (scheme) => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;
  const shot = (name: string) => page.screenshot({ path: `${DIR}/${name}-${scheme}.png` });

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    page = await context.newPage();
    app = new AppPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uses the system colour scheme', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe(scheme === 'dark' ? 'rgb(28, 28, 30)' : 'rgb(255, 255, 255)');
    await shot('1-list');
  });

  it('reader with a note and a bookmark', async () => {
    await app.searchFor('Bonjour Connectivity');
    await page.keyboard.press('Enter'); // from the search box to the first result
    await page.keyboard.press('Enter'); // opens it
    await app.reader.getByRole('article', { name: 'Bonjour Connectivity Optimization' }).waitFor();
    await page.keyboard.press('Escape'); // back to the list, then clear the search
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(
      '## Why it reconnects\n\nWait for `.wiredEthernet` **before** connecting.\n\n```swift\nparams.requiredInterfaceType = .wiredEthernet\n```',
    );
    await page.locator('.note-preview pre').waitFor();
    await shot('2-reader-note');
    await page.keyboard.press('Escape');
  });

  it('search results with highlights', async () => {
    await app.searchFor('NEFilterDataProvider');
    await page.locator('.thread-title mark').first().waitFor();
    await shot('3-search');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('command palette and thread menu', async () => {
    await page.keyboard.press('Control+p');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await shot('4-palette');
    // The palette takes Escape once its input has the focus (on a loaded machine that comes late).
    await page.getByRole('combobox', { name: 'Type a command' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Type a command');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor({ state: 'hidden' });
    await app.threadRows.first().getByRole('button', { name: 'Thread actions' }).click();
    await page.getByRole('menu', { name: 'Thread actions' }).waitFor();
    await shot('5-menu');
    await page.keyboard.press('Escape');
  });

  it('bookmarks and resources', async () => {
    await app.showView('Resources');
    await page.getByRole('button', { name: 'Bookmark all resource posts' }).click();
    await app.showView('Bookmarks');
    await expect.poll(() => app.listCount()).toBe(8);
    await shot('6-bookmarks');
  });

  it('a thread page with replies and an accepted answer', async () => {
    await app.importFiles([resolve('fixtures/thread-page-790377.txt')]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await app.showView('All threads');
    await app.searchFor('Privacy proxy failed');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('.post-accepted').first().waitFor();
    await shot('8-thread-page');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('notes view', async () => {
    await app.showView('Notes');
    await expect.poll(() => app.listCount()).toBe(1);
    await shot('7-notes');
  });
});
