/**
 * Every import path fed what the audit fed it: deep nesting, huge values, every encoding and line
 * ending, random bytes. Each file is read whole through detection, as a user's import is: it goes
 * in, or fails with an ImportError that names the file and a line, and never with anything else
 * (a RangeError, a stack overflow: "could not be read"). Figures are printed for the report.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { blobSource } from '../../../renderer/platform/blob-source';
import { ImportError } from '../../../src/import/import-error';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';

const CAPTURED_AT = new Date('2026-03-15T00:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');
const FIXTURES = [
  'networking-listing.txt',
  'thread-page-788211.html',
  'thread-page-790377.txt',
  'network-tag-feed.xml',
  'network-extension-tag-feed.atom',
  'forumkb-archive.json',
].map(fixture);

const figures = { tried: 0, parsed: 0, refused: 0, crashed: 0 };
afterAll(() => console.log(`fuzz: ${JSON.stringify(figures)}`));

/** Parses like an import; returns what happened, failing the test on anything but an ImportError with a line. */
async function importOne(source: Parameters<typeof parseToFile>[0]): Promise<'parsed' | 'refused'> {
  figures.tried++;
  try {
    await parseToFile(source, { capturedAt: CAPTURED_AT });
    figures.parsed++;
    return 'parsed';
  } catch (error) {
    const ok = error instanceof ImportError && !error.reason.startsWith('could not be read');
    if (!ok) figures.crashed++;
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).not.toMatch(/^could not be read/);
    expect((error as ImportError).line, (error as ImportError).message).toBeGreaterThanOrEqual(1);
    figures.refused++;
    return 'refused';
  }
}

const nest = (depth: number, open: string, close: string, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

describe('deep nesting', () => {
  const depth = fc.integer({ min: 1_000, max: 30_000 });
  it('in a saved HTML page: inside a post, around the posts, in the head', async () => {
    const page = fixture('thread-page-788211.html');
    await fc.assert(
      fc.asyncProperty(depth, fc.constantFrom('div', 'span', 'b', 'article', 'table', 'li'), async (d, tag) => {
        const deep = nest(d, `<${tag}>`, `</${tag}>`, 'bottom');
        for (const html of [
          page.replace('<div class="post-body markdown">', `<div class="post-body markdown">${deep}`),
          page.replace('<main id="main" class="main" role="main">', `<main>${nest(d, `<${tag}>`, '', '')}`),
          page.replace('</head>', `${nest(d, '<div>', '', '')}</head>`),
        ])
          await importOne(stringSource('deep.html', html));
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('in a feed, and in an archive', async () => {
    await fc.assert(
      fc.asyncProperty(depth, async (d) => {
        const rss = fixture('network-tag-feed.xml').replace(
          '<p>Every now',
          `${nest(d, '<x>', '</x>', '')}<p>Every now`,
        );
        const cdata = fixture('network-tag-feed.xml').replace('<p>Every now', `${nest(d, '<div>', '</div>', '')}<p>`);
        const json = fixture('forumkb-archive.json').replace(
          '"notes": [',
          `"deep": ${nest(d, '[', ']', '')}, "notes": [`,
        );
        await importOne(stringSource('deep.xml', rss));
        await importOne(stringSource('deep-cdata.xml', cdata));
        await importOne(stringSource('deep.json', json));
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});

describe('huge values', () => {
  const huge = fc.oneof(
    fc.bigInt({ min: 10n ** 6n, max: 10n ** 40n }).map(String),
    fc.constantFrom('Infinity', 'NaN', '-1', '1e308', '9'.repeat(400), '0x7fffffff'),
  );
  it('in activity, counts, dates and ids of every format', async () => {
    await fc.assert(
      fc.asyncProperty(huge, fc.constantFrom('y', 'mo', 'w', 'd', 'h', 'm', 'k', 'M', ''), async (n, unit) => {
        const listing = fixture('networking-listing.txt')
          .replace(/^(\d+)(w|d|mo|y)$/m, `${n}${unit}`)
          .replace(/^4\.2k$/m, `${n}${unit}`);
        const html = fixture('thread-page-788211.html')
          .replace('2025-06-10T16:42:18Z', `+${n}-01-01T00:00:00Z`)
          .replace('1.1k', `${n}${unit}`)
          .replace('788211', n);
        const text = fixture('thread-page-790377.txt')
          .replace('May 28, 2025', `May 28, ${n}`)
          .replace(/^318$/m, `${n}${unit}`);
        const rss = fixture('network-tag-feed.xml').replace(
          'Wed, 09 Apr 2025 10:41:07 GMT',
          `Wed, 09 Apr ${n} 10:41:07 GMT`,
        );
        const json = fixture('forumkb-archive.json').replace(/"views": \d+/, `"views": ${n}`);
        for (const [name, content] of [
          ['huge.txt', listing],
          ['huge.html', html],
          ['huge-page.txt', text],
          ['huge.xml', rss],
          ['huge.json', json],
        ] as const)
          await importOne(stringSource(name, content));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a 2 MB single line, and a 2 MB title', async () => {
    await importOne(stringSource('long.txt', 'x'.repeat(2_000_000)));
    const listing = fixture('networking-listing.txt').replace(/^(.*Resources.*)$/m, 'T'.repeat(2_000_000));
    await importOne(stringSource('long-title.txt', listing));
  }, 60_000);
});

describe('encodings and line endings', () => {
  const encoding = fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin1');
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  function encode(text: string, how: string): Uint8Array {
    if (how === 'utf-8') return Buffer.from(text, 'utf8');
    if (how === 'utf-8-bom') return Buffer.from(`\uFEFF${text}`, 'utf8');
    if (how === 'latin1') return Buffer.from(text, 'latin1');
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return how === 'utf-16le' ? le : Buffer.from(le).swap16();
  }
  it('every fixture in every encoding and line ending, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIXTURES),
        encoding,
        eol,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (text, how, end, cut) => {
          const bytes = encode(text.replace(/\n/g, end), how);
          const kept = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * (cut < 0.5 ? 1 : cut))));
          await importOne(blobSource('enc.txt', new Blob([kept as Uint8Array<ArrayBuffer>]), null));
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('random bytes, lone surrogates and control characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        await importOne(blobSource('random.bin', new Blob([bytes as Uint8Array<ArrayBuffer>]), null));
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIXTURES),
        fc.string({ unit: 'binary', maxLength: 40 }),
        async (text, junk) => {
          const at = Math.floor(text.length / 2);
          await importOne(stringSource('junk.txt', text.slice(0, at) + junk + '\uD800\u0000\u001b' + text.slice(at)));
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);
});
