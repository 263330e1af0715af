import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeArchive } from '../../../src/archive/decode-archive';
import { encodeArchive } from '../../../src/archive/encode-archive';
import { run } from '../../../src/cli/export-notes-command';
import { UsageError } from '../../../src/cli/usage-error';
import { exportNotes } from '../../../src/export/notes-export';

const FIXTURE = 'fixtures/forumkb-archive.json';
const AT = '2026-11-24T22:00:00.000Z';

let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forumkb-cli-export-'));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('export-notes', () => {
  it('writes the Markdown files of the archive, the same as the pure export', async () => {
    const folder = join(dir, 'notes');
    expect(await run([FIXTURE, folder, '--exported-at', AT])).toBe(0);
    const expected = exportNotes(decodeArchive(await readFile(FIXTURE, 'utf8'), FIXTURE), { exportedAt: AT });
    for (const file of expected) expect(await readFile(join(folder, file.path), 'utf8')).toBe(file.content);
    expect((await readdir(folder)).length).toBe(expected.length + 1); // + the manifest
    expect(out.join('')).toContain(`${expected.length} written, 0 unchanged`);
  });

  it('rewrites nothing when run again later on the same archive', async () => {
    await run([FIXTURE, dir, '--exported-at', AT]);
    out = [];
    expect(await run([FIXTURE, dir, '--json'])).toBe(0);
    const report = JSON.parse(out.join('')) as { written: string[]; unchanged: string[] };
    expect(report.written).toEqual([]);
    expect(report.unchanged).toHaveLength(5);
  });

  it('writes one digest file with --digest, and reports a user file it left alone', async () => {
    await writeFile(join(dir, 'ForumKB Notes Digest.md'), 'mine');
    expect(await run([FIXTURE, dir, '--digest', '--exported-at', AT])).toBe(0);
    expect(out.join('')).toMatch(/skipped +ForumKB Notes Digest\.md \(not written by ForumKB/);
    expect(await readFile(join(dir, 'ForumKB Notes Digest.md'), 'utf8')).toBe('mine');
  });

  it('exports a selection with --thread', async () => {
    expect(await run([FIXTURE, dir, '--thread', '785343', '--exported-at', AT])).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      '.forumkb-export.json',
      'A Peek Behind the NECP Curtain.md',
      'ForumKB Notes.md',
    ]);
  });

  it('fails with file and line on a bad archive, writing nothing', async () => {
    const folder = join(dir, 'never');
    expect(await run(['fixtures/broken/archive-bad-field.json', folder])).toBe(1);
    expect(err.join('')).toBe('fixtures/broken/archive-bad-field.json:12: bookmarks[0].labels[1]: expected a string\n');
    await expect(readdir(folder)).rejects.toThrow();
  });

  it('fails clearly on a missing archive', async () => {
    expect(await run([join(dir, 'missing.json'), dir])).toBe(1);
    expect(err.join('')).toMatch(/missing\.json: cannot read the file \(ENOENT\)/);
  });

  it('rejects wrong arguments as usage errors', async () => {
    await expect(run([FIXTURE])).rejects.toBeInstanceOf(UsageError);
    await expect(run([FIXTURE, dir, '--exported-at', 'yesterday'])).rejects.toThrow(/not a date/);
  });

  it('backup → decode → encode → export gives byte-identical Markdown', async () => {
    const text = encodeArchive(decodeArchive(await readFile(FIXTURE, 'utf8'), FIXTURE));
    await writeFile(join(dir, 'backup.json'), text);
    await run([FIXTURE, join(dir, 'a'), '--exported-at', AT]);
    await run([join(dir, 'backup.json'), join(dir, 'b'), '--exported-at', AT]);
    const names = (await readdir(join(dir, 'a'))).sort();
    expect((await readdir(join(dir, 'b'))).sort()).toEqual(names);
    for (const name of names)
      expect(await readFile(join(dir, 'b', name), 'utf8')).toBe(await readFile(join(dir, 'a', name), 'utf8'));
  });
});
