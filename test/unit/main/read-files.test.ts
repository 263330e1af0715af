import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFilesAsBytes, seedFiles } from '../../../main/read-files';

describe('readFilesAsBytes', () => {
  it('returns each file as bytes with its name and modification time; an unreadable one says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumkb-read-'));
    writeFileSync(join(dir, 'a.txt'), 'caf\u00e9');
    const [ok, missing] = await readFilesAsBytes([
      { path: join(dir, 'a.txt'), capturedAt: '2026-03-15T00:00:00.000Z' },
      { path: join(dir, 'gone.txt'), capturedAt: null },
    ]);
    expect(ok).toMatchObject({ name: 'a.txt', capturedAt: '2026-03-15T00:00:00.000Z' });
    expect(new TextDecoder().decode(ok!.data)).toBe('caf\u00e9');
    expect(ok!.modifiedAt).toMatch(/^\d{4}-/);
    expect(missing).toMatchObject({ name: 'gone.txt', readError: 'cannot read the file (ENOENT)' });
  });

  it('names the seed files of the manifest', async () => {
    const files = await seedFiles('fixtures');
    expect(files.length).toBeGreaterThan(0);
    expect(files[0]!.path.startsWith('fixtures')).toBe(true);
    expect(files.every((f) => f.capturedAt)).toBe(true);
  });
});
