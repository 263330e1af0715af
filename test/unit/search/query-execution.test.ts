/**
 * How a query runs: filters, exclusions and phrases narrow the threads before anything is scored,
 * filter-only queries walk a precomputed order, and phrases are found by pair terms. Checked
 * against a brute-force scan of every thread (each thread's terms from the tokenizer, filters
 * with the per-thread `matchesFilters`, phrases word by word), over generated forums split into
 * several segments with updated and deleted threads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Post, ThreadRecord } from '../../../src/model';
import { docFields, docMeta } from '../../../src/search/doc-meta';
import { matchesFilters } from '../../../src/search/filters';
import { MemorySegmentStorage, PersistentSearchIndex } from '../../../src/search/persistent-index';
import { hasPhrase, recordText } from '../../../src/search/phrase';
import { parseQuery } from '../../../src/search/query-parser';
import { planQuery } from '../../../src/search/query-plan';
import { topHits } from '../../../src/search/score-kernels';
import { tagTerm } from '../../../src/search/segment';
import { SegmentedIndex, type SearchOptions } from '../../../src/search/segmented-index';
import { tokenize, tokenTemplates, type TokenTemplate } from '../../../src/search/tokenizer';
import type { UserDataView } from '../../../src/search/user-data-view';

const WORDS = ['tunnel', 'socket', 'proxy', 'packet', 'route', 'relay', 'filter', 'bonjour', 'quic', 'wifi'];
const TAGS = ['Bonjour', 'Network Extension', 'QUIC', 'Wi-Fi'];
const AUTHORS = ['Quinn “The Eskimo!”', 'eskimo2', 'dev_anna', 'Kevin'];

interface Spec {
  words: number[];
  replyWords: number[];
  tags: number[];
  author: number;
  views: number | null;
  replies: number | null;
  time: number | null;
  resource: boolean;
  answered: boolean;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  words: fc.array(fc.nat(WORDS.length - 1), { minLength: 1, maxLength: 8 }),
  replyWords: fc.array(fc.nat(WORDS.length - 1), { maxLength: 6 }),
  tags: fc.uniqueArray(fc.nat(TAGS.length - 1), { maxLength: 2 }),
  author: fc.nat(AUTHORS.length - 1),
  views: fc.option(fc.nat(3000), { nil: null }),
  replies: fc.option(fc.nat(5), { nil: null }),
  time: fc.option(fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }), { nil: null }),
  resource: fc.boolean(),
  answered: fc.boolean(),
});

function toRecord(id: string, spec: Spec): ThreadRecord {
  const text = (ws: number[]) => ws.map((w) => WORDS[w]).join(' ');
  const posts: Post[] = [
    {
      id: `${id}#0`,
      threadId: id,
      index: 0,
      author: AUTHORS[spec.author] ?? null,
      date: null,
      body: text(spec.words),
      accepted: spec.answered,
    } as Post,
  ];
  if (spec.replyWords.length > 0)
    posts.push({
      id: `${id}#1`,
      threadId: id,
      index: 1,
      author: 'Kevin',
      date: null,
      body: text(spec.replyWords),
      accepted: false,
    } as Post);
  return {
    thread: {
      id,
      title: `Thread ${id}`,
      url: `https://developer.apple.com/forums/thread/${id}`,
      author: AUTHORS[spec.author] ?? null,
      tags: spec.tags.map((t) => TAGS[t] as string),
      inferredTags: [],
      views: spec.views,
      replies: spec.replies,
      boosts: null,
      activity: { date: spec.time === null ? null : new Date(spec.time).toISOString(), text: null },
      excerpt: '',
      isResource: spec.resource,
    },
    posts,
  } as unknown as ThreadRecord;
}

/** Each thread's index terms, as the segment builder makes them (tags as tag terms). */
function termsOf(record: ThreadRecord): Set<string> {
  const fields = docFields(record);
  const tokens: TokenTemplate[] = [];
  for (const text of [fields.title, fields.tags, fields.body, fields.replies]) tokenTemplates(text, tokens);
  const terms = new Set(tokens.flatMap((t) => [...t.terms]));
  for (const tag of docMeta(record).tags) terms.add(tagTerm(tag));
  return terms;
}

