import { describe, expect, it, vi } from 'vitest';
import { prng } from './synthetic-corpus';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  dropTokenTemplates,
  EntryList,
  entryTemplate,
  releaseTokenCaches,
  STOP_WORD_MAX,
  tokenEntries,
  tokenize,
  tokenTableBytes,
  tokenTableSize,
  tokenTemplates,
  type TokenTemplate,
} from '../../../src/search/tokenizer';

const terms = (text: string) => tokenize(text).flatMap((t) => t.terms);
const primaries = (text: string) => tokenize(text).map((t) => t.primary);

describe('tokenize', () => {
  it.each([
    ['-1001', ['-1001']],
    ['Code=-1001', ['code', '-1001']],
    ['Error Domain=NSURLErrorDomain Code=-1001', ['error', 'domain', 'nsurlerrordomain', 'code', '-1001']],
    ['(-9806)', ['-9806']],
    ['failed: −1200', ['fail', '-1200']],
    ['error 53', ['error', '53']],
    ['1001', ['1001']],
    ['iOS 18-19', ['ios', '18', '19']],
    ['0x8BADF00D', ['0x8badf00d']],
    ['macOS 10.15', ['macos', '10.15']],
    ['The requests timed out', ['request', 'time', 'out']],
    ['NEFilterDataProvider', ['nefilterdataprovider']],
    ['nw_connection_t', ['nw_connection_t']],
    ['URLSession.shared.dataTask(with:)', ['urlsession.shared.datatask']],
    ['ECONNABORTED', ['econnaborted']],
    ['', []],
  ])('%j gives primary terms %j', (text, expected) => {
    expect(primaries(text)).toEqual(expected);
  });

  it('keeps a signed code apart from the unsigned number', () => {
    expect(terms('-1001')).not.toContain('1001');
    expect(terms('1001')).not.toContain('-1001');
  });

  it('does not take a hyphen inside a word or range for a sign', () => {
    expect(terms('IPv4-1001 18-19')).not.toContain('-1001');
    expect(terms('18-19')).not.toContain('-19');
  });

  it('splits identifiers on camelCase, dots and underscores, keeping the whole', () => {
    const t = terms('NEFilterDataProvider');
    expect(t).toEqual(expect.arrayContaining(['nefilterdataprovider', 'filterdataprovider', 'dataprovider', 'filter']));
    expect(terms('NSURLErrorDomain')).toEqual(
      expect.arrayContaining(['nsurlerrordomain', 'urlerrordomain', 'errordomain']),
    );
    expect(terms('nw_connection_t')).toEqual(expect.arrayContaining(['nw_connection_t', 'nw', 'connect']));
    expect(terms('URLSession.shared.dataTask')).toEqual(expect.arrayContaining(['urlsession', 'datatask', 'session']));
  });

  it('strips Apple class prefixes so URLSession finds NSURLSession', () => {
    expect(terms('NSURLSession')).toContain('urlsession');
  });

  it('stems English words but not code tokens', () => {
    expect(primaries('connections failing')).toEqual(['connect', 'fail']);
    expect(terms('errSSLClosedAbort')).toContain('errsslclosedabort');
    expect(terms('ECONNABORTED')).toEqual(['econnaborted', 'econnabort']);
    expect(terms('kCFErrorDomainCFNetwork')[0]).toBe('kcferrordomaincfnetwork');
  });

  it('drops stop words', () => {
    expect(primaries('the of and')).toEqual([]);
  });

  it('reports offsets into the source text', () => {
    const text = 'fails with Code=-1001 in NWConnection';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end).toLowerCase()).toBe(token.raw);
  });

  it('tokenizes the same after its caches are released (the end of a large build)', () => {
    const text = 'NWConnection timed out: Code=-1001 nw_connection_t, certificates running runs 接続が不安定';
    const before = JSON.stringify(tokenize(text));
    tokenize(text);
    releaseTokenCaches();
    expect(JSON.stringify(tokenize(text))).toBe(before);
    expect(JSON.stringify(tokenize(text))).toBe(before);
  });

  it('tokenizes the first text of a process like any other (building the message table meanwhile)', async () => {
    // The code context's message table is built with the tokenizer on first use, in the middle of
    // the first text indexed: the scanner used to share the regex's position with that inner use
    // and scan the first text again from its start, indexing its first words twice.
    vi.resetModules();
    const fresh = await import('../../../src/search/tokenizer');
    const raws = (text: string) => {
      const out: Parameters<typeof fresh.tokenTemplates>[1] = [];
      fresh.tokenTemplates(text, out);
      return out.map((t) => t.raw);
    };
    const text = 'quic download provider network URLRequest NEVPNManager -9848 download';
    const first = raws(text);
    expect(first).toEqual(raws(text));
    expect(first.filter((raw) => raw === 'quic')).toHaveLength(1);
  });
});

/** `tokenEntries` as templates: the kept entries' and the transient ones. */
function entryTokens(text: string): { kind: string; raw: string; terms: readonly string[] }[] {
  const list = new EntryList();
  tokenEntries(text, list);
  return Array.from(list.items.subarray(0, list.length), (e) => {
    const t = e >= 0 ? entryTemplate(e) : (list.transient[~e] as TokenTemplate);
    return { kind: t.kind, raw: t.raw, terms: t.terms };
  });
}

function templateTokens(text: string): { kind: string; raw: string; terms: readonly string[] }[] {
  const out: TokenTemplate[] = [];
  tokenTemplates(text, out);
  return out.map((t) => ({ kind: t.kind, raw: t.raw, terms: t.terms }));
}

