/**
 * The reader at four window widths, light and dark, on a flattened resource post and on a thread
 * with code: saved under test-results/screenshots/reader/ for a person to look at. The test checks
 * what each must show: the body's blocks, no page-wide overflow, a reader wide enough to read.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const DIR = resolve('test-results/screenshots/reader');
const SIZES = [
  [700, 500],
  [900, 600],
  [1280, 800],
  [1920, 1080],
] as const;
const THREADS = [
  { name: 'resource', title: 'Networking Resources', shows: '.body-links li' },
  { name: 'code', title: 'Bonjour Connectivity Optimization', shows: '.post-body pre' },
] as const;

describe.each(['light', 'dark'] as const)('reader screenshots (%s)', (scheme) => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    page = await context.newPage();
    app = new AppPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens with the bundled threads', async () => {
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
  });

  for (const thread of THREADS) {
    it(`shows the ${thread.name} thread at every width`, async () => {
      await app.search.fill(thread.title);
      // The results of the search replace the list under the pointer: click until the thread shows.
      await expect
        .poll(async () => {
          await app
            .row(thread.title)
            .first()
            .locator('.thread-row-button')
            .click({ timeout: 2000 })
            .catch(() => {});
          return app.reader.getByRole('article', { name: thread.title }).count();
        })
        .toBe(1);
      await page.locator(thread.shows).first().waitFor();
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(100); // layout settles after the resize
        const layout = await page.evaluate(() => ({
          overflow: document.documentElement.scrollWidth > innerWidth,
          reader: document.querySelector('article.reader')!.getBoundingClientRect().width,
        }));
        expect(layout.overflow, `${width}px`).toBe(false);
        expect(layout.reader, `${width}px`).toBeGreaterThanOrEqual(320);
        await page.screenshot({ path: `${DIR}/${thread.name}-${width}-${scheme}.png` });
        if (thread.name !== 'code') continue;
        // With the note open: beside the thread in a wide window, below it in a narrow one.
        await page.keyboard.press('n');
        await page.getByRole('textbox', { name: 'Note (Markdown)' }).waitFor();
        await page.screenshot({ path: `${DIR}/${thread.name}-${width}-note-${scheme}.png` });
        await page.keyboard.press('Escape');
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  }
});
