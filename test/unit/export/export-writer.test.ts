import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../src/export/export-file';
import { withoutExportTime } from '../../../src/export/front-matter';
import { exportNotes } from '../../../src/export/notes-export';
import { nodeAtomicWriteOps, type AtomicWriteOps } from '../../../src/node/atomic-write';
import { ExportFolderError, isSafeExportName, MANIFEST_FILE, writeExport } from '../../../src/node/export-writer';
import { assignFileNames } from '../../../src/export/safe-file-name';
import { DIGEST_FILE, INDEX_FILE } from '../../../src/export/notes-export';
import { makeNote, makePost, makeThread } from '../archive/archive-fixtures';

let dir: string;
let outside: string;

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'forumkb-export-'));
  dir = join(base, 'vault', 'ForumKB');
  outside = join(base, 'vault');
  await mkdir(dir, { recursive: true });
});

afterEach(async () => {
  await rm(join(outside, '..'), { recursive: true, force: true });
});

const files = (...pairs: [string, string][]): ExportFile[] => pairs.map(([path, content]) => ({ path, content }));
const read = (name: string) => readFile(join(dir, name), 'utf8');
const listing = async () => (await readdir(dir)).sort();

/** Ops whose rename fails from the `failAt`-th call on, like a crash or a full disk. */
function failingRename(failAt: number): AtomicWriteOps {
  let calls = 0;
  return {
    writeNew: nodeAtomicWriteOps.writeNew,
    async rename(from, to) {
      if (++calls >= failAt) throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
      await nodeAtomicWriteOps.rename(from, to);
    },
  };
}

