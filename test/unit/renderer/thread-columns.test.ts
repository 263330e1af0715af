import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListQuery, TagCount } from '../../../src/bridge/data-api';
import type { Thread } from '../../../src/model';
import { openForumDb, type ForumDb } from '../../../renderer/db/forum-db';
import {
  listIdsSteps,
  readThreadColumns,
  tagCountsSteps,
  type ThreadColumns,
} from '../../../renderer/db/thread-columns';
import { listThreads } from '../../../renderer/db/thread-lists';
import { runAll } from '../../../src/search/slices';

/** Tag counts as the two tag indexes give them (how the worker counted them before the columns). */
async function tagCounts(db: ForumDb): Promise<TagCount[]> {
  const tags = new Set([
    ...(await db.threads.orderBy('tags').uniqueKeys()),
    ...(await db.threads.orderBy('inferredTags').uniqueKeys()),
  ] as string[]);
  return Promise.all(
    [...tags].map(async (tag): Promise<TagCount> => {
      const [explicit, inferred] = await Promise.all([
        db.threads.where('tags').equals(tag).primaryKeys(),
        db.threads.where('inferredTags').equals(tag).primaryKeys(),
      ]);
      return { tag, count: new Set([...explicit, ...inferred]).size, explicit: explicit.length };
    }),
  );
}

const TAGS = ['QUIC', 'Bonjour', 'Network Extension', 'CFNetwork'];
// Few values, so that ties (equal dates, equal counts, unknowns) are common.
const count = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });

/** Dates of one ISO form (sorted as numbers) and of several (sorted as strings: `2024-03-05` and `…T10:00:00Z`). */
const ONE_FORM = ['2024-01-01T00:00:00Z', '2024-03-05T10:00:00Z', '2025-07-09T08:30:00Z'];
const MIXED = [...ONE_FORM, '2024-03-05T10:00:00.000Z', '2024-03-05', '2024-03-05T10:00:00+02:00'];

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

const threadArbWith = (dates: string[]) =>
  fc.record({
    id: fc.stringMatching(/^[0-9a-f]{1,4}$/),
    date: fc.option(fc.constantFrom(...dates), {
      nil: null,
    }),
    views: count,
    replies: count,
    boosts: count,
    // Now and then a tag twice: a multi-entry index counts it once.
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    inferredTags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    isResource: fc.boolean(),
  });

type Generated = ReturnType<typeof threadArbWith> extends fc.Arbitrary<infer T> ? T : never;

function thread(t: Generated): Thread {
  return {
    id: t.id,
    fingerprint: `fp-${t.id}`,
    titleKey: t.id,
    title: `Thread ${t.id}`,
    url: null,
    author: null,
    tags: t.tags,
    inferredTags: t.inferredTags,
    replies: t.replies,
    boosts: t.boosts,
    views: t.views,
    activity: { raw: t.date, date: t.date },
    capturedAt: null,
    isResource: t.isResource,
    excerpt: '',
    sources: ['listing'],
  };
}

const queryArb: fc.Arbitrary<ListQuery> = fc.record({
  view: fc.constantFrom({ kind: 'all' as const }, { kind: 'resources' as const }),
  tags: fc.subarray(TAGS, { maxLength: 2 }),
  sort: fc.constantFrom(
    'relevance' as const,
    'activity' as const,
    'views' as const,
    'replies' as const,
    'boosts' as const,
  ),
});

let db: ForumDb | undefined;
let n = 0;
afterEach(async () => {
  db?.close();
  if (db) await db.delete();
  db = undefined;
});

