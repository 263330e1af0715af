/**
 * Vitest global setup: every temporary file the tests make goes under one directory of this run
 * (`os.tmpdir()` follows TMPDIR, which the test processes inherit), removed when the run ends,
 * whether the tests passed or not. Without it each run left a score of `forumkb-*` folders in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'forumkb-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
