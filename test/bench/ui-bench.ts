/**
 * The reader's speed in Chromium on the browser build, beside the same figures for the baseline
 * (the app as it was before the data worker: `BASELINE_REF`), both measured in this run:
 *
 *   first paint of the list after a start, opening a thread (p50/p95), frames while typing a
 *   search, frames while a 10k-thread import runs, the UI thread's heap; and for this build a
 *   200 MB listing imported through the UI (peak memory of the renderer, cancelling it).
 *
 *   npx tsx test/bench/ui-bench.ts [threads] [--no-baseline] [--no-big-import]   # prints JSON
 *
 * Synthetic threads (with posts) are written straight into IndexedDB, then the app is started
 * until its search index holds every one of them (checked with a filter-only search that must
 * count them all) and started once more: the figures are those of a real start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../e2e/support/chromium';
import { syntheticThreads } from '../unit/search/synthetic-corpus';
import { generateListing } from './parse-bench';

/** The last commit before the data worker: the baseline column. */
export const BASELINE_REF = '658c468';
const TARGETS = { firstPaintMs: 1000, openThreadP95Ms: 30, maxFrameMs: 50, uiHeapMb: 100 };
const CHUNK = 2_000;
const OPEN_SAMPLES = 30;
const QUERY = 'NEFilterDataProvider -1001 timeout';
const IMPORT_THREADS = 10_000;

interface Figures {
  firstRowMs: number;
  listCompleteMs: number;
  openThread: { p50: number; p95: number; max: number };
  typing: Frames;
  uiHeapMb: number;
  import10k: Frames & { seconds: number };
}

interface Frames {
  frames: number;
  /** The longest gap between two animation frames: what the user sees, whatever caused it. */
  maxFrameMs: number;
  framesOver50Ms: number;
  /**
   * Long animation frames (Chromium's LoAF: frames over 50 ms) and the longest: the UI thread's
   * own work, without the stalls of a machine busy with other processes.
   */
  longAnimationFrames: number;
  longestAnimationFrameMs: number;
}

const round = (x: number) => Math.round(x * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Records when the first list row appears, relative to navigation start. */
const FIRST_ROW_PROBE = `
  (() => {
    const seen = () => document.querySelector('li[data-thread-id]');
    const observer = new MutationObserver(() => {
      if (!window.__firstRowAt && seen()) { window.__firstRowAt = performance.now(); observer.disconnect(); }
    });
    document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
  })();
`;

// ---------------------------------------------------------------------------------------------
// Builds and serving

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(resolve(dir)) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      ok({ url: `http://127.0.0.1:${address.port}/`, server });
    }),
  );
}

async function buildCurrent(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'forumkb-ui-current-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** The baseline commit checked out beside this one and built with its own config. */
function buildBaseline(): string {
  const checkout = mkdtempSync(join(tmpdir(), 'forumkb-ui-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', checkout, BASELINE_REF], { stdio: 'ignore' });
  // Its own dependencies (it used some this version dropped), from the npm cache where it can.
  const install = spawnSync('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: checkout,
    stdio: 'ignore',
  });
  if (install.status !== 0) throw new Error(`npm ci failed in the baseline checkout (${BASELINE_REF})`);
  const outDir = join(checkout, 'dist-bench');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir], {
    cwd: checkout,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`baseline build failed (${BASELINE_REF})`);
  return outDir;
}

function removeBaselineCheckout(outDir: string): void {
  spawnSync('git', ['worktree', 'remove', '--force', join(outDir, '..')], { stdio: 'ignore' });
}

// ---------------------------------------------------------------------------------------------
// Measures

async function openApp(page: Page, url: string, expected: number) {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt, null, {
    timeout: 120_000,
  });
  await page.waitForFunction(
    (n) =>
      Number(/(\d+)/.exec(document.querySelector('.list-count')?.textContent ?? '')?.[1]) === n &&
      document.querySelector('.list-pane')?.getAttribute('data-complete') === 'true',
    expected,
    { timeout: 300_000, polling: 50 },
  );
  const listCompleteMs = await page.evaluate(() => performance.now());
  const firstRowMs = await page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt);
  return { firstRowMs: round(firstRowMs), listCompleteMs: round(listCompleteMs) };
}