describe('writeExport', () => {
  it('writes the files and a manifest, then finds them unchanged', async () => {
    const first = await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B']));
    expect(first.written).toEqual(['a.md', 'b.md']);
    expect(await listing()).toEqual([MANIFEST_FILE, 'a.md', 'b.md']);
    const manifest = await read(MANIFEST_FILE);

    const again = await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B']));
    expect(again).toMatchObject({ written: [], unchanged: ['a.md', 'b.md'], removed: [], skipped: [], conflicts: [] });
    expect(await read(MANIFEST_FILE)).toBe(manifest);
  });

  it('re-export writes only what changed, and removes what is no longer exported', async () => {
    await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B'], ['c.md', 'C']));
    const report = await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B2'], ['d.md', 'D']));
    expect(report).toMatchObject({ written: ['b.md', 'd.md'], unchanged: ['a.md'], removed: ['c.md'], conflicts: [] });
    expect(await listing()).toEqual([MANIFEST_FILE, 'a.md', 'b.md', 'd.md']);
    expect(await read('b.md')).toBe('B2');
  });

  it('follows a title that changed only in case, leaving one file', async () => {
    await writeExport(dir, files(['Foo bar.md', 'v1']));
    const report = await writeExport(dir, files(['Foo Bar.md', 'v2']));
    expect(report.written).toEqual(['Foo Bar.md']);
    expect(report.conflicts).toEqual([]);
    const names = (await listing()).filter((n) => n !== MANIFEST_FILE);
    expect(names.map((n) => n.toLowerCase())).toEqual(['foo bar.md']);
    expect(await read(names[0]!)).toBe('v2');
    expect((await writeExport(dir, files(['Foo Bar.md', 'v2']))).unchanged).toEqual(['Foo Bar.md']);
  });

  it('leaves files alone whose only change is the export time', async () => {
    const input = {
      threads: [makeThread('1', 'One'), makeThread('2', 'Two')],
      posts: [makePost('1', 0, 'q1'), makePost('2', 0, 'q2')],
      bookmarks: [],
      notes: [makeNote('1', 'first'), makeNote('2', 'second')],
    };
    const options = { comparable: withoutExportTime };
    await writeExport(dir, exportNotes(input, { exportedAt: '2026-11-24T10:00:00.000Z' }), options);
    const edited = { ...input, notes: [makeNote('1', 'first, edited'), makeNote('2', 'second')] };
    const report = await writeExport(dir, exportNotes(edited, { exportedAt: '2026-11-25T10:00:00.000Z' }), options);
    expect(report.written).toEqual(['One.md']);
    expect(report.unchanged).toEqual(['ForumKB Notes.md', 'Two.md']);
    expect(await read('Two.md')).toContain('2026-11-24T10:00:00.000Z');
    expect(await read('One.md')).toContain('first, edited');
  });

  it('never touches a file the user created', async () => {
    await writeFile(join(dir, 'a.md'), 'my own file');
    const report = await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B']));
    expect(report.skipped).toEqual(['a.md']);
    expect(report.written).toEqual(['b.md']);
    expect(await read('a.md')).toBe('my own file');
    // Still not ours on the next run.
    expect((await writeExport(dir, files(['a.md', 'A2']))).skipped).toEqual(['a.md']);
    expect(await read('a.md')).toBe('my own file');
  });

  it('keeps a file the user edited and reports the conflict until they resolve it', async () => {
    await writeExport(dir, files(['a.md', 'A']));
    await writeFile(join(dir, 'a.md'), 'A, with my edits');
    for (let run = 0; run < 2; run++) {
      const report = await writeExport(dir, files(['a.md', 'A2']));
      expect(report.conflicts).toEqual(['a.md']);
      expect(await read('a.md')).toBe('A, with my edits');
    }
    await rm(join(dir, 'a.md'));
    expect((await writeExport(dir, files(['a.md', 'A2']))).written).toEqual(['a.md']);
    expect(await read('a.md')).toBe('A2');
  });

  it('keeps an edited file that is no longer exported, reporting it once', async () => {
    await writeExport(dir, files(['a.md', 'A'], ['b.md', 'B']));
    await writeFile(join(dir, 'b.md'), 'B, mine now');
    expect(await writeExport(dir, files(['a.md', 'A']))).toMatchObject({ removed: [], conflicts: ['b.md'] });
    expect(await writeExport(dir, files(['a.md', 'A']))).toMatchObject({ removed: [], conflicts: [] });
    expect(await read('b.md')).toBe('B, mine now');
  });

  it('a crash half-way leaves every good file whole, and the next export recovers', async () => {
    await writeExport(dir, files(['a.md', 'A1'], ['b.md', 'B1'], ['c.md', 'C1']));
    // Rename 1 is the manifest, 2 is a.md: the crash hits b.md.
    await expect(
      writeExport(dir, files(['a.md', 'A2'], ['b.md', 'B2'], ['c.md', 'C2']), { ops: failingRename(3) }),
    ).rejects.toThrow('simulated crash');
    expect(await read('a.md')).toBe('A2');
    expect(await read('b.md')).toBe('B1');
    expect(await read('c.md')).toBe('C1');
    expect(await listing()).toEqual([MANIFEST_FILE, 'a.md', 'b.md', 'c.md']);

    const report = await writeExport(dir, files(['a.md', 'A2'], ['b.md', 'B2'], ['c.md', 'C2']));
    expect(report).toMatchObject({ written: ['b.md', 'c.md'], unchanged: ['a.md'], conflicts: [], skipped: [] });
  });

  it('a crash before the final manifest does not turn its own files into conflicts', async () => {
    await writeExport(dir, files(['a.md', 'A1'], ['b.md', 'B1']));
    // Renames: intent manifest, a.md, b.md, then the final manifest fails.
    await expect(writeExport(dir, files(['a.md', 'A2'], ['b.md', 'B2']), { ops: failingRename(4) })).rejects.toThrow();
    const report = await writeExport(dir, files(['a.md', 'A3'], ['b.md', 'B2']));
    expect(report).toMatchObject({ written: ['a.md'], unchanged: ['b.md'], conflicts: [] });
    expect(await read('a.md')).toBe('A3');
  });

  it('a write that dies half-way never reaches the target', async () => {
    await writeExport(dir, files(['a.md', 'good']));
    const ops: AtomicWriteOps = {
      async writeNew(path, data) {
        await writeFile(path, data.subarray(0, 2));
        throw new Error('disk full');
      },
      rename: nodeAtomicWriteOps.rename,
    };
    await expect(writeExport(dir, files(['a.md', 'a much longer replacement']), { ops })).rejects.toThrow('disk full');
    expect(await read('a.md')).toBe('good');
    expect(await listing()).toEqual([MANIFEST_FILE, 'a.md']);
  });

  it('sweeps temporary files a killed export left, and only those', async () => {
    // An export killed after writing its temporary files, before renaming them.
    const killed: AtomicWriteOps = {
      writeNew: nodeAtomicWriteOps.writeNew,
      async rename(from, to) {
        if (!to.endsWith(MANIFEST_FILE)) throw new Error('SIGKILL');
        await nodeAtomicWriteOps.rename(from, to);
      },
    };
    await expect(writeExport(dir, files(['a.md', 'A'], ['b.md', 'B']), { ops: killed })).rejects.toThrow('SIGKILL');
    // writeFileAtomic removes its temporary file on a thrown error; a killed process cannot: put them back.
    const manifest = JSON.parse(await read(MANIFEST_FILE)) as { temp: string[] };
    expect(manifest.temp).toHaveLength(2);
    for (const name of manifest.temp) await writeFile(join(dir, name), 'half');
    await writeFile(join(dir, '.obsidian-like'), 'user');
    await writeFile(join(dir, '.thesis.md.0123456789ab.forumkb-tmp'), 'the user’s own file');
    await writeExport(dir, files(['a.md', 'A']));
    expect(await listing()).toEqual([MANIFEST_FILE, '.obsidian-like', '.thesis.md.0123456789ab.forumkb-tmp', 'a.md']);
    expect(JSON.parse(await read(MANIFEST_FILE))).not.toHaveProperty('temp');
  });

  it('never deletes a user file named like a temporary file', async () => {
    await writeFile(join(dir, '.thesis.md.0123456789ab.forumkb-tmp'), 'the user’s own file');
    await writeExport(dir, files(['a.md', 'A']));
    await writeExport(dir, files(['a.md', 'A2']));
    expect(await read('.thesis.md.0123456789ab.forumkb-tmp')).toBe('the user’s own file');
  });

  it('says in a sentence that the folder is a file', async () => {
    await writeFile(join(dir, 'notes'), 'a file');
    await expect(writeExport(join(dir, 'notes'), files(['a.md', 'A']))).rejects.toThrow(
      new ExportFolderError(join(dir, 'notes'), 'not a folder (a file is in its place)'),
    );
    await expect(writeExport(join(dir, 'notes', 'sub'), files(['a.md', 'A']))).rejects.toThrow(ExportFolderError);
  });

  it.each([
    '../escape.md',
    'sub/a.md',
    'sub\\a.md',
    '/etc/x.md',
    'C:\\x.md',
    'a.md:stream',
    'CON.md',
    'nul',
    'trailing.',
    'trailing ',
    '..',
    '.',
    '',
    '.hidden.md',
    MANIFEST_FILE,
    '.FORUMKB-EXPORT.JSON',
    'a\0.md',
    'a\n.md',
    `${'x'.repeat(300)}.md`,
  ])('refuses the path %j and writes nothing', async (path) => {
    await expect(writeExport(dir, files(['ok.md', 'x'], [path, 'y']))).rejects.toThrow(/not a plain file name/);
    expect(await listing()).toEqual([]);
    expect(existsSync(join(outside, 'escape.md'))).toBe(false);
  });

  it('refuses two names that one case-insensitive file system would merge', async () => {
    await expect(writeExport(dir, files(['Same.md', 'x'], ['same.md', 'y']))).rejects.toThrow(/two export files/);
  });

  it('ignores manifest entries that point outside the folder', async () => {
    await writeFile(join(outside, 'precious.md'), 'keep');
    const hash = (await import('node:crypto')).createHash('sha256').update('keep').digest('hex');
    const manifest = { format: 'forumkb-export-manifest', version: 1, files: { '../precious.md': [hash] } };
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    const report = await writeExport(dir, files(['a.md', 'A']));
    expect(report.removed).toEqual([]);
    expect(await readFile(join(outside, 'precious.md'), 'utf8')).toBe('keep');
  });

  it('does not write through a symlink in place of an export file', async () => {
    await writeFile(join(outside, 'target.md'), 'not yours');
    await symlink(join(outside, 'target.md'), join(dir, 'a.md'));
    const report = await writeExport(dir, files(['a.md', 'A']));
    expect(report.skipped).toEqual(['a.md']);
    expect(await readFile(join(outside, 'target.md'), 'utf8')).toBe('not yours');
  });

  it('treats everything as the user’s when the manifest is unreadable', async () => {
    await writeExport(dir, files(['a.md', 'A']));
    await writeFile(join(dir, MANIFEST_FILE), '{ broken');
    const report = await writeExport(dir, files(['a.md', 'A2']));
    expect(report.skipped).toEqual(['a.md']);
    expect(report.warnings[0]).toMatch(/unreadable/);
    expect(await read('a.md')).toBe('A');
  });

  it('accepts every name the export makes (property)', () => {
    expect(isSafeExportName(INDEX_FILE) && isSafeExportName(DIGEST_FILE)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 10 }), (titles) => {
        const names = assignFileNames(
          titles.map((title, i) => ({ id: String(i), title })),
          '.md',
        );
        for (const name of names.values()) expect(isSafeExportName(name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
