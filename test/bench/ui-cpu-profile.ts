/**
 * Where the time goes, per thread: a Chromium trace with V8's sampling profiler on
 * (`disabled-by-default-v8.cpu_profiler`), which samples the page's main thread and each of its
 * workers alike, summed up as self time per function. A development tool beside the UI bench,
 * which gives the figures; this gives the reasons.
 *
 *   npx tsx test/bench/ui-cpu-profile.ts [threads=10000] [--profile-dir DIR] [--top 25]
 *
 * With `--profile-dir`, the seeded and indexed Chromium profile is kept there and reused by the
 * next run (seeding and indexing 100k threads takes minutes), the app served on a fixed port so
 * that its origin, and so its IndexedDB, is the same. Profiles a start (first row, then a
 * code typed at once), opening threads, the bench's typed queries and a 10k-thread import with a search
 * typed during it; prints the top functions per thread.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import {
  clearSearch,
  keyDelays,
  launch,
  startApp,
  timeImport,
  timeOpenThread,
  typeQuery,
  TYPED_QUERIES,
  waitForIndex,
} from './ui-bench';
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
  ts?: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
      startTime?: number;
    };
  };
}

/** A task of the thread's (trace time, µs). */
interface Task {
  ts: number;
  dur: number;
}

/** Samples of one profile (one thread): node ids and the time each stands for. */
class ThreadProfile {
  readonly nodes = new Map<number, ProfileNode>();
  readonly self = new Map<number, number>();
  total = 0;
  /** The trace time of the last sample (µs), from the profile's start. */
  private clock = 0;
  /** Every sample: its node and trace time, to say what ran in a given task. */
  readonly timeline: { id: number; ts: number; us: number }[] = [];

  start(ts: number): void {
    this.clock = ts;
  }

  add(nodes: ProfileNode[] = [], samples: number[] = [], deltas: number[] = []): void {
    for (const n of nodes) this.nodes.set(n.id, n);
    samples.forEach((id, i) => {
      const delta = deltas[i] ?? 0;
      this.clock += delta;
      const us = Math.max(0, delta);
      this.self.set(id, (this.self.get(id) ?? 0) + us);
      this.total += us;
      this.timeline.push({ id, ts: this.clock, us });
    });
  }

  /** What ran during a task: its samples' functions with their callers, largest first. */
  during(task: Task, n: number): { name: string; ms: number; callers: string }[] {
    const inside = new ThreadProfile();
    inside.nodes.clear();
    for (const [id, node] of this.nodes) inside.nodes.set(id, node);
    for (const s of this.timeline)
      if (s.ts >= task.ts && s.ts <= task.ts + task.dur) {
        inside.self.set(s.id, (inside.self.get(s.id) ?? 0) + s.us);
        inside.total += s.us;
      }
    return inside.top(n);
  }

  private nameOf(id: number | undefined): string {
    const f = id === undefined ? undefined : this.nodes.get(id)?.callFrame;
    const file = f?.url?.split('/').pop() ?? '';
    return f ? `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}` : `#${id}`;
  }

  /** The function `levels` calls up from a node (its caller's caller…), skipping anonymous frames. */
  callerOf(id: number, levels: number): string {
    const chain: string[] = [];
    let parent = this.parents().get(id);
    while (parent !== undefined && chain.length < levels) {
      const name = this.nameOf(parent);
      if (!name.startsWith('(anonymous)') && !name.startsWith('(root)')) chain.push(name.split(' ')[0]!);
      parent = this.parents().get(parent);
    }
    return chain.join(' < ');
  }

  private parentMap: Map<number, number> | null = null;
  private parents(): Map<number, number> {
    if (!this.parentMap) {
      this.parentMap = new Map();
      for (const n of this.nodes.values()) {
        if (n.parent !== undefined) this.parentMap.set(n.id, n.parent);
        for (const child of (n as { children?: number[] }).children ?? []) this.parentMap.set(child, n.id);
      }
    }
    return this.parentMap;
  }

  /** Self time per function (name, file, line), largest first, with its most costly callers. */
  top(n: number): { name: string; ms: number; callers: string }[] {
    const byName = new Map<string, { us: number; callers: Map<string, number> }>();
    for (const [id, us] of this.self) {
      const name = this.nameOf(id);
      let entry = byName.get(name);
      if (!entry) byName.set(name, (entry = { us: 0, callers: new Map() }));
      entry.us += us;
      const caller = this.callerOf(id, 3);
      entry.callers.set(caller, (entry.callers.get(caller) ?? 0) + us);
    }
    const ms = (us: number) => Math.round(us / 100) / 10;
    return [...byName]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, n)
      .map(([name, { us, callers }]) => ({
        name,
        ms: ms(us),
        callers: [...callers]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 2)
          .filter(([c]) => c !== '')
          .map(([c, t]) => `${c} (${ms(t)})`)
          .join('; '),
      }));
  }
}

