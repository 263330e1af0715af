import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decodeArchive } from '../../../src/archive/decode-archive';
import { encodeArchive } from '../../../src/archive/encode-archive';
import { frontMatter, withoutExportTime } from '../../../src/export/front-matter';
import { DIGEST_FILE, exportNotes, INDEX_FILE, type NotesExportInput } from '../../../src/export/notes-export';
import type { Bookmark, Note, Post, Thread } from '../../../src/model';
import { emptyArchive, makeBookmark, makeNote, makePost, makeThread } from '../archive/archive-fixtures';

const EXPORTED_AT = '2026-11-24T22:00:00.000Z';
type MutableInput = { threads: Thread[]; posts: Post[]; bookmarks: Bookmark[]; notes: Note[] };

const fixture = decodeArchive(readFileSync('fixtures/forumkb-archive.json', 'utf8'), 'fixture');

/** The YAML between the `---` fences, parsed; the rest of the file. */
function split(content: string): { meta: Record<string, unknown>; rest: string } {
  expect(content.startsWith('---\n')).toBe(true);
  const end = content.indexOf('\n---\n', 3);
  expect(end).toBeGreaterThan(0);
  return { meta: parse(content.slice(4, end + 1)) as Record<string, unknown>, rest: content.slice(end + 5) };
}

function oneThread(title: string, note = 'my note'): MutableInput {
  return {
    threads: [makeThread('1', title, { tags: ['Network'], inferredTags: ['Network Extension'] })],
    posts: [makePost('1', 0, 'The question body')],
    bookmarks: [makeBookmark('1', ['to: read', '"quoted"'])],
    notes: [makeNote('1', note)],
  };
}

describe('front matter', () => {
  it.each([
    'Plain title',
    'Title: with a colon',
    'He said "hi" and \'bye\'',
    '---',
    'first line\n---\nsecond: line',
    'yes',
    'null',
    '1.0',
    '# not a comment',
    '- not a list',
    '{ not: a map }',
    'tab\there',
    'trailing space ',
    ' leading space',
    'DEL\u007f C1\u0085\u0086 BOM\ufeff nonchar\uffff',
  ])('gives back the title %j exactly', (title) => {
    const [, file] = exportNotes(oneThread(title), { exportedAt: EXPORTED_AT });
    const { meta, rest } = split(file!.content);
    expect(meta).toEqual({
      title,
      forum_url: null,
      thread_id: '1',
      tags: ['Network', 'Network-Extension'],
      forum_tags: ['Network'],
      inferred_tags: ['Network Extension'],
      author: 'someone',
      bookmarked: true,
      labels: ['to: read', '"quoted"'],
      exported_at: EXPORTED_AT,
    });
    expect(rest).toContain('my note');
  });

  it('round-trips any string through YAML (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.string({ unit: 'grapheme' })), (title, labels) => {
        const text = frontMatter({ title, labels });
        expect(parse(text.slice(4, -4))).toEqual({ title, labels });
        // Characters stricter YAML readers refuse raw are escaped.
        expect(text).not.toMatch(/[\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]/);
        // Nothing inside a value can close the front matter early.
        expect(text.slice(4, -4).split('\n')).not.toContain('---');
      }),
      { numRuns: 1000 },
    );
  });

  it('withoutExportTime ignores only the export time', () => {
    const a = frontMatter({ title: 't', exported_at: 'one' }) + 'body\nexported_at: stays\n';
    const b = frontMatter({ title: 't', exported_at: 'two' }) + 'body\nexported_at: stays\n';
    expect(withoutExportTime(a)).toBe(withoutExportTime(b));
    expect(withoutExportTime(a)).toContain('exported_at: stays');
    expect(withoutExportTime(a)).not.toBe(withoutExportTime(b.replace('body', 'edited')));
  });
});

