/** The ranking rules of the issue, on hand-made threads that differ in one thing each. */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex } from '../../../src/search/segmented-index';

let n = 0;
const made = new Map<string, ThreadRecord>();
function thread(
  title: string,
  body: string,
  replies: string[] = [],
  extra: { date?: string; views?: number } = {},
): ThreadRecord {
  const id = String(++n);
  const record: ThreadRecord = {
    thread: {
      id,
      fingerprint: `fp-${id}`,
      titleKey: title.toLowerCase(),
      title,
      url: null,
      author: null,
      tags: [],
      inferredTags: [],
      replies: replies.length,
      boosts: 0,
      views: extra.views ?? 10,
      activity: { raw: null, date: extra.date ?? '2025-01-01T00:00:00Z' },
      capturedAt: null,
      isResource: false,
      excerpt: body,
      sources: ['listing'],
    },
    posts: [body, ...replies].map((text, index) => ({
      id: `${id}#${index}`,
      threadId: id,
      index,
      author: null,
      date: null,
      body: text,
      boosts: 0,
      accepted: false,
    })),
  };
  made.set(id, record);
  return record;
}

const FILLER = 'some words about an app that talks to a server over the local network every few seconds';
/** The titles of the results, best first (the index keeps ids; the titles are the threads'). */
const order = (index: SegmentedIndex, q: string) =>
  index.search(q, { typing: false }).results.map((r) => made.get(r.id)?.thread.title);

describe('ranking', () => {
  it('puts a title match above a body match above a reply match', () => {
    const index = new SegmentedIndex();
    index.add([
      thread('C reply', FILLER, [`${FILLER} handshake`]),
      thread('B body', `${FILLER} handshake`),
      thread('A handshake', FILLER),
    ]);
    expect(order(index, 'handshake')).toEqual(['A handshake', 'B body', 'C reply']);
  });

  it('puts an exact error code or identifier above a stemmed word', () => {
    const index = new SegmentedIndex();
    index.add([
      thread('timeouts everywhere', `${FILLER} requests keep timing out, timeouts all day`),
      thread('a failing request', `${FILLER} it fails with -1001`),
    ]);
    // No thread has both words: the code (or its symbol) outranks the stemmed word.
    expect(order(index, '-1001 timeout')).toEqual(['a failing request', 'timeouts everywhere']);
    expect(order(index, 'timeout -1001')).toEqual(['a failing request', 'timeouts everywhere']);
  });

  it('breaks ties by activity, then views', () => {
    const index = new SegmentedIndex();
    index.add([
      thread('old', `${FILLER} bonjour`, [], { date: '2024-01-01T00:00:00Z', views: 999 }),
      thread('new, few views', `${FILLER} bonjour`, [], { date: '2025-06-01T00:00:00Z', views: 1 }),
      thread('new, many views', `${FILLER} bonjour`, [], { date: '2025-06-01T00:00:00Z', views: 50 }),
    ]);
    expect(order(index, 'bonjour')).toEqual(['new, many views', 'new, few views', 'old']);
  });
});
