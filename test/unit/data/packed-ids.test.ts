import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdList, packIds } from '../../../src/bridge/packed-ids';

/** Ids as the importers make them, and ones that are suffixes, prefixes and repeats of each other. */
const id = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\n')),
  fc.constantFrom('1', 'a-1', '11', 'forum-1', 'forum-11', 'a', 'thread/42'),
);

describe('packed ids', () => {
  it('reads back as the array it was packed from: length, at, indexOf and slice', () => {
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 60 }),
        fc.array(id, { maxLength: 10 }),
        fc.integer({ min: -70, max: 70 }),
        fc.integer({ min: -70, max: 70 }),
        (ids, probes, a, b) => {
          const list = new IdList(structuredClone(packIds(ids)));
          expect(list.length).toBe(ids.length);
          for (let i = -ids.length - 1; i <= ids.length; i++) expect(list.at(i)).toBe(ids.at(i));
          for (const probe of [...ids, ...probes]) expect(list.indexOf(probe)).toBe(ids.indexOf(probe));
          expect(list.slice(a, b)).toEqual(ids.slice(a, b));
          expect(list.slice()).toEqual(ids);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('crosses to another thread as one string and one typed array', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `forum-${i}`);
    const packed = packIds(ids);
    expect(typeof packed.text).toBe('string');
    expect(packed.ends).toBeInstanceOf(Uint32Array);
    const list = new IdList(structuredClone(packed));
    expect(list.indexOf('forum-99999')).toBe(99_999);
    expect(list.indexOf('orum-5')).toBe(-1);
    expect(list.at(12_345)).toBe('forum-12345');
    // Across the steps it is packed in (16k ids each).
    expect(list.slice(16_380, 16_390)).toEqual(ids.slice(16_380, 16_390));
    expect(list.slice()).toEqual(ids);
  });

  it('refuses an id holding a line break rather than pack a list that reads back wrong', () => {
    expect(() => packIds(['a', 'b\nc'])).toThrow(/line break/);
  });
});
