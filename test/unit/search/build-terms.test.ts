/** The segment builder's term numbering (build-terms.ts) and the packed strings it compares with. */
import { describe, expect, it } from 'vitest';
import { TermNumbers } from '../../../src/search/build-terms';
import { PackedStringsBuilder } from '../../../src/search/packed-strings';

describe('TermNumbers', () => {
  it('numbers each distinct term once, as its first push, across table growth and other pushes', () => {
    const strings = new PackedStringsBuilder();
    const numbers = new TermNumbers(strings);
    const terms = Array.from({ length: 20_000 }, (_, i) => `t${(i * 7919) % 20_000}`);
    const first = new Map<string, number>();
    for (const [i, term] of terms.entries()) {
      // Strings pushed beside the numbered ones (the builder's one-off terms) take numbers too.
      if (i % 3 === 0) strings.push(`once-${i}`);
      const id = numbers.id(term);
      if (!first.has(term)) first.set(term, id);
      expect(id).toBe(first.get(term));
    }
    for (const [term, id] of first) {
      expect(numbers.id(term)).toBe(id);
      expect(strings.equals(id, term)).toBe(true);
    }
    expect(new Set(first.values()).size).toBe(first.size);
  });

  it('finds every term while the table grows (entries not yet moved are read from the old table)', () => {
    const strings = new PackedStringsBuilder();
    const numbers = new TermNumbers(strings);
    // The first table has 4096 slots and grows past half full; its entries move 8 per new term.
    const first = Array.from({ length: 2049 }, (_, i) => `a${i}`);
    first.forEach((t, i) => expect(numbers.id(t)).toBe(i));
    // Growing now: each lookup of an old term, and new terms interleaved (each moving a few).
    first.forEach((t, i) => {
      expect(numbers.id(t)).toBe(i);
      if (i % 64 === 0) expect(numbers.id(`b${i}`)).toBe(strings.length - 1);
    });
    first.forEach((t, i) => expect(numbers.id(t)).toBe(i));
    expect(strings.length).toBe(2049 + 33);
  });

  it('tells apart terms that differ only beyond ASCII or in length', () => {
    const strings = new PackedStringsBuilder();
    const numbers = new TermNumbers(strings);
    const terms = ['café', 'cafe', 'cafè', 'caf', 'cafés', '接続', '接続が', '😀ok', '～wave', '', '\u0001tag:x'];
    const ids = terms.map((t) => numbers.id(t));
    expect(new Set(ids).size).toBe(terms.length);
    terms.forEach((t, i) => expect(numbers.id(t)).toBe(ids[i]));
    expect(strings.equals(ids[0] as number, 'cafe')).toBe(false);
    expect(strings.equals(ids[1] as number, 'café')).toBe(false);
    expect(strings.equals(ids[5] as number, '接続が')).toBe(false);
    expect(strings.equals(ids[7] as number, '😀ok')).toBe(true);
  });
});
