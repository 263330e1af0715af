import { describe, expect, it } from 'vitest';
import { BlockCache } from '../../../src/search/block-cache';
import type { PostingBlock } from '../../../src/search/segment';

/** A block of `n` postings: 8n bytes. */
const block = (n = 16): PostingBlock => ({ docs: new Uint32Array(n), weights: new Float32Array(n) });
const BLOCK_BYTES = 8 * 16;

/** Asks for each key in turn, reading and keeping a block on a miss; the share of hits. */
function hitRate(cache: BlockCache, keys: string[]): number {
  let hits = 0;
  for (const key of keys) {
    if (cache.get(key)) hits++;
    else cache.set(key, block());
  }
  return hits / keys.length;
}

describe('the block cache', () => {
  it('keeps a share of a mix of queries that needs more blocks than it holds', () => {
    // 20 blocks of room, a mix reading 30 blocks again and again: least-recently-used keeps none.
    const cache = new BlockCache(20 * BLOCK_BYTES);
    const mix = Array.from({ length: 30 }, (_, i) => `s#${i}`);
    hitRate(cache, mix);
    const rate = hitRate(cache, Array.from({ length: 20 }, () => mix).flat());
    // Least-recently-used eviction keeps none; a fixed two thirds of the mix is the most any can.
    expect(rate).toBeGreaterThan(0.6);
    expect(cache.bytes).toBeLessThanOrEqual(20 * BLOCK_BYTES);
  });

  it('keeps what fits whole, and a block asked for again while others come and go', () => {
    const cache = new BlockCache(20 * BLOCK_BYTES);
    const few = Array.from({ length: 15 }, (_, i) => `a#${i}`);
    hitRate(cache, few);
    expect(hitRate(cache, few)).toBe(1);
    // One block asked for between each of 200 blocks read once: it stays.
    let hot = 0;
    for (let i = 0; i < 200; i++) {
      hitRate(cache, [`scan#${i}`]);
      hot += hitRate(cache, ['hot#0']);
    }
    expect(hot).toBeGreaterThanOrEqual(199);
    expect(cache.bytes).toBeLessThanOrEqual(20 * BLOCK_BYTES);
  });

  it('lets a block asked for more often in, follows a budget that changes, and forgets a segment', () => {
    let budget = 10 * BLOCK_BYTES;
    const cache = new BlockCache(() => budget);
    hitRate(
      cache,
      Array.from({ length: 10 }, (_, i) => `x#${i}`),
    );
    expect(cache.bytes).toBe(10 * BLOCK_BYTES);
    // Asked for once, as often as those held: turned away.
    hitRate(cache, ['y#0']);
    expect(cache.get('y#0')).toBeUndefined();
    // Asked for again (three times now): in, in place of the least recently used.
    hitRate(cache, ['y#0']);
    expect(cache.get('y#0')).toBeDefined();
    expect(cache.get('x#0')).toBeUndefined();
    expect(cache.bytes).toBe(10 * BLOCK_BYTES);
    budget = 4 * BLOCK_BYTES;
    cache.set('z#0', block());
    expect(cache.bytes).toBeLessThanOrEqual(4 * BLOCK_BYTES);
    expect(cache.get('y#0')).toBeDefined();
    cache.drop('y');
    expect(cache.get('y#0')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(3 * BLOCK_BYTES);
  });
});
