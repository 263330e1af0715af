import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../../src/import/activity';
import { parseCount } from '../../../src/import/counts';
import { QUINN_NAME } from '../../../src/import/signature';
import { CAPTURED_AT, parseFixture, parseText } from './fixture-helpers';

const COMPACT_HEADER = [
  'Networking',
  '',
  'Posts under Networking subtopic',
  '',
  'Post',
  'Replies',
  'Boosts',
  'Views',
  'Activity',
];

function compact(title: string, body: string, counts = ['1', '0', '37', '2w']): string[] {
  return [title, body, ...counts];
}

describe('listing fixture', async () => {
  const parsed = await parseFixture('networking-listing.txt');
  const byTitle = new Map(parsed.records.map((r) => [r.thread.title, r]));

  it('reads 20 compact and 21 labelled entries: 21 distinct threads, no warnings', () => {
    expect(parsed.format).toBe('listing');
    expect(parsed.records).toHaveLength(41);
    expect(byTitle.size).toBe(21);
    expect(parsed.warnings).toEqual([]);
  });

  it('gives the same id to a thread in both layouts, even where the scraper left entities', () => {
    const bonjour = parsed.records.filter((r) => r.thread.title === 'Bonjour Connectivity Optimization');
    expect(bonjour).toHaveLength(2);
    expect(bonjour[0]!.thread.id).toBe(bonjour[1]!.thread.id);
    expect(bonjour[1]!.posts[0]!.body).toContain('Set<NWBrowser.Result>');
  });

  it('reads counts with k suffixes and dates activity from the capture time, keeping the raw text', () => {
    const resources = byTitle.get('Networking Resources')!.thread;
    expect(resources).toMatchObject({ replies: 0, boosts: 0, views: 4200 });
    expect(resources.activity).toEqual({ raw: '3w', date: '2026-02-22T00:00:00.000Z' });
    expect(byTitle.get('App Outgoing Internet Connections are Blocked')!.thread.activity).toEqual({
      raw: 'Jun ’25',
      date: '2025-06-01T00:00:00.000Z',
    });
    expect(resources.capturedAt).toBe(CAPTURED_AT.toISOString());
  });

  it('infers authors from signatures and marks DTS posts as resources', () => {
    for (const title of ['Networking Resources', 'Working with a Wi-Fi Accessory', 'Network Interface APIs']) {
      expect(byTitle.get(title)!.thread).toMatchObject({ author: QUINN_NAME, isResource: true });
    }
    expect(byTitle.get('New PushKit delegate in iOS 26.4')!.thread.author).toBe('Kevin Elliott');
    expect(byTitle.get('CoreBluetooth and BLE AdvertisementData')!.thread).toMatchObject({
      author: null,
      isResource: false,
    });
  });

  it('gives fingerprint ids, never urls, and ids stable across parses', async () => {
    const again = await parseFixture('networking-listing.txt', new Date('2027-01-01'));
    expect(again.records.map((r) => r.thread.id)).toEqual(parsed.records.map((r) => r.thread.id));
    for (const { thread } of parsed.records) {
      expect(thread.id).toMatch(/^fp-[0-9a-z]+$/);
      expect(thread.url).toBeNull();
      expect(thread.sources).toEqual(['listing']);
    }
  });
});