/** What a query matches, thread by thread: ids and the number. */
function bruteForce(query: string, live: ThreadRecord[], user: UserDataView): string[] {
  const parsed = parseQuery(query, { typing: false });
  const plan = planQuery(parsed);
  const docs = live.map((record) => ({ record, terms: termsOf(record), meta: docMeta(record) }));
  const has = (terms: Set<string>, clause: (typeof plan.clauses)[number]) =>
    clause.alternatives.some((a) => a.mode === 'exact' && terms.has(a.term));
  const required = plan.clauses.filter((c) => c.required);
  const words = plan.clauses.filter((c) => !c.filter);
  const tags = plan.clauses.filter((c) => c.filter);
  const anyAll = docs.some((d) => required.every((c) => has(d.terms, c)));
  const touched = docs.some((d) => plan.clauses.some((c) => has(d.terms, c)));
  const relaxed = plan.clauses.length > 0 && !anyAll && words.length > 1 && touched;
  const phrases = plan.phrases.filter((p) => p.trim().length > 0);
  return docs
    .filter(({ record, terms, meta }) => {
      const text = recordText(record);
      if (plan.clauses.length > 0) {
        if (relaxed) {
          if (!words.some((c) => has(terms, c)) || !tags.every((c) => has(terms, c))) return false;
        } else {
          if (!required.every((c) => has(terms, c))) return false;
          if (!phrases.every((p) => hasPhrase(text, p))) return false;
        }
      }
      if (!matchesFilters(parsed.filters, meta, user)) return false;
      return !plan.excluded.some(
        (e) => e.terms.every((t) => terms.has(t)) && (e.phrase === null || hasPhrase(text, e.phrase)),
      );
    })
    .map((d) => d.record.thread.id)
    .sort();
}

const w = fc.constantFrom(...WORDS);
const queryArb: fc.Arbitrary<string> = fc
  .record({
    words: fc.array(w, { maxLength: 3 }),
    excluded: fc.array(w, { maxLength: 1 }),
    phrase: fc.option(fc.tuple(w, w), { nil: null }),
    excludedPhrase: fc.option(fc.tuple(w, w), { nil: null }),
    filters: fc.subarray([
      'tag:Bonjour',
      '-tag:QUIC',
      'tag:"network extension"',
      'views:>1000',
      'replies:0',
      '-views:<100',
      'is:resource',
      '-is:answered',
      'is:bookmarked',
      '-is:bookmarked',
      'has:notes',
      'label:"to read"',
      'author:quinn',
      '-author:eskimo',
      'after:2024-06-01',
      'before:2025-01-01',
    ]),
    sort: fc.constantFrom('', 'sort:views', 'sort:replies', 'sort:activity'),
  })
  .map((q) =>
    [
      ...q.words,
      ...q.excluded.map((x) => `-${x}`),
      ...(q.phrase ? [`"${q.phrase.join(' ')}"`] : []),
      ...(q.excludedPhrase ? [`-"${q.excludedPhrase.join(' ')}"`] : []),
      ...q.filters,
      q.sort,
    ].join(' '),
  );

/** A forum in three segments: the second updates some threads of the first, the third deletes some. */
function forum(specs: Spec[]): { index: SegmentedIndex; live: Map<string, ThreadRecord>; batches: ThreadRecord[][] } {
  const records = specs.map((s, i) => toRecord(String(100 + i), s));
  const third = Math.ceil(records.length / 3);
  const first = records.slice(0, 2 * third);
  const updates = records.slice(2 * third).map((r, i) => ({ ...r, thread: { ...r.thread, id: String(100 + i) } }));
  const index = new SegmentedIndex();
  index.add(first);
  index.add(updates);
  const removed = first.filter((_, i) => i % 7 === 3).map((r) => r.thread.id);
  index.remove(removed);
  const live = new Map<string, ThreadRecord>();
  for (const r of [...first, ...updates]) live.set(r.thread.id, r);
  for (const id of removed) live.delete(id);
  return { index, live, batches: [first, updates] };
}