describe('exportNotes', () => {
  const files = exportNotes(fixture, { exportedAt: EXPORTED_AT });
  const byPath = new Map(files.map((f) => [f.path, f.content]));

  it('writes an index and one file per thread with a note', () => {
    expect(files[0]!.path).toBe(INDEX_FILE);
    const threadsWithNotes = new Set(fixture.notes.map((n) => n.threadId));
    expect(files).toHaveLength(threadsWithNotes.size + 1);
    for (const f of files.slice(1)) expect(threadsWithNotes.has(split(f.content).meta.thread_id as string)).toBe(true);
  });

  it('links every thread file from the index, by a relative link that resolves', () => {
    const index = byPath.get(INDEX_FILE)!;
    const targets = [...index.matchAll(/\]\(([^)]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
    expect(targets.sort()).toEqual(
      files
        .slice(1)
        .map((f) => f.path)
        .sort(),
    );
  });

  it('contains the note verbatim, the quoted question and a link back', () => {
    const file = byPath.get('Networking Resources.md')!;
    const note = fixture.notes.find((n) => n.threadId === 'fp-1fxlqt9o8ov')!;
    expect(file).toContain(note.markdown.trim());
    expect(file).toMatch(/## Question\n\n> General: Forums subtopic: App \\& System Services \\> Networking/);
    expect(file).toContain('[Open in ForumKB](<forumkb://thread/fp-1fxlqt9o8ov>)');
    const necp = byPath.get('A Peek Behind the NECP Curtain.md')!;
    expect(necp).toContain('[View on the Apple Developer Forums](<https://developer.apple.com/forums/thread/785343>)');
  });

  it('keeps every line of a multi-line question inside the quote, with forum markup made literal', () => {
    const input = oneThread('T');
    input.posts = [makePost('1', 0, 'Line *one*\n\n- item\n1. step\n<script>alert(1)</script>\n[link](javascript:x)')];
    const content = exportNotes(input, { exportedAt: EXPORTED_AT })[1]!.content;
    const quote = content.slice(
      content.indexOf('## Question\n\n') + 13,
      content.indexOf('\n\n', content.indexOf('## Question\n\n') + 13),
    );
    expect(quote.split('\n').every((line) => line === '>' || line.startsWith('> '))).toBe(true);
    expect(quote).toContain('Line \\*one\\*');
    expect(quote).toContain('> \\- item');
    expect(quote).toContain('> 1\\. step');
    expect(quote).toContain('\\<script\\>');
    expect(quote).toContain('\\[link\\](javascript:x)');
  });

  it('never makes a non-web URL clickable', () => {
    const input = oneThread('T');
    input.threads = [makeThread('1', 'T', { url: 'javascript:alert(1)' })];
    const content = exportNotes(input, { exportedAt: EXPORTED_AT })[1]!.content;
    expect(content).toContain('[Open in ForumKB](<forumkb://thread/1>)');
    expect(content).not.toContain('](<javascript');
  });

  it('exports notes on replies with the reply quoted', () => {
    const input = oneThread('T');
    input.posts.push({ ...makePost('1', 3, 'Use NWPathMonitor.'), author: 'Quinn' });
    input.notes.push(makeNote('1#3', 'worked for me'));
    const content = exportNotes(input, { exportedAt: EXPORTED_AT })[1]!.content;
    expect(content).toContain('## Note on reply 3 by Quinn\n\n> Use NWPathMonitor.\n\nworked for me');
  });

  it('keeps a note whose thread is gone', () => {
    const input: NotesExportInput = { threads: [], posts: [], bookmarks: [], notes: [makeNote('gone', 'orphan')] };
    const [, file] = exportNotes(input, { exportedAt: EXPORTED_AT });
    expect(file!.path).toBe('Thread gone.md');
    expect(file!.content).toContain('orphan');
  });

  it('exports only the selected threads', () => {
    const selected = exportNotes(fixture, { exportedAt: EXPORTED_AT, threadIds: ['785343', 'no-such-thread'] });
    expect(selected.map((f) => f.path)).toEqual([INDEX_FILE, 'A Peek Behind the NECP Curtain.md']);
  });

  it('gives two threads with the same title two files', () => {
    const input = oneThread('Same');
    input.threads.push(makeThread('2', 'same'));
    input.notes.push(makeNote('2', 'other note'));
    expect(exportNotes(input, { exportedAt: EXPORTED_AT }).map((f) => f.path)).toEqual([
      INDEX_FILE,
      'Same (1).md',
      'same (2).md',
    ]);
  });

  it('writes a single digest file on request', () => {
    const [digest, ...rest] = exportNotes(fixture, { exportedAt: EXPORTED_AT, digest: true });
    expect(rest).toEqual([]);
    expect(digest!.path).toBe(DIGEST_FILE);
    expect(split(digest!.content).meta).toEqual({ title: 'ForumKB Notes', exported_at: EXPORTED_AT });
    for (const note of fixture.notes) expect(digest!.content).toContain(note.markdown.trim());
    expect(digest!.content.match(/^## /gm)).toHaveLength(new Set(fixture.notes.map((n) => n.threadId)).size);
  });

  it('is deterministic whatever the input order', () => {
    const reversed = {
      ...fixture,
      threads: [...fixture.threads].reverse(),
      posts: [...fixture.posts].reverse(),
      notes: [...fixture.notes].reverse(),
      bookmarks: [...fixture.bookmarks].reverse(),
    };
    expect(exportNotes(reversed, { exportedAt: EXPORTED_AT })).toEqual(files);
  });

  // How fast is the bench's business (a timed assertion here failed on a loaded machine).
  it('gives each of 20k notes with colliding titles a file of its own', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => String(100_000 + i));
    const input = {
      threads: ids.map((id, i) => makeThread(id, `Thread ${i % 5000}`)),
      posts: ids.map((id) => makePost(id, 0, 'question')),
      bookmarks: ids.map((id) => makeBookmark(id, ['x'])),
      notes: ids.map((id) => makeNote(id, 'note')),
    };
    const files = exportNotes(input, { exportedAt: EXPORTED_AT });
    expect(files).toHaveLength(n + 1);
    expect(new Set(files.map((f) => f.path.toLowerCase())).size).toBe(n + 1);
  });

  it('backup → decode → encode → export gives byte-identical Markdown', () => {
    const x = emptyArchive();
    x.threads = [makeThread('1', 'A: "quoted"\n---'), makeThread('2', 'CON')];
    x.posts = [makePost('1', 0, 'question *one*'), makePost('2', 0, 'question two')];
    x.notes = [makeNote('1', '# mine\n\n---\n'), makeNote('2', 'second'), makeNote('2#0', 'on the question')];
    x.bookmarks = [makeBookmark('2', ['x'])];
    const before = exportNotes(x, { exportedAt: EXPORTED_AT });
    const restored = decodeArchive(encodeArchive(decodeArchive(encodeArchive(x), 'a.json')), 'b.json');
    expect(exportNotes(restored, { exportedAt: EXPORTED_AT })).toEqual(before);
    expect(before.map((f) => f.path)).toContain('_CON.md');
  });
});
