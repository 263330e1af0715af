import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../../src/import/activity';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CAPTURED_AT = new Date('2026-03-15T00:00:00Z');

/** A compact listing with one good entry and one whose activity no calendar can hold. */
function listing(badActivity: string): string {
  return [
    'Posts under Networking subtopic',
    'Post',
    'Replies',
    'Boosts',
    'Views',
    'Activity',
    'A good thread',
    'Its body',
    '2',
    '0',
    '10',
    '3w',
    'A thread from the far past',
    'Another body',
    '1',
    '0',
    '5',
    badActivity,
  ].join('\n');
}

describe('activity values out of any calendar', () => {
  it.each(['300000y', '99999999mo', '1000000000d', '999999999999999w'])('%s keeps its text without a date', (raw) => {
    expect(parseActivity(raw, CAPTURED_AT)).toEqual({ raw, date: null });
  });

  it('still dates ordinary values', () => {
    expect(parseActivity('2y', CAPTURED_AT).date).toBe('2024-03-15T00:00:00.000Z');
    expect(parseActivity('Jun 2025', CAPTURED_AT).date).toBe('2025-06-01T00:00:00.000Z');
  });

  it('is a warning on its own line in a listing; both entries go in', async () => {
    const parsed = await parseToFile(stringSource('far.txt', listing('300000y')), { capturedAt: CAPTURED_AT });
    expect(parsed.records.map((r) => r.thread.title)).toEqual(['A good thread', 'A thread from the far past']);
    expect(parsed.records[1]!.thread.activity).toEqual({ raw: '300000y', date: null });
    expect(parsed.warnings).toEqual([
      { file: 'far.txt', line: 18, message: expect.stringMatching(/300000y.*out of range/) as string },
    ]);
  });

  it('the CLI prints the good files of the same call and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumkb-activity-'));
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, listing('99999999mo'));
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'src/cli/main.ts',
        'parse',
        '--json',
        '--captured-at',
        '2026-03-15T00:00:00Z',
        bad,
        'fixtures/network-tag-feed.xml',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/RangeError|\n\s+at /);
    const out = JSON.parse(run.stdout) as { threads: { title: string }[]; warnings: { file: string; line: number }[] };
    expect(out.threads.map((t) => t.title)).toContain('A good thread');
    expect(out.threads.length).toBeGreaterThan(2);
    expect(out.warnings).toContainEqual(expect.objectContaining({ file: bad, line: 18 }));
  }, 30_000);
});
