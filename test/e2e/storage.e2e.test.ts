/** When IndexedDB cannot be used, the app says so and what to do, instead of showing an empty window. */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';

describe('storage', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('explains a database that cannot be opened', async () => {
    const page = await (await browser.newContext()).newPage();
    // As in a browser with site data blocked: opening IndexedDB fails in the data worker, which
    // is where the database lives.
    const deny =
      "IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };\n";
    await page.route(/data-worker[^/]*\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: deny + (await response.text()) });
    });
    await page.goto(inject('baseUrl'));
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'ForumKB cannot open its database' }).waitFor({ timeout: 20_000 });
    await expect(alert.innerText()).resolves.toMatch(/private browsing|site data/);
    await expect(alert.getByRole('button', { name: 'Reload' }).count()).resolves.toBe(1);
    expect(await page.locator('.app').count()).toBe(0);
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/9-database-error.png' });
  });

  it('shows the database size and quota in the status bar', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(inject('baseUrl'));
    await page.locator('.app[data-status="ready"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('.status-storage').innerText())
      .toMatch(/^\d+(\.\d)? [KMG]?B of \d+(\.\d)? [KMGT]?B used/);
  });
});
