/**
 * The tokenizer's scanner (`chunkEnd` over char codes, `CHUNK` beyond ASCII) against its
 * definition, the `CHUNK` regex alone: the same chunks at the same offsets, so the same tokens.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { docFields } from '../../../src/search/doc-meta';
import { chunks, chunksByRegex } from '../../../src/search/tokenizer';
import { prng, syntheticThreads } from './synthetic-corpus';
import { THREADS, toRecord } from './relevance-corpus';

const FIXTURES = new URL('../../../fixtures', import.meta.url).pathname;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The texts where the two disagree (none expected), at most a few. */
function disagreements(texts: Iterable<string>): { text: string; scanner: unknown; regex: unknown }[] {
  const found: { text: string; scanner: unknown; regex: unknown }[] = [];
  for (const text of texts) {
    const scanner = chunks(text);
    const regex = chunksByRegex(text);
    if (JSON.stringify(scanner) !== JSON.stringify(regex) && found.length < 3)
      found.push({ text: text.slice(0, 300), scanner, regex });
  }
  return found;
}

describe('the tokenizer scanner', () => {
  it.each([
    ['-1001 Code=-1009 (-9806) 18-19 IPv4-1001 x-1 _-1 .-1'],
    ['nw_connection_t NEFilterDataProvider URLSession.shared.dataTask(with:) $0.value a.b. a..b'],
    ['0x8BADF00D 0x1g 0xfff_ 0x 0X1F. 0xABCé 1.2.3a 1.23a 10.15 1.2.3 53. 5g 1_000 4K 9️⃣'],
    ['接続が不安定 Wi-Fi接続 −1200 failed:−1200 ℃ ½ ٣٤ Ａｐｐｌｅ café naïve 𝑎𝑏 😀 İstanbul'],
    ['\ud800 lone \udc00 surrogates, a\u0301 combining, tabs\tand\nnewlines'],
    [`${'a'.repeat(250)} ${'9'.repeat(250)} -${'1'.repeat(250)}`],
  ])('finds what CHUNK finds in %j', (text) => {
    expect(chunks(text)).toEqual(chunksByRegex(text));
  });

  it('finds what CHUNK finds in every fixture, whole and line by line', () => {
    const texts: string[] = [];
    for (const path of files(FIXTURES)) {
      const text = readFileSync(path, 'utf8');
      texts.push(text, ...text.split('\n'));
    }
    expect(texts.length).toBeGreaterThan(1000);
    expect(disagreements(texts)).toEqual([]);
  });

  it('finds what CHUNK finds in generated forum text and the relevance corpus', () => {
    const texts: string[] = [];
    for (const record of [...syntheticThreads(300), ...THREADS.map(toRecord)]) {
      const fields = docFields(record);
      texts.push(fields.title, fields.tags, fields.body, fields.replies);
    }
    expect(disagreements(texts)).toEqual([]);
  });

  it('finds what CHUNK finds in random strings of tricky characters', () => {
    const alphabet = [
      ...'0xXafFgZ_$.-−19 =:(eEkK\t\n',
      'é',
      '接',
      '続',
      'が',
      '𝑎',
      '٣',
      '\u00a0',
      'İ',
      '\u0301',
      '\ud800',
      '\udc00',
      '😀',
      'ß',
      '0x',
      '-1',
      '.5',
      'ＡＢ',
      '１',
    ];
    const random = prng(7);
    const texts: string[] = [];
    for (let k = 0; k < 30_000; k++) {
      let text = '';
      const length = Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] as string;
      texts.push(text);
    }
    expect(disagreements(texts)).toEqual([]);
  });

  it('tokenizes the first text of a process like any other (building the message table meanwhile)', async () => {
    // The code context's message table is built with the tokenizer on first use, in the middle of
    // the first text indexed: the scanner used to share the regex's position with that inner use
    // and scan the first text again from its start, indexing its first words twice.
    vi.resetModules();
    const fresh = await import('../../../src/search/tokenizer');
    const raws = (text: string) => {
      const out: { raw: string }[] = [];
      fresh.tokenTemplates(text, out as Parameters<typeof fresh.tokenTemplates>[1]);
      return out.map((t) => t.raw);
    };
    const text = 'quic download provider network URLRequest NEVPNManager -9848 download';
    const first = raws(text);
    expect(first).toEqual(raws(text));
    expect(first.filter((raw) => raw === 'quic')).toHaveLength(1);
  });
});
