import type { Locator, Page } from 'playwright-core';

/** The main window, as a person sees it: page-object style (Actual Budget's e2e/page-models). */
export class AppPage {
  readonly threadRows: Locator;

  constructor(readonly page: Page) {
    this.threadRows = page.getByRole('list', { name: 'Threads' }).getByRole('listitem');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
    await this.page.locator('.app[data-status="ready"]').waitFor({ timeout: 30_000 });
  }

  row(title: string): Locator {
    return this.threadRows.filter({ has: this.page.locator('.thread-title', { hasText: title }) });
  }

  async stat(title: string, stat: 'replies' | 'boosts' | 'views' | 'activity'): Promise<string> {
    const text = await this.row(title).locator(`[data-stat="${stat}"]`).innerText();
    return text.replace(/\s*(replies|boosts|views)$/, '').trim();
  }

  async showTag(tag: string): Promise<void> {
    await this.page.getByRole('list', { name: 'Tags' }).getByRole('button', { name: new RegExp(`^${tag}\\b`) }).click();
  }
}
