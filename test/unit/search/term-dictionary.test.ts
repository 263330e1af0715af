/** The packed term dictionary and document table: what the index keeps resident for each segment. */
import { describe, expect, it } from 'vitest';
import type { DocMeta } from '../../../src/search/doc-meta';
import { allDocs, PackedDocTable } from '../../../src/search/doc-table';
import { buildSegment, segmentDictionary } from '../../../src/search/segment';
import { decodeDictionary, decodeSegment, encodeDictionary, encodeSegment } from '../../../src/search/segment-codec';
import { PackedStringsBuilder } from '../../../src/search/packed-strings';
import { runAll } from '../../../src/search/slices';
import { allTerms, PackedTermDictionary } from '../../../src/search/term-dictionary';
import { tokenize } from '../../../src/search/tokenizer';
import { syntheticThreads } from './synthetic-corpus';

/** Code point order, written out independently of the dictionary's byte comparisons. */
function codePointSort(terms: string[]): string[] {
  const points = (s: string) => [...s].map((c) => c.codePointAt(0) as number);
  return [...new Set(terms)].sort((a, b) => {
    const x = points(a);
    const y = points(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++)
      if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return x.length - y.length;
  });
}

const MIXED = [
  'connection',
  'connect',
  'conn',
  'con',
  'co',
  'c',
  'café',
  'cafe',
  'über',
  'zebra',
  '-1001',
  '0x8badf00d',
  'nw_connection_t',
  '\u0001tag:bonjour',
  '接続',
  '接続が',
  '不安定',
  'ネットワーク',
  // An astral character (UTF-16 surrogates) beside one above them in UTF-16 order: UTF-8 (code
  // point) order puts U+FF5E first, UTF-16 code unit order would not.
  '😀ok',
  '～wave',
  '',
];

