import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Archive } from '../../../src/archive/archive-format';
import { decodeArchive } from '../../../src/archive/decode-archive';
import { encodeArchive } from '../../../src/archive/encode-archive';
import { ImportError } from '../../../src/import/import-error';
import { emptyArchive, makeBookmark, makeNote, makePost, makeThread } from './archive-fixtures';

const FIXTURE = 'fixtures/forumkb-archive.json';
const fixtureText = readFileSync(FIXTURE, 'utf8');

function decodeError(text: string, file = 'backup.json'): ImportError {
  try {
    decodeArchive(text, file);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('decodeArchive accepted the text');
}

describe('archive round trip', () => {
  it('decodes the fixture and encodes it back byte for byte', () => {
    const archive = decodeArchive(fixtureText, FIXTURE);
    expect(archive.threads).toHaveLength(5);
    expect(archive.notes.length).toBeGreaterThan(0);
    expect(encodeArchive(archive)).toBe(fixtureText);
  });

  it('decode(encode(x)) deep-equals x for a sorted archive', () => {
    const x = decodeArchive(fixtureText, FIXTURE);
    expect(decodeArchive(encodeArchive(x), 'again.json')).toEqual(x);
  });

  it('gives the same bytes whatever the row order or key order of the input', () => {
    const a = decodeArchive(fixtureText, FIXTURE);
    const shuffled: Archive = {
      ...a,
      threads: [...a.threads].reverse().map((t) => Object.fromEntries(Object.entries(t).reverse()) as typeof t),
      posts: [...a.posts].reverse(),
      bookmarks: [...a.bookmarks].reverse(),
      notes: [...a.notes].reverse(),
      readState: [...a.readState].reverse(),
    };
    expect(encodeArchive(shuffled)).toBe(fixtureText);
  });

  it('sorts posts by thread then index, numerically', () => {
    const x = emptyArchive();
    x.threads = [makeThread('t', 'T')];
    x.posts = [makePost('t', 10, 'ten'), makePost('t', 2, 'two'), makePost('t', 0, 'q')];
    const decoded = decodeArchive(encodeArchive(x), 'x.json');
    expect(decoded.posts.map((p) => p.index)).toEqual([0, 2, 10]);
  });

  it('round-trips arbitrary strings, including hostile ones', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (title, markdown) => {
        const x = emptyArchive();
        x.threads = [makeThread('1', title, { url: markdown, tags: [title, markdown] })];
        x.posts = [makePost('1', 0, markdown)];
        x.notes = [makeNote('1', markdown)];
        x.bookmarks = [makeBookmark('1', [title])];
        expect(decodeArchive(encodeArchive(x), 'x.json')).toEqual(x);
      }),
    );
  });

  it('drops unknown fields, so __proto__ in a file cannot reach the database', () => {
    const x = emptyArchive();
    x.threads = [makeThread('1', 'T')];
    const text = encodeArchive(x).replace('"id": "1",', '"id": "1", "__proto__": {"polluted": true}, "extra": 1,');
    const decoded = decodeArchive(text, 'x.json');
    expect(decoded).toEqual(x);
    expect(Object.keys(decoded.threads[0]!)).not.toContain('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a byte order mark', () => {
    expect(decodeArchive(`\uFEFF${fixtureText}`, FIXTURE)).toEqual(decodeArchive(fixtureText, FIXTURE));
  });
});