/** Clicks rows and times each until the reader shows that thread and the frame is painted. */
async function timeOpenThread(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OPEN_SAMPLES; i++) {
    const ms = await page.evaluate(async (k) => {
      const rows = [...document.querySelectorAll<HTMLElement>('li[data-thread-id]')];
      const row = rows[(k * 7) % rows.length]!;
      const title =
        row
          .querySelector('.thread-title')
          ?.textContent?.replace(/^Resource/, '')
          .trim() ?? '';
      const target = row.querySelector<HTMLElement>('button, [role="button"], .thread-row-button') ?? row;
      const shown = () =>
        [...document.querySelectorAll('[aria-label="Reader"] article')].some(
          (a) => a.getAttribute('aria-label') === title,
        );
      const start = performance.now();
      target.click();
      await new Promise<void>((resolve) => {
        if (shown()) return resolve();
        const observer = new MutationObserver(() => {
          if (shown()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - start;
    }, i);
    times.push(ms);
    if (i % 10 === 9) {
      await page.mouse.move(700, 450);
      await page.mouse.wheel(0, 2_000);
      await page.waitForTimeout(200);
    }
  }
  return times.sort((a, b) => a - b);
}

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean; __loaf: number[] };
    w.__frames = [];
    w.__loaf = [];
    w.__framing = true;
    try {
      new PerformanceObserver((list) => {
        if (w.__framing) list.getEntries().forEach((e) => w.__loaf.push(e.duration));
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      /* no LoAF in this Chromium: frame gaps still tell */
    }
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopFrames(page: Page): Promise<Frames> {
  const { frames, loaf } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean; __loaf: number[] };
    w.__framing = false;
    return { frames: w.__frames.slice(1), loaf: w.__loaf };
  });
  return {
    frames: frames.length,
    maxFrameMs: round(Math.max(0, ...frames)),
    framesOver50Ms: frames.filter((f) => f > 50).length,
    longAnimationFrames: loaf.length,
    longestAnimationFrameMs: round(Math.max(0, ...loaf)),
  };
}

/** Types a query key by key, as a person does, recording every frame. */
async function timeTyping(page: Page): Promise<Frames> {
  await startFrames(page);
  await page.keyboard.press('/');
  await page.keyboard.type(QUERY, { delay: 80 });
  await page.waitForTimeout(1_500);
  const frames = await stopFrames(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  return frames;
}

/** The UI thread's JavaScript heap after a garbage collection (the workers have heaps of their own). */
async function uiHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return round(usedSize / 1024 / 1024);
}

/** A listing of `count` threads of our own words, each with a unique title. */
function listingOf(count: number, tag: string): Buffer {
  const lines = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
  for (let i = 0; i < count; i++)
    lines.push(
      `${tag} thread ${i}: NWConnection stalls after waking from sleep`,
      `Thread ${i} of the ${tag} import. The connection times out with -1001 after the Mac sleeps.`,
      String(i % 9),
      String(i % 4),
      `${(i % 90) + 1}`,
      `${(i % 20) + 1}d`,
    );
  return Buffer.from(lines.join('\n'));
}

async function importThroughUi(page: Page, file: { name: string; buffer: Buffer } | string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(typeof file === 'string' ? file : { ...file, mimeType: 'text/plain' });
}

async function timeImport(page: Page): Promise<Frames & { seconds: number }> {
  const started = Date.now();
  await startFrames(page);
  await importThroughUi(page, { name: 'bench-10k.txt', buffer: listingOf(IMPORT_THREADS, 'bench') });
  await page.getByRole('status', { name: 'Import report' }).waitFor({ timeout: 600_000 });
  const seconds = round((Date.now() - started) / 1000);
  const frames = await stopFrames(page);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  return { ...frames, seconds };
}

/**
 * Writes the synthetic threads straight into IndexedDB, then clears the stored search index: a
 * start with no index builds it from every thread, as after an upgrade of the index format. (A
 * start with an index only loads it: threads written behind its back would never be searchable.)
 */
async function insertThreads(page: Page, count: number): Promise<void> {
  const generator = syntheticThreads(count, { seed: 7 });
  for (let done = 0; done < count; done += CHUNK) {
    const batch = [];
    for (let i = 0; i < CHUNK && done + i < count; i++) {
      const { thread, posts } = generator.next().value!;
      batch.push({
        thread: { ...thread, id: `syn-${thread.id}` },
        posts: posts.map((p: (typeof posts)[number]) => ({ ...p, threadId: `syn-${thread.id}` })),
      });
    }
    await page.evaluate(
      (records) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('forumkb');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['threads', 'posts'], 'readwrite');
            for (const r of records) {
              tx.objectStore('threads').put(r.thread);
              for (const p of r.posts) tx.objectStore('posts').put(p);
            }
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      batch,
    );
  }
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('forumkb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('searchSegments', 'readwrite');
          tx.objectStore('searchSegments').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Threads a filter-only search for `views:>=0` must count: those with a known view count. */
function countWithViews(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('forumkb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          let n = 0;
          const cursor = open.result.transaction('threads').objectStore('threads').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              open.result.close();
              resolve(n);
              return;
            }
            if (typeof (c.value as { views: unknown }).views === 'number') n++;
            c.continue();
          };
        };
      }),
  );
}

