import { describe, expect, it } from 'vitest';
import { importSources } from '../../../src/import/import-files';
import { stringSource } from '../../../src/import/text-source';
import { MemoryThreadStore, type ThreadStore } from '../../../src/import/thread-store';
import type { ThreadRecord } from '../../../src/model';
import { CAPTURED_AT, readFixture } from './fixture-helpers';

const LATER = new Date('2026-03-20T00:00:00Z');
const UPGRADES = [
  'thread-page-788211.html',
  'thread-page-790377.txt',
  'network-tag-feed.xml',
  'network-extension-tag-feed.atom',
];

/** A MemoryThreadStore that records the ids each put() moved from. */
class RecordingStore extends MemoryThreadStore {
  readonly moves: [from: string, to: string][] = [];
  override put(record: ThreadRecord, previousId: string | null): Promise<void> {
    if (previousId !== null) this.moves.push([previousId, record.thread.id]);
    return super.put(record, previousId);
  }
}

const source = (name: string) => stringSource(name, readFixture(name));

async function importListingThenUpgrades(store: ThreadStore) {
  await importSources(store, [source('networking-listing.txt')], { capturedAt: CAPTURED_AT });
  return importSources(store, UPGRADES.map(source), { capturedAt: LATER });
}

describe('thread pages and feed items upgrade listing entries', async () => {
  const store = new RecordingStore();
  const listingIds = new Map<string, string>();
  await importSources(store, [source('networking-listing.txt')], { capturedAt: CAPTURED_AT });
  for (const { thread } of store.all()) listingIds.set(thread.title, thread.id);
  const result = await importSources(store, UPGRADES.map(source), { capturedAt: LATER });
  const byTitle = new Map(store.all().map((r) => [r.thread.title, r]));

  it('adds only the one thread the listing did not have', () => {
    expect(store.all()).toHaveLength(22);
    expect(result.report).toEqual({ added: 1, updated: 6, unchanged: 0, skipped: 0 });
    expect(result.failed).toEqual([]);
  });

  it('re-keys each upgraded entry from its fp- id to its forum id', () => {
    const upgraded: [string, string][] = [
      [
        'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?',
        '788211',
      ],
      ['Network Relay errors out with "Privacy proxy failed with error 53"', '790377'],
      ['Understanding Also-Ran Connections', '779446'],
      ['Bonjour Connectivity Optimization', '784112'],
      // No description in the feed: found by its title alone.
      ['Wi-Fi MAC address information', '815233'],
      ['A Peek Behind the NECP Curtain', '785343'],
    ];
    expect(store.moves).toEqual(upgraded.map(([title, id]) => [listingIds.get(title), id]));
    for (const [title, id] of upgraded) expect(byTitle.get(title)!.thread.id).toBe(id);
  });

  it('merges replies without duplicating the question, and takes the newer capture’s body', () => {
    const { thread, posts } = byTitle.get('Network Relay errors out with "Privacy proxy failed with error 53"')!;
    expect(posts.map((p) => p.id)).toEqual(['790377#0', '846201022', '790377#2']);
    expect(posts.every((p) => p.threadId === '790377')).toBe(true);
    // The two texts differ (the listing keeps a longer console log): the later capture, the
    // page, wins, with its line breaks.
    expect(posts[0]!.body).toBe(readFixture('thread-page-790377.txt').split('\n').slice(21, 26).join('\n'));
    expect(thread).toMatchObject({ replies: 2, views: 318, url: 'https://developer.apple.com/forums/thread/790377' });
    expect(thread.sources).toEqual(['listing', 'thread-page']);
  });

  it('keeps explicit tags apart from inferred ones, and a signed name over a badge', () => {
    const also = byTitle.get('Understanding Also-Ran Connections')!.thread;
    expect(also.tags).toEqual(['Network']);
    expect(also.inferredTags).toEqual([]);
    expect(also.author).toBe('Quinn “The Eskimo!”');
    expect(also.isResource).toBe(true);
    const page = byTitle.get(
      'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?',
    )!.thread;
    expect(page.tags).toEqual(['Network Extension', 'CFNetwork']);
    expect(page.inferredTags).toEqual(['Foundation']);
    expect(page.author).toBe('ngavin');
  });

  it('takes the later activity date', () => {
    // The listing says `Apr ’25` (read as April 1st); the feed item is dated April 9th.
    expect(byTitle.get('Understanding Also-Ran Connections')!.thread.activity.date).toBe('2025-04-09T10:41:07.000Z');
    expect(byTitle.get('Wi-Fi MAC address information')!.thread.activity.date).toBe('2026-02-09T03:27:10.000Z');
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = JSON.stringify(store.all());
    const again = await importSources(store, [source('networking-listing.txt')], { capturedAt: CAPTURED_AT });
    const again2 = await importSources(store, UPGRADES.map(source), { capturedAt: LATER });
    expect(again.report).toMatchObject({ added: 0, updated: 0 });
    expect(again2.report).toEqual({ added: 0, updated: 0, unchanged: 6 + 1, skipped: 0 });
    expect(JSON.stringify(store.all())).toBe(before);
  });
});

