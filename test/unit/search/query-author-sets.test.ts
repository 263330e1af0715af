/**
 * `author:` sets are kept between queries (segmented-index.ts `authorDocs`): an answer must still
 * follow every change to the threads, and each name typed must get its own set.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import { syntheticThreads } from './synthetic-corpus';

const ids = (index: SegmentedIndex, q: string) =>
  index
    .search(q, { limit: 5000, typing: false })
    .results.map((r) => r.id)
    .sort();

/** A fresh index over the same threads: no set kept from any earlier query. */
function fresh(records: Iterable<ThreadRecord>): SegmentedIndex {
  const index = new SegmentedIndex();
  index.add(records);
  return index;
}

const byQuinn = (r: ThreadRecord) => r.thread.author?.startsWith('Quinn') === true;

describe('author: sets kept between queries', () => {
  it('follow added, changed and removed threads', () => {
    const all = [...syntheticThreads(400, { seed: 11 })];
    const records = new Map(all.slice(0, 300).map((r) => [r.thread.id, r]));
    const index = fresh(records.values());
    const queries = ['author:quinn', 'author:quinn socket', 'author:eskimo is:resource', '-author:quinn'];
    for (const q of queries) expect(ids(index, q), q).toEqual(ids(fresh(records.values()), q));

    // New threads by Quinn and by others, one of Quinn's threads given to someone else, one removed.
    const added = all.slice(300, 400);
    expect(added.some(byQuinn)).toBe(true);
    const quinns = [...records.values()].filter(byQuinn);
    const [given, removed] = quinns;
    if (!given || !removed) throw new Error('corpus: too few threads by Quinn');
    const changed: ThreadRecord = {
      thread: { ...given.thread, author: 'someone else' },
      posts: given.posts.map((p) => ({ ...p, author: 'someone else' })),
    };
    index.add([...added, changed]);
    index.remove([removed.thread.id]);
    for (const r of [...added, changed]) records.set(r.thread.id, r);
    records.delete(removed.thread.id);

    const quinn = ids(index, 'author:quinn');
    expect(quinn).toContain(added.find(byQuinn)?.thread.id);
    expect(quinn).not.toContain(given.thread.id);
    expect(quinn).not.toContain(removed.thread.id);
    for (const q of queries) expect(ids(index, q), q).toEqual(ids(fresh(records.values()), q));
  });

  it('are kept per name: a second name is not answered with the first one’s threads', () => {
    const records = [...syntheticThreads(300, { seed: 12 })];
    const index = fresh(records);
    const other = records.find((r) => !byQuinn(r))?.thread.author ?? '';
    expect(other).not.toBe('');
    const first = ids(index, 'author:quinn');
    const second = ids(index, `author:${other}`);
    expect(second).toEqual(ids(fresh(records), `author:${other}`));
    expect(second).not.toEqual(first);
    expect(ids(index, 'author:quinn')).toEqual(first);
  });
});
