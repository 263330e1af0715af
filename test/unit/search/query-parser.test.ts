import { describe, expect, it } from 'vitest';
import { parseQuery, type Filter } from '../../../src/search/query-parser';

const words = (q: string) => parseQuery(q, { typing: false }).words.map((w) => w.token.primary);
const filters = (q: string): Filter[] => parseQuery(q).filters;

describe('parseQuery', () => {
  it.each([
    ['timeout tunnel', ['timeout', 'tunnel']],
    ['-1001', ['-1001']],
    ['NSURLErrorDomain Code=-1001', ['nsurlerrordomain', 'code', '-1001']],
    ['error -9806', ['error', '-9806']],
    ['foo:bar', ['foo', 'bar']],
    ['tag:Bonjour', []],
    ['  ', []],
  ])('%j has free words %j', (query, expected) => {
    expect(words(query)).toEqual(expected);
  });

  it('treats a minus before digits as a sign, before anything else as exclusion', () => {
    const q = parseQuery('-1001 -crash -"packet tunnel" -tag:QUIC');
    expect(q.words.map((w) => w.token.raw)).toEqual(['-1001']);
    expect(q.excluded.map((tokens) => tokens.map((t) => t.primary))).toEqual([['crash'], ['packet', 'tunnel']]);
    expect(q.filters).toEqual([{ kind: 'tag', value: 'QUIC', negated: true }]);
  });

  it('reads phrases, quoted operator values and unbalanced quotes', () => {
    const q = parseQuery('"packet tunnel" tag:"Network Extension" label:"to read" "unclosed phrase');
    expect(q.phrases.map((p) => p.text)).toEqual(['packet tunnel', 'unclosed phrase']);
    expect(q.filters).toEqual([
      { kind: 'tag', value: 'Network Extension', negated: false },
      { kind: 'label', value: 'to read', negated: false },
    ]);
  });

  it('reads flags, authors and several tags', () => {
    expect(filters('is:bookmarked is:resource is:answered has:notes author:quinn tag:A tag:B')).toEqual([
      { kind: 'flag', flag: 'bookmarked', negated: false },
      { kind: 'flag', flag: 'resource', negated: false },
      { kind: 'flag', flag: 'answered', negated: false },
      { kind: 'flag', flag: 'notes', negated: false },
      { kind: 'author', value: 'quinn', negated: false },
      { kind: 'tag', value: 'A', negated: false },
      { kind: 'tag', value: 'B', negated: false },
    ]);
  });

  it.each([
    ['views:>1000', { min: 1001, max: Infinity }],
    ['views:>=1000', { min: 1000, max: Infinity }],
    ['views:<10', { min: -Infinity, max: 9 }],
    ['views:10..100', { min: 10, max: 100 }],
    ['views:2k', { min: 2000, max: 2000 }],
  ])('%j is a numeric range', (query, range) => {
    expect(filters(query)).toEqual([{ kind: 'number', field: 'views', ...range, negated: false }]);
  });

  it('reads replies:0 and boosts', () => {
    expect(filters('replies:0 boosts:>2')).toEqual([
      { kind: 'number', field: 'replies', min: 0, max: 0, negated: false },
      { kind: 'number', field: 'boosts', min: 3, max: Infinity, negated: false },
    ]);
  });

  it('reads dates and sort keys', () => {
    const q = parseQuery('before:2025-06-01 after:2025 sort:views');
    expect(q.filters).toEqual([
      { kind: 'date', before: true, time: Date.UTC(2025, 5, 1) },
      { kind: 'date', before: false, time: Date.UTC(2025, 0, 1) },
    ]);
    expect(q.sort).toBe('views');
  });

  it('warns about bad operator values instead of failing', () => {
    const q = parseQuery('views:lots before:yesterday sort:random');
    expect(q.filters).toEqual([]);
    expect(q.warnings).toHaveLength(3);
  });

  it('reports an unknown is:/has: operator as an error, naming the ones that exist', () => {
    const q = parseQuery('is:unanswered tunnel');
    expect(q.filters).toEqual([]);
    expect(q.errors).toEqual([expect.stringMatching(/^is:unanswered is not a search operator; try .*is:answered/)]);
  });

  it('reads a log line connection number as text, not as error codes', () => {
    const words = parseQuery('nw_connection Error [12:0x600002e1c000]', { typing: false }).words;
    expect(words.map((w) => [w.token.raw, w.errorCode, w.optional])).toEqual([
      ['nw_connection', false, false],
      ['error', false, false],
      ['12', false, true],
      ['0x600002e1c000', false, true],
    ]);
  });

  it('ties a code to the domain before it', () => {
    const words = parseQuery('NEVPNErrorDomain Code=5', { typing: false }).words;
    expect(words.map((w) => [w.token.raw, w.optional, w.domain ?? null])).toEqual([
      ['nevpnerrordomain', true, null],
      ['code', true, null],
      ['5', false, 'nevpnerrordomain'],
    ]);
  });

  it('marks the last word as a prefix only while typing', () => {
    expect(parseQuery('NEFilter').words[0]?.prefix).toBe(true);
    expect(parseQuery('NEFilter ').words[0]?.prefix).toBe(false);
    expect(parseQuery('NEFilter', { typing: false }).words[0]?.prefix).toBe(false);
  });

  it('recognises a number after "error" or "code" as an error code, and makes the cue optional', () => {
    const [cue, code] = parseQuery('error 53').words;
    expect(code?.errorCode).toBe(true);
    expect(cue?.optional).toBe(true);
    expect(parseQuery('iOS 17').words[1]?.errorCode).toBe(false);
  });
});
