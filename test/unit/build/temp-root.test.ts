import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the tests’ temporary files', () => {
  it('go under one folder of this run, which the run removes at its end (test/support/temp-root.ts)', () => {
    const made = mkdtempSync(join(tmpdir(), 'forumkb-probe-'));
    expect(basename(dirname(made))).toMatch(/^forumkb-tests-/);
  });
});