/** The longest tasks of each thread (`pid:tid`), kept during a profile. */
const TASKS_KEPT = 3;

async function profiled(
  page: Page,
  run: () => Promise<void>,
): Promise<Map<string, ThreadProfile & { longest?: Task[] }>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const names = new Map<string, string>();
  const byProfile = new Map<string, ThreadProfile>();
  const threadOf = new Map<string, string>();
  const tasks = new Map<string, Task[]>();
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value as unknown as TraceEvent[]) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(key, e.args.name);
      else if (
        e.ph === 'X' &&
        /^(ThreadControllerImpl::)?RunTask$/.test(e.name) &&
        e.ts !== undefined &&
        e.dur !== undefined
      ) {
        const kept = tasks.get(key) ?? [];
        kept.push({ ts: e.ts, dur: e.dur });
        kept.sort((a, b) => b.dur - a.dur);
        tasks.set(key, kept.slice(0, TASKS_KEPT));
      } else if (e.name === 'Profile' && e.id) {
        threadOf.set(e.id, key);
        let p = byProfile.get(e.id);
        if (!p) byProfile.set(e.id, (p = new ThreadProfile()));
        p.start(e.args?.data?.startTime ?? e.ts ?? 0);
      } else if (e.name === 'ProfileChunk' && e.id) {
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
      includedCategories: ['disabled-by-default-v8.cpu_profiler', '__metadata', 'toplevel'],
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
  const out = new Map<string, ThreadProfile & { longest?: Task[] }>();
  for (const [id, p] of byProfile) {
    const name = names.get(threadOf.get(id) ?? '') ?? `profile ${id}`;
    if (p.total < 5_000) continue;
    out.set(`${name} (${threadOf.get(id)})`, Object.assign(p, { longest: tasks.get(threadOf.get(id) ?? '') }));
  }
  return out;
}

function line({ name, ms, callers }: { name: string; ms: number; callers: string }): string {
  return `  ${String(ms).padStart(9)} ms  ${name}${callers ? `   ← ${callers}` : ''}\n`;
}

function print(title: string, profiles: Map<string, ThreadProfile & { longest?: Task[] }>, top: number): void {
  process.stdout.write(`\n## ${title}\n`);
  for (const [thread, p] of [...profiles].sort((a, b) => b[1].total - a[1].total)) {
    process.stdout.write(`\n${thread}: ${Math.round(p.total / 1000)} ms sampled\n`);
    for (const entry of p.top(top)) process.stdout.write(line(entry));
    for (const task of p.longest ?? []) {
      process.stdout.write(`\n  a task of ${Math.round(task.dur / 1000)} ms on this thread ran:\n`);
      for (const entry of p.during(task, 12)) process.stdout.write(`  ${line(entry)}`);
    }
  }
}

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const threads = Number(args.find((a) => /^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--top') ?? 10_000);
const top = Number(flag('--top') ?? 25);
const keep = flag('--profile-dir');
const log = (line: string) => process.stderr.write(`${line}\n`);
const KEPT_PORT = 47_817;

const dir = await buildCurrent({ minify: false });
// A kept profile's data belongs to the origin it was seeded on: the same port every time.
const { url, server } = await serve(dir, keep ? KEPT_PORT : 0);
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
  const open = await profiled(page, async () => {
    const times = (await timeOpenThread(page)).sort((a, b) => a - b);
    log(`open thread: p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} / max ${times.at(-1)!.toFixed(1)} ms`);
  });
  print('open a thread', open, top);
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
  const imported = await profiled(page, async () => {
    // New threads each run (a kept profile has the last run's).
    const result = await timeImport(page, 600_000, 120_000, `bench-${Date.now().toString(36)}`);
    log(
      `import of 10k threads: ${result.seconds ?? 'not done'} s; a search during it ${result.search.ms ?? 'never'} ms`,
    );
  });
  print('a 10k-thread import with a search typed during it', imported, top);
} finally {
  await context.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  if (!keep) rmSync(profileDir, { recursive: true, force: true });
}
