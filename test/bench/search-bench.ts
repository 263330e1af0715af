/**
 * Search bench: ForumKB's segmented index side by side with a brute-force scan over the same text
 * (the baseline), a default Lunr index (naive use) and FlexSearch (the fast peer), on a seeded
 * synthetic forum (test/unit/search/synthetic-corpus.ts).
 *
 *   npx tsx test/bench/search-bench.ts [--json] 10000 100000
 *
 * Build time, retained heap and peak RSS growth, serialized size, load time, query latency p50/p95
 * over a fixed mix (words, error codes, identifiers, tags, half-typed words), the ratios
 * ForumKB / brute force and ForumKB / Lunr, and the time until 100 new threads are searchable.
 * Targets (checked at the largest size): p95 ≤ 10 ms, load ≤ 1.5 s, +100 threads ≤ 1 s.
 *
 * Each engine runs in a child process of its own, so one engine's garbage and peak memory never
 * show up in another's figures.
 */
import { Index as FlexIndex } from 'flexsearch';
import lunr from 'lunr';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ThreadRecord } from '../../src/model';
import { docFields } from '../../src/search/doc-meta';
import { decodeSegment, encodeSegment } from '../../src/search/segment-codec';
import { SegmentedIndex } from '../../src/search/segmented-index';
import { syntheticThreads } from '../unit/search/synthetic-corpus';

/** Default Lunr at 100k threads took ~196 s and 4.8 GB in an earlier run. */
const LUNR_MAX = 10_000;
const TARGETS = { p95Ms: 10, loadMs: 1500, add100Ms: 1000 };

const MIX: { kind: string; query: string }[] = [
  { kind: 'words', query: 'connection timeout' },
  { kind: 'words', query: 'tunnel provider crash' },
  { kind: 'words', query: 'background download session' },
  { kind: 'words', query: 'certificate trust handshake' },
  { kind: 'words', query: 'bonjour service browse' },
  { kind: 'words', query: 'listener' },
  { kind: 'words', query: 'intermittent reconnect latency' },
  { kind: 'words', query: 'resolver' },
  { kind: 'code', query: '-1001' },
  { kind: 'code', query: '-9806' },
  { kind: 'code', query: 'error 53' },
  { kind: 'code', query: 'Code=-1200' },
  { kind: 'code', query: '-1009 cellular' },
  { kind: 'ident', query: 'NEFilterDataProvider' },
  { kind: 'ident', query: 'nw_connection_t' },
  { kind: 'ident', query: 'URLSession' },
  { kind: 'ident', query: 'NSURLErrorTimedOut' },
  { kind: 'ident', query: 'NWConnection waiting' },
  { kind: 'tag', query: 'tag:Bonjour' },
  { kind: 'tag', query: 'tag:"Network Extension" tunnel' },
  { kind: 'tag', query: 'tag:QUIC sort:views' },
  { kind: 'typing', query: 'NEFilter' },
  { kind: 'typing', query: 'connec' },
  { kind: 'typing', query: 'certificate tru' },
];

