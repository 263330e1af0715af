/**
 * Golden tests, one per layout feature of real thread pages saved as text. Each fixture in
 * fixtures/thread-pages/ reproduces one layout in its own words.
 */
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../src/model';
import { QUINN_NAME } from '../../../src/import/signature';
import { docMeta } from '../../../src/search/doc-meta';
import { parseFixture, parseText } from './fixture-helpers';

const page = async (name: string) => {
  const parsed = await parseFixture(`thread-pages/${name}`);
  expect(parsed.format).toBe('thread-page');
  expect(parsed.records).toHaveLength(1);
  return { ...parsed.records[0]!, warnings: parsed.warnings };
};
const summary = (posts: Post[]) => posts.map((p) => [p.id, p.author, p.accepted]);
const firstLine = (p: Post) => p.body.split('\n')[0];
const lastLine = (p: Post) => p.body.split('\n').at(-1);
/** Lines that are page chrome, never post text. */
const CHROME =
  /^(Answered by .* in \d+|Replies|Accepted Reply|Code Block|Thanks for being a part of WWDC\d+!|How did we do\?.*|This thread has been locked by a moderator\.|\S+ Level \d+ Level \d+ \(\d+ points\))$/m;

describe('a current page with an accepted answer by DTS (mirror host)', async () => {
  const { thread, posts, warnings } = await page('accepted-by-staff.txt');

  it('splits question, accepted answer and the thanks reply; the answer shown twice is one post', () => {
    expect(summary(posts)).toEqual([
      ['861234#0', null, false],
      ['861240022', QUINN_NAME, true],
      ['861234#2', null, false],
    ]);
    expect(warnings).toEqual([]);
  });

  it('starts the accepted answer with its re-quote of the question, right after the marker line', () => {
    expect(firstLine(posts[1]!)).toBe(
      'Is the listener supposed to survive a trip to the background, or do I need to rebuild it every time?',
    );
    expect(lastLine(posts[1]!)).toBe('let myEmail = "eskimo" + "1" + "@" + "apple.com"');
    expect(lastLine(posts[0]!)).toBe(firstLine(posts[1]!));
  });

  it('the asker is not Quinn: a question answered by Quinn is not a resource', () => {
    expect(thread).toMatchObject({
      id: '861234',
      url: 'https://developer.apple.com/forums/thread/861234',
      author: null,
      isResource: false,
      acceptedAnswer: { by: 'DTS Engineer', postId: '861240022' },
    });
  });

  it('shows no counts it does not have: replies, boosts and views are unknown', () => {
    expect(thread).toMatchObject({ replies: null, boosts: null, views: null });
  });

  it('keeps chrome out of every body', () => {
    for (const p of posts) expect(p.body).not.toMatch(CHROME);
  });
});

describe('a page whose accepted answer is the asker’s own', async () => {
  const { thread, posts } = await page('answered-by-asker.txt');

  it('splits at the sign-offs, the marker, closing words and the DTS signature', () => {
    expect(summary(posts)).toEqual([
      ['870455#0', 'Marta_K', false],
      ['870530022', 'Marta_K', true],
      ['870455#2', 'Kevin Elliott', false],
      ['870455#3', 'Marta_K', false],
    ]);
    expect(lastLine(posts[0]!)).toBe('  • Marta');
    expect(firstLine(posts[2]!)).toMatch(/^A filter only sees flows/);
  });

  it('the bulleted sign-off and the marker name one asker', () => {
    expect(thread.author).toBe('Marta_K');
    expect(thread.isResource).toBe(false);
  });
});

describe('the old forum’s layout', async () => {
  const { thread, posts } = await page('legacy-jive.txt');

  it('reads `N Replies`, `Latest reply on … by` and the asker’s badge line from the header', () => {
    expect(thread).toMatchObject({
      id: '48211',
      title: 'NSURLSession background upload fails with -997 after the app is killed',
      author: 'rkowalski',
      replies: 3,
      activity: { raw: 'Jun 13, 2018 1:00 PM', date: '2018-06-13T13:00:00.000Z' },
    });
  });

  it('reads `Accepted Reply` and `Replies` as headings, badge lines as authors', () => {
    expect(summary(posts)).toEqual([
      ['48211#0', 'rkowalski', false],
      ['48211#1', QUINN_NAME, true],
      ['48211#2', 'mdefoe', false],
    ]);
    for (const p of posts) expect(p.body).not.toMatch(CHROME);
    expect(thread.isResource).toBe(false);
  });

  it('keeps the double and triple blank lines inside the question', () => {
    expect(posts[0]!.body).toContain('switcher.\n\n\nWhen I launch it again');
  });
});

