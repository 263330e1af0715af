/** Any input gives results or an empty list, never an exception (the hard rule). */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { parseQuery } from '../../../src/search/query-parser';
import { SegmentedIndex } from '../../../src/search/segmented-index';
import { tokenize } from '../../../src/search/tokenizer';
import { fixtureRecords } from './fixture';

let index: SegmentedIndex;
const byId = new Map<string, ThreadRecord>();

beforeAll(async () => {
  const records = await fixtureRecords();
  for (const r of records) byId.set(r.thread.id, r);
  index = new SegmentedIndex();
  index.add(records);
});

/** Query syntax fragments, Lunr's operators, log noise and odd Unicode, mixed freely. */
const fragment = fc.oneof(
  fc.constantFrom(
    ':',
    '^',
    '~',
    '*',
    '+',
    '-',
    '"',
    "'",
    '\\',
    '(',
    ')',
    '{',
    '}',
    '[',
    ']',
    '=',
    '..',
    '>',
    '<',
    '>=',
    'tag:',
    'tag:"',
    'author:',
    'is:',
    'has:',
    'label:',
    'views:',
    'views:>',
    'replies:0',
    'before:',
    'after:',
    'sort:',
    'sort:views',
    '-tag:',
    '-"',
    '-1001',
    '-0x',
    '0x8BADF00D',
    'NEFilter',
    'nw_connection_t',
    'Code=-1001',
    'Error Domain=NSURLErrorDomain',
    'title:foo^10',
    'foo~2',
    'foo*',
    '+required',
    '\u0000',
    '\u0001tag:bonjour',
    '𝒳',
    'é',
    '\u200b',
    '\ud800',
    '−1200',
    ' ',
    '\n',
    '\t',
    'constructor',
    '__proto__',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const hostileQuery = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(''));

describe('hostile input', () => {
  it('never throws from the tokenizer or the parser', () => {
    fc.assert(
      fc.property(hostileQuery, (q) => {
        tokenize(q);
        parseQuery(q);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws from search, and returns a well-formed response', () => {
    fc.assert(
      fc.property(hostileQuery, fc.boolean(), (q, typing) => {
        const response = index.search(q, { typing, lookup: (id) => byId.get(id), limit: 5 });
        expect(response.results.length).toBeLessThanOrEqual(5);
        expect(response.total).toBeGreaterThanOrEqual(response.results.length);
        for (const r of response.results) {
          expect(Number.isFinite(r.score)).toBe(true);
          for (const [s, e] of r.snippet?.highlights ?? []) expect(s).toBeLessThan(e);
        }
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    '',
    '"',
    '"""',
    'tag:"',
    '-',
    '--',
    '-"',
    ':::',
    '^~*',
    'a'.repeat(10_000),
    'x '.repeat(500),
    'NSURLErrorDomain'.repeat(100),
    '-1001'.repeat(50),
    '2024-01-01 12:00:00.000 MyApp[123:456] Task <UUID>.<1> finished with error [-1001] Error Domain=NSURLErrorDomain Code=-1001 "The request timed out." UserInfo={_kCFStreamErrorCodeKey=-2102, NSUnderlyingError=0x600000c8c000 {Error Domain=kCFErrorDomainCFNetwork Code=-1001}}',
  ])('survives %#', (q) => {
    expect(() => index.search(q)).not.toThrow();
  });
});