/** The mix as plain words, for engines without ForumKB's query language. */
function plainWords(query: string): string[] {
  return query
    .replace(/\b(tag|sort):("[^"]*"|\S+)/g, (_, key: string, value: string) => (key === 'tag' ? value : ''))
    .replaceAll('"', '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

let gc: () => void = () => {};
try {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
} catch {
  // Without gc the retained-heap figures are noisier, nothing else changes.
}

function heapMb(): number {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1e3;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Latency {
  p50: number;
  p95: number;
  byKind: Record<string, number>;
  errors: number;
}

/** Each query of the mix `rounds` times after warm-up passes; latencies in ms. */
function latency(run: (query: string) => void, rounds = 10): Latency {
  let errors = 0;
  const safe = (q: string) => {
    try {
      run(q);
    } catch {
      errors++;
    }
  };
  // Warm-up: let the JIT settle so the figures describe a running app, not a cold start.
  for (let w = 0; w < 3; w++) for (const { query } of MIX) safe(query);
  errors = 0;
  const all: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const { kind, query } of MIX) {
      const start = performance.now();
      safe(query);
      const ms = performance.now() - start;
      all.push(ms);
      (byKind[kind] ??= []).push(ms);
    }
  }
  all.sort((a, b) => a - b);
  const kinds: Record<string, number> = {};
  for (const [kind, values] of Object.entries(byKind))
    kinds[kind] = round(
      percentile(
        values.sort((a, b) => a - b),
        95,
      ),
      2,
    );
  return {
    p50: round(percentile(all, 50), 3),
    p95: round(percentile(all, 95), 3),
    byKind: kinds,
    errors: errors / rounds,
  };
}

function fullText(record: ThreadRecord): { title: string; body: string; replies: string } {
  const f = docFields(record);
  return { title: f.title, body: `${f.tags} ${f.body}`, replies: f.replies };
}

type Engine = 'forumkb' | 'bruteForce' | 'flexsearch' | 'lunr';
const ENGINES: Engine[] = ['forumkb', 'bruteForce', 'flexsearch', 'lunr'];

interface EngineResult {
  buildMs: number;
  retainedMb: number;
  peakRssGrowthMb: number;
  serializedMb: number | null;
  loadMs: number | null;
  latency: Latency;
  add100?: { searchableMs: number; found: boolean; segmentKb: number };
  latencyWithRecentSegment?: { p50: number; p95: number };
}

/** Builds, persists, loads and queries one engine over `n` synthetic threads, in this process. */
async function measureEngine(engine: Engine, n: number): Promise<EngineResult> {
  const records = [...syntheticThreads(n, { seed: 7 })];
  const rssBefore = (gc(), process.memoryUsage().rss);
  const heapBefore = heapMb();
  const start = performance.now();
  const built = buildEngine(engine, records);
  const buildMs = performance.now() - start;
  // Peak RSS during the build, over the RSS with the corpus loaded (an upper bound: generating
  // the corpus may have left a higher peak of its own).
  const peakRssGrowthMb = round(Math.max(0, maxRssMb() - rssBefore / 1e6));
  // Freed array buffers are released by a background sweeper, which can take a second or two at
  // 100k threads (400 MB right after the build, 136 MB once swept): wait until the figure settles.
  for (let last = Infinity, i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = (gc(), process.memoryUsage().arrayBuffers);
    if (now >= last && i >= 4) break;
    last = now;
  }
  const retainedMb = round(heapMb() - heapBefore);
  const result: EngineResult = {
    buildMs: round(buildMs),
    retainedMb,
    peakRssGrowthMb,
    serializedMb: null,
    loadMs: null,
    latency: null as never,
  };
  switch (engine) {
    case 'bruteForce': {
      const docs = built as { id: string; text: string }[];
      result.latency = latency((query) => {
        const words = plainWords(query);
        const hits: string[] = [];
        for (const doc of docs) if (words.every((w) => doc.text.includes(w))) hits.push(doc.id);
      });
      break;
    }
    case 'forumkb': {
      const index = built as SegmentedIndex;
      const bytes = encodeSegment(index.segmentData[0] as never);
      result.serializedMb = round(bytes.byteLength / 1e6, 2);
      const loadStart = performance.now();
      const loaded = new SegmentedIndex([decodeSegment(bytes)]);
      result.loadMs = round(performance.now() - loadStart);
      result.latency = latency((query) => loaded.search(query, { limit: 20 }));
      // Import 100 new threads into the loaded index: time until a query finds them.
      const extra = [...syntheticThreads(100, { seed: 8, firstId: n + 1 })];
      const probe = extra[0]?.thread;
      const addStart = performance.now();
      const segment = loaded.add(extra);
      const found = probe
        ? loaded.search(probe.title, { limit: 100, typing: false }).results.some((r) => r.id === probe.id)
        : false;
      const searchableMs = performance.now() - addStart;
      result.add100 = {
        searchableMs: round(searchableMs),
        found,
        segmentKb: round(encodeSegment(segment).byteLength / 1e3),
      };
      const after = latency((query) => loaded.search(query, { limit: 20 }), 3);
      result.latencyWithRecentSegment = { p50: after.p50, p95: after.p95 };
      break;
    }
    case 'flexsearch': {
      const index = built as FlexIndex;
      result.latency = latency((query) => index.search(plainWords(query).join(' '), { limit: 20 }));
      const exported: Record<string, string> = {};
      index.export((key, data) => {
        exported[key] = data;
      });
      result.serializedMb = round(Object.values(exported).reduce((sum, d) => sum + (d?.length ?? 0), 0) / 1e6, 2);
      const loadStart = performance.now();
      const loaded = new FlexIndex();
      for (const [key, data] of Object.entries(exported)) loaded.import(key, data);
      result.loadMs = round(performance.now() - loadStart);
      break;
    }
    case 'lunr': {
      const index = built as lunr.Index;
      // Naive use: the raw query string goes to Lunr's own query syntax.
      result.latency = latency((query) => index.search(query));
      const json = JSON.stringify(index);
      result.serializedMb = round(json.length / 1e6, 2);
      const loadStart = performance.now();
      lunr.Index.load(JSON.parse(json) as object);
      result.loadMs = round(performance.now() - loadStart);
      break;
    }
  }
  return result;
}

function buildEngine(engine: Engine, records: ThreadRecord[]): unknown {
  switch (engine) {
    case 'bruteForce':
      return records.map((r) => {
        const f = fullText(r);
        return { id: r.thread.id, text: `${f.title}\n${f.body}\n${f.replies}`.toLowerCase() };
      });
    case 'forumkb': {
      const index = new SegmentedIndex();
      index.add(records);
      return index;
    }
    case 'flexsearch': {
      const index = new FlexIndex();
      for (const r of records) {
        const f = fullText(r);
        index.add(Number(r.thread.id), `${f.title} ${f.body} ${f.replies}`);
      }
      return index;
    }
    case 'lunr':
      return lunr(function () {
        this.ref('id');
        this.field('title');
        this.field('body');
        this.field('replies');
        for (const r of records) this.add({ id: r.thread.id, ...fullText(r) });
      });
  }
}

/** Runs `measureEngine` in a fresh Node process (tsx loader) and returns its JSON. */
function inChild(engine: Engine, n: number): Promise<EngineResult> {
  const file = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, '--child', engine, String(n)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${engine} at ${n}: child exited with ${code}`));
      else resolve(JSON.parse(out) as EngineResult);
    });
  });
}

const mb = (x: number | null) => (x === null ? '-' : `${x} MB`);
const ms = (x: number | null) => (x === null ? '-' : `${x} ms`);

function describe(name: string, r: EngineResult): string {
  return (
    `  ${name.padEnd(12)} build ${round(r.buildMs / 1000, 1)} s, retained ${mb(r.retainedMb)}, peak RSS +${mb(r.peakRssGrowthMb)}, ` +
    `serialized ${mb(r.serializedMb)}, load ${ms(r.loadMs)}, query p50 ${r.latency.p50} ms p95 ${r.latency.p95} ms` +
    (r.latency.errors > 0 ? `, ${r.latency.errors} of ${MIX.length} mix queries throw` : '')
  );
}

const NAMES: Record<Engine, string> = {
  forumkb: 'ForumKB',
  bruteForce: 'brute force',
  flexsearch: 'FlexSearch',
  lunr: 'default Lunr',
};

export async function runSearchBench(opts: { sizes: number[]; log?: (line: string) => void }): Promise<object> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sizes: Record<string, unknown>[] = [];
  let last: { n: number; forumkb: EngineResult } | null = null;
  for (const n of opts.sizes) {
    log(`search bench: ${n} threads (node ${process.version}, one child process per engine)`);
    const results: Partial<Record<Engine, EngineResult>> = {};
    const out: Record<string, unknown> = { threads: n };
    for (const engine of ENGINES) {
      if (engine === 'lunr' && n > LUNR_MAX) {
        const skipped = "skipped at 100k: known to exceed Electron's 4 GB heap (~196 s, 4.8 GB)";
        out.lunr = { skipped };
        log(
          `  default Lunr ${n === 100_000 ? skipped : `skipped above ${LUNR_MAX}: known to exceed Electron's 4 GB heap at 100k`}`,
        );
        continue;
      }
      const r = await inChild(engine, n);
      results[engine] = r;
      out[engine] = r;
      log(describe(NAMES[engine], r));
      if (engine === 'forumkb') {
        log(`               p95 by kind (ms): ${JSON.stringify(r.latency.byKind)}`);
        log(
          `               +100 threads searchable in ${r.add100?.searchableMs} ms (found: ${r.add100?.found}), ` +
            `then p50 ${r.latencyWithRecentSegment?.p50} ms p95 ${r.latencyWithRecentSegment?.p95} ms with 2 segments`,
        );
      }
    }
    const f = results.forumkb;
    const ratio = (a: number, b: number) => round(a / b, 3);
    const ratios = (other: EngineResult | undefined) =>
      f && other
        ? { p50: ratio(f.latency.p50, other.latency.p50), p95: ratio(f.latency.p95, other.latency.p95) }
        : null;
    out.ratios = {
      forumkbOverBruteForce: ratios(results.bruteForce),
      forumkbOverLunr: ratios(results.lunr),
      forumkbOverFlexsearch: ratios(results.flexsearch),
    };
    log(`  ratios (query latency, ForumKB / other): ${JSON.stringify(out.ratios)}`);
    sizes.push(out);
    if (f) last = { n, forumkb: f };
  }
  const targets = last
    ? {
        atThreads: last.n,
        p95QueryMs: {
          target: TARGETS.p95Ms,
          actual: last.forumkb.latency.p95,
          met: last.forumkb.latency.p95 <= TARGETS.p95Ms,
        },
        loadMs: {
          target: TARGETS.loadMs,
          actual: last.forumkb.loadMs,
          met: (last.forumkb.loadMs ?? Infinity) <= TARGETS.loadMs,
        },
        add100SearchableMs: {
          target: TARGETS.add100Ms,
          actual: last.forumkb.add100?.searchableMs ?? null,
          met: !!last.forumkb.add100?.found && (last.forumkb.add100?.searchableMs ?? Infinity) <= TARGETS.add100Ms,
        },
      }
    : null;
  if (targets) {
    log(`targets at ${targets.atThreads} threads:`);
    for (const [name, t] of Object.entries(targets))
      if (typeof t === 'object') log(`  ${name}: ${t.actual} (target ≤ ${t.target}) ${t.met ? 'MET' : 'MISSED'}`);
  }
  return { sizes, targets, mix: MIX };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const child = args.indexOf('--child');
  if (child >= 0) {
    const result = await measureEngine(args[child + 1] as Engine, Number(args[child + 2]));
    process.stdout.write(JSON.stringify(result));
  } else {
    const json = args.includes('--json');
    const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
    const result = await runSearchBench({
      sizes: sizes.length > 0 ? sizes : [10_000, 100_000],
      log: json ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}
