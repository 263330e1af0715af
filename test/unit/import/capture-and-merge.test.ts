/**
 * Counts, dates and identity across captures: what a count was "as of", which capture wins, and
 * when two files are one thread.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openForumDb } from '../../../renderer/db/forum-db';
import { importIntoDb } from '../../../renderer/db/import-into-db';
import { importSources } from '../../../src/import/import-files';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';
import { MemoryThreadStore } from '../../../src/import/thread-store';
import type { ThreadRecord } from '../../../src/model';
import { CAPTURED_AT, readFixture } from './fixture-helpers';

const LATER = new Date('2026-03-20T00:00:00Z');
const fixture = (name: string) => stringSource(name, readFixture(name));
const RELAY = 'Network Relay errors out with "Privacy proxy failed with error 53"';

const listingOf = (...entries: string[][]) =>
  ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity', ...entries.flat()].join('\n');
const QUESTION = 'After a Wi-Fi change my tunnel stalls until I restart the provider by hand. What should I watch?';

describe('capture time', () => {
  const page = 'https://developer.apple.com/forums/thread/5555\nTunnel stalls after a Wi-Fi change\n\nBody.\n';
  const fileTime = new Date('2026-01-01T00:00:00Z');
  const userTime = new Date('2026-02-01T00:00:00Z');

  it('is the date the file states, over the date the user gives, over the file time', async () => {
    const stated = `Captured: 2026-03-01T08:00:00Z\n${page}`;
    const withAll = await parseToFile(stringSource('a.txt', stated, fileTime), { capturedAt: userTime });
    expect(withAll).toMatchObject({ capturedAt: new Date('2026-03-01T08:00:00Z'), captureSource: 'file' });
    expect(withAll.records[0]!.thread.capturedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(withAll.records[0]!.thread.title).toBe('Tunnel stalls after a Wi-Fi change');

    const userGiven = await parseToFile(stringSource('b.txt', page, fileTime), { capturedAt: userTime });
    expect(userGiven).toMatchObject({ capturedAt: userTime, captureSource: 'user' });
    const fileOnly = await parseToFile(stringSource('c.txt', page, fileTime));
    expect(fileOnly).toMatchObject({ capturedAt: fileTime, captureSource: 'file-time' });
    const none = await parseToFile(stringSource('d.txt', page));
    expect(none).toMatchObject({ capturedAt: null, captureSource: null });
  });

  it('reads a saved HTML page’s own date (SingleFile’s comment)', async () => {
    const html = `<!DOCTYPE html><html><!--\n Page saved with SingleFile \n url: https://developer.apple.com/forums/thread/5555 \n saved date: Sun Mar 01 2026 09:30:00 GMT+0000 (Coordinated Universal Time)\n--><head><link rel="canonical" href="https://developer.apple.com/forums/thread/5555"></head><body><h1>T</h1><div data-post-id="5555"><div class="post-body">Body.</div></div></body></html>`;
    const parsed = await parseToFile(stringSource('p.html', html, fileTime), { capturedAt: userTime });
    expect(parsed.capturedAt?.toISOString()).toBe('2026-03-01T09:30:00.000Z');
  });

  it('a listing’s capture header is not an entry', async () => {
    const text = `Captured: 2026-03-01\n${listingOf(['A', 'b', '1', '0', '5', '2d'])}\n`;
    const parsed = await parseToFile(stringSource('l.txt', text), { capturedAt: userTime });
    expect(parsed.records.map((r) => r.thread.title)).toEqual(['A']);
    expect(parsed.records[0]!.thread.activity.date).toBe('2026-02-27T00:00:00.000Z');
  });
});

describe('an older capture never overwrites a newer one', () => {
  it('re-importing the bundled listing after its thread page keeps the page’s counts, title and body', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [fixture('networking-listing.txt')], { capturedAt: CAPTURED_AT });
    await importSources(store, [fixture('thread-page-790377.txt')], { capturedAt: LATER });
    const before = store.all().find((r) => r.thread.id === '790377')!;
    const again = await importSources(store, [fixture('networking-listing.txt')], { capturedAt: CAPTURED_AT });
    const after = store.all().find((r) => r.thread.id === '790377')!;
    expect(after.thread).toMatchObject({ title: RELAY, replies: 2, boosts: 1, views: 318 });
    expect(after.posts[0]!.body).toBe(before.posts[0]!.body);
    expect(again.report.added).toBe(0);
  });

  it('the same, in the other order: the older listing arriving last changes no count', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [fixture('thread-page-790377.txt')], { capturedAt: LATER });
    await importSources(store, [fixture('networking-listing.txt')], { capturedAt: CAPTURED_AT });
    expect(store.all().filter((r) => r.thread.title === RELAY)).toHaveLength(1);
    expect(store.all().find((r) => r.thread.id === '790377')!.thread).toMatchObject({ replies: 2, views: 318 });
  });

  it('at the same capture time (files dated only by their copy), the thread page’s own counts win', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [fixture('thread-page-790377.txt'), fixture('networking-listing.txt')], {
      capturedAt: CAPTURED_AT,
    });
    expect(store.all().find((r) => r.thread.id === '790377')!.thread).toMatchObject({ replies: 2, views: 318 });
  });

  it('a newer capture whose body is the old one cut short keeps the whole body', async () => {
    const store = new MemoryThreadStore();
    const whole = 'https://developer.apple.com/forums/thread/5555\nA title\n\nFirst line.\nSecond line, the end.\n';
    await importSources(store, [stringSource('whole.txt', whole)], { capturedAt: CAPTURED_AT });
    await importSources(store, [stringSource('cut.txt', whole.slice(0, whole.indexOf(', the end')))], {
      capturedAt: LATER,
    });
    const { posts, thread } = store.all()[0]!;
    expect(posts[0]!.body).toBe('First line.\nSecond line, the end.');
    expect(posts[0]!.cut).toBeUndefined();
    expect(thread.capturedAt).toBe(LATER.toISOString());
  });
});

describe('unknown never overwrites known', () => {
  it('a thread page without counts keeps the listing’s, and the reader can tell replies were not captured', async () => {
    const store = new MemoryThreadStore();
    const listing = listingOf(['Tunnel stalls after a Wi-Fi change', QUESTION, '10', '0', '297', '2d']);
    await importSources(store, [stringSource('l.txt', listing)], { capturedAt: CAPTURED_AT });
    const page = `https://developer.apple.com/forums/thread/5555\nTunnel stalls after a Wi-Fi change\n\n${QUESTION}\n`;
    await importSources(store, [stringSource('p.txt', page)], { capturedAt: LATER });
    expect(store.all()).toHaveLength(1);
    const { thread, posts } = store.all()[0]!;
    expect(thread).toMatchObject({ id: '5555', replies: 10, boosts: 0, views: 297, capturedAt: LATER.toISOString() });
    expect(posts).toHaveLength(1);
  });
});

describe('authors and resources', () => {
  it('the thread page decides whether the question is a resource, over a listing row that glued a reply in', async () => {
    const store = new MemoryThreadStore();
    const glued = `${QUESTION} Share and Enjoy — Quinn “The Eskimo!” @ Developer Technical Support @ Apple`;
    await importSources(
      store,
      [stringSource('l.txt', listingOf(['Tunnel stalls after a Wi-Fi change', glued, '1', '0', '20', '2d']))],
      {
        capturedAt: CAPTURED_AT,
      },
    );
    expect(store.all()[0]!.thread.isResource).toBe(true);
    const page = [
      'https://developer.apple.com/forums/thread/5555',
      'Tunnel stalls after a Wi-Fi change',
      '',
      QUESTION,
      '',
      'Answered by DTS Engineer in 5560022',
      'Reconnect when the path changes.',
      '',
      'Share and Enjoy',
      '',
      'Quinn “The Eskimo!” @ Developer Technical Support @ Apple',
      'let myEmail = "eskimo" + "1" + "@" + "apple.com"',
      '',
    ].join('\n');
    await importSources(store, [stringSource('p.txt', page)], { capturedAt: LATER });
    const { thread, posts } = store.all()[0]!;
    expect(thread).toMatchObject({ id: '5555', isResource: false, author: null });
    // Quinn's reply is a post of his own, which can be bookmarked by its id.
    expect(posts[1]).toMatchObject({ id: '5560022', author: 'Quinn “The Eskimo!”', accepted: true });
  });
});

describe('one thread, whatever brought it', () => {
  it('a page behind a site banner meets its listing row', async () => {
    const store = new MemoryThreadStore();
    const listing = listingOf(['Tunnel stalls after a Wi-Fi change', QUESTION, '1', '0', '20', '2d']);
    await importSources(store, [stringSource('l.txt', listing)], { capturedAt: CAPTURED_AT });
    const page = [
      'https://vpnrt.example.net/forums/thread/5555',
      'Thanks for being a part of WWDC25!',
      '',
      'How did we do? Tell us in the survey',
      '',
      'Tunnel stalls after a Wi-Fi change',
      '',
      QUESTION,
      '',
    ].join('\n');
    const result = await importSources(store, [stringSource('p.txt', page)], { capturedAt: LATER });
    expect(result.report).toMatchObject({ added: 0, updated: 1 });
    expect(store.all().map((r) => [r.thread.id, r.thread.title])).toEqual([
      ['5555', 'Tunnel stalls after a Wi-Fi change'],
    ]);
  });

  it('the same thread id from two mirror hosts and the old forum’s address is one thread', async () => {
    const store = new MemoryThreadStore();
    const body = (url: string) => `${url}\nTunnel stalls after a Wi-Fi change\n\n${QUESTION}\n`;
    await importSources(store, [
      stringSource('a.txt', body('https://jp.mirror.example/forums/thread/5555?answerId=5560022')),
      stringSource('b.txt', body('http://developer.mirror.example.xyz/forums/thread/5555')),
      stringSource('c.txt', body('https://forums.developer.apple.com/thread/5555?page=2')),
    ]);
    expect(store.all().map((r) => [r.thread.id, r.thread.url])).toEqual([
      ['5555', 'https://developer.apple.com/forums/thread/5555'],
    ]);
  });

  it('a feed item and the archive copy of the same thread are one thread', async () => {
    const store = new MemoryThreadStore();
    await importSources(store, [fixture('network-extension-tag-feed.atom'), fixture('forumkb-archive.json')]);
    expect(store.all().filter((r) => r.thread.title === 'A Peek Behind the NECP Curtain')).toHaveLength(1);
  });
});

describe('listings', () => {
  it('a second page header in the middle of a file is a page break, not a thread', async () => {
    const page2 = ['Networking', 'RSS for tag', 'Explore networking.', 'Posts under Networking subtopic', 'Post'];
    const text = [
      listingOf(['A', 'a body', '1', '0', '5', '2d']),
      ...page2,
      'Replies',
      'Boosts',
      'Views',
      'Activity',
      'B',
      'b body',
      '2',
      '0',
      '7',
      '3d',
    ].join('\n');
    const parsed = await parseToFile(stringSource('two-pages.txt', `${text}\n`), { capturedAt: CAPTURED_AT });
    expect(parsed.records.map((r) => [r.thread.title, r.posts[0]!.body, r.thread.replies, r.thread.views])).toEqual([
      ['A', 'a body', 1, 5],
      ['B', 'b body', 2, 7],
    ]);
    expect(parsed.warnings).toEqual([]);
  });
});

describe('post ids that change carry the user’s bookmarks and notes', () => {
  const text = [
    'https://developer.apple.com/forums/thread/5555',
    'Tunnel stalls after a Wi-Fi change',
    '',
    QUESTION,
    'Thanks!',
    '',
    'Which NEPacketTunnelProvider callbacks do you get around the change?',
    'Any ideas?',
    '',
    'Use the path monitor of your tunnel connection and reconnect when it changes.',
    '',
  ].join('\n');
  const html = `<!DOCTYPE html><html><head><link rel="canonical" href="https://developer.apple.com/forums/thread/5555"></head><body>
    <h1>Tunnel stalls after a Wi-Fi change</h1>
    <div data-post-id="5555"><div class="post-body"><p>${QUESTION}</p><p>Thanks!</p></div></div>
    <div data-post-id="5560022"><div class="post-body"><p>Which NEPacketTunnelProvider callbacks do you get around the change? Any ideas?</p></div></div>
    <div data-post-id="5570022"><div class="post-body"><p>Use the path monitor of your tunnel connection and reconnect when it changes.</p></div></div>
    </body></html>`;

  it('the merge reports `5555#2` → its forum post id', async () => {
    const moves: [string, string][] = [];
    class Recording extends MemoryThreadStore {
      override put(record: ThreadRecord, previousId: string | null, moved?: ReadonlyMap<string, string>) {
        moves.push(...(moved ?? []));
        return super.put(record, previousId, moved);
      }
    }
    const store = new Recording();
    await importSources(store, [stringSource('p.txt', text)], { capturedAt: CAPTURED_AT });
    expect(store.all()[0]!.posts.map((p) => p.id)).toEqual(['5555#0', '5555#1', '5555#2']);
    await importSources(store, [stringSource('p.html', html)], { capturedAt: LATER });
    expect(store.all()[0]!.posts.map((p) => p.id)).toEqual(['5555#0', '5560022', '5570022']);
    expect(moves).toEqual([
      ['5555#1', '5560022'],
      ['5555#2', '5570022'],
    ]);
  });

  it('in the app’s database, the bookmark and note on the reply move to its forum post id', async () => {
    const db = openForumDb(`forumkb-post-moves-${Date.now()}`);
    try {
      // Files go to the data worker as text or bytes; it parses them.
      const parsed = (name: string, content: string, at: Date) =>
        Promise.resolve({ name, data: content, capturedAt: at.toISOString(), modifiedAt: null });
      await importIntoDb(db, [await parsed('p.txt', text, CAPTURED_AT)]);
      const now = '2026-03-16T00:00:00.000Z';
      await db.bookmarks.put({ targetId: '5555#2', threadId: '5555', kind: 'post', labels: ['fix'], createdAt: now });
      await db.notes.put({
        targetId: '5555#2',
        threadId: '5555',
        markdown: 'try this',
        createdAt: now,
        updatedAt: now,
      });
      await importIntoDb(db, [await parsed('p.html', html, LATER)]);
      expect(await db.bookmarks.get('5555#2')).toBeUndefined();
      expect(await db.bookmarks.get('5570022')).toMatchObject({ threadId: '5555', kind: 'post', labels: ['fix'] });
      expect(await db.notes.get('5555#2')).toBeUndefined();
      expect(await db.notes.get('5570022')).toMatchObject({ markdown: 'try this' });
    } finally {
      await db.delete();
    }
  });
});