describe('order does not matter', () => {
  it('a listing imported after the pages and feeds finds the same threads', async () => {
    const first = new MemoryThreadStore();
    await importListingThenUpgrades(first);
    const second = new MemoryThreadStore();
    await importSources(second, UPGRADES.map(source), { capturedAt: LATER });
    const late = await importSources(second, [source('networking-listing.txt')], { capturedAt: CAPTURED_AT });
    expect(late.report.added).toBe(15);
    const ids = (s: MemoryThreadStore) =>
      s
        .all()
        .map((r) => r.thread.id)
        .sort();
    expect(ids(second)).toEqual(ids(first));
  });
});

describe('activity', () => {
  it('a feed date older than the listing activity does not replace it', async () => {
    const store = new MemoryThreadStore();
    const listing = [
      'Posts under Network tag',
      'Post',
      'Replies',
      'Boosts',
      'Views',
      'Activity',
      'Old thread',
      '',
      '3',
      '0',
      '50',
      '2d',
    ];
    await importSources(store, [stringSource('l.txt', listing.join('\n'))], { capturedAt: CAPTURED_AT });
    const feed =
      '<rss><channel><title>Network</title><item><title>Old thread</title><link>https://developer.apple.com/forums/thread/99</link>' +
      '<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item></channel></rss>';
    await importSources(store, [stringSource('f.xml', feed)], { capturedAt: LATER });
    expect(store.all()).toHaveLength(1);
    expect(store.all()[0]!.thread).toMatchObject({
      id: '99',
      replies: 3,
      activity: { raw: '2d', date: '2026-03-13T00:00:00.000Z' },
    });
  });
});

describe('matching by title alone', () => {
  const entry = (title: string, body: string) =>
    [
      'Posts under Networking subtopic',
      'Post',
      'Replies',
      'Boosts',
      'Views',
      'Activity',
      title,
      body,
      '1',
      '0',
      '5',
      '2d',
    ].join('\n');
  const feed = (title: string) =>
    `<rss><channel><title>Network</title><item><title>${title}</title><link>https://developer.apple.com/forums/thread/4242</link></item></channel></rss>`;

  it('is not used when two stored threads share the title', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [
      stringSource('a.txt', entry('Same title', 'first body')),
      stringSource('b.txt', entry('Same title', 'other body')),
    ]);
    const result = await importSources(store, [stringSource('f.xml', feed('Same title'))]);
    expect(result.report.added).toBe(1);
    expect(store.all()).toHaveLength(3);
  });

  it('never merges two threads with different forum ids', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [stringSource('f1.xml', feed('Same title'))]);
    const other = feed('Same title').replace('4242', '4343');
    const result = await importSources(store, [stringSource('f2.xml', other)]);
    expect(result.report.added).toBe(1);
  });
});