function userDataFor(ids: string[]): UserDataView {
  return {
    bookmarkedThreadIds: new Set(ids.filter((_, i) => i % 3 === 0)),
    labelsByThread: new Map(ids.filter((_, i) => i % 4 === 1).map((id) => [id, ['To Read']])),
    threadsWithNotes: new Set(ids.filter((_, i) => i % 5 === 2)),
  };
}

/** Query words a typo correction could touch (a stem in under 3 threads) are left out: they expand. */
function rareWordIn(query: string, live: ThreadRecord[]): boolean {
  const df = (word: string) => live.filter((r) => termsOf(r).has(word)).length;
  const parsed = parseQuery(query, { typing: false });
  return parsed.words.some((word) => df(word.token.primary) < 3);
}

describe('query execution', () => {
  it('matches exactly the threads a brute-force scan finds, and counts them', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 6, maxLength: 40 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        (specs, queries) => {
          const { index, live } = forum(specs);
          const threads = [...live.values()];
          const user = userDataFor([...live.keys()].sort());
          const lookup = (id: string) => live.get(id);
          for (const query of queries) {
            if (rareWordIn(query, threads)) continue;
            const expected = bruteForce(query, threads, user);
            const response = index.search(query, { typing: false, limit: 1000, userData: user, lookup });
            expect(response.error).toBeNull();
            expect(response.results.map((r) => r.id).sort(), query).toEqual(expected);
            expect(response.total, query).toBe(expected.length);
            // A page is the same rows as the top of the whole list.
            const page = index.search(query, { typing: false, limit: 3, offset: 2, userData: user, lookup });
            expect(
              page.results.map((r) => r.id),
              query,
            ).toEqual(response.results.slice(2, 5).map((r) => r.id));
            expect(page.total).toBe(response.total);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists filter-only queries in the order a full sort gives', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 6, maxLength: 40 }),
        fc.constantFrom<SearchOptions['sort']>('relevance', 'views', 'replies', 'activity'),
        (specs, sort) => {
          const { index, live } = forum(specs);
          const known = (x: number | null) => x ?? -Infinity;
          const expected = [...live.values()]
            .map((r) => docMeta(r))
            .sort((a, b) => {
              const key = (d: typeof a) =>
                sort === 'relevance' ? 0 : sort === 'activity' ? known(d.time) : known(d[sort ?? 'views']);
              return (
                key(b) - key(a) ||
                known(b.time) - known(a.time) ||
                known(b.views) - known(a.views) ||
                (a.id < b.id ? -1 : 1)
              );
            })
            .map((d) => d.id);
          for (const query of ['', '-is:answered', 'views:>=0']) {
            const response = index.search(query, { typing: false, limit: 1000, sort });
            const want = query === '' ? expected : expected.filter((id) => response.results.some((r) => r.id === id));
            expect(response.results.map((r) => r.id)).toEqual(want);
            expect(index.search(query, { typing: false, limit: 4, offset: 1, sort }).results.map((r) => r.id)).toEqual(
              want.slice(1, 5),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds a phrase from the index alone: threads with its words apart are not results', () => {
    const index = new SegmentedIndex();
    const spec = (words: string): Spec => ({
      words: words.split(' ').map((x) => WORDS.indexOf(x)),
      replyWords: [],
      tags: [],
      author: 0,
      views: null,
      replies: null,
      time: null,
      resource: false,
      answered: false,
    });
    index.add([
      toRecord('1', spec('packet tunnel proxy')),
      toRecord('2', spec('tunnel packet proxy')),
      toRecord('3', spec('packet relay tunnel')),
    ]);
    // No lookup, no texts: only the pair terms decide.
    expect(index.search('"packet tunnel"', { typing: false }).results.map((r) => r.id)).toEqual(['1']);
    expect(index.search('"packet tunnel"', { typing: false }).total).toBe(1);
    expect(
      index
        .search('tunnel -"packet tunnel"', { typing: false })
        .results.map((r) => r.id)
        .sort(),
    ).toEqual(['2', '3']);
  });

  it('reads the texts of the page only to check a phrase, however many threads have its words', async () => {
    const storage = new MemorySegmentStorage();
    const index = await PersistentSearchIndex.open(storage);
    const records = Array.from({ length: 300 }, (_, i) =>
      toRecord(String(1000 + i), {
        words: i % 3 === 0 ? [0, 3, 1] : [3, 0, 1],
        replyWords: [],
        tags: [],
        author: 0,
        views: i,
        replies: null,
        time: null,
        resource: false,
        answered: false,
      }),
    );
    await index.add(records);
    const byId = new Map(records.map((r) => [r.thread.id, r]));
    const asked: string[] = [];
    const read = (ids: string[]) => {
      asked.push(...ids);
      return Promise.resolve(ids.flatMap((id) => byId.get(id) ?? []));
    };
    // "packet tunnel" is in a row in two threads of three; all have both words.
    const response = await index.searchPage('"packet tunnel"', { typing: false, limit: 25, sort: 'views' }, read);
    expect(response.total).toBe(200);
    expect(response.results).toHaveLength(25);
    expect(response.results.every((r) => (Number(r.id) - 1000) % 3 !== 0)).toBe(true);
    // The page's rows and those that failed the check, each read once: the phrase check's texts
    // also make the snippets.
    expect(asked.length).toBeLessThanOrEqual(50);
    expect(new Set(asked).size).toBe(asked.length);
    expect(response.results.every((r) => r.snippet !== null)).toBe(true);
  });

  it("gives each result of a page its thread's title as read for the page, its matches marked; none for a thread not read", async () => {
    const index = await PersistentSearchIndex.open(new MemorySegmentStorage());
    const spec = { replyWords: [], tags: [], author: 0, replies: null, time: null, resource: false, answered: false };
    const records = ['1', '2', '3'].map((id, i) => toRecord(id, { ...spec, words: [0, 1], views: 10 - i }));
    await index.add(records);
    // The database has renamed thread 1 since it was indexed, and no longer has thread 3.
    const renamed = { ...records[0]!, thread: { ...records[0]!.thread, title: 'Socket closes after sleep' } };
    const stored = new Map([renamed, records[1]!].map((r) => [r.thread.id, r]));
    const read = (ids: string[]) => Promise.resolve(ids.flatMap((id) => stored.get(id) ?? []));
    const response = await index.searchPage('socket', { typing: false, sort: 'views' }, read);
    expect(response.results.map((r) => [r.id, r.title])).toEqual([
      ['1', 'Socket closes after sleep'],
      ['2', 'Thread 2'],
      ['3', null],
    ]);
    const [first, second, third] = response.results;
    expect(first?.titleHighlights).toEqual([[0, 6]]);
    expect(second?.titleHighlights).toEqual([]);
    expect(third?.titleHighlights).toEqual([]);
    expect(third?.snippet).toBeNull();
  });

  it('answers phrase queries on stored segments as it does in memory', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 6, maxLength: 30 }),
        fc.array(queryArb, { minLength: 1, maxLength: 4 }),
        async (specs, queries) => {
          const { index, live, batches } = forum(specs);
          const storage = new MemorySegmentStorage(8);
          const stored = await PersistentSearchIndex.open(storage);
          for (const batch of batches) await stored.add(batch);
          const removed = batches[0]?.filter((_, i) => i % 7 === 3).map((r) => r.thread.id) ?? [];
          await stored.remove(removed);
          const user = userDataFor([...live.keys()].sort());
          const loadTexts = (ids: string[]) => Promise.resolve(ids.flatMap((id) => live.get(id) ?? []));
          for (const query of queries) {
            const inMemory = index.search(query, {
              typing: false,
              limit: 1000,
              userData: user,
              lookup: (id) => live.get(id),
            });
            const fromStorage = await stored.search(query, { typing: false, limit: 1000, userData: user, loadTexts });
            expect(
              fromStorage.results.map((r) => r.id),
              query,
            ).toEqual(inMemory.results.map((r) => r.id));
            expect(fromStorage.total, query).toBe(inMemory.total);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('checks a phrase in a long text as a whole tokenization of it would', () => {
    const piece = fc.constantFrom(
      ...WORDS,
      'xtunnel',
      'tunnel.proxy',
      'the',
      'of',
      '-1001',
      '0x1f',
      '42',
      '接続',
      'が',
      ',',
      '\n',
      '  ',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 400 }),
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        (parts, phraseParts) => {
          const text = parts.join(' ');
          const phrase = phraseParts.join(' ');
          const want = tokenize(phrase).map((t) => t.raw);
          const have = tokenize(text).map((t) => t.raw);
          const whole = want.length === 0 || have.some((_, i) => want.every((raw, k) => have[i + k] === raw));
          expect(hasPhrase(text, phrase)).toBe(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every hit that may make the page while the bar rises (scores rounded as the page rounds them)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mask: fc.nat(7), score: fc.constantFrom(0.5, 1, 1.0000001, 2, 3, 3.5) }), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 4 }),
        (docs, k) => {
          const n = docs.length;
          const masks = Uint32Array.from(docs, (d) => d.mask);
          const scores = Float64Array.from(docs, (d) => d.score);
          const touched = Uint32Array.from(docs.keys());
          const out = new Uint32Array(Math.max(2 * k, 6));
          const { total, picked, overflow } = topHits(
            touched,
            n,
            masks,
            scores,
            1,
            6,
            k,
            out,
            new Float64Array(out.length),
          );
          const hits = [...docs.keys()].filter((g) => (masks[g]! & 1) === 1 && (masks[g]! & 6) !== 0);
          // Overflow: ties alone fill the buffer, and the caller runs its own loop instead.
          if (overflow) return;
          expect(total).toBe(hits.length);
          const rounded = (g: number) => Math.round(scores[g]! * 1e6);
          const bar = hits.map(rounded).sort((a, b) => b - a)[k - 1] ?? -Infinity;
          const kept = new Set(out.subarray(0, picked));
          for (const g of hits) if (rounded(g) >= bar) expect(kept.has(g)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scores a small filtered set thread by thread as the posting lists would', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 200, maxLength: 260 }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('is:bookmarked', 'label:"to read"', 'author:quinn has:notes', 'is:bookmarked -tag:QUIC'),
        (specs, words, filter) => {
          const { index, live } = forum(specs);
          const threads = [...live.values()];
          const ids = [...live.keys()].sort();
          // Few threads in each set: a lookup per thread beats reading the clauses' postings.
          const user: UserDataView = {
            bookmarkedThreadIds: new Set(ids.filter((_, i) => i % 40 === 0)),
            labelsByThread: new Map(ids.filter((_, i) => i % 50 === 7).map((id) => [id, ['to read']])),
            threadsWithNotes: new Set(ids.filter((_, i) => i % 3 === 0)),
          };
          const query = `${words.join(' ')} ${filter}`;
          if (rareWordIn(query, threads)) return;
          const expected = bruteForce(query, threads, user);
          const response = index.search(query, { typing: false, limit: 1000, userData: user });
          expect(response.results.map((r) => r.id).sort(), query).toEqual(expected);
          expect(response.total).toBe(expected.length);
          // The same scores as without the filter: the filtered list is the unfiltered one, filtered.
          const all = index.search(words.join(' '), { typing: false, limit: 1000, userData: user });
          const kept = new Set(expected);
          if (!response.relaxed && !all.relaxed)
            expect(response.results.map((r) => [r.id, r.score])).toEqual(
              all.results.filter((r) => kept.has(r.id)).map((r) => [r.id, r.score]),
            );
        },
      ),
      { numRuns: 25 },
    );
  });
});