describe('an old-forum /message/ page', async () => {
  const { thread, posts } = await page('legacy-message.txt');

  it('does not take the message id for the thread id, and says so in the record', () => {
    expect(thread.id).toMatch(/^fp-/);
    expect(thread).toMatchObject({
      url: 'https://forums.developer.apple.com/message/305518',
      legacyMessageId: '305518',
    });
  });

  it('signs the question with its sign-off name and starts the reply after the `Replies` heading', () => {
    expect(summary(posts).map(([, author]) => author)).toEqual(['Ana', null]);
    expect(lastLine(posts[0]!)).toBe('Ana');
  });

  it('puts inline code pulled onto its own line back into its sentence', () => {
    const reply = posts[1]!.body.split('\n');
    expect(reply[0]).toBe(
      'My command-line tool sets connectionProxyDictionary on its URLSessionConfiguration, but requests still go direct.',
    );
    expect(reply).toContain('  • The dictionary must use kCFNetworkProxiesHTTPProxy');
    expect(reply).toContain('  • and the port goes under kCFNetworkProxiesHTTPPort.');
  });
});

describe('a resource post behind a site banner, locked, with code', async () => {
  const { thread, posts } = await page('banner-resource.txt');

  it('takes the title after the banner, not the banner', () => {
    expect(thread.title).toBe('Choosing a Bonjour Service Type');
  });

  it('Quinn’s signature at the top is a preamble: one post, his, a resource', () => {
    expect(summary(posts)).toEqual([['743210#0', QUINN_NAME, false]]);
    expect(thread).toMatchObject({ author: QUINN_NAME, isResource: true });
  });

  it('drops the banner, the lock notice, `Code Block` and the title repeated at the end with stray letters', () => {
    const body = posts[0]!.body;
    expect(body).not.toMatch(CHROME);
    expect(body.endsWith('#   the output shows one line per instance')).toBe(true);
    // The title repeated inside the post (the article's own heading) stays.
    expect(body).toContain('let myEmail = "eskimo" + "1" + "@" + "apple.com"\n\n\nChoosing a Bonjour Service Type\n');
  });

  it('keeps code indentation and shell comments exactly', () => {
    const body = posts[0]!.body;
    expect(body).toContain('<array>\n    <string>_myapp._tcp</string>\n</array>');
    expect(body).toContain('# list the services your Mac sees\ndns-sd -B _myapp._tcp local.\n#   the output');
  });
});

describe('a page without a title line', async () => {
  const { thread, posts } = await page('no-title.txt');

  it('keeps the first sentence in the body and derives a display title from it', () => {
    expect(thread.titleDerived).toBe(true);
    expect(thread.title).toBe(
      'My packet tunnel provider adds a route for the tunnel server through en0 before it brings…',
    );
    expect(firstLine(posts[0]!)).toMatch(/^My packet tunnel provider adds a route .* small script:$/);
  });

  it('keeps shell `#` comments as lines of the question, and splits at `Thanks` and the re-quote', () => {
    expect(posts[0]!.body).toContain('# keep the server reachable outside the tunnel\n/sbin/route -n add -host');
    expect(posts).toHaveLength(2);
    expect(firstLine(posts[1]!)).toBe('After a Wi-Fi change the first route points at the old gateway');
  });
});

describe('an old page with Quinn’s old signature and several unsigned replies', async () => {
  const { thread, posts } = await page('old-signature-replies.txt');

  it('finds where Quinn’s reply starts (the widest run of blank lines) and where replies open', () => {
    expect(summary(posts)).toEqual([
      ['30712#0', null, false],
      ['30712#1', QUINN_NAME, false],
      ['30712#2', null, false],
      ['30712#3', null, false],
    ]);
    expect(lastLine(posts[0]!)).toBe('Has anyone else seen this?');
    expect(firstLine(posts[3]!)).toMatch(/^I have the same problem/);
  });

  it('credits the question to nobody rather than to Quinn, and it is no resource', () => {
    expect(thread).toMatchObject({ author: null, isResource: false });
  });
});

describe('a page cut off by its capture', async () => {
  const { posts, warnings } = await page('cut-off.txt');

  it('keeps the last post as far as it goes, drops the half character, and warns with file and line', () => {
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.endsWith('Should I treat “satisfied')).toBe(true);
    expect(posts[0]!.body).not.toContain('\uFFFD');
    expect(posts[0]!.cut).toBe(true);
    expect(warnings).toEqual([
      {
        file: 'thread-pages/cut-off.txt',
        line: 10,
        message: 'the page ends in a character cut in half: it was dropped',
      },
      {
        file: 'thread-pages/cut-off.txt',
        line: 10,
        message:
          'the page ends mid-line (no final line break), so it may be cut off: the last post is kept as far as it goes',
      },
    ]);
  });

  it('an accepted-answer marker cut at the end keeps the answer known but not its cut id', async () => {
    const text =
      'https://developer.apple.com/forums/thread/123456\nA title\n\nThe question.\n\nAnswered by DTS Engineer in 86123';
    const parsed = await parseText('marker.txt', text);
    const { thread, posts } = parsed.records[0]!;
    expect(posts).toHaveLength(1);
    expect(thread.acceptedAnswer).toEqual({ by: 'DTS Engineer', postId: null });
    // The thread is answered (is:answered), though the answer's text was not captured.
    expect(docMeta(parsed.records[0]!).answered).toBe(true);
    expect(parsed.warnings[0]).toEqual({
      file: 'marker.txt',
      line: 6,
      message: 'the accepted-answer marker is cut off: its post id is not kept',
    });
  });

  it('a page that ends with a line break is whole: no warning', async () => {
    const parsed = await parseText('whole.txt', 'https://developer.apple.com/forums/thread/1234\nA title\n\nBody.\n');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.records[0]!.posts[0]!.cut).toBeUndefined();
  });
});

