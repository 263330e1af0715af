/** Notes leave the app as Markdown, and a backup restores everything into a fresh profile. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { AppPage } from './pages/app-page';

const NOTE = 'Timeouts from a *packet tunnel*: check `NSURLErrorTimedOut` (-1001) first.';
const downloads = mkdtempSync(join(tmpdir(), 'forumkb-downloads-'));

async function runCommand(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

async function save(download: Download): Promise<string> {
  const path = join(downloads, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

describe('export and backup in the browser build', () => {
  let browser: Browser;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    app = new AppPage(page);
    await app.open(inject('baseUrl'));
    await page.waitForFunction(() => document.querySelector('.list-count')?.textContent?.includes('21'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('exports a note as Markdown with front matter, and an index', async () => {
    await app.searchFor('-1001');
    await app.threadRows.first().click();
    await page.keyboard.press('n');
    await page.getByRole('textbox', { name: 'Note (Markdown)' }).waitFor();
    await page.keyboard.type(NOTE);
    await expect.poll(() => page.locator('.note-status').innerText()).toMatch(/^Saved/);
    await page.keyboard.press('Escape');

    const files = new Map<string, string>();
    page.on('download', (d) => void save(d).then((p) => files.set(d.suggestedFilename(), readFileSync(p, 'utf8'))));
    await runCommand(page, 'export notes as markdown');
    await expect.poll(() => files.size, { timeout: 10_000 }).toBe(2);
    page.removeAllListeners('download');

    const noteFile = [...files.keys()].find((name) => name !== 'ForumKB Notes.md')!;
    expect(noteFile).toMatch(/^Why does an NSURLSessionDataTask sent from PacketTunnelProvider.*\.md$/);
    expect(noteFile).not.toMatch(/[/\\:?*"<>|]/);
    const content = files.get(noteFile)!;
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(content)![1]!) as Record<string, unknown>;
    expect(front).toMatchObject({ title: expect.stringContaining('NSURLErrorTimedOut (-1001)'), bookmarked: false });
    expect(content).toContain(NOTE);
    expect(content).toMatch(/^> /m); // the question quoted
    // The index links the note's file (a relative, URL-encoded Markdown link).
    expect(files.get('ForumKB Notes.md')).toContain(`](${noteFile.replace(/ /g, '%20').slice(0, 40)}`);
  });

  it('backs up to one archive that restores the note and bookmark into a fresh profile', async () => {
    await page.keyboard.press('b'); // bookmark the selected thread
    const downloaded = page.waitForEvent('download');
    await runCommand(page, 'back up everything');
    const backupPath = await save(await downloaded);
    expect(backupPath).toMatch(/ForumKB Backup \d{4}-\d{2}-\d{2}\.json$/);
    const archive = JSON.parse(readFileSync(backupPath, 'utf8')) as {
      format: string;
      notes: unknown[];
      bookmarks: unknown[];
    };
    expect(archive.format).toBe('forumkb-archive');
    expect(archive.notes).toHaveLength(1);
    expect(archive.bookmarks).toHaveLength(1);

    const fresh = await (await browser.newContext()).newPage();
    const freshApp = new AppPage(fresh);
    await freshApp.open(inject('baseUrl'));
    await expect.poll(() => freshApp.listCount(), { timeout: 20_000 }).toBe(21);
    await freshApp.importFiles([backupPath]);
    await freshApp.showView('Notes');
    await expect.poll(() => freshApp.listCount()).toBe(1);
    await expect(fresh.locator('.thread-note').innerText()).resolves.toContain('Timeouts from a');
    await freshApp.showView('Bookmarks');
    await expect.poll(() => freshApp.listCount()).toBe(1);
    await fresh.close();
  });

  it('reports a broken archive by file and line, and keeps what is stored', async () => {
    const broken = join(downloads, 'broken-backup.json');
    writeFileSync(broken, '{\n  "format": "forumkb-archive",\n  "version": 1,\n  "exportedAt": 7\n}\n');
    await app.importFiles([broken]);
    await expect(page.getByRole('status', { name: 'Import report' }).innerText()).resolves.toMatch(
      /broken-backup\.json:4: exportedAt/,
    );
    await app.search.fill(''); // the earlier search for -1001 is still in the box
    await app.showView('All threads');
    await expect.poll(() => app.listCount()).toBe(21);
    await app.showView('Notes');
    await expect.poll(() => app.listCount()).toBe(1);
  });
});
