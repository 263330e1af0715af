/** The search behaviour the issue pins, on the real listing fixture. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex, type SearchOptions } from '../../../src/search/segmented-index';
import { fixtureRecords } from './fixture';

let records: ThreadRecord[];
let index: SegmentedIndex;
const byId = new Map<string, ThreadRecord>();

beforeAll(async () => {
  records = await fixtureRecords();
  for (const r of records) byId.set(r.thread.id, r);
  index = new SegmentedIndex();
  index.add(records);
});

const search = (q: string, options: SearchOptions = {}) =>
  index.search(q, { lookup: (id) => byId.get(id), typing: false, ...options });
const titles = (q: string, options?: SearchOptions) => search(q, options).results.map((r) => r.title);

const TIMEOUT_THREAD = /^Why does an NSURLSessionDataTask sent from PacketTunnelProvider/;

describe('search on the fixture', () => {
  it('finds the PacketTunnel timeout thread first for -1001 and for NSURLErrorTimedOut', () => {
    expect(titles('-1001')[0]).toMatch(TIMEOUT_THREAD);
    expect(titles('NSURLErrorTimedOut')[0]).toMatch(TIMEOUT_THREAD);
    expect(titles('Error Domain=NSURLErrorDomain Code=-1001')[0]).toMatch(TIMEOUT_THREAD);
  });

  it('says what the codes in the query mean', () => {
    expect(search('-1001').codes.map((c) => [c.symbol, c.meaning])).toEqual([
      ['NSURLErrorTimedOut', 'request timed out ("The request timed out.")'],
    ]);
    expect(search('NSURLErrorTimedOut').codes.map((c) => c.code)).toEqual(['-1001']);
    expect(search('error 53').codes.map((c) => c.symbol)).toContain('ECONNABORTED');
  });

  it('finds NSURLError… symbols by the prefix NSURLError', () => {
    expect(titles('NSURLError')[0]).toMatch(TIMEOUT_THREAD);
  });

  it('does not find -1001 by 1001', () => {
    expect(titles('1001')).not.toContainEqual(expect.stringMatching(TIMEOUT_THREAD));
  });

  it('finds both filter threads by NEFilterDataProvider, FilterDataProvider and the prefix NEFilter', () => {
    const filterThreads = [
      'Upgrading NEFilterDataProvider Causes System Network Interruption',
      'Determine outgoing flow source IPs without allowing data leakage using NEFilterDataProvider',
    ];
    expect(titles('NEFilterDataProvider').slice(0, 2).sort()).toEqual(filterThreads.sort());
    expect(titles('FilterDataProvider').slice(0, 2).sort()).toEqual(filterThreads.sort());
    expect(titles('NEFilter', { typing: true }).slice(0, 2).sort()).toEqual(filterThreads.sort());
  });

  it('filters by tag', () => {
    const results = search('tag:Bonjour').results;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.tags).toContain('Bonjour');
    expect(results.length).toBe(
      records.filter((r) => [...r.thread.tags, ...r.thread.inferredTags].includes('Bonjour')).length,
    );
    expect(
      search('tag:"network extension" tag:bonjour').results.every((r) => r.tags.includes('Network Extension')),
    ).toBe(true);
    expect(search('-tag:Bonjour').results.some((r) => r.tags.includes('Bonjour'))).toBe(false);
  });

  it("finds Quinn's posts, and only them, by author:quinn", () => {
    const results = search('author:quinn').results;
    const quinns = records.filter((r) => r.thread.author?.includes('Quinn'));
    expect(quinns.length).toBeGreaterThan(0);
    expect(results.map((r) => r.id).sort()).toEqual(quinns.map((r) => r.thread.id).sort());
  });

  it('ranks a title match above a body match', () => {
    const [first] = search('Bonjour').results;
    expect(first?.title).toMatch(/Bonjour/);
  });

  it('highlights matches in snippets as ranges', () => {
    const [first] = search('-1001').results;
    const snippet = first?.snippet;
    expect(snippet).toBeTruthy();
    const marked = (snippet?.highlights ?? []).map(([s, e]) => snippet?.text.slice(s, e));
    expect(marked).toContain('-1001');
    expect(marked).toContain('NSURLErrorTimedOut');
    expect(first?.titleHighlights.length).toBeGreaterThan(0);
  });

  it('excludes words with a minus', () => {
    const all = search('NEFilterDataProvider').total;
    expect(search('NEFilterDataProvider -upgrading').total).toBe(all - 1);
  });

  it('checks exact phrases against the text', () => {
    expect(search('"system network becomes unreachable"').total).toBe(1);
    expect(search('"unreachable network system becomes"').total).toBe(0);
  });

  it('applies numeric filters and sorts', () => {
    for (const r of search('views:>1000').results) expect(r.views).toBeGreaterThan(1000);
    const views = search('sort:views').results.map((r) => r.views ?? -1);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    expect(search('is:resource').results.every((r) => r.resource)).toBe(true);
    for (const r of search('replies:0').results) expect(r.replies).toBe(0);
  });

  it('filters by dates', () => {
    const cut = Date.UTC(2025, 6, 1);
    for (const r of search('before:2025-07-01').results) expect(r.time).toBeLessThan(cut);
    for (const r of search('after:2025-07-01').results) expect(r.time).toBeGreaterThanOrEqual(cut);
    expect(search('before:2025-07-01').total + search('after:2025-07-01').total).toBe(records.length);
  });

  it('uses the user data it is given for is:bookmarked, has:notes and label:', () => {
    const [a, b] = records;
    const userData = {
      bookmarkedThreadIds: new Set([a?.thread.id ?? '']),
      labelsByThread: new Map([[b?.thread.id ?? '', ['To Read']]]),
      threadsWithNotes: new Set([b?.thread.id ?? '']),
    };
    expect(search('is:bookmarked', { userData }).results.map((r) => r.id)).toEqual([a?.thread.id]);
    expect(search('has:notes', { userData }).results.map((r) => r.id)).toEqual([b?.thread.id]);
    expect(search('label:"to read"', { userData }).results.map((r) => r.id)).toEqual([b?.thread.id]);
    expect(search('is:bookmarked').total).toBe(0);
    expect(search('-is:bookmarked', { userData }).total).toBe(records.length - 1);
  });

  it('tolerates typos in longer words and completes the last word while typing', () => {
    expect(titles('Bonjuor')).toContainEqual(expect.stringMatching(/Bonjour/));
    expect(titles('Multipeer Connectiv', { typing: true })[0]).toMatch(/Multipeer Connectivity/);
  });

  it('falls back to threads with some of the words when none has all, and says so', () => {
    const response = search('Error Domain=NSURLErrorDomain Code=-1001 "The request timed out." UserInfo={zzqx=1}');
    expect(response.relaxed).toBe(true);
    expect(response.results[0]?.title).toMatch(TIMEOUT_THREAD);
  });
});
