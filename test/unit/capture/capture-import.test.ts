import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeCapture, toCaptureFile, validateCapture, type Capture } from '../../../src/import/capture-format';
import { parseCapture } from '../../../src/import/capture-import';
import { storeCapture } from '../../../src/import/capture-store';
import { detectFormat } from '../../../src/import/detect-format';
import { ImportError } from '../../../src/import/import-error';
import { importSources } from '../../../src/import/import-files';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';
import { applyRecords, MemoryThreadStore } from '../../../src/import/thread-store';
import { emptyReport } from '../../../src/model';
import { LISTING_ROWS, THREAD_ID, THREAD_TITLE, listingPageText, threadPageText } from '../../support/forum-page-text';

const threadCapture = (overrides: Partial<Capture> = {}): Capture => ({
  url: `https://developer.apple.com/forums/thread/${THREAD_ID}?answerId=812345022#812345022`,
  title: `${THREAD_TITLE} | Apple Developer Forums`,
  text: threadPageText(),
  capturedAt: '2025-04-01T10:00:00.000Z',
  ...overrides,
});

const file = (capture: Capture) => JSON.stringify(toCaptureFile(capture), null, 2);

describe('capture files', () => {
  it('are detected from their content and imported through the thread-page parser', async () => {
    const text = file(threadCapture());
    expect(detectFormat(text.slice(0, 8192))).toBe('capture');
    // The file's own time is not the capture time: the capture says when the page was read.
    const parsed = await parseToFile(stringSource('saved.json', text, new Date('2030-01-01T00:00:00Z')));
    expect(parsed.format).toBe('capture');
    expect(parsed.records).toHaveLength(1);
    const { thread, posts } = parsed.records[0]!;
    expect(thread).toMatchObject({
      id: THREAD_ID,
      title: THREAD_TITLE,
      url: `https://developer.apple.com/forums/thread/${THREAD_ID}`,
      author: 'harbor_lights',
      tags: ['Network', 'Network Extension'],
      replies: 3,
      boosts: 3,
      views: 1204,
      capturedAt: '2025-04-01T10:00:00.000Z',
      sources: ['thread-page'],
    });
    expect(posts.map((p) => [p.author, p.accepted])).toEqual([
      ['harbor_lights', false],
      ['DTS Engineer', true],
      ['harbor_lights', false],
      ['tunnel_vision', false],
    ]);
    expect(posts[1]!.id).toBe('812345022');
  });

  it('drop the site navigation above a thread title (it is not the title)', () => {
    const parsed = parseCapture(threadCapture(), 'c');
    expect(parsed.records[0]!.thread.title).toBe(THREAD_TITLE);
    // Without the page title to find, the first line of the text would be taken as the title.
    const blind = parseCapture(threadCapture({ title: '' }), 'c');
    expect(blind.records[0]!.thread.title).toBe('Developer');
  });

  it('read a listing page through the listing parser: every row, its counts and the tag', () => {
    const parsed = parseCapture(
      threadCapture({
        url: 'https://developer.apple.com/forums/tags/network-extension',
        title: 'Network Extension | Apple Developer Forums',
        text: listingPageText(),
      }),
      'c',
    );
    expect(parsed.kind).toBe('listing');
    expect(parsed.records.map((r) => [r.thread.title, r.thread.replies, r.thread.views, r.thread.tags])).toEqual(
      LISTING_ROWS.map((row) => [
        row.title,
        Number(row.replies),
        row.views === '1.1k' ? 1100 : Number(row.views),
        ['Network Extension'],
      ]),
    );
    expect(parsed.records.every((r) => r.thread.capturedAt === '2025-04-01T10:00:00.000Z')).toBe(true);
  });

  it('read the DOM with the HTML parser when the capture has no text', async () => {
    const html = await readFile('fixtures/thread-page-788211.html', 'utf8');
    const parsed = parseCapture(
      threadCapture({ url: 'https://developer.apple.com/forums/thread/788211', text: '', html }),
      'c',
    );
    expect(parsed.records[0]!.thread.id).toBe('788211');
    expect(parsed.records[0]!.posts.length).toBeGreaterThan(1);
  });

  it('fall back to the DOM when the text gives no post, and keep the text when it does', async () => {
    const html = await readFile('fixtures/thread-page-788211.html', 'utf8');
    const url = 'https://developer.apple.com/forums/thread/788211';
    const titleOnly = parseCapture(threadCapture({ url, text: 'Some title\n', html }), 'c');
    expect(titleOnly.records[0]!.posts.length).toBeGreaterThan(1);
    const both = parseCapture(threadCapture({ html }), 'c');
    expect(both.records[0]!.thread.id).toBe(THREAD_ID);
  });

  it('refuse what is not a capture or not a forum page, naming the field or the page', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as ImportError).message;
      }
      return 'no error';
    };
    expect(reason(() => decodeCapture('{"format":"forumkb-capture",', 'a.json'))).toMatch(
      /^a\.json: not a ForumKB capture: the JSON does not parse/,
    );
    expect(reason(() => validateCapture([], 'a.json'))).toBe('a.json: not a ForumKB capture: expected a JSON object');
    expect(reason(() => validateCapture({ ...threadCapture(), version: 2 }, 'a.json'))).toMatch(/version 2/);
    expect(reason(() => validateCapture({ ...threadCapture(), url: 'javascript:alert(1)' }, 'a.json'))).toMatch(
      /"url" is not an http\(s\) address/,
    );
    expect(reason(() => validateCapture({ ...threadCapture(), text: ' ' }, 'a.json'))).toMatch(/neither text nor html/);
    expect(
      reason(() => parseCapture(threadCapture({ url: 'https://example.com/', text: 'Hello\nworld' }), 'a.json')),
    ).toMatch(/^a\.json: not a forum page: https:\/\/example\.com\//);
  });

  it('name the line of the captured text in warnings, not of the text with the URL put first', () => {
    const cut = `${listingPageText()}\nA last row cut off\nits body`;
    const parsed = parseCapture(
      threadCapture({ url: 'https://developer.apple.com/forums/tags/network-extension', text: cut }),
      'c',
    );
    const lines = cut.split('\n');
    expect(parsed.warnings).toEqual([
      { file: 'c', line: lines.indexOf('A last row cut off') + 1, message: expect.stringMatching(/cut off/) },
    ]);
  });
});