describe('PackedTermDictionary', () => {
  it('keeps terms in code point order and finds each one, and only those', () => {
    const dict = PackedTermDictionary.of([...MIXED, ...MIXED.slice(0, 5)]);
    const sorted = codePointSort(MIXED);
    expect([...allTerms(dict)]).toEqual(sorted);
    sorted.forEach((term, i) => expect(dict.find(term), term).toBe(i));
    for (const absent of ['connections', 'cafè', '接', 'ca', '😀', 'zz', '\u0001tag:'])
      expect(dict.find(absent)).toBe(-1);
  });

  it('sorts strings sharing their first bytes, shorter ones and zero bytes included, with or without the distinct promise', () => {
    const terms = [
      'ab',
      'ab\u0000',
      'ab\u0000\u0000x',
      'a',
      '',
      'abcd',
      'abcde',
      'abcc',
      'abc',
      '0x0000000a1',
      '0x0000000a',
      '0x00000009ff',
    ];
    const builder = new PackedStringsBuilder();
    for (const t of terms) builder.push(t);
    const plain = PackedTermDictionary.sort(builder);
    const distinct = runAll(PackedTermDictionary.sorting(builder, true));
    expect([...allTerms(plain.dictionary)]).toEqual(codePointSort(terms));
    expect([...allTerms(distinct.dictionary)]).toEqual(codePointSort(terms));
    expect([...distinct.rank]).toEqual([...plain.rank]);
    terms.forEach((t, i) => expect(plain.dictionary.term(plain.rank[i] as number)).toBe(t));
  });

  it('sorts runs of strings sharing their first four bytes, of every length, duplicates kept once', () => {
    // Runs of one head of 40 (merge-sorted in one go), 3000 (the same, many blocks) and 9000
    // (merge-sorted in steps) strings, in a scrambled order, some pushed twice.
    let seed = 12345;
    const random = () => ((seed = Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const terms: string[] = [];
    for (const [head, count] of [
      ['runa', 40],
      ['runb', 3000],
      ['runc', 9000],
    ] as const)
      for (let i = 0; i < count; i++) terms.push(`${head}${Math.floor(random() * count * 4).toString(36)}`);
    for (let i = 0; i < 500; i++) terms.push(`w${i}`);
    for (let i = terms.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [terms[i], terms[j]] = [terms[j] as string, terms[i] as string];
    }
    const builder = new PackedStringsBuilder();
    for (const t of terms) builder.push(t);
    const { dictionary, rank } = PackedTermDictionary.sort(builder);
    expect([...allTerms(dictionary)]).toEqual(codePointSort(terms));
    terms.forEach((t, i) => expect(dictionary.term(rank[i] as number)).toBe(t));
  });

  it('sorts in steps of a few thousand strings, none handling them all at once', () => {
    // Each pass over the strings (their ranges, heads, two radix passes, the runs, writing) is
    // cut into steps: a loop over all of them in one step held up queries for 100–200 ms.
    const n = 100_000;
    const builder = new PackedStringsBuilder();
    for (let i = 0; i < n; i++) builder.push(`t${(i * 7919) % n}`);
    const ranges: number[] = [];
    const rangesInto = builder.rangesInto.bind(builder);
    builder.rangesInto = (from, to, lo = 0, hi = builder.length) => {
      ranges.push(hi - lo);
      rangesInto(from, to, lo, hi);
    };
    const sorting = PackedTermDictionary.sorting(builder, true);
    let steps = 0;
    let step;
    while (!(step = sorting.next()).done) steps++;
    expect(step.value.dictionary.size).toBe(n);
    expect(Math.max(...ranges)).toBeLessThanOrEqual(4096);
    expect(steps).toBeGreaterThanOrEqual((6 * n) / 4096);
  });

  it("keeps long terms that share prefixes with shorter ones whole (the front coder's buffer grows)", () => {
    const long = (n: number, tail: string) => `${'p'.repeat(n)}${tail}`;
    const terms = [long(10, 'a'), long(10, 'b'), long(100, 'a'), long(100, 'b'), long(300, 'c'), long(300, 'é'), 'q'];
    const dict = PackedTermDictionary.of(terms);
    expect([...allTerms(dict)]).toEqual(codePointSort(terms));
    terms.forEach((t) => expect(dict.find(t)).toBeGreaterThanOrEqual(0));
    // Each term after the first stored as what it does not share with the one before (828 bytes
    // of terms, 367 front-coded; 723 when a grown buffer forgot the shared prefix).
    expect(dict.data.length).toBeLessThan(450);
  });

  it('gives each prefix its run of terms, ASCII or not', () => {
    const dict = PackedTermDictionary.of(MIXED);
    const range = (prefix: string) => {
      const [from, to] = dict.prefixRange(prefix);
      return Array.from({ length: to - from }, (_, i) => dict.term(from + i));
    };
    expect(range('conn')).toEqual(['conn', 'connect', 'connection']);
    expect(range('caf')).toEqual(['cafe', 'café']);
    expect(range('接続')).toEqual(['接続', '接続が']);
    expect(range('\u0001tag:')).toEqual(['\u0001tag:bonjour']);
    expect(range('x')).toEqual([]);
    expect(range('😀')).toEqual(['😀ok']);
    const [from, to] = dict.prefixRange('');
    expect([from, to]).toEqual([0, dict.size]);
  });

  it('holds the terms of Japanese text as the tokenizer makes them', () => {
    const terms = tokenize('Wi-Fi接続が不安定です。ネットワーク設定を確認してください').flatMap((t) => [...t.terms]);
    expect(terms.length).toBeGreaterThan(3);
    const dict = PackedTermDictionary.of(terms);
    for (const term of terms) expect(dict.term(dict.find(term)), term).toBe(term);
  });

  it('is empty without terms', () => {
    const dict = PackedTermDictionary.of([]);
    expect(dict.size).toBe(0);
    expect(dict.find('a')).toBe(-1);
    expect(dict.prefixRange('a')).toEqual([0, 0]);
  });

  it('refuses a block table that does not match its bytes', () => {
    expect(() => new PackedTermDictionary(new Uint8Array(3), Uint32Array.of(0, 2), 1)).toThrow(/block table/);
    expect(() => new PackedTermDictionary(new Uint8Array(3), Uint32Array.of(0, 3), 17)).toThrow(/block table/);
  });

  it('finds every one of many terms sharing long prefixes, in any order of lookups', () => {
    // Log-like terms: long shared prefixes, blocks of 16 front-coded, a prefix longer than 255.
    const long = 'x'.repeat(300);
    const terms = [
      ...Array.from({ length: 500 }, (_, i) => `0x0000000${(i * 7919).toString(16).padStart(8, '0')}`),
      ...Array.from({ length: 40 }, (_, i) => `${long}${i}`),
      ...Array.from({ length: 300 }, (_, i) => `nw_connection_${i}`),
      'a',
      'ab',
      'abc',
    ];
    const dict = PackedTermDictionary.of(terms);
    const sorted = codePointSort(terms);
    expect(dict.size).toBe(sorted.length);
    // Backwards, then at random: every term found where it sorts.
    for (let i = sorted.length - 1; i >= 0; i -= 3) expect(dict.term(i)).toBe(sorted[i]);
    for (let k = 0; k < 2000; k++) {
      const i = (k * 7919) % sorted.length;
      expect(dict.find(sorted[i] as string)).toBe(i);
    }
    expect([...allTerms(dict)]).toEqual(sorted);
    const range = dict.prefixRange('nw_connection_1');
    expect(range[1] - range[0]).toBe(sorted.filter((t) => t.startsWith('nw_connection_1')).length);
    expect(dict.find(`${long}`)).toBe(-1);
    expect(dict.prefixRange(long)[1] - dict.prefixRange(long)[0]).toBe(40);
  });
});

describe('PackedDocTable', () => {
  it('gives back every field, unknowns as null', () => {
    const docs: DocMeta[] = [
      {
        id: '757412',
        author: 'Quinn “The Eskimo!”',
        authors: ['quinntheeskimo', 'alice'],
        tags: ['Network', 'Bonjour'],
        views: 1200,
        replies: 3,
        boosts: 0,
        time: Date.parse('2025-06-01T00:00:00Z'),
        resource: true,
        answered: false,
      },
      {
        id: 'x-2',
        author: null,
        authors: [],
        tags: [],
        views: null,
        replies: null,
        boosts: null,
        time: null,
        resource: false,
        answered: true,
      },
    ];
    const table = PackedDocTable.of(docs);
    expect(table.length).toBe(2);
    expect(table.id(1)).toBe('x-2');
    expect([...allDocs(table)].map((d) => ({ ...(d as unknown as { toJSON(): DocMeta }).toJSON() }))).toEqual(docs);
    expect(PackedDocTable.of([]).length).toBe(0);
  });
});

describe('segment dictionaries in bytes', () => {
  it('round-trip with their terms, documents and postings', () => {
    const segment = buildSegment(syntheticThreads(60, { seed: 5 }), { minSeq: 2, maxSeq: 2 }, ['gone-1']);
    const dictionary = segmentDictionary(segment, 64);
    const back = decodeDictionary(encodeDictionary(dictionary));
    expect(back.id).toBe(segment.id);
    expect(back.deletes).toEqual(['gone-1']);
    expect([...allTerms(back.terms)]).toEqual([...allTerms(segment.terms)]);
    expect([...back.offsets]).toEqual([...segment.offsets]);
    expect([...back.blocks]).toEqual([...dictionary.blocks]);
    const plain = (t: PackedDocTable) => [...allDocs(t)].map((d) => JSON.stringify(d));
    expect(plain(back.docs)).toEqual(plain(segment.docs));
    const whole = decodeSegment(encodeSegment(segment));
    expect([...whole.postingDocs]).toEqual([...segment.postingDocs]);
    expect([...whole.postingWeights]).toEqual([...segment.postingWeights]);
  });

  it('round-trip an empty segment (a delete-only import)', () => {
    const segment = buildSegment([], { minSeq: 3, maxSeq: 3 }, ['a', 'b']);
    const back = decodeDictionary(encodeDictionary(segmentDictionary(segment)));
    expect(back.terms.size).toBe(0);
    expect(back.docs.length).toBe(0);
    expect(back.deletes).toEqual(['a', 'b']);
    expect(back.terms.find('a')).toBe(-1);
  });

  it('decode from an unaligned buffer, and refuse another format or kind', () => {
    const bytes = encodeDictionary(
      segmentDictionary(buildSegment(syntheticThreads(5, { seed: 1 }), { minSeq: 0, maxSeq: 0 })),
    );
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeDictionary(shifted.subarray(3)).docs.length).toBe(5);
    expect(() => decodeSegment(bytes)).toThrow(/not a segment/);
    const old = new TextEncoder().encode(JSON.stringify({ format: 3, id: 'seg-old', terms: 'a\nb' }));
    const oldBytes = new Uint8Array(4 + old.length);
    new DataView(oldBytes.buffer).setUint32(0, old.length, true);
    oldBytes.set(old, 4);
    expect(() => decodeDictionary(oldBytes)).toThrow(/format 3/);
  });
});
