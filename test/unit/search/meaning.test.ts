/**
 * Search finds what the user means: the category wins of the relevance bench, pinned on its
 * corpus (test/unit/search/relevance-corpus.ts). Each test states a behaviour, not a score.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { SegmentedIndex, type SearchOptions } from '../../../src/search/segmented-index';
import { tokenize } from '../../../src/search/tokenizer';
import { THREADS, toRecord } from './relevance-corpus';

let index: SegmentedIndex;
const records = new Map<string, ThreadRecord>(THREADS.map((t) => [t.id, toRecord(t)]));
const loadTexts = (ids: string[]) => Promise.resolve(ids.flatMap((id) => records.get(id) ?? []));
const userData = {
  bookmarkedThreadIds: new Set(THREADS.filter((t) => t.bookmarked).map((t) => t.id)),
  labelsByThread: new Map<string, string[]>(),
  threadsWithNotes: new Set(THREADS.filter((t) => t.notes).map((t) => t.id)),
};

beforeAll(() => {
  index = new SegmentedIndex();
  index.add(records.values());
});

const ids = (q: string, options: SearchOptions = {}) =>
  index.search(q, { typing: false, limit: 100, ...options }).results.map((r) => r.id);

describe('API names', () => {
  it('NEPacketTunnelProvider finds every thread PacketTunnelProvider finds', () => {
    const short = ids('PacketTunnelProvider');
    expect(short.length).toBeGreaterThanOrEqual(5);
    expect(ids('NEPacketTunnelProvider')).toEqual(expect.arrayContaining(short));
  });

  it('nw_connection_t finds the NWConnection threads, the C spelling first', () => {
    const swift = ids('NWConnection');
    const c = ids('nw_connection_t');
    expect(c).toEqual(expect.arrayContaining(swift));
    expect(c[0]).toBe('nwc2');
    expect(swift).toContain('nwc2');
  });

  it('a prefix finds no provider thread the whole name misses', () => {
    const whole = new Set(ids('NEPacketTunnelProvider'));
    const prefix = ids('NEPack', { typing: true }).filter((id) => id.startsWith('ptp'));
    expect(prefix.every((id) => whole.has(id))).toBe(true);
  });
});

describe('typos', () => {
  it('corrects the word as typed, not its stem: certifcate is not certified', () => {
    const found = ids('certifcate invalid');
    expect(found).toEqual(expect.arrayContaining(['cert1', 'cert2']));
    expect(found).not.toContain('certd2');
  });

  it('tolerates typos in identifiers', () => {
    expect(ids('NSURLSesion')).toEqual(expect.arrayContaining(['us1', 'us2', 'us3']));
    expect(ids('NWConection')).toEqual(expect.arrayContaining(['nwc1', 'nwc3']));
    expect(ids('bonjur')).toEqual(expect.arrayContaining(['bj1', 'bj2']));
  });

  it('ranks an exact hit above a corrected one', () => {
    const small = new SegmentedIndex();
    small.add([
      toRecord({ id: 'typo', title: 'bonjur question', body: 'Asked about bonjur service' }),
      toRecord({ id: 'right', title: 'bonjour question', body: 'Asked about bonjour service' }),
    ]);
    expect(small.search('bonjur', { typing: false }).results.map((r) => r.id)).toEqual(['typo', 'right']);
  });
});

describe('Japanese', () => {
  it('splits text without spaces into words on both sides', () => {
    expect(tokenize('Wi-Fi接続が不安定になります').map((t) => t.raw)).toEqual(['wi', 'fi', '接続', '不安定']);
  });

  it('finds 接続が不安定 and トンネル 切断, and not 安定 for 不安定', () => {
    expect(ids('接続が不安定').sort()).toEqual(['ja1', 'ja2']);
    expect(ids('トンネル 切断').sort()).toEqual(['ja4', 'ja5']);
  });
});

describe('error messages and codes', () => {
  it('-1001 and NSURLErrorTimedOut find a thread that only quotes the message, below a literal hit', () => {
    const code = ids('-1001');
    expect(code).toEqual(expect.arrayContaining(['m1', 'm2', 'm3']));
    expect(code[0]).toBe('m1');
    expect(ids('NSURLErrorTimedOut')).toContain('m2');
  });

  it('a code half typed finds the codes it starts while typing, the whole code first once typed', () => {
    const typing = (q: string) => ids(q, { typing: true });
    // `-100` is on the way to `-1001`: the threads quoting -1001 are found already.
    expect(typing('-100')).toEqual(expect.arrayContaining(['m1']));
    expect(ids('-100')).not.toContain('m1');
    // Too short to mean much: `-10` completes nothing.
    expect(typing('-10')).not.toContain('m1');
    // Typed whole, the literal hit stays first.
    expect(typing('-1001')[0]).toBe('m1');
  });

  it('the message finds its code and symbol, the quoted message first', () => {
    const found = ids('the network connection was lost');
    expect(found).toEqual(expect.arrayContaining(['m4', 'm5', 'm6']));
    expect(found[0]).toBe('m4');
  });

  it('the domain in the query picks the meaning of the code', () => {
    const response = index.search('NEVPNErrorDomain Code=5', { typing: false });
    expect(response.results.map((r) => r.id)).toEqual(['d1', 'd4']);
    expect(response.codes[0]?.symbol).toBe('NEVPNErrorConfigurationReadWriteFailed');
  });

  it('says so when no thread has the code, instead of matching the word "code"', () => {
    const response = index.search('Code=-1009', { typing: false });
    expect(response.results).toEqual([]);
    expect(response.relaxed).toBe(false);
    expect(response.warnings.join(' ')).toMatch(/No thread contains -1009 \(NSURLErrorNotConnectedToInternet\)/);
  });

  it('a log line connection number does not find ENOMEM threads', () => {
    expect(ids('nw_connection Error [12:0x600002e1c000]')).not.toContain('mem1');
    expect(ids('ENOMEM')).toEqual(['mem1']);
  });

  it('the symbol typed ranks above a bare number meaning the same; both are found', () => {
    const found = ids('ENETDOWN');
    expect(found[0]).toBe('sym1');
    expect(found).toContain('sym2');
    expect(found).not.toContain('ptp4'); // "50 MB" is not ENETDOWN
  });
});

describe('filters and views', () => {
  it('searches inside the selected view and says so', () => {
    const response = index.search('tunnel', {
      typing: false,
      userData,
      scope: { label: 'Bookmarks', query: 'is:bookmarked' },
    });
    expect(response.scope).toBe('Bookmarks');
    expect(response.results.map((r) => r.id)).toEqual(['ptp1']);
  });

  it('an unknown operator is an error, not everything', () => {
    const response = index.search('is:unanswered', { typing: false });
    expect(response.results).toEqual([]);
    expect(response.error).toMatch(/is:unanswered/);
  });

  it('-"lost network" excludes the phrase, not threads with both words apart', async () => {
    const found = (await index.searchWithTexts('wifi -"lost network"', loadTexts, { typing: false })).results.map(
      (r) => r.id,
    );
    expect(found.sort()).toEqual(['w2', 'w3']);
  });

  it('checks a quoted phrase word by word without the caller passing a lookup', async () => {
    const response = await index.searchWithTexts('"background session"', loadTexts, { typing: false });
    expect(response.results.map((r) => r.id)).toEqual(['bg1']);
    expect(ids('background session')).toContain('bg2');
  });
});

describe('more like this', () => {
  it('offers threads sharing rare terms, codes and API names, not the thread itself', async () => {
    const like = async (id: string) =>
      (await index.moreLikeThis(records.get(id) as ThreadRecord, { limit: 5 })).results.map((r) => r.id);
    expect(await like('m1')).not.toContain('m1');
    // -1001: the thread quoting its message and the one naming its symbol.
    expect((await like('m1')).slice(0, 3)).toEqual(expect.arrayContaining(['m2', 'm3']));
    // NEFilterDataProvider, written with and without its prefix.
    expect((await like('cf1'))[0]).toBe('cf2');
  });
});
