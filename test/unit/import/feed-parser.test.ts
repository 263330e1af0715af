import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/import/feed-parser';
import { ImportError } from '../../../src/import/import-error';
import { CAPTURED_AT, parseFixture } from './fixture-helpers';

describe('RSS feed of a tag', async () => {
  const parsed = await parseFixture('network-tag-feed.xml');

  it('makes each item a thread with URL, id, title, date, author and the feed tag', () => {
    expect(parsed.format).toBe('feed');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.records.map(({ thread: t }) => [t.id, t.title, t.author, t.tags, t.activity.date])).toEqual([
      ['779446', 'Understanding Also-Ran Connections', 'DTS Engineer', ['Network'], '2025-04-09T10:41:07.000Z'],
      [
        '784112',
        'Bonjour Connectivity Optimization',
        'mbrennan_dev',
        ['Network', 'Bonjour'],
        '2025-05-22T17:03:51.000Z',
      ],
      ['815233', 'Wi-Fi MAC address information', 'kotaro_n', ['Network'], '2026-02-09T03:27:10.000Z'],
      [
        '818902',
        'NWConnection & NWListener over TCP stop receiving after the app returns from background',
        'lukas.w',
        ['Network'],
        '2026-03-10T14:55:02.000Z',
      ],
    ]);
  });

  it('uses the canonical thread URL even when the item links to an answer', () => {
    expect(parsed.records[1]!.thread.url).toBe('https://developer.apple.com/forums/thread/784112');
  });

  it('keeps the description as the question start, as text, so fingerprints match the listing', () => {
    const [alsoRan, , macAddress] = parsed.records;
    expect(alsoRan!.posts[0]!.body).toBe(
      'Every now and again folks notice that Network framework seems to create an unexpected number of connections on the wire. This post explains why that happens and what you should do about it.',
    );
    expect(macAddress!.posts).toEqual([]);
    expect(parsed.records[3]!.thread.inferredTags).toEqual([]);
  });
});

describe('Atom feed', () => {
  it('reads entries, alternate links (old-forum host included) and category terms', async () => {
    const parsed = await parseFixture('network-extension-tag-feed.atom');
    expect(parsed.format).toBe('feed');
    expect(parsed.records[0]!.thread).toMatchObject({
      id: '785343',
      url: 'https://developer.apple.com/forums/thread/785343',
      title: 'A Peek Behind the NECP Curtain',
      tags: ['Network Extension'],
      isResource: true,
    });
    expect(parsed.records[0]!.posts[0]!.body).toBe(
      'From time to time the subject of NECP grows up, both here on DevForums and in DTS cases.',
    );
  });
});

describe('broken feeds', () => {
  it.each([
    ['unclosed item', '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>x</title>\n</channel></rss>'],
    ['garbage after the declaration', '<?xml version="1.0"?>\n<rss><<<'],
  ])('%s: an ImportError naming the file and line', (_case, xml) => {
    let error: unknown;
    try {
      parseFeed('broken.xml', xml, CAPTURED_AT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).file).toBe('broken.xml');
    expect((error as ImportError).line).toBeGreaterThanOrEqual(1);
  });

  it('keeps item categories as tags, but not topics', () => {
    const xml =
      '<rss><channel><title>Networking</title><item><title>T</title><link>https://developer.apple.com/forums/thread/42</link>' +
      '<category>App &amp; System Services</category><category>Networking</category><category>network</category>' +
      '<category>iOS</category></item></channel></rss>';
    expect(parseFeed('cats.xml', xml, CAPTURED_AT).records[0]!.thread.tags).toEqual(['Network', 'iOS']);
  });

  it('an item without a title is a warning; the others go in', () => {
    const xml =
      '<rss><channel><title>Network</title><item><link>https://developer.apple.com/forums/thread/1234</link></item>' +
      '<item><title>Fine</title><link>https://developer.apple.com/forums/thread/5678</link></item></channel></rss>';
    const { records, warnings } = parseFeed('partial.xml', xml, CAPTURED_AT);
    expect(records.map((r) => r.thread.id)).toEqual(['5678']);
    expect(records[0]!.thread.tags).toEqual(['Network']);
    expect(warnings).toEqual([{ file: 'partial.xml', line: null, message: 'item 1 has no title: skipped' }]);
  });
});
