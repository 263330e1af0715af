/**
 * Every file source decodes bytes the same way: UTF-8, UTF-16 LE or BE by their byte order mark,
 * and `\r\n`, `\r` or `\n` line endings. Each case runs through the Node file source, the browser's
 * Blob source and a file in memory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobSource } from '../../../renderer/platform/blob-source';
import { decodeLines } from '../../../src/import/decode-text';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource, type TextSource } from '../../../src/import/text-source';
import { fileSource } from '../../../src/node/file-source';

const dir = mkdtempSync(join(tmpdir(), 'forumkb-decoding-'));
const CAPTURED_AT = new Date('2026-03-15T00:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.from(`\uFEFF${text}`, 'utf8');
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
}

let n = 0;
async function sources(bytes: Uint8Array, name: string): Promise<[string, TextSource][]> {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, bytes);
  return [
    ['file', await fileSource(path, name)],
    ['blob', blobSource(name, new Blob([bytes as Uint8Array<ArrayBuffer>]), null)],
  ];
}

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const;
const FILES = [
  ['networking-listing.txt', 'listing'],
  ['thread-page-788211.html', 'thread-page'],
  ['thread-page-790377.txt', 'thread-page'],
  ['network-tag-feed.xml', 'feed'],
  ['forumkb-archive.json', 'archive'],
] as const;

describe('encodings', () => {
  for (const [name, format] of FILES) {
    const expected = parseToFile(stringSource(name, fixture(name)), { capturedAt: CAPTURED_AT });
    it.each(ENCODINGS)(`${name} in %s reads as in UTF-8`, async (encoding) => {
      const want = await expected;
      for (const [kind, source] of await sources(encode(fixture(name), encoding), name)) {
        const got = await parseToFile(source, { capturedAt: CAPTURED_AT });
        expect(got.format, kind).toBe(format);
        expect(got.records, kind).toEqual(want.records);
        expect(got.warnings, kind).toEqual(want.warnings);
      }
    });
  }
});

describe('line endings', () => {
  const listing = fixture('networking-listing.txt');
  it.each([
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('a listing with %s line endings reads as with \\n, warnings on the same lines', async (_, eol) => {
    // A broken entry at the end gives a warning with a line number to compare.
    const text = `${listing.trimEnd()}\nCut entry\nIts body\n4\n0\n`;
    const want = await parseToFile(stringSource('l.txt', text), { capturedAt: CAPTURED_AT });
    expect(want.records.length).toBeGreaterThan(10);
    const crText = text.replace(/\n/g, eol);
    const all: [string, TextSource][] = [
      ...(await sources(encode(crText, 'utf-8'), 'l.txt')),
      ['string', stringSource('l.txt', crText)],
    ];
    for (const [kind, source] of all) {
      const got = await parseToFile(source, { capturedAt: CAPTURED_AT });
      expect(got.records, kind).toEqual(want.records);
      expect(got.warnings, kind).toEqual(want.warnings);
    }
  });

  it('a \\r\\n split across two chunks is one line ending; a lone \\r at the very end too', async () => {
    async function* chunks() {
      yield new TextEncoder().encode('one\r');
      yield new TextEncoder().encode('\ntwo\rthree\r');
    }
    const lines: string[] = [];
    for await (const line of decodeLines(chunks())) lines.push(line);
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('a UTF-16 character split across chunks, and a mark split across chunks', async () => {
    const bytes = encode('é\n€x', 'utf-16be');
    async function* oneByteAtATime() {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    const lines: string[] = [];
    for await (const line of decodeLines(oneByteAtATime())) lines.push(line);
    expect(lines).toEqual(['é', '€x']);
  });
});
