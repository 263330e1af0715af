import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignFileNames,
  fileNameKey,
  MAX_NAME_BYTES,
  safeFileStem,
  utf8Length,
} from '../../../src/export/safe-file-name';

const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Every rule a name must keep on macOS, Windows, Linux and in Obsidian. */
function expectSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name).not.toMatch(/[/\\:*?"<>|#^[\]]/);
  expect(name).not.toMatch(/\p{Cc}/u);
  expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(name).not.toMatch(/[. ]$/);
  expect(name).not.toMatch(/^[. ]/);
  expect(name).not.toMatch(/[\uD800-\uDFFF]/u); // u flag: matches only lone surrogates
  expect(RESERVED.test(name.split('.')[0]!.trim())).toBe(false);
  expect(utf8Length(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
}

// Titles as hostile as possible: any code unit (lone surrogates too), plus the worst pieces.
const hostileTitle = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        'CON',
        'nul',
        'Com1',
        'LPT¹',
        '.',
        ' ',
        '..',
        '/',
        '\\',
        ':',
        '\u0000',
        '\u202e',
        'é',
        'e\u0301',
        '🇫🇷',
        '👩‍👩‍👧',
        'a',
        'A',
        '#',
        '[',
        '?',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
);

describe('safeFileStem', () => {
  it.each([
    ['TN3151: Choosing the right networking API', 'TN3151 - Choosing the right networking API'],
    ['a/b\\c', 'a-b-c'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT9', '_LPT9'],
    ['COM¹', '_COM¹'],
    ['CONSOLE', 'CONSOLE'],
    ['...', 'Untitled'],
    ['  ', 'Untitled'],
    ['.hidden', 'hidden'],
    ['trailing dot.', 'trailing dot'],
    ['What is "NECP"?', "What is 'NECP'"],
    ['line\nbreak\ttab', 'line break tab'],
    ['e\u0301', 'é'],
    ['[Bug] #42 ^x', '(Bug) 42 x'],
  ])('%j becomes %j', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('cuts long titles at a word boundary, within the byte budget', () => {
    const stem = safeFileStem('word '.repeat(100), 50);
    expect(utf8Length(stem)).toBeLessThanOrEqual(50);
    expect(stem.endsWith('word')).toBe(true);
  });

  it('counts bytes, not characters, and never splits a character', () => {
    const stem = safeFileStem('日本語'.repeat(100), 40);
    expect(utf8Length(stem)).toBeLessThanOrEqual(40);
    expect(stem).toBe('日本語日本語日本語日本語日'); // 13 characters × 3 bytes
    expect(safeFileStem('👩‍👩‍👧'.repeat(10), 20)).toBe('👩‍👩‍👧'); // one 18-byte grapheme
  });

  it('is safe for any title (property)', () => {
    fc.assert(
      fc.property(hostileTitle, (title) => {
        expectSafe(`${safeFileStem(title)}.md`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('assignFileNames', () => {
  it('disambiguates titles that differ only in case, with the thread id', () => {
    const names = assignFileNames(
      [
        { id: '785343', title: 'Local Network Privacy' },
        { id: 'fp-abcdefghijklmnop', title: 'local network privacy' },
        { id: '9', title: 'Other' },
      ],
      '.md',
    );
    expect(names.get('785343')).toBe('Local Network Privacy (785343).md');
    expect(names.get('fp-abcdefghijklmnop')).toBe('local network privacy (abcdefghij).md');
    expect(names.get('9')).toBe('Other.md');
  });

  it('never hands out a reserved name', () => {
    const names = assignFileNames([{ id: '1', title: 'forumkb notes' }], '.md', ['ForumKB Notes.md']);
    expect(names.get('1')).toBe('forumkb notes (1).md');
  });

  it('does not depend on input order', () => {
    const items = [
      { id: 'b', title: 'Same' },
      { id: 'a', title: 'same' },
      { id: 'c', title: 'SAME' },
    ];
    expect([...assignFileNames(items, '.md')].sort()).toEqual([...assignFileNames([...items].reverse(), '.md')].sort());
  });

  it('gives safe names, unique case-insensitively, for any titles (property)', () => {
    const items = fc.uniqueArray(
      fc.record({
        // Ids that share their first ten characters force the counter fallback.
        id: fc.oneof(
          fc.string({ minLength: 1, maxLength: 14 }),
          fc.constantFrom('fp-0123456789a', 'fp-0123456789b', 'fp-0123456789A'),
        ),
        title: fc.oneof(hostileTitle, fc.constantFrom('Same', 'same', 'SAME', 'x'.repeat(500))),
      }),
      { selector: (item) => item.id, maxLength: 30 },
    );
    fc.assert(
      fc.property(items, (list) => {
        const names = assignFileNames(list, '.md', ['ForumKB Notes.md']);
        expect(names.size).toBe(list.length);
        const keys = new Set([...names.values()].map(fileNameKey));
        expect(keys.size).toBe(list.length);
        expect(keys.has(fileNameKey('ForumKB Notes.md'))).toBe(false);
        for (const name of names.values()) {
          expect(name.endsWith('.md')).toBe(true);
          expectSafe(name);
        }
      }),
      { numRuns: 500 },
    );
  });
});
