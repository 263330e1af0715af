/**
 * Long hex and decimal numbers are indexed as bucket terms with a check (hashed-terms.ts): they
 * stay out of the dictionary one by one, and an exact search still finds exactly their threads.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { hashedBucketTerm, hashedKey, isHashedTerm, keyBucket, keyCheck } from '../../../src/search/hashed-terms';
import { MemorySegmentStorage, PersistentSearchIndex } from '../../../src/search/persistent-index';
import { buildSegment } from '../../../src/search/segment';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import { toRecord } from './relevance-corpus';

const record = (id: string, body: string): ThreadRecord => toRecord({ id, title: `Thread ${id}`, body });

/** Two hashed terms of one bucket with different checks (found by trying addresses in turn). */
function sameBucket(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const term = `0x${(0x10000000 + i * 7919).toString(16)}`;
    const key = hashedKey(term);
    const other = seen.get(keyBucket(key));
    if (other !== undefined && keyCheck(hashedKey(other)) !== keyCheck(key)) return [other, term];
    seen.set(keyBucket(key), term);
  }
}

const ids = (index: SegmentedIndex, query: string, typing = false) =>
  index
    .search(query, { typing, limit: 50 })
    .results.map((r) => r.id)
    .sort();

describe('hashed terms', () => {
  it('are long hex and decimal numbers, not versions, codes or names', () => {
    for (const term of [
      '0x8badf00d',
      '192.168.1.20',
      '07.306151',
      '1234567',
      '9b25174a8440',
      'fb12345678',
      'deadbeef1',
    ])
      expect(isHashedTerm(term), term).toBe(true);
    for (const term of [
      '10.15.7',
      '2024',
      '5c0f',
      'deadbeef',
      '-1001',
      '-10814',
      'ipv4address',
      'nw_connection_t',
      'x86_64',
    ])
      expect(isHashedTerm(term), term).toBe(false);
  });

  it('stay out of the dictionary as themselves, in at most one bucket term each', () => {
    const [a, b] = sameBucket();
    const segment = buildSegment(
      [record('t1', `crash at 0x000000039755c3d6 from 192.168.1.20`), record('t2', `${a} then ${b} and ${a} again`)],
      { minSeq: 0, maxSeq: 0 },
    );
    for (const term of ['0x000000039755c3d6', '192.168.1.20', a, b]) expect(segment.terms.find(term), term).toBe(-1);
    const bucket = segment.terms.find(hashedBucketTerm(keyBucket(hashedKey(a))));
    expect(bucket).toBeGreaterThanOrEqual(0);
    // t2 has a twice and b once: one posting each, of one bucket term, weighing their checks.
    const from = segment.offsets[bucket] as number;
    const to = segment.offsets[bucket + 1] as number;
    expect([...segment.postingWeights.slice(from, to)].sort()).toEqual(
      [keyCheck(hashedKey(a)), keyCheck(hashedKey(b))].sort(),
    );
    expect(segment.terms.find('crash')).toBeGreaterThanOrEqual(0);
  });

  it('are found by an exact search, typed or entered, and never by another term of their bucket', () => {
    const [a, b] = sameBucket();
    const index = new SegmentedIndex();
    index.add([
      record('addr', 'EXC_BAD_ACCESS at 0x000000039755C3D6 in the tunnel'),
      record('ip', 'the peer 192.168.1.20 refused the connection'),
      record('uuid', 'flow 9b25174a8440 was dropped'),
      record('a', `plonkish ${a}`),
      record('b', `plonkish ${b}`),
      record('version', 'since macOS 10.15.7 the socket closes'),
    ]);
    for (const typing of [false, true]) {
      expect(ids(index, '0x000000039755c3d6', typing)).toEqual(['addr']);
      expect(ids(index, '192.168.1.20', typing)).toEqual(['ip']);
      expect(ids(index, '9b25174a8440', typing)).toEqual(['uuid']);
      expect(ids(index, a, typing)).toEqual(['a']);
      expect(ids(index, b, typing)).toEqual(['b']);
    }
    expect(ids(index, `${a} OR ${b}`)).toEqual(['a', 'b']);
    expect(ids(index, `plonkish -"${a}"`)).toEqual(['b']);
    // A run of hex digits is one term: a number inside it finds nothing.
    expect(ids(index, '8440')).toEqual([]);
    expect(ids(index, '25174')).toEqual([]);
    // A version stays a plain term: typed, it completes.
    expect(ids(index, '10.15', true)).toEqual(['version']);
  });

  it('finds a number that one thread has as a hashed term and another as part of a name', () => {
    const index = new SegmentedIndex();
    // `g1234567` is a kept token whose part 1234567 is a plain term; the lone 1234567 is hashed.
    index.add([
      record('part', 'build g1234567 fails'),
      record('alone', 'build 1234567 fails'),
      record('none', 'build fails'),
    ]);
    expect(ids(index, '1234567')).toEqual(['alone', 'part']);
  });

  it('lose a replaced thread, and survive merges and storage in blocks', async () => {
    const storage = new MemorySegmentStorage(4);
    const index = await PersistentSearchIndex.open(storage);
    await index.add([record('x', 'handshake 0xe8008015 failed'), record('y', 'handshake fine')]);
    await index.add([record('z', 'also 0xe8008015 here')]);
    await index.add([record('x', 'handshake failed, no code now')]);
    const found = async () => (await index.search('0xe8008015')).results.map((r) => r.id).sort();
    expect(await found()).toEqual(['z']);
    const reads = storage.blockReads;
    while (await index.mergeStep());
    expect(index.segmentIds).toHaveLength(1);
    expect(await found()).toEqual(['z']);
    expect(storage.blockReads).toBeGreaterThan(reads);
    const reopened = await PersistentSearchIndex.open(storage);
    expect((await reopened.search('0xE8008015')).results.map((r) => r.id)).toEqual(['z']);
  });
});
