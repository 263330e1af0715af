/**
 * Saved HTML thread pages: CPU time and peak memory per MB of dense markup, against htmlparser2
 * building the same tree and doing nothing else (the floor any tree-based reader pays), in
 * the same run. Two sizes, so a cost that grows faster than the input shows as a rising s/MB.
 *
 *   npx tsx test/bench/html-bench.ts 1 8     # sizes in MB; prints JSON
 *
 * Each measurement runs in a child process of its own, so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'htmlparser2';
import { parseThreadPage } from '../../src/import/thread-page';

const FIXTURE = new URL('../../fixtures/thread-page-788211.html', import.meta.url);
const MB = 1024 * 1024;

/** The fixture with its last reply repeated (fresh ids) until the page is `sizeMb` MB. */
function densePage(sizeMb: number): string {
  const page = readFileSync(FIXTURE, 'utf8');
  const start = page.lastIndexOf('<article');
  const end = page.indexOf('</article>', start) + '</article>'.length;
  const post = page.slice(start, end);
  const id = /data-post-id="(\d+)"/.exec(post)![1]!;
  const posts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < sizeMb * MB - page.length; i++) {
    const copy = post.replaceAll(id, String(900_000_000 + i));
    posts.push(copy);
    bytes += copy.length;
  }
  return page.slice(0, start) + posts.join('\n') + page.slice(end);
}

interface Measure {
  cpuS: number;
  maxRssMb: number;
}

/** In the child: read the file, run one mode, report CPU seconds and peak RSS. */
function child(mode: string, path: string): void {
  const html = readFileSync(path, 'utf8');
  const before = process.cpuUsage();
  let posts = 0;
  if (mode === 'forumkb') posts = parseThreadPage('bench.html', html, null).records[0]!.posts.length;
  else if (mode === 'tree') posts = parseDocument(html, { decodeEntities: true }).children.length;
  const used = process.cpuUsage(before);
  process.stdout.write(
    JSON.stringify({
      cpuS: (used.user + used.system) / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      posts,
    }),
  );
}

function measure(mode: string, path: string): Measure {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, path],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as Measure;
}

export async function runHtmlBench({ sizesMb }: { sizesMb: number[] }): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'forumkb-html-bench-'));
  const out: Record<string, string> = {};
  try {
    for (const sizeMb of sizesMb) {
      const path = join(dir, `dense-${sizeMb}mb.html`);
      writeFileSync(path, densePage(sizeMb));
      const idle = measure('read', path);
      const tree = measure('tree', path);
      const forumkb = measure('forumkb', path);
      const perMb = (m: Measure) =>
        `${(m.cpuS / sizeMb).toFixed(3)} s/MB, ${((m.maxRssMb - idle.maxRssMb) / sizeMb).toFixed(1)} MB/MB`;
      out[`${sizeMb} MB htmlparser2 tree only`] = perMb(tree);
      out[`${sizeMb} MB ForumKB thread page`] = perMb(forumkb);
      out[`${sizeMb} MB ratio CPU to tree`] = `${(forumkb.cpuS / tree.cpuS).toFixed(2)}×`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') child(args[1]!, args[2]!);
  else {
    const sizes = args.length > 0 ? args.map(Number) : [1, 8];
    process.stdout.write(`${JSON.stringify(await runHtmlBench({ sizesMb: sizes }), null, 2)}\n`);
  }
}