describe('listing header and layouts', () => {
  it('makes the tag of a tag page explicit on every thread and reads the post count line', async () => {
    const text = [
      'https://developer.apple.com/forums/tags/network',
      'Network',
      'RSS for tag',
      'Posts under Network tag',
      '44 Posts',
      'Post',
      'Replies',
      'Boosts',
      'Views',
      'Activity',
      ...compact('NWConnection stalls', 'My NWConnection stalls after Bonjour resolves.'),
      ...compact('Plain question', 'Nothing specific here.'),
    ].join('\n');
    const parsed = await parseText('tag.txt', text);
    expect(parsed.records).toHaveLength(2);
    expect(parsed.records[0]!.thread.tags).toEqual(['Network']);
    expect(parsed.records[0]!.thread.inferredTags).toEqual(['Bonjour']);
    expect(parsed.records[1]!.thread.tags).toEqual(['Network']);
  });

  it('takes the tag from a tag page URL on the first line when the header says nothing', async () => {
    const text = [
      'https://developer.apple.com/forums/tags/networkextension?page=2',
      ...compact('Filter question', 'A question.'),
    ].join('\n');
    const parsed = await parseText('tag-url.txt', text);
    expect(parsed.records[0]!.thread.tags).toEqual(['Network Extension']);
  });

  it('reads a page sorted by creation date (a Created column)', async () => {
    const header = [...COMPACT_HEADER.slice(0, -1), 'Created'];
    const parsed = await parseText(
      'created.txt',
      [...header, ...compact('A', 'b', ['3', '1', '1.2M', '5h'])].join('\n'),
    );
    expect(parsed.records[0]!.thread).toMatchObject({ title: 'A', replies: 3, boosts: 1, views: 1_200_000 });
    // `Created` dates the question, not the thread's last activity (unknown on such a page).
    expect(parsed.records[0]!.posts[0]!.date).toBe('2026-03-14T19:00:00.000Z');
    expect(parsed.records[0]!.thread.activity).toEqual({ raw: null, date: null });
  });

  it('reads labelled entries whose last label is Created', async () => {
    const entry = ['A', 'b', 'Replies', '3', 'Boosts', '1', 'Views', '12', 'Created', '2d'];
    const parsed = await parseText('created-labelled.txt', [...COMPACT_HEADER, ...entry].join('\n'));
    expect(parsed.records.map((r) => [r.thread.title, r.thread.views])).toEqual([['A', 12]]);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads CRLF files with a BOM', async () => {
    const text = `\uFEFF${[...COMPACT_HEADER, ...compact('Title', 'Body')].join('\r\n')}\r\n`;
    const parsed = await parseText('crlf.txt', text);
    expect(parsed.records.map((r) => r.thread.title)).toEqual(['Title']);
    expect(parsed.records[0]!.posts[0]!.body).toBe('Body');
  });

  it('keeps bodies of several lines and entries without a body', async () => {
    const text = [
      ...COMPACT_HEADER,
      'Title only',
      '0',
      '0',
      '5',
      '1d',
      'Two lines',
      'first',
      'second',
      '2',
      '0',
      '9',
      '1d',
    ];
    const parsed = await parseText('multi.txt', text.join('\n'));
    expect(parsed.records.map((r) => [r.thread.title, r.posts[0]!.body])).toEqual([
      ['Title only', ''],
      ['Two lines', 'first\nsecond'],
    ]);
  });
});

describe('a listing cut off mid-entry', () => {
  it.each([
    ['compact, before its activity', ['Cut entry', 'Its body', '4', '0']],
    ['labelled, between its counts', ['Cut entry', 'Its body', 'Replies', '4', 'Boosts']],
    ['after its title', ['Cut entry']],
  ])('%s: complete entries go in, the cut one is a warning with file and line', async (_case, tail) => {
    const complete = compact('Complete', 'A whole entry');
    const lines = [...COMPACT_HEADER, ...complete, ...tail];
    const parsed = await parseText('cut.txt', lines.join('\n'));
    expect(parsed.records.map((r) => r.thread.title)).toEqual(['Complete']);
    expect(parsed.warnings).toEqual([
      {
        file: 'cut.txt',
        line: COMPACT_HEADER.length + complete.length + 1,
        message: expect.stringContaining('cut off'),
      },
    ]);
  });
});

describe('counts and activity', () => {
  it.each([
    ['37', 37],
    ['4.2k', 4200],
    ['1.9k', 1900],
    ['1.2M', 1_200_000],
    ['1,234', 1234],
    ['k', null],
    ['4.2 thousand', null],
  ])('parseCount(%j) = %j', (text, value) => expect(parseCount(text)).toBe(value));

  it.each([
    ['3w', '2026-02-22T00:00:00.000Z'],
    ['2d', '2026-03-13T00:00:00.000Z'],
    ['5h', '2026-03-14T19:00:00.000Z'],
    ['Jun ’25', '2025-06-01T00:00:00.000Z'],
    ["Jun '25", '2025-06-01T00:00:00.000Z'],
    ['Dec 2025', '2025-12-01T00:00:00.000Z'],
    ['yesterday', null],
  ])('parseActivity(%j)', (raw, date) => {
    expect(parseActivity(raw, CAPTURED_AT)).toEqual({ raw, date });
  });

  it('cannot date relative activity without a capture time, but keeps it', () => {
    expect(parseActivity('3w', null)).toEqual({ raw: '3w', date: null });
  });
});