/** Waits until the search index holds every thread: a filter-only search counts all of them. */
async function waitForIndex(page: Page): Promise<number> {
  const expected = await countWithViews(page);
  await page.keyboard.press('/');
  await page.keyboard.type('views:>=0');
  await page.waitForFunction(
    (n) =>
      document.querySelector('.list-heading h2')?.textContent?.startsWith('Results') &&
      Number(/(\d+)/.exec(document.querySelector('.list-count')?.textContent ?? '')?.[1]) === n,
    expected,
    { timeout: 900_000, polling: 500 },
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  return expected;
}

async function measure(page: Page, url: string, threads: number, log: (l: string) => void): Promise<Figures> {
  const started = Date.now();
  await openApp(page, url, 21);
  await insertThreads(page, threads);
  log(`    wrote ${threads} threads with their posts into IndexedDB in ${round((Date.now() - started) / 1000)} s`);
  const indexing = Date.now();
  await openApp(page, url, threads + 21);
  const indexed = await waitForIndex(page);
  log(`    the index holds all ${indexed} threads with a view count (${round((Date.now() - indexing) / 1000)} s)`);
  const opened = await openApp(page, url, threads + 21);
  const open = await timeOpenThread(page);
  const typing = await timeTyping(page);
  const heap = await uiHeapMb(page);
  const import10k = await timeImport(page);
  return {
    ...opened,
    openThread: { p50: round(percentile(open, 0.5)), p95: round(percentile(open, 0.95)), max: round(open.at(-1)!) },
    typing,
    uiHeapMb: heap,
    import10k,
  };
}

// ---------------------------------------------------------------------------------------------
// A 200 MB listing through the UI: peak memory of the renderer process (page and its workers)

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** RSS in MB of this bench's Chromium renderer processes (Linux /proc; null elsewhere). */
function rendererRssMb(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const queue = childrenOf(process.pid);
  let kb = 0;
  while (queue.length > 0) {
    const pid = queue.pop()!;
    queue.push(...childrenOf(pid));
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return round(kb / 1024);
}

async function bigImport(browser: Browser, url: string, log: (l: string) => void) {
  const { path, entries, bytes } = await generateListing(200);
  log(`    generated ${round(bytes / 1024 / 1024)} MB, ${entries} entries`);
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.addInitScript('window.__name = (f) => f;');
  await page.addInitScript(FIRST_ROW_PROBE);
  await openApp(page, url, 21);
  const before = rendererRssMb();
  let peak = before ?? 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rendererRssMb() ?? 0);
  }, 250);
  const started = Date.now();
  await importThroughUi(page, path);
  await page.getByRole('status', { name: 'Import report' }).waitFor({ timeout: 3_600_000 });
  clearInterval(sampler);
  const seconds = round((Date.now() - started) / 1000);
  const report = await page.getByRole('status', { name: 'Import report' }).innerText();
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // Again, cancelled after a few seconds: how long until it stops, and that it says so.
  await importThroughUi(page, path);
  await page.waitForTimeout(4_000);
  const cancelAt = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status', { name: 'Import report' }).waitFor({ timeout: 600_000 });
  const stopSeconds = round((Date.now() - cancelAt) / 1000);
  const cancelledReport = await page.getByRole('status', { name: 'Import report' }).innerText();
  await page.context().close();
  return {
    megabytes: round(bytes / 1024 / 1024),
    entries,
    seconds,
    rendererRssBeforeMb: before,
    rendererRssPeakMb: round(peak),
    report: report.split('\n')[0],
    cancel: { stoppedAfterSeconds: stopSeconds, said: /cancelled/.test(cancelledReport) },
  };
}

