/**
 * "More like this" weighs a long thread's terms in slices, so that a thread opened meanwhile is
 * not kept waiting, and still finds the same threads when a replaced thread awaits its merge.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import { nextMacrotask } from '../../../src/search/slices';
import { toRecord } from './relevance-corpus';

const record = (id: string, title: string, body: string): ThreadRecord => toRecord({ id, title, body });

/** A log of many distinct words: hundreds of terms to weigh. */
const longLog = Array.from({ length: 400 }, (_, i) => `frobnic${i}ator`).join(' ');

const corpus = [
  record('a', 'NEFilterDataProvider drops flows', `handleNewFlow never called ${longLog} quuxplonk`),
  record('b', 'Filter provider sees no flows', 'NEFilterDataProvider handleNewFlow quuxplonk'),
  record('c', 'URLSession timeout', 'The request timed out, -1001'),
  record('d', 'Bonjour browsing', 'NWBrowser finds nothing on the local network'),
  // Other threads, so that a word in two of them is rare (under a tenth of the forum).
  ...Array.from({ length: 40 }, (_, i) => record(`f${i}`, `Question ${i}`, `about topic${i} only`)),
];

describe('more like this in slices', () => {
  it('lets a message sent meanwhile run before it ends', async () => {
    const index = new SegmentedIndex();
    index.add(corpus);
    const order: string[] = [];
    const related = index.moreLikeThis(corpus[0]!, { limit: 5, slices: { sliceUnits: 50 } }).then((r) => {
      order.push('related');
      return r;
    });
    void nextMacrotask().then(() => order.push('other'));
    const answer = await related;
    expect(order).toEqual(['other', 'related']);
    expect(answer.results.map((r) => r.id)).toEqual(['b']);
  });

  it('finds the same threads in slices as in one go', async () => {
    const index = new SegmentedIndex();
    index.add(corpus);
    const sliced = await index.moreLikeThis(corpus[1]!, { limit: 5, slices: { sliceUnits: 1 } });
    const whole = await index.moreLikeThis(corpus[1]!, {
      limit: 5,
      slices: { sliceUnits: Infinity, sliceMs: Infinity },
    });
    expect(sliced.results.map((r) => [r.id, r.score])).toEqual(whole.results.map((r) => [r.id, r.score]));
    expect(sliced.results.map((r) => r.id)).toEqual(['a']);
  });

  it('weighs terms exactly while a replaced thread awaits its merge', async () => {
    const index = new SegmentedIndex();
    index.add(corpus);
    // The thread as captured again: its old copy stays in the first segment, dead, until a merge.
    const again = record('a', 'NEFilterDataProvider drops flows', `handleNewFlow never called zorblatt ${longLog}`);
    index.apply([again]);
    // "zorblatt" is only in the new copy: nothing else is like it through that word, and the
    // old copy's "quuxplonk" still ties b to nothing but the thread itself, which is left out.
    const answer = await index.moreLikeThis(again, { limit: 5 });
    expect(answer.results.map((r) => r.id)).toEqual(['b']);
    const fromB = await index.moreLikeThis(corpus[1]!, { limit: 5 });
    expect(fromB.results.map((r) => r.id)).toEqual(['a']);
  });

  it('offers nothing for a thread that shares no rare word, not every thread', async () => {
    const lonely = record('z', 'Zyzzyva', 'plimsoll wobbegong');
    const index = new SegmentedIndex();
    index.add([...corpus, lonely]);
    expect((await index.moreLikeThis(lonely, { limit: 5 })).results).toEqual([]);
  });
});