describe('hostile and broken archives', () => {
  it('reports a newer version clearly, with its line', () => {
    const error = decodeError(
      readFileSync('fixtures/broken/archive-bad-version.json', 'utf8'),
      'archive-bad-version.json',
    );
    expect(error.message).toMatch(/archive-bad-version\.json:3: .*archive version 2 is newer than this ForumKB/);
  });

  it('names file and line of a bad field deep inside', () => {
    const error = decodeError(readFileSync('fixtures/broken/archive-bad-field.json', 'utf8'), 'bad-field.json');
    expect(error.file).toBe('bad-field.json');
    expect(error.line).toBe(12);
    expect(error.reason).toBe('bookmarks[0].labels[1]: expected a string');
  });

  it('names the line of a JSON syntax error', () => {
    const error = decodeError(readFileSync('fixtures/broken/archive-bad-json.json', 'utf8'), 'bad.json');
    expect(error.line).toBe(9);
    expect(error.reason).toMatch(/not valid JSON: control character/);
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3],
    ['a missing comma', '{\n  "format": "forumkb-archive"\n  "version": 1\n}', 3],
    ['a truncated file', '{\n  "format": "forumkb-archive",\n  "threads": [\n', 4],
    ['text after the value', '{}\n\nnonsense', 3],
    ['a bad literal', '{\n "a":\n tru }', 3],
    ['an empty file', '', 1],
    ['a bad escape', '{\n"a": "\\x"}', 2],
    ['a leading zero', '[\n01]', 2],
  ])('names the line of %s', (_name, text, line) => {
    const error = decodeError(text);
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(/^not valid JSON: /);
  });

  it('gives the line of the object a required field is missing from', () => {
    const x = emptyArchive();
    x.threads = [makeThread('1', 'A'), makeThread('2', 'B')];
    const text = encodeArchive(x);
    const broken = text.replace('"title": "B",\n', '');
    const error = decodeError(broken);
    expect(error.reason).toBe('threads[1].title: missing');
    expect(broken.split('\n')[error.line! - 1]!.trim()).toBe('{');
    expect(error.line).toBeGreaterThan(text.split('\n').findIndex((l) => l.includes('"title": "A"')) + 1);
  });

  it.each([
    ['not an object', '[]', '(top level): expected an object'],
    ['another format', '{"format": "something-else", "version": 1}', 'format: not a ForumKB archive'],
    ['a bad version', '{"format": "forumkb-archive", "version": "1"}', 'version: expected a version number'],
    ['a missing table', '{"format": "forumkb-archive", "version": 1, "exportedAt": "x"}', 'threads: missing'],
  ])('rejects %s', (_name, text, reason) => {
    expect(decodeError(text).reason).toContain(reason);
  });

  function withThreads(mutate: (a: Archive) => void): string {
    const x = emptyArchive();
    x.threads = [makeThread('1', 'A'), makeThread('2', 'B')];
    x.posts = [makePost('1', 0, 'q')];
    mutate(x);
    return encodeArchive(x);
  }

  it('rejects duplicate thread ids', () => {
    const text = withThreads((a) => (a.threads[1] = makeThread('1', 'B')));
    expect(decodeError(text).reason).toBe('threads[1].id: duplicate id "1"');
  });

  it('rejects a post of a thread that is not in the archive', () => {
    const text = withThreads((a) => a.posts.push(makePost('9', 0, 'orphan')));
    expect(decodeError(text).reason).toMatch(/posts\[1\]\.threadId: post of unknown thread "9"/);
  });

  it('keeps a note whose thread is gone: user data is never dropped', () => {
    const text = withThreads((a) => a.notes.push(makeNote('gone', 'still mine')));
    expect(decodeArchive(text, 'x.json').notes.map((n) => n.markdown)).toEqual(['still mine']);
  });

  it.each([
    ['a negative count', (a: Archive) => (a.threads[0]!.views = -1), 'threads[0].views'],
    ['a fractional post index', (a: Archive) => (a.posts[0]!.index = 0.5), 'posts[0].index'],
    ['an unknown source kind', (a: Archive) => (a.threads[0]!.sources = ['email' as 'feed']), 'threads[0].sources[0]'],
    ['an empty id', (a: Archive) => (a.threads[0]!.id = ''), 'threads[0].id'],
    ['a null title', (a: Archive) => (a.threads[0]!.title = null as unknown as string), 'threads[0].title'],
    [
      'a bad bookmark kind',
      (a: Archive) => a.bookmarks.push({ ...makeBookmark('1', []), kind: 'folder' as 'post' }),
      'bookmarks[0].kind',
    ],
  ])('rejects %s, naming the field', (_name, mutate, where) => {
    expect(decodeError(withThreads(mutate)).reason.startsWith(`${where}:`)).toBe(true);
  });

  it('survives very deep nesting without a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const head = '{"format": "forumkb-archive", "version": 1, "exportedAt": "x", "threads": [';
    expect(decodeError(`${head}${deep}]}`).reason).toBe('threads[0]: expected an object');
    expect(decodeError(`${head}${deep}`).reason).toBe('not valid JSON: unexpected end of file');
  });
});