// ---------------------------------------------------------------------------------------------

export async function runUiBench(opts: {
  threads: number;
  baseline?: boolean;
  bigImport?: boolean;
  log?: (line: string) => void;
}) {
  const log = opts.log ?? (() => {});
  log(`ui: the browser build in Chromium with ${opts.threads} threads, beside the baseline (${BASELINE_REF})`);
  const builds: { name: 'baseline' | 'current'; dir: string }[] = [];
  if (opts.baseline ?? true) builds.push({ name: 'baseline', dir: buildBaseline() });
  builds.push({ name: 'current', dir: await buildCurrent() });
  const browser = await launchChromium();
  const results: Partial<Record<'baseline' | 'current', Figures>> = {};
  let big: Awaited<ReturnType<typeof bigImport>> | null = null;
  try {
    for (const { name, dir } of builds) {
      const { url, server } = await serve(dir);
      try {
        log(`  ${name}:`);
        const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
        // tsx keeps function names with a `__name` helper that functions sent to the page then call.
        await page.addInitScript('window.__name = (f) => f;');
        await page.addInitScript(FIRST_ROW_PROBE);
        results[name] = await measure(page, url, opts.threads, log);
        log(`    ${JSON.stringify(results[name])}`);
        await page.context().close();
        if (name === 'current' && (opts.bigImport ?? true)) big = await bigImport(browser, url, log);
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
    const baseline = builds.find((b) => b.name === 'baseline');
    if (baseline) removeBaselineCheckout(baseline.dir);
  }
  const now = results.current!;
  const before = results.baseline;
  const rows: [string, (f: Figures) => number, number][] = [
    ['first paint (ms)', (f) => f.firstRowMs, TARGETS.firstPaintMs],
    ['list complete (ms)', (f) => f.listCompleteMs, Infinity],
    ['open thread p95 (ms)', (f) => f.openThread.p95, TARGETS.openThreadP95Ms],
    ['longest frame typing (ms)', (f) => f.typing.maxFrameMs, TARGETS.maxFrameMs],
    ['  UI work in it, typing (LoAF ms)', (f) => f.typing.longestAnimationFrameMs, TARGETS.maxFrameMs],
    ['longest frame 10k import (ms)', (f) => f.import10k.maxFrameMs, TARGETS.maxFrameMs],
    ['  UI work in it, import (LoAF ms)', (f) => f.import10k.longestAnimationFrameMs, TARGETS.maxFrameMs],
    ['10k import (s)', (f) => f.import10k.seconds, Infinity],
    ['UI-thread heap (MB)', (f) => f.uiHeapMb, TARGETS.uiHeapMb],
  ];
  log(`  ${'figure'.padEnd(32)}${'baseline'.padStart(10)}${'now'.padStart(10)}  target`);
  const targets: Record<string, { target: number; actual: number; baseline: number | null; met: boolean }> = {};
  for (const [label, get, target] of rows) {
    const actual = get(now);
    const base = before ? get(before) : null;
    const met = actual <= target;
    if (Number.isFinite(target)) targets[label] = { target, actual, baseline: base, met };
    log(
      `  ${label.padEnd(32)}${String(base ?? '–').padStart(10)}${String(actual).padStart(10)}  ${
        Number.isFinite(target) ? `≤ ${target} ${met ? 'MET' : 'MISSED'}` : ''
      }`,
    );
  }
  if (big) log(`  200 MB import through the UI: ${JSON.stringify(big)}`);
  return { threads: opts.threads, baselineRef: BASELINE_REF, baseline: before ?? null, current: now, targets, big };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const threads = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const result = await runUiBench({
    threads,
    baseline: !args.includes('--no-baseline'),
    bigImport: !args.includes('--no-big-import'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
