/**
 * `author:` and `label:` sets are kept between queries (segmented-index.ts `authorDocs`,
 * `labelDocs`): an answer must still follow every change to the threads and to the user's labels,
 * and each name typed must get its own set.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import type { UserDataView } from '../../../src/search/user-data-view';
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

describe('label: sets kept between queries', () => {
  const view = (labels: [string, string[]][]): UserDataView => ({
    bookmarkedThreadIds: new Set(labels.map(([id]) => id)),
    labelsByThread: new Map(labels),
    threadsWithNotes: new Set(),
  });
  const labelled = (index: SegmentedIndex, q: string, user: UserDataView) =>
    index
      .search(q, { limit: 5000, typing: false, userData: user })
      .results.map((r) => r.id)
      .sort();

  it('follow a new view of the labels, of the same size, and the threads', () => {
    const records = [...syntheticThreads(200, { seed: 13 })];
    const index = fresh(records);
    const [a, b, c, d] = records.map((r) => r.thread.id);
    if (!a || !b || !c || !d) throw new Error('corpus: too few threads');
    const first = view([
      [a, ['to read']],
      [b, ['to read', 'VPN']],
      [c, ['VPN']],
    ]);
    expect(labelled(index, 'label:"to read"', first)).toEqual([a, b].sort());
    expect(labelled(index, 'label:vpn', first)).toEqual([b, c].sort());
    // The worker's next view after a bookmark changed: a new map, here of the same size.
    const second = view([
      [a, ['VPN']],
      [b, ['to read']],
      [d, ['to read']],
    ]);
    expect(labelled(index, 'label:"to read"', second)).toEqual([b, d].sort());
    expect(labelled(index, 'label:vpn', second)).toEqual([a]);
    expect(labelled(index, '-label:vpn', second)).toEqual(labelled(fresh(records), '-label:vpn', second));
    // A thread removed, and one stored again (a re-import): its number in the index changes.
    index.remove([d]);
    const again = records.find((r) => r.thread.id === b) as ThreadRecord;
    index.add([{ ...again, thread: { ...again.thread, title: `${again.thread.title} (edited)` } }]);
    expect(labelled(index, 'label:"to read"', second)).toEqual([b]);
    expect(labelled(index, 'label:"to read"', first)).toEqual([a, b].sort());
  });
});
