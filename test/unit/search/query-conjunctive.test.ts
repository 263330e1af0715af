/**
 * The candidate path (query-conjunctive.ts) must answer exactly as scoring every posting does:
 * the same page (ids, order, scores, matched terms) and the same total, for random queries over a
 * random forum split into segments with updated and deleted threads.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { gallop } from '../../../src/search/query-conjunctive';
import { blockCacheBudget, SegmentedIndex, type SearchOptions } from '../../../src/search/segmented-index';
import type { UserDataView } from '../../../src/search/user-data-view';
import { prng, syntheticThreads, TAGS } from './synthetic-corpus';

function forum(seed: number) {
  const all = [...syntheticThreads(900, { seed, vocabulary: 2000 })];
  const index = new SegmentedIndex();
  index.add(all.slice(0, 500));
  index.add(all.slice(500, 650));
  // Updated copies (the old ones become dead) and deletes, across segments.
  const updated = all.filter((_, i) => i % 37 === 0).map((r) => ({ ...r, thread: { ...r.thread, views: 7 } }));
  index.add(updated);
  index.remove(all.filter((_, i) => i % 53 === 1).map((r) => r.thread.id));
  index.add(all.slice(650));
  const byId = new Map<string, ThreadRecord>(all.map((r) => [r.thread.id, r]));
  for (const r of updated) byId.set(r.thread.id, r);
  return { index, all, byId };
}

/** Words, codes, names and two-word runs as they occur in the forum, to build queries from. */
function vocabulary(all: ThreadRecord[]): { words: string[]; pairs: string[] } {
  const words: string[] = [];
  const pairs: string[] = [];
  for (const r of all.slice(0, 200)) {
    const tokens = `${r.thread.title} ${r.posts[0]?.body ?? ''}`.split(/\s+/).filter((w) => /^[\w.-]{2,}$/.test(w));
    words.push(...tokens.slice(0, 12));
    if (tokens.length > 3) pairs.push(`${tokens[1]} ${tokens[2]}`);
  }
  return { words, pairs };
}

function randomQuery(random: () => number, words: string[], pairs: string[]): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)] as T;
  const parts: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) parts.push(pick(words));
  const extra = random();
  if (extra < 0.12) parts.push(`"${pick(pairs)}"`);
  else if (extra < 0.22) parts.push(`-${pick(words)}`);
  else if (extra < 0.32) parts.push(`tag:"${pick(TAGS)}"`);
  else if (extra < 0.4) parts.push(pick(['is:answered', 'is:resource', '-is:answered', 'views:>50', 'replies:<3']));
  else if (extra < 0.46) parts.push(pick(['sort:views', 'sort:activity', 'sort:replies']));
  else if (extra < 0.52) parts.push('is:bookmarked');
  else if (extra < 0.56) parts.push(`-tag:"${pick(TAGS)}"`);
  // A word being typed: its first letters.
  if (random() < 0.3) {
    const last = parts.pop() as string;
    parts.push(
      last.startsWith('"') || last.includes(':') ? last : last.slice(0, Math.max(1, Math.ceil(last.length / 2))),
    );
  }
  return parts.join(' ');
}

describe('candidate path (matchEvery)', () => {
  it('gallop finds the first position at or above a value', () => {
    const docs = Uint32Array.from([1, 3, 5, 7, 9, 11, 13, 15, 17]);
    for (let at = 0; at <= docs.length; at++)
      for (let x = 0; x <= 18; x++) {
        let want = at;
        while (want < docs.length && (docs[want] as number) < x) want++;
        expect(gallop(docs, at, docs.length, x)).toBe(want);
      }
  });

  it('answers every query exactly as scoring every posting does', () => {
    const { index, all, byId } = forum(5);
    const { words, pairs } = vocabulary(all);
    const random = prng(99);
    const userData: UserDataView = {
      bookmarkedThreadIds: new Set(all.filter((_, i) => i % 4 === 0).map((r) => r.thread.id)),
      labelsByThread: new Map(),
      threadsWithNotes: new Set(),
    };
    const lookup = (id: string) => byId.get(id);
    let ran = 0;
    let matched = 0;
    for (let i = 0; i < 400; i++) {
      const query = randomQuery(random, words, pairs);
      const options: SearchOptions = {
        limit: [10, 25, 3][i % 3],
        offset: i % 5 === 0 ? 4 : 0,
        typing: i % 2 === 0,
        userData,
        ...(i % 3 === 0 ? { lookup } : {}),
        ...(i % 7 === 0 ? { sort: 'views' as const } : {}),
      };
      const answers = (['exhaustive', 'conjunctive', 'auto'] as const).map((path) => {
        index.queryPath = path;
        const r = index.search(query, options);
        return { ...r, results: r.results.map((x) => ({ ...x, snippet: null })) };
      });
      const [exhaustive, conjunctive, auto] = answers;
      expect(conjunctive, query).toEqual(exhaustive);
      expect(auto, query).toEqual(exhaustive);
      ran++;
      if (exhaustive && exhaustive.total > (options.limit ?? 0) && !exhaustive.relaxed) matched++;
    }
    // Most queries have more matches than a page, so the page is really chosen among them.
    expect(ran).toBe(400);
    expect(matched).toBeGreaterThan(150);
  });
});

describe('block cache budget', () => {
  it('follows the postings in storage: an eighth of their bytes, from 64 MB to 256 MB', () => {
    const MB = 1 << 20;
    // 100k threads of the bench's forum: ~51M postings (408 MB stored) → the 64 MB floor.
    expect(blockCacheBudget(51e6)).toBe(64 * MB);
    // 200M postings (1.6 GB) → 200 MB; a million threads (~4 GB) → the 256 MB cap.
    expect(blockCacheBudget(200e6)).toBe(200e6);
    expect(blockCacheBudget(510e6)).toBe(256 * MB);
  });

  it('gives way to the dictionaries in memory, down to its floor', () => {
    const MB = 1 << 20;
    // 100k threads: 62 MB of dictionaries leave the cache as it was.
    expect(blockCacheBudget(200e6, 62 * MB)).toBe(200e6);
    // A million threads: ~620 MB of dictionaries leave 148 MB of the 768 MB.
    expect(blockCacheBudget(510e6, 620 * MB)).toBe(148 * MB);
    expect(blockCacheBudget(510e6, 760 * MB)).toBe(64 * MB);
  });
});

describe('expansions kept between queries', () => {
  it('are worked out again once the index holds other threads', () => {
    const [first, second] = [...syntheticThreads(2, { seed: 8 })] as [ThreadRecord, ThreadRecord];
    const index = new SegmentedIndex();
    index.add([{ ...first, thread: { ...first.thread, title: 'zqxwidgetone frobnicator' } }]);
    // A word being typed, and a typo of a rare word.
    expect(index.search('zqxwid', { typing: true }).results.map((r) => r.id)).toEqual([first.thread.id]);
    expect(index.search('frobnicatr', { typing: false }).total).toBe(1);
    index.add([{ ...second, thread: { ...second.thread, title: 'zqxwidgettwo frobnicator' } }]);
    expect(index.search('zqxwid', { typing: true }).total).toBe(2);
    expect(index.search('frobnicatr', { typing: false }).total).toBe(2);
    index.remove([first.thread.id]);
    expect(index.search('zqxwid', { typing: true }).results.map((r) => r.id)).toEqual([second.thread.id]);
  });
});
