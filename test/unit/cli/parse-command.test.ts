import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/parse-command';
import { UsageError } from '../../../src/cli/usage-error';

const ROOT = new URL('../../../', import.meta.url).pathname;
const LISTING = 'fixtures/networking-listing.txt';
const ALL = [
  LISTING,
  'fixtures/thread-page-788211.html',
  'fixtures/thread-page-790377.txt',
  'fixtures/network-tag-feed.xml',
];

interface JsonOut {
  threads: {
    id: string;
    title: string;
    url: string | null;
    author: string | null;
    tags: string[];
    replies: number | null;
    boosts: number | null;
    views: number | null;
    activity: { raw: string | null; date: string | null };
    isResource: boolean;
    posts: {
      id: string;
      author: string | null;
      date: string | null;
      body: string;
      boosts: number | null;
      accepted: boolean;
    }[];
  }[];
  report: { added: number; updated: number; unchanged: number; skipped: number };
  warnings: { file: string; line: number | null; message: string }[];
}

/** Runs the command in-process with stdout captured. */
async function runCaptured(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return { code: await run(args), out };
  } finally {
    process.chdir(cwd);
  }
}

afterEach(() => vi.restoreAllMocks());

describe('parse --json', () => {
  it('prints threads, report and warnings with the agreed fields and ISO dates', async () => {
    const { code, out } = await runCaptured(['--json', '--captured-at', '2026-03-15', ...ALL]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as JsonOut;
    expect(json.report).toEqual({ added: 22, updated: 5, unchanged: 20, skipped: 0 });
    expect(json.warnings).toEqual([]);
    expect(json.threads).toHaveLength(22);
    for (const t of json.threads) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining([
          'id',
          'title',
          'url',
          'author',
          'tags',
          'replies',
          'boosts',
          'views',
          'activity',
          'isResource',
          'posts',
        ]),
      );
      for (const date of [t.activity.date, ...t.posts.map((p) => p.date)]) {
        if (date !== null) expect(new Date(date).toISOString()).toBe(date);
      }
    }
    const page = json.threads.find((t) => t.id === '790377')!;
    expect(page).toMatchObject({
      url: 'https://developer.apple.com/forums/thread/790377',
      tags: ['Network Extension', 'QUIC'],
      replies: 2,
    });
    expect(page.posts.map((p) => Object.keys(p))).toEqual(
      Array(3).fill(['id', 'author', 'date', 'body', 'boosts', 'accepted', 'cut']),
    );
    expect(page).toMatchObject({ capturedAt: '2026-03-15T00:00:00.000Z', postsCaptured: 3 });
    expect(page.posts[1]).toMatchObject({ id: '846201022', author: 'Kevin Elliott', accepted: true, boosts: 2 });
  });

  it('reports a cut-off entry as a warning with file and line, and still exits 0', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/forumkb-cli-`);
    const cut = `${dir}/cut.txt`;
    writeFileSync(
      cut,
      'Posts under Networking subtopic\nPost\nReplies\nBoosts\nViews\nActivity\nA\nb\n1\n0\n5\n2d\nCut\nbody\n3\n',
    );
    const { code, out } = await runCaptured(['--json', cut]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as JsonOut;
    expect(json.threads.map((t) => t.title)).toEqual(['A']);
    expect(json.warnings).toEqual([{ file: cut, line: 13, message: expect.stringContaining('cut off') }]);
  });
});

describe('parse (table)', () => {
  it('prints one row a thread and the report', async () => {
    const { code, out } = await runCaptured(['--captured-at', '2026-03-15', LISTING]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Title\s+Replies\s+Boosts\s+Views\s+Activity\s+Author\s+Tags$/);
    expect(lines.filter((l) => l.startsWith('Working with a Wi-Fi Accessory'))[0]).toMatch(/1900\s+Nov ’25\s+Quinn/);
    expect(lines.at(-1)).toBe('21 threads: 21 added, 0 updated, 20 unchanged, 0 skipped');
  });

  it('rejects a bad --captured-at and a missing FILE as usage errors', async () => {
    await expect(run(['--captured-at', 'soon', LISTING])).rejects.toThrow(UsageError);
    await expect(run([])).rejects.toThrow(UsageError);
  });
});

describe('the CLI as a process', () => {
  const cli = (args: string[]) =>
    spawnSync('npx', ['tsx', 'src/cli/main.ts', 'parse', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

  it('exits 1 when a file cannot be read, and still imports the others', () => {
    const result = cli(['--json', '--captured-at', '2026-03-15', 'fixtures/no-such-file.txt', LISTING]);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as JsonOut;
    expect(json.threads).toHaveLength(21);
    expect(json.report.skipped).toBe(1);
    expect(json.warnings[0]).toEqual({
      file: 'fixtures/no-such-file.txt',
      line: null,
      message: 'cannot read the file (ENOENT)',
    });
  });

  it('exits 1 for a directory given as a file', async () => {
    const { code, out } = await runCaptured(['--json', 'fixtures']);
    expect(code).toBe(1);
    expect((JSON.parse(out) as JsonOut).warnings).toEqual([
      { file: 'fixtures', line: null, message: 'cannot read the file (EISDIR)' },
    ]);
  });

  it('exits 2 on a usage error', () => {
    expect(cli(['--captured-at', 'soon', LISTING]).status).toBe(2);
  });
});