describe('the list from thread columns', () => {
  it.each([
    ['dates of one ISO form', ONE_FORM],
    ['dates of several forms', MIXED],
  ])(
    'is the list and the tag counts a whole-table read gives, in every sort, view and tag filter, ties and unknowns included (%s)',
    async (_, dates) => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(threadArbWith(dates), { selector: (t) => t.id, maxLength: 40 }),
          queryArb,
          async (ts, query) => {
            db = openForumDb(`columns-${n++}`);
            await db.threads.bulkPut(ts.map(thread));
            // Pages of 3, so that a read crosses many pages.
            const columns = await readThreadColumns(db, 3);
            const known = ts.flatMap((t) => (t.date ? [t.date] : []));
            // Numbers where every known date is an ISO instant of one length; the strings otherwise.
            const oneForm = known.every((d) => ISO.test(d)) && new Set(known.map((d) => d.length)).size <= 1;
            expect(columns.dateKeys !== null).toBe(oneForm);
            const expected = (await listThreads(db, query)).map((t) => t.id);
            expect(runAll(listIdsSteps(columns, query))).toEqual(expected);
            expect(runAll(tagCountsSteps(columns))).toEqual(await tagCounts(db));
            db.close();
            await db.delete();
            db = undefined;
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('shares one array between threads with the same tags', async () => {
    db = openForumDb(`columns-${n++}`);
    const base = { date: null, views: 1, replies: null, boosts: null, inferredTags: ['QUIC'], isResource: false };
    await db.threads.bulkPut([
      thread({ ...base, id: 'a', tags: ['Bonjour'] }),
      thread({ ...base, id: 'b', tags: ['Bonjour'] }),
      thread({ ...base, id: 'c', tags: [] }),
    ]);
    const columns = await readThreadColumns(db);
    expect(columns.tags[0]).toEqual(['Bonjour']);
    expect(columns.tags[1]).toBe(columns.tags[0]);
    expect(columns.inferredTags[2]).toBe(columns.inferredTags[0]);
    expect(columns.tags[2]).toEqual([]);
    expect([...columns.views]).toEqual([1, 1, 1]);
    expect(Number.isNaN(columns.replies[0])).toBe(true);
  });

  it('sorts a large list a step at a time, to the order the whole list sorted at once has', () => {
    const n = 30_000;
    const views = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const columns: ThreadColumns = {
      ids: Array.from({ length: n }, (_, i) => `t${i}`),
      dates: Array.from({ length: n }, (_, i) => `2024-0${1 + (i % 9)}-01T00:00:00Z`),
      dateKeys: null,
      views,
      replies: new Float64Array(n).fill(NaN),
      boosts: new Float64Array(n).fill(NaN),
      tags: Array.from({ length: n }, () => []),
      inferredTags: Array.from({ length: n }, () => []),
      isResource: new Uint8Array(n),
    };
    const steps = listIdsSteps(columns, { view: { kind: 'all' }, tags: [], sort: 'views' });
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // Most views first, then latest activity, then primary-key order.
    const expected = [...columns.ids.keys()]
      .sort((a, b) => views[b]! - views[a]! || columns.dates[b]!.localeCompare(columns.dates[a]!) || a - b)
      .map((i) => columns.ids[i]);
    expect(step.value).toEqual(expected);
    // A step is a few thousand comparisons: a sort of n·log2(n) ≈ 450k of them is over a hundred steps.
    expect(yields).toBeGreaterThan(100);
  });

  it('waits before each page after the first for what it is given to wait for (searches under way)', async () => {
    db = openForumDb(`columns-${n++}`);
    const base = { date: null, views: 1, replies: null, boosts: null, tags: [], inferredTags: [], isResource: false };
    await db.threads.bulkPut(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => thread({ ...base, id })));
    /** Each wait's release, in order, and how many waits were asked for. */
    const waits: (() => void)[] = [];
    let pagesAsked = 0;
    const reading = readThreadColumns(db, 3, async () => {
      pagesAsked++;
      await new Promise<void>((resolve) => waits.push(resolve));
    });
    // Pages of 3: a, b, c, then a wait, held until let go.
    await vi.waitFor(() => expect(waits).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(pagesAsked).toBe(1);
    waits[0]!();
    await vi.waitFor(() => expect(waits).toHaveLength(2));
    waits[1]!();
    const columns = await reading;
    // Seven threads: three pages, two waits between them.
    expect(pagesAsked).toBe(2);
    expect(columns.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('refuses a view it does not hold', async () => {
    db = openForumDb(`columns-${n++}`);
    const columns = await readThreadColumns(db);
    expect(() => runAll(listIdsSteps(columns, { view: { kind: 'notes' }, tags: [], sort: 'activity' }))).toThrow(
      /notes view/,
    );
  });
});
