import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/import/import-error';
import { QUINN_NAME } from '../../../src/import/signature';
import { parseFixture, parseText, readFixture } from './fixture-helpers';

describe('thread page saved as HTML', async () => {
  const parsed = await parseFixture('thread-page-788211.html');
  const { thread, posts } = parsed.records[0]!;

  it('reads the thread: id from the canonical URL, title, forum tags, counts', () => {
    expect(parsed.format).toBe('thread-page');
    expect(parsed.records).toHaveLength(1);
    expect(thread).toMatchObject({
      id: '788211',
      url: 'https://developer.apple.com/forums/thread/788211',
      title:
        'Why does an NSURLSessionDataTask sent from PacketTunnelProvider intermittently fail with error code NSURLErrorTimedOut (-1001) ?',
      author: 'ngavin',
      tags: ['Network Extension', 'CFNetwork'],
      inferredTags: ['Foundation'],
      replies: 2,
      boosts: 0,
      views: 1100,
      isResource: false,
      sources: ['thread-page'],
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads the question and every reply with author, date, boosts and the accepted mark', () => {
    expect(posts.map((p) => [p.id, p.author, p.date, p.boosts, p.accepted])).toEqual([
      ['788211#0', 'ngavin', '2025-06-10T16:42:18.000Z', 0, false],
      ['844512022', QUINN_NAME, '2025-06-11T09:05:40.000Z', 3, true],
      ['844630022', 'ngavin', '2025-06-12T14:27:03.000Z', 0, false],
    ]);
  });

  it('turns post HTML into readable text: paragraphs, list items, code kept verbatim', () => {
    const question = posts[0]!.body;
    expect(question.startsWith("Hi,\n\nWe're hoping someone can help us")).toBe(true);
    expect(question).toContain('• The request is sent from a PacketTunnelProvider');
    expect(question).toContain('<dict>\n    <key>NSExceptionDomains</key>');
    expect(question).not.toMatch(/Copy to clipboard|Boost|analytics/);
  });
});

describe('thread page as text', async () => {
  const parsed = await parseFixture('thread-page-790377.txt');
  const { thread, posts } = parsed.records[0]!;

  it('reads the header: URL line, title, tags, counts', () => {
    expect(parsed.format).toBe('thread-page');
    expect(thread).toMatchObject({
      id: '790377',
      url: 'https://developer.apple.com/forums/thread/790377',
      title: 'Network Relay errors out with "Privacy proxy failed with error 53"',
      tags: ['Network Extension', 'QUIC'],
      replies: 2,
      boosts: 1,
      views: 318,
      author: 'kmehta_net',
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads each post once (not the accepted answer preview), with the accepted answer id', () => {
    expect(posts.map((p) => [p.id, p.author, p.date, p.boosts, p.accepted])).toEqual([
      ['790377#0', 'kmehta_net', '2025-05-28T00:00:00.000Z', 1, false],
      ['846201022', 'Kevin Elliott', '2025-05-30T00:00:00.000Z', 2, true],
      ['790377#2', 'kmehta_net', '2025-06-02T00:00:00.000Z', 0, false],
    ]);
    expect(posts[0]!.body.split('\n')).toHaveLength(5);
    expect(posts[1]!.body).toMatch(/^The built-in MASQUE client requires/);
    expect(posts[1]!.body).not.toContain('Copy to clipboard');
  });

  it('reads a scraped page that starts with the title and the question, without author lines', async () => {
    const text = [
      'Title of a thread',
      'Network',
      'The question, first line.',
      'Second line.',
      'Boost',
      '4',
      'Copy to clipboard',
      'Accepted Answer',
      'DTS Engineer',
      'Apple Staff',
      '2w',
      'Use NWConnection.',
      'Share and Enjoy',
      'Quinn “The Eskimo!” @ Developer Technical Support @ Apple',
    ].join('\n');
    const { records } = await parseText('scraped.txt', text);
    expect(records[0]!.posts.map((p) => [p.author, p.body.split('\n')[0], p.accepted])).toEqual([
      [null, 'The question, first line.', false],
      [QUINN_NAME, 'Use NWConnection.', true],
    ]);
    expect(records[0]!.thread.tags).toEqual(['Network']);
    expect(records[0]!.thread.id).toMatch(/^fp-/);
  });

  it('a question that quotes a DTS signature is not a resource when the page names its author', async () => {
    const text = [
      'https://developer.apple.com/forums/thread/4321',
      'Following up on the Also-Ran post',
      'jdoe',
      'OP',
      'Mar 2, 2026',
      'In that post — Quinn “The Eskimo!” @ Developer Technical Support @ Apple — says to use NWConnection.',
      'Accepted Answer',
      'DTS Engineer',
      'Mar 3, 2026',
      'Yes. Share and Enjoy — Quinn “The Eskimo!” @ Developer Technical Support @ Apple',
    ].join('\n');
    const { thread } = (await parseText('quote.txt', text)).records[0]!;
    expect(thread).toMatchObject({ author: 'jdoe', isResource: false });
    const byQuinn = (await parseText('quinn.txt', text.replace('jdoe', 'DTS Engineer'))).records[0]!.thread;
    expect(byQuinn).toMatchObject({ author: QUINN_NAME, isResource: true });
  });

  it('splits posts at their buttons when the scrape kept no author lines', async () => {
    const text = [
      'https://developer.apple.com/forums/thread/4321',
      'Bonjour browse finds nothing on iOS 26',
      'My NWBrowser for _demo._tcp finds nothing.',
      'Copy to clipboard',
      'Share this post',
      'Did you add NSBonjourServices to Info.plist?',
      'Copy to clipboard',
      'Accepted Answer',
      'You need the local network privacy keys.',
      'Kevin Elliott',
      'DTS Engineer',
      'Share this post',
      '',
    ].join('\n');
    const parsed = await parseText('headless.txt', text);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.records[0]!.posts.map((p) => [p.author, p.body.split('\n')[0], p.accepted])).toEqual([
      [null, 'My NWBrowser for _demo._tcp finds nothing.', false],
      [null, 'Did you add NSBonjourServices to Info.plist?', false],
      ['Kevin Elliott', 'You need the local network privacy keys.', true],
    ]);
    // The page shows no reply count: two replies captured is not a count of the forum's.
    expect(parsed.records[0]!.thread.replies).toBeNull();
  });

  it('maps an old-forum URL on the first line to the same id', async () => {
    const text = readFixture('thread-page-790377.txt').replace(
      'https://developer.apple.com/forums/thread/790377',
      'https://forums.developer.apple.com/thread/790377',
    );
    const { records } = await parseText('old.txt', text);
    expect(records[0]!.thread.id).toBe('790377');
    expect(records[0]!.thread.url).toBe('https://developer.apple.com/forums/thread/790377');
  });

  it('rejects a page that is only a URL with an ImportError naming file and line', async () => {
    await expect(parseText('empty.txt', 'https://developer.apple.com/forums/thread/1234\n')).rejects.toThrow(
      new ImportError('empty.txt', 1, 'a thread page without a title'),
    );
  });
});

describe('HTML that is not a thread page', () => {
  it('a tag page saved as HTML (it links to threads) is an ImportError, not an empty thread', async () => {
    const html =
      '<!DOCTYPE html><html><head><link rel="canonical" href="https://developer.apple.com/forums/tags/network"></head>' +
      '<body><h1>Network</h1><a href="/forums/thread/790377">Network Relay errors out</a></body></html>';
    await expect(parseText('tag-page.html', html)).rejects.toThrow(
      new ImportError('tag-page.html', 1, 'an HTML page without forum posts: not a saved thread page'),
    );
  });
});

describe('thread page read from its JSON-LD', () => {
  const qaPage = {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: 'NWListener stops accepting connections',
      url: 'https://developer.apple.com/forums/thread/801234',
      text: '<p>After a while my <code>NWListener</code> stops calling newConnectionHandler.</p>',
      dateCreated: '2025-09-01T10:00:00Z',
      author: { '@type': 'Person', name: 'swiftdev42' },
      upvoteCount: 2,
      answerCount: 2,
      interactionStatistic: {
        '@type': 'InteractionCounter',
        interactionType: 'https://schema.org/WatchAction',
        userInteractionCount: 431,
      },
      acceptedAnswer: {
        '@type': 'Answer',
        text: 'Check the listener state handler.',
        dateCreated: '2025-09-03T10:00:00Z',
        author: { name: 'DTS Engineer' },
        upvoteCount: 5,
        url: 'https://developer.apple.com/forums/thread/801234?answerId=855555022#855555022',
      },
      suggestedAnswer: [
        {
          '@type': 'Answer',
          text: 'Same here on iOS 26.',
          dateCreated: '2025-09-02T10:00:00Z',
          author: { name: 'other_dev' },
          upvoteCount: 0,
          url: 'https://developer.apple.com/forums/thread/801234?answerId=855000022#855000022',
        },
      ],
    },
  };

  it('takes question and answers, in date order, when the markup has no posts', async () => {
    const html = `<!DOCTYPE html><html><head><title>x | Apple Developer Forums</title>
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">${JSON.stringify(qaPage)}</script></head>
      <body><div class="app-root"></div></body></html>`;
    const { records } = await parseText('ld.html', html);
    const { thread, posts } = records[0]!;
    expect(thread).toMatchObject({
      id: '801234',
      title: 'NWListener stops accepting connections',
      url: 'https://developer.apple.com/forums/thread/801234',
      author: 'swiftdev42',
      replies: 2,
      views: 431,
      inferredTags: ['Network'],
    });
    expect(posts.map((p) => [p.id, p.author, p.date, p.boosts, p.accepted, p.body])).toEqual([
      [
        '801234#0',
        'swiftdev42',
        '2025-09-01T10:00:00.000Z',
        2,
        false,
        'After a while my NWListener stops calling newConnectionHandler.',
      ],
      ['855000022', 'other_dev', '2025-09-02T10:00:00.000Z', 0, false, 'Same here on iOS 26.'],
      ['855555022', 'DTS Engineer', '2025-09-03T10:00:00.000Z', 5, true, 'Check the listener state handler.'],
    ]);
  });
});
