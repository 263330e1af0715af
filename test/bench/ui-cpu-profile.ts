/**
 * Where the time goes, per thread: a Chromium trace with V8's sampling profiler on
 * (`disabled-by-default-v8.cpu_profiler`), which samples the page's main thread and each of its
 * workers alike, summed up as self time per function. A development tool beside the UI bench,
 * which gives the figures; this gives the reasons.
 *
 *   npx tsx test/bench/ui-cpu-profile.ts [threads=10000] [--profile-dir DIR] [--top 25]
 *
 * With `--profile-dir`, the seeded and indexed Chromium profile is kept there and reused by the
 * next run (seeding and indexing 100k threads takes minutes). Profiles a start (first row, then a
 * code typed at once) and the bench's typed queries; prints the top functions per thread.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { clearSearch, keyDelays, launch, startApp, typeQuery, TYPED_QUERIES, waitForIndex } from './ui-bench';
import { BLANK_PATH, buildCurrent, serve } from './ui-builds';
import { awaitAnswer, firstRowAt, resetProbe } from './ui-probes';
import { seed } from './ui-seed';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
  };
}

/** Samples of one profile (one thread): node ids and the time each stands for. */
class ThreadProfile {
  readonly nodes = new Map<number, ProfileNode>();
  readonly self = new Map<number, number>();
  total = 0;

  add(nodes: ProfileNode[] = [], samples: number[] = [], deltas: number[] = []): void {
    for (const n of nodes) this.nodes.set(n.id, n);
    samples.forEach((id, i) => {
      const us = Math.max(0, deltas[i] ?? 0);
      this.self.set(id, (this.self.get(id) ?? 0) + us);
      this.total += us;
    });
  }

  /** Self time per function (name, file, line), largest first. */
  top(n: number): { name: string; ms: number }[] {
    const byName = new Map<string, number>();
    for (const [id, us] of this.self) {
      const f = this.nodes.get(id)?.callFrame;
      const file = f?.url?.split('/').pop() ?? '';
      const name = f ? `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}` : `#${id}`;
      byName.set(name, (byName.get(name) ?? 0) + us);
    }
    return [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }));
  }
}

async function profiled(page: Page, run: () => Promise<void>): Promise<Map<string, ThreadProfile>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const names = new Map<string, string>();
  const byProfile = new Map<string, ThreadProfile>();
  const threadOf = new Map<string, string>();
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value as unknown as TraceEvent[]) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(key, e.args.name);
      else if (e.name === 'Profile' && e.id) threadOf.set(e.id, key);
      else if (e.name === 'ProfileChunk' && e.id) {
        let p = byProfile.get(e.id);
        if (!p) byProfile.set(e.id, (p = new ThreadProfile()));
        if (!threadOf.has(e.id)) threadOf.set(e.id, key);
        const d = e.args?.data;
        p.add(d?.cpuProfile?.nodes, d?.cpuProfile?.samples, d?.timeDeltas);
      }
    }
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: ['disabled-by-default-v8.cpu_profiler', 'v8', '__metadata'],
    },
  });
  try {
    await run();
  } finally {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => undefined);
  }
  const out = new Map<string, ThreadProfile>();
  for (const [id, p] of byProfile) {
    const name = names.get(threadOf.get(id) ?? '') ?? `profile ${id}`;
    if (p.total < 5_000) continue;
    out.set(`${name} (${threadOf.get(id)})`, p);
  }
  return out;
}

function print(title: string, profiles: Map<string, ThreadProfile>, top: number): void {
  process.stdout.write(`\n## ${title}\n`);
  for (const [thread, p] of [...profiles].sort((a, b) => b[1].total - a[1].total)) {
    process.stdout.write(`\n${thread}: ${Math.round(p.total / 1000)} ms sampled\n`);
    for (const { name, ms } of p.top(top)) process.stdout.write(`  ${String(ms).padStart(9)} ms  ${name}\n`);
  }
}

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const threads = Number(args.find((a) => /^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--top') ?? 10_000);
const top = Number(flag('--top') ?? 25);
const keep = flag('--profile-dir');
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = await buildCurrent({ minify: false });
const { url, server } = await serve(dir);
const profileDir = keep ?? mkdtempSync(join(tmpdir(), 'forumkb-ui-profile-'));
const seeded = keep !== undefined && existsSync(join(keep, 'seeded'));
if (keep) mkdirSync(keep, { recursive: true });
const context = await launch(profileDir);
try {
  const page = context.pages()[0] ?? (await context.newPage());
  if (!seeded) {
    await startApp(page, url, 21, 120_000);
    await page.goto(new URL(BLANK_PATH, url).href);
    await seed(page, threads, log);
    await startApp(page, url, threads + 21, 600_000);
    log(JSON.stringify(await waitForIndex(page, 30, log)));
    if (keep) mkdirSync(join(keep, 'seeded'));
  }
  await page.goto('about:blank');
  const start = await profiled(page, async () => {
    await page.goto(url);
    const first = await firstRowAt(page, 600_000);
    await resetProbe(page);
    await page.locator('input[type="search"]').first().focus();
    await page.keyboard.type('-1009', { delay: 30 });
    const answer = await awaitAnswer(page, '-1009', { timeoutMs: 120_000, settleMs: 500 });
    log(`start: first row ${first} ms, "-1009" answered ${answer.ms} ms after its last key`);
  });
  print('start', start, top);
  await clearSearch(page);
  const delay = keyDelays(11);
  const typing = await profiled(page, async () => {
    for (const query of TYPED_QUERIES) {
      await clearSearch(page);
      await resetProbe(page);
      await typeQuery(page, query, delay);
      const answer = await awaitAnswer(page, query, { timeoutMs: 30_000 });
      log(`  ${query}: ${answer.ms} ms`);
    }
  });
  print('typing', typing, top);
} finally {
  await context.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  if (!keep) rmSync(profileDir, { recursive: true, force: true });
}
