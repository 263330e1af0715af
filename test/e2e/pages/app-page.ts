import type { Locator, Page } from 'playwright-core';

export interface RowData {
  id: string;
  title: string;
  replies: string;
  boosts: string;
  views: string;
  activity: string;
}

/** The main window, as a person sees it: page-object style (Actual Budget's e2e/page-models). */
export class AppPage {
  /** The rows in the DOM: the list is virtualised, so only those in and near the view. */
  readonly threadRows: Locator;
  readonly search: Locator;
  readonly reader: Locator;

  constructor(readonly page: Page) {
    this.threadRows = page.getByRole('list', { name: 'Threads' }).getByRole('listitem');
    this.search = page.getByRole('searchbox', { name: 'Search threads' });
    this.reader = page.getByRole('region', { name: 'Reader' });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
    await this.page.locator('.app[data-status="ready"]').waitFor({ timeout: 30_000 });
  }

  /**
   * The list's own count ("21 threads"), which counts every row, rendered or not; NaN while the
   * list still loads past its first screenful.
   */
  async listCount(): Promise<number> {
    if ((await this.page.locator('.list-pane').getAttribute('data-complete')) !== 'true') return NaN;
    const text = await this.page.locator('.list-count').innerText();
    return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
  }

  row(title: string): Locator {
    return this.threadRows.filter({ has: this.page.locator('.thread-title', { hasText: title }) });
  }

  async stat(title: string, stat: 'replies' | 'boosts' | 'views' | 'activity'): Promise<string> {
    const text = await this.row(title).locator(`[data-stat="${stat}"]`).innerText();
    return text.replace(/\s*(repl(?:y|ies)|boosts?|views?)$/, '').trim();
  }

  /**
   * Every row of the list as the user sees it, by scrolling the virtualised list from top to
   * bottom and reading the rows that are rendered at each step.
   */
  async allRows(): Promise<RowData[]> {
    const scroller = this.page.locator('.thread-scroll');
    await scroller.evaluate((el) => (el.scrollTop = 0));
    const rows = new Map<string, RowData>();
    for (;;) {
      const batch = await scroller.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('li[data-thread-id]')].map((li) => {
          const stat = (name: string) =>
            (li.querySelector<HTMLElement>(`[data-stat="${name}"]`)?.innerText ?? '')
              .replace(/\s*(repl(?:y|ies)|boosts?|views?)$/, '')
              .trim();
          return {
            id: li.dataset.threadId ?? '',
            title: (li.querySelector<HTMLElement>('.thread-title')?.innerText ?? '').replace(/^Resource\s*/, '').trim(),
            replies: stat('replies'),
            boosts: stat('boosts'),
            views: stat('views'),
            activity: stat('activity'),
          };
        }),
      );
      for (const row of batch) rows.set(row.id, row);
      const atEnd = await scroller.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight * 0.8;
        return el.scrollTop === before;
      });
      if (atEnd) break;
      await this.page.waitForTimeout(50); // let the virtualiser render the rows now in view
    }
    return [...rows.values()];
  }

  async showTag(tag: string): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Tags' })
      .getByRole('button', { name: new RegExp(`^${tag}\\b`) })
      .click();
  }

  async showView(name: 'All threads' | 'Bookmarks' | 'Resources' | 'Notes'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .first()
      .click();
  }

  /** Imports files through the Import… button and the file chooser, as a user does. */
  async importFiles(paths: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles(paths);
    await this.page.getByRole('status', { name: 'Import report' }).waitFor();
  }

  async searchFor(query: string): Promise<void> {
    await this.page.keyboard.press('/');
    await this.page.keyboard.type(query);
    await this.page.locator('.list-heading h2', { hasText: `Results for “${query}”` }).waitFor();
  }
}