describe('title lines', () => {
  const firstPost = async (text: string) => (await parseText('t.txt', `${text}\n`)).records[0]!;

  it('a short question line followed at once by the body is a title', async () => {
    const { thread, posts } = await firstPost(
      'https://developer.apple.com/forums/thread/1001\nIs waiting a terminal state?\nNo idea here.',
    );
    expect(thread).toMatchObject({ title: 'Is waiting a terminal state?' });
    expect(thread.titleDerived).toBeUndefined();
    expect(posts[0]!.body).toBe('No idea here.');
  });

  it('a sentence ending in a full stop is the body, not a title', async () => {
    const { thread, posts } = await firstPost(
      'https://developer.apple.com/forums/thread/1001\nI wrote a scanner with CoreWLAN.\nIt fails with error 16.',
    );
    expect(thread).toMatchObject({ title: 'I wrote a scanner with CoreWLAN.', titleDerived: true });
    expect(posts[0]!.body).toBe('I wrote a scanner with CoreWLAN.\nIt fails with error 16.');
  });

  it('`Thread locked by a moderator` is chrome', async () => {
    const { posts } = await firstPost(
      'https://developer.apple.com/forums/thread/1001\nA title\n\nThread locked by a moderator\n\nBody.',
    );
    expect(posts[0]!.body).toBe('Body.');
  });
});

describe('where a post ends', () => {
  const postsOf = async (lines: string[]) =>
    (
      await parseText(
        'p.txt',
        ['https://developer.apple.com/forums/thread/1001', 'A title', '', ...lines, ''].join('\n'),
      )
    ).records[0]!.posts;

  it('a DTS signature with a team after the title ends the reply, and names its author', async () => {
    const posts = await postsOf([
      'Why does my socket close?',
      'Any ideas?',
      '',
      'Check SO_NOSIGPIPE.',
      '',
      'Jane Appleseed',
      'DTS Engineer, CoreOS/Hardware',
      '',
      'That fixed it.',
    ]);
    expect(posts.map((p) => [p.author, firstLine(p)])).toEqual([
      [null, 'Why does my socket close?'],
      ['Jane Appleseed', 'Check SO_NOSIGPIPE.'],
      [null, 'That fixed it.'],
    ]);
  });

  it('a bug number posted on its own line ends a reply', async () => {
    const posts = await postsOf([
      'Why does ATS block my camera on the LAN?',
      'Any ideas?',
      '',
      'Same on my printer app.',
      '',
      'Enhancement request: 31415926',
      '',
      'We moved to a local https server instead.',
    ]);
    expect(posts.map(firstLine)).toEqual([
      'Why does ATS block my camera on the LAN?',
      'Same on my printer app.',
      'We moved to a local https server instead.',
    ]);
  });

  it('`Edit:` after the asker’s closing words stays in the question', async () => {
    const posts = await postsOf(['Why does my socket close?', 'Thanks!', '', 'Edit: only on cellular.']);
    expect(posts).toHaveLength(1);
    expect(lastLine(posts[0]!)).toBe('Edit: only on cellular.');
  });
});

describe('a question moved from the old forum, answered by quoting it line by line', async () => {
  const { posts } = await page('migrated-quotes.txt');

  it('the reply starts where the question’s double spacing stops, before its first quote', () => {
    expect(posts).toHaveLength(2);
    expect(lastLine(posts[0]!)).toBe('Would a stream task be the right tool?');
    expect(firstLine(posts[1]!)).toMatch(/^URLSession hands you the data as it arrives/);
  });

  it('quotes inside the reply do not split it', () => {
    expect(posts[1]!.body).toContain('Is there a way to see each chunk as it arrives?\n\nYes, as above.');
    expect(lastLine(posts[1]!)).toBe('Only if you want to speak HTTP yourself, which I would not recommend.');
  });
});

describe('a page saved without its URL line', () => {
  it('is still known as a thread page by its banner or lock notice', async () => {
    for (const first of ['Thanks for being a part of WWDC25!', 'This thread has been locked by a moderator.']) {
      const parsed = await parseText(
        'no-url.txt',
        `${first}\n\nNWBrowser finds nothing\n\nMy browser finds nothing.\n`,
      );
      expect(parsed.format).toBe('thread-page');
      expect(parsed.records[0]!.thread.title).toBe('NWBrowser finds nothing');
      expect(parsed.records[0]!.posts[0]!.body).toBe('My browser finds nothing.');
    }
  });
});