describe('the indexer’s token entries', () => {
  it('are the tokens and context terms of tokenTemplates, in order', () => {
    // A quoted message (its words in the middle of one are not skipped as plain), codes after
    // their domain and after a cue, one-off tokens (kept out of the table), stop words, Japanese.
    const texts = [
      'The request timed out. Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',
      'connection has no local endpoint; the request timed out. errno 61 POSIXErrorCode(rawValue: 50)',
      'NEVPNErrorDomain Code=5 at 2025-01-02 12:00:01.123456 task 5F1D2C3A-0B9E-4D5F-8A7B-6C5D4E3F2A1B',
      'Wi-Fi接続が不安定です nw_connection_t URLSession.shared.dataTask 0x8BADF00D [12:0x6000]',
    ];
    for (const text of texts) {
      expect(entryTokens(text)).toEqual(templateTokens(text));
      releaseTokenCaches();
      expect(entryTokens(text)).toEqual(templateTokens(text));
    }
  });

  it('are those of a global search of the whole pattern, on random text of every kind of character', () => {
    // The indexer tries its pattern only where a token can start; the other tokenizers search.
    const random = prng(77);
    const pieces = [
      ...'aZ_$09-−.=:;,"\'()[]{}<>/\\ \t\n@#%&*+?!|~^`',
      'é',
      'ß',
      'İ',
      'Σ',
      'ǅ',
      '\u00a0',
      '\u2028',
      '接続',
      'です',
      'カタカナ',
      '한국어',
      '𝐀𝐁',
      '😀',
      '\ud800',
      '\udc00',
      '0x8BADF00D',
      'Code=-1001',
      '18-19',
      'nw_connection_t',
      'URLSession.shared',
      'NEFilterDataProvider',
      'a'.repeat(210),
      '1234567890123',
      // One-off numbers, made without classifying on the indexer's side (hashed-terms.ts).
      '0X1fA2b3C4d5',
      '07.306151',
      '192.168.1.20',
      '9b25174a8440',
      '0x12g45678',
      '٣',
    ];
    for (let i = 0; i < 4000; i++) {
      let text = '';
      const length = 1 + Math.floor(random() * 16);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(entryTokens(text), JSON.stringify(text)).toEqual(templateTokens(text));
    }
  });

  it('find the same entry for the same text, whichever way it was read (by hand or by the pattern)', () => {
    // An ASCII name is read and hashed by hand; a name with a later non-ASCII letter by the pattern.
    // Both are cut to 200 units, so these four are one token's text, and must be one entry.
    const long = 'a'.repeat(210);
    const dotted = 'ab.'.repeat(80) + 'c';
    const list = new EntryList();
    tokenEntries(`${long} ${long}é ${dotted} x ${dotted}`, list);
    const items = Array.from(list.items.subarray(0, list.length));
    expect(items.every((e) => e >= 0)).toBe(true);
    expect(entryTemplate(items[0] as number).raw).toBe('a'.repeat(200));
    expect(items[1]).toBe(items[0]);
    const dottedEntries = items.filter((e) => entryTemplate(e).raw.startsWith('ab.'));
    expect(dottedEntries).toHaveLength(2);
    expect(dottedEntries[1]).toBe(dottedEntries[0]);
  });

  it('are the same after the templates are dropped (made again from the entries’ texts)', () => {
    const text = 'NEVPNErrorDomain Code=5 "The request timed out." errno 61 Certificates 接続が不安定 -1001';
    releaseTokenCaches();
    const entries = entryTokens(text);
    const templates = templateTokens(text);
    const tokens = JSON.stringify(tokenize(text));
    dropTokenTemplates();
    expect(entryTokens(text)).toEqual(entries);
    dropTokenTemplates();
    expect(templateTokens(text)).toEqual(templates);
    dropTokenTemplates();
    expect(JSON.stringify(tokenize(text))).toBe(tokens);
    // Context terms (`\u0002…`) are made again as such, not tokenized.
    expect(entries.some((t) => t.raw.startsWith('\u0002'))).toBe(true);
  });

  it('keep the table bounded: dropped at the start of a text once full, the same tokens after', () => {
    releaseTokenCaches();
    const word = (i: number) => {
      let w = '';
      for (let n = i; w.length < 4 || n > 0; n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
      return `q${w}`;
    };
    const words = Array.from({ length: 300_000 }, (_, i) => word(i));
    const probe = 'tunnel provider NEPacketTunnelProvider "The request timed out."';
    const before = entryTokens(probe);
    // One text may hold more new tokens than the table's bound: they are all kept meanwhile.
    tokenEntries(words.join(' '), new EntryList());
    expect(tokenTableSize()).toBeGreaterThan(300_000);
    expect(entryTokens(probe)).toEqual(before);
    expect(tokenTableSize()).toBeLessThan(100);
    expect(tokenTableBytes()).toBeGreaterThan(20_000_000);
    // Released (the end of a build), the arrays shrink back: a worker answering queries keeps little.
    releaseTokenCaches();
    expect(tokenTableSize()).toBe(0);
    expect(tokenTableBytes()).toBeLessThan(1_000_000);
    expect(entryTokens(probe)).toEqual(before);
  });
});

describe('stop words', () => {
  it('are none longer than STOP_WORD_MAX in Lunr’s list (longer words are not looked up)', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('lunr'), 'utf8');
    const list = /lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[([^\]]*)\]\)/.exec(source)?.[1] ?? '';
    const words = [...list.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
    expect(words.length).toBeGreaterThan(100);
    expect(Math.max(...words.map((w) => w.length))).toBeLessThanOrEqual(STOP_WORD_MAX);
    expect(primaries('because however neither together')).toEqual(['togeth']);
  });
});