describe('storing captures', () => {
  const store = () => new MemoryThreadStore();
  const put = (s: MemoryThreadStore, c: Capture) =>
    storeCapture(s, parseCapture(c, 'c'), (records) => applyRecords(s, records, emptyReport()));

  it('an older capture never overwrites the counts of a newer one', async () => {
    const s = store();
    await put(s, threadCapture({ capturedAt: '2025-05-01T00:00:00.000Z' }));
    const older = threadCapture({
      capturedAt: '2025-03-20T00:00:00.000Z',
      text: threadPageText(1).replace('1,204', '90'),
    });
    const answer = await put(s, older);
    expect(answer.threads[0]!.status).toBe('unchanged');
    expect(s.all()[0]!.thread.views).toBe(1204);
    expect(s.all()[0]!.posts).toHaveLength(4);
  });

  it('a listing row and its thread page are one thread, whichever comes first', async () => {
    const s = store();
    const listing = await put(
      s,
      threadCapture({ url: 'https://developer.apple.com/forums/tags/network-extension', text: listingPageText() }),
    );
    expect(listing.threads.map((t) => t.status)).toEqual(['added', 'added', 'added']);
    const page = await put(s, threadCapture({ capturedAt: '2025-04-02T10:00:00.000Z' }));
    expect(page.threads).toEqual([{ id: THREAD_ID, title: THREAD_TITLE, status: 'updated', newReplies: 3 }]);
    expect(s.all()).toHaveLength(3);
  });

  it('a capture file imports like any other file (the one path into the database)', async () => {
    const s = store();
    const result = await importSources(s, [stringSource('c.capture.json', file(threadCapture()))]);
    expect(result.report).toEqual({ added: 1, updated: 0, unchanged: 0, skipped: 0 });
    expect(s.all()[0]!.thread.id).toBe(THREAD_ID);
  });
});
