/**
 * Every parser, fed random and truncated input: it returns, or throws an ImportError, and it does
 * so quickly. Nothing else may escape (a TypeError from a missing field would crash an import).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/import/detect-format';
import { parseFeed } from '../../../src/import/feed-parser';
import { ImportError } from '../../../src/import/import-error';
import { ListingParser } from '../../../src/import/listing-parser';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';
import { parseThreadPageHtml } from '../../../src/import/thread-page-html';
import { parseThreadPageText } from '../../../src/import/thread-page-text';
import { CAPTURED_AT, readFixture } from './fixture-helpers';

const FIXTURES = [
  'networking-listing.txt',
  'thread-page-788211.html',
  'thread-page-790377.txt',
  'network-tag-feed.xml',
  'network-extension-tag-feed.atom',
].map((name) => ({ name, text: readFixture(name) }));

/** Lines that mean something to one parser or another, so random documents reach deep states. */
const TOKENS = [
  'Posts under Network tag',
  'Posts under Networking subtopic',
  '44 Posts',
  'Post',
  'Replies',
  'Boosts',
  'Views',
  'Activity',
  'Created',
  'Participants',
  '0',
  '4',
  '4.2k',
  '1.2M',
  '1,234',
  '3w',
  'Jun ’25',
  "May '25",
  '5h',
  'May 30, 2025',
  'Accepted Answer',
  'Answered by DTS Engineer in 846201022',
  'View in context',
  'Boost',
  'Copy to clipboard',
  'DTS Engineer',
  'OP',
  'Network',
  'Network Extension',
  'Quinn “The Eskimo!” @ Developer Technical Support @ Apple',
  'https://developer.apple.com/forums/thread/790377',
  'https://forums.developer.apple.com/message/1234',
  'https://developer.apple.com/forums/tags/network',
  '<!DOCTYPE html>',
  '<html>',
  '<rss>',
  '<item>',
  '</item>',
  '<?xml version="1.0"?>',
  '<feed>',
  '&amp;',
  '&#0;',
  '&lt;',
  '\uFEFF',
  '\r',
  '',
  'some body text',
];

const tokenDoc = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 })), { maxLength: 80 })
  .map((l) => l.join('\n'));
const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), tokenDoc);
/** A fixture cut at a random point, optionally with a random tail glued on. */
const truncated = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(anyText))
  .map(([f, at, tail]) => ({ name: f.name, text: f.text.slice(0, Math.floor(f.text.length * at)) + (tail ?? '') }));
/** A fixture with random lines dropped and duplicated. */
const shuffledLines = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }))
  .map(([f, drop, dup]) => {
    const lines = f.text.split('\n');
    for (const d of drop) lines.splice(d % Math.max(1, lines.length), 1);
    for (const d of dup) lines.splice(d % Math.max(1, lines.length), 0, lines[d % Math.max(1, lines.length)] ?? '');
    return { name: f.name, text: lines.join('\n') };
  });

/** Runs `parse`; anything thrown must be an ImportError, and it must be quick. */
async function onlyImportErrors(parse: () => unknown): Promise<void> {
  const started = Date.now();
  try {
    await parse();
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.file).not.toBe('');
  }
  expect(Date.now() - started).toBeLessThan(2_000);
}

const RUNS = { numRuns: 200 };

describe('parsers on random and damaged input', () => {
  it('parseToFile (detection and every format)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          truncated,
          shuffledLines,
          anyText.map((text) => ({ name: 'random.txt', text })),
        ),
        ({ name, text }) => onlyImportErrors(() => parseToFile(stringSource(name, text), { capturedAt: CAPTURED_AT })),
      ),
      RUNS,
    );
  });

  it('detectFormat never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => void detectFormat(text)),
      RUNS,
    );
  });

  it.each([
    ['thread page text', (text: string) => parseThreadPageText('p.txt', text, CAPTURED_AT)],
    ['thread page HTML', (text: string) => parseThreadPageHtml('p.html', text, CAPTURED_AT)],
    ['feed', (text: string) => parseFeed('f.xml', text, CAPTURED_AT)],
    [
      'listing',
      (text: string) => {
        const parser = new ListingParser('l.txt', CAPTURED_AT, { thread: () => {}, warning: () => {} });
        for (const line of text.split('\n')) parser.push(line);
        parser.end();
      },
    ],
  ])('%s', async (_name, parse) => {
    const input = fc.oneof(
      anyText,
      truncated.map((t) => t.text),
      shuffledLines.map((t) => t.text),
    );
    await fc.assert(
      fc.asyncProperty(input, (text) => onlyImportErrors(() => parse(text))),
      RUNS,
    );
  });

  it('a listing cut at a line boundary gives a prefix of the threads, and warns unless cut between entries', async () => {
    const whole = FIXTURES[0]!.text;
    const full = (await parseToFile(stringSource('l.txt', whole), { capturedAt: CAPTURED_AT })).records.map(
      (r) => r.thread.title,
    );
    const lines = whole.split('\n');
    // Line counts that end on an entry: header (20 lines), 20 compact entries of 6, 21 labelled of 10.
    const boundaries = new Set([
      20,
      ...[...Array(21).keys()].map((k) => 20 + 6 * k),
      ...[...Array(22).keys()].map((k) => 140 + 10 * k),
    ]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 20, max: lines.length }), async (n) => {
        const cut = await parseToFile(stringSource('l.txt', lines.slice(0, n).join('\n')), { capturedAt: CAPTURED_AT });
        const titles = cut.records.map((r) => r.thread.title);
        expect(titles).toEqual(full.slice(0, titles.length));
        expect(cut.warnings).toHaveLength(boundaries.has(n) ? 0 : 1);
      }),
      { numRuns: 100 },
    );
  });
});
