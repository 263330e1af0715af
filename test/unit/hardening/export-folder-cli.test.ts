import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('export-notes into a folder that is a file', () => {
  it('says so in one line and exits 1, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumkb-outdir-'));
    const out = join(dir, 'notes');
    writeFileSync(out, 'I am a file');
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'export-notes', 'fixtures/forumkb-archive.json', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`forumkb export-notes: ${out}: not a folder (a file is in its place)\n`);
  }, 30_000);
});
