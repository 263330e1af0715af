/**
 * No edit is lost: a note restored from a backup while its editor is open, text typed just
 * before the window closes, a label typed without Enter, keys typed right after `n`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppPage } from './pages/app-page';
import { launchChromium } from './support/chromium';

const THREAD = { id: 'fp-2bnwb9lt13j', title: 'Bonjour Connectivity Optimization' };

/** A ForumKB archive (the fixture's threads) whose only note is `markdown` on THREAD. */
function archiveWithNote(markdown: string): string {
  const archive = JSON.parse(readFileSync('fixtures/forumkb-archive.json', 'utf8')) as Record<string, unknown>;
  archive['notes'] = [
    {
      targetId: THREAD.id,
      threadId: THREAD.id,
      markdown,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    },
  ];
  archive['bookmarks'] = [];
  const path = join(mkdtempSync(join(tmpdir(), 'forumkb-restore-')), 'backup.json');
  writeFileSync(path, JSON.stringify(archive));
  return path;
}

/** What IndexedDB holds, read beside the app. */
function stored(page: Page, table: 'notes' | 'bookmarks', key: string): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    ({ table, key }) =>
      new Promise<Record<string, unknown> | null>((resolve, reject) => {
        const open = indexedDB.open('forumkb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(table).objectStore(table).get(key);
          get.onsuccess = () => {
            resolve((get.result as Record<string, unknown> | undefined) ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { table, key },
  );
}
async function dropFile(page: Page, name: string, content: string): Promise<void> {
  await page.evaluate(
    ({ name, content }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, content },
  );
}

const storedNote = async (page: Page) => ((await stored(page, 'notes', THREAD.id))?.['markdown'] as string) ?? null;

describe('no edit is lost', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    app = new AppPage(page);
    await app.open(inject('baseUrl'));
    await expect.poll(() => app.listCount(), { timeout: 20_000 }).toBe(21);
  });
  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
  });

  const note = () => page.getByRole('textbox', { name: 'Note (Markdown)' });
  async function selectThread() {
    if ((await app.row(THREAD.title).count()) === 0) await app.searchFor('Bonjour Connectivity');
    await app.row(THREAD.title).click();
  }
  async function openNote() {
    await selectThread();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  }

  it('a backup restored while the note is open shows in the editor; the next keystroke adds to it', async () => {
    await openNote();
    await page.keyboard.type('my first thoughts');
    await expect.poll(() => storedNote(page)).toBe('my first thoughts');
    await app.importFiles([archiveWithNote('restored from the backup')]);
    // The editor shows the note as the restore merged it, without being asked.
    await expect.poll(() => storedNote(page)).toContain('restored from the backup');
    const merged = (await storedNote(page))!;
    await expect.poll(() => note().inputValue()).toBe(merged);
    await note().press('Control+End');
    await note().pressSequentially('!');
    await expect.poll(() => storedNote(page)).toBe(`${merged}!`);
  });

  it('a backup restored under unsaved text asks, and keeping both loses neither', async () => {
    await openNote();
    // Hold the save back as if typing continued: the restore lands before it.
    await page.evaluate(() => {
      const real = window.setTimeout;
      (window as unknown as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number) =>
        real(fn, ms === 400 ? 60_000 : ms);
    });
    await page.keyboard.type('unsaved words');
    // Dropped on the window, the backup goes in while the note keeps the focus.
    await dropFile(page, 'backup.json', readFileSync(archiveWithNote('restored from the backup'), 'utf8'));
    const alert = page.locator('.note-conflict');
    await alert.waitFor();
    const merged = (await storedNote(page))!;
    expect(merged).toContain('restored from the backup');
    expect(merged).not.toContain('unsaved words');
    await alert.getByRole('button', { name: 'Keep both' }).click();
    await expect.poll(() => storedNote(page)).toBe(`${merged}\n\n---\n\nunsaved words`);
    await expect(note().inputValue()).resolves.toBe(`${merged}\n\n---\n\nunsaved words`);
  });

  it.each(['reload', 'close'] as const)('text typed just before the window goes (%s) is there after', async (how) => {
    await openNote();
    await page.keyboard.type('typed at the last moment');
    // Well within the 400 ms autosave delay.
    if (how === 'reload') await page.reload();
    else {
      await page.close({ runBeforeUnload: true });
      page = await context.newPage();
      app = new AppPage(page);
    }
    await app.open(inject('baseUrl'));
    await expect.poll(() => storedNote(page)).toBe('typed at the last moment');
  });

  it('a label typed without Enter is kept: on leaving the field and on closing the window', async () => {
    await selectThread();
    await page.keyboard.press('b');
    const labels = app.reader.getByRole('combobox', { name: 'Labels' });
    await labels.fill('to read');
    await selectThread(); // leaves the field
    await expect.poll(async () => (await stored(page, 'bookmarks', THREAD.id))?.['labels']).toEqual(['to read']);
    await labels.fill('TLS');
    await page.reload();
    await app.open(inject('baseUrl'));
    await expect.poll(async () => (await stored(page, 'bookmarks', THREAD.id))?.['labels']).toEqual(['to read', 'TLS']);
  });

  it('labels are picked, not appended to pre-filled text', async () => {
    await selectThread();
    await page.keyboard.press('b');
    const labels = app.reader.getByRole('combobox', { name: 'Labels' });
    await labels.fill('Resource');
    await labels.press('Enter');
    await expect(labels.inputValue()).resolves.toBe('');
    await labels.click();
    await labels.pressSequentially('to read');
    await labels.press('Enter');
    await expect
      .poll(async () => (await stored(page, 'bookmarks', THREAD.id))?.['labels'])
      .toEqual(['Resource', 'to read']);
    await expect.poll(() => app.reader.locator('.label-chip').count()).toBe(2);
    await app.reader.getByRole('button', { name: 'Remove label Resource' }).click();
    await expect.poll(async () => (await stored(page, 'bookmarks', THREAD.id))?.['labels']).toEqual(['to read']);
    // The labels in use elsewhere are offered on the next bookmark.
    await page.keyboard.press('Escape');
    await app.row(THREAD.title).click();
    await page.keyboard.press('j');
    await page.keyboard.press('b');
    const next = app.reader.getByRole('combobox', { name: 'Labels' });
    await next.waitFor();
    await expect
      .poll(() =>
        app.reader.locator('datalist option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      )
      .toEqual(['to read']);
  });

  it('keys typed right after n go into the note, not to the list', async () => {
    // Opened by its link, so no row holds the focus: the keys go to the app's shortcuts.
    await page.evaluate((hash) => (window.location.hash = hash), `#/thread/${THREAD.id}`);
    await app.reader.locator('article.reader').waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.type('njk quick', { delay: 0 });
    // The field shows every key at once; the store follows the autosave's pause, then the worker.
    await expect.poll(() => page.getByRole('textbox', { name: 'Note (Markdown)' }).inputValue()).toBe('jk quick');
    await expect.poll(() => storedNote(page), { timeout: 5_000 }).toBe('jk quick');
    // j and k went into the note: the selection did not move.
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/thread/${THREAD.id}`);
  });

  it('reopening a note puts the caret at the end', async () => {
    await openNote();
    await page.keyboard.type('line one\nline two');
    await expect.poll(() => storedNote(page)).toBe('line one\nline two');
    await page.getByRole('button', { name: 'Close note' }).click();
    await selectThread();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('!');
    await expect.poll(() => storedNote(page)).toBe('line one\nline two!');
  });
});
