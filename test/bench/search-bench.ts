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
 */
import { Index as FlexIndex } from 'flexsearch';
import lunr from 'lunr';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
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

interface Measured<T> {
  value: T;
  ms: number;
  retainedMb: number;
  peakRssGrowthMb: number;
}

function measure<T>(build: () => T): Measured<T> {
  const heapBefore = heapMb();
  const rssBefore = maxRssMb();
  const start = performance.now();
  const value = build();
  const ms = performance.now() - start;
  return {
    value,
    ms,
    retainedMb: round(heapMb() - heapBefore),
    peakRssGrowthMb: round(maxRssMb() - rssBefore),
  };
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

async function benchSize(n: number, log: (line: string) => void) {
  const records = [...syntheticThreads(n, { seed: 7 })];
  const extra = [...syntheticThreads(100, { seed: 8, firstId: n + 1 })];
  const out: Record<string, unknown> = { threads: n };

  // Brute force: lowercase text, every word must be a substring.
  const brute = measure(() =>
    records.map((r) => {
      const f = fullText(r);
      return { id: r.thread.id, text: `${f.title}\n${f.body}\n${f.replies}`.toLowerCase() };
    }),
  );
  const bruteLatency = latency((query) => {
    const words = plainWords(query);
    const hits: string[] = [];
    for (const doc of brute.value) if (words.every((w) => doc.text.includes(w))) hits.push(doc.id);
  });
  out.bruteForce = { buildMs: round(brute.ms), retainedMb: brute.retainedMb, latency: bruteLatency };
  brute.value.length = 0;

  // ForumKB.
  const fkb = measure(() => {
    const index = new SegmentedIndex();
    index.add(records);
    return index;
  });
  const bytes = encodeSegment(fkb.value.segmentData[0] as never);
  const load = measure(() => new SegmentedIndex([decodeSegment(bytes)]));
  const fkbLatency = latency((query) => load.value.search(query, { limit: 20 }));
  const addStart = performance.now();
  const added = load.value.add(extra);
  const probe = extra[0]?.thread;
  const found = probe
    ? load.value.search(probe.title, { limit: 100, typing: false }).results.some((r) => r.id === probe.id)
    : false;
  const add100Ms = performance.now() - addStart;
  const persistStart = performance.now();
  const addedBytes = encodeSegment(added).byteLength;
  const persistMs = performance.now() - persistStart;
  const afterAdd = latency((query) => load.value.search(query, { limit: 20 }), 2);
  out.forumkb = {
    buildMs: round(fkb.ms),
    retainedMb: fkb.retainedMb,
    peakRssGrowthMb: fkb.peakRssGrowthMb,
    serializedMb: round(bytes.byteLength / 1e6, 2),
    loadMs: round(load.ms),
    latency: fkbLatency,
    add100: { searchableMs: round(add100Ms), found, segmentKb: round(addedBytes / 1e3), encodeMs: round(persistMs, 2) },
    latencyWithRecentSegment: { p50: afterAdd.p50, p95: afterAdd.p95 },
  };
  log(
    `  ForumKB      build ${round(fkb.ms / 1000, 1)} s, retained ${fkb.retainedMb} MB, peak RSS +${fkb.peakRssGrowthMb} MB, ` +
      `serialized ${round(bytes.byteLength / 1e6, 1)} MB, load ${round(load.ms)} ms, ` +
      `query p50 ${fkbLatency.p50} ms p95 ${fkbLatency.p95} ms, +100 threads searchable in ${round(add100Ms)} ms (found: ${found})`,
  );
  log(`               p95 by kind: ${JSON.stringify(fkbLatency.byKind)}`);
  log(`  brute force  build ${round(brute.ms)} ms, query p50 ${bruteLatency.p50} ms p95 ${bruteLatency.p95} ms`);

  // FlexSearch (default options): the fast peer.
  const flex = measure(() => {
    const index = new FlexIndex();
    for (const r of records) {
      const f = fullText(r);
      index.add(Number(r.thread.id), `${f.title} ${f.body} ${f.replies}`);
    }
    return index;
  });
  const flexLatency = latency((query) => flex.value.search(plainWords(query).join(' '), { limit: 20 }));
  const exported: Record<string, string> = {};
  flex.value.export((key, data) => {
    exported[key] = data;
  });
  const flexSize = Object.values(exported).reduce((sum, data) => sum + (data?.length ?? 0), 0);
  const flexLoadStart = performance.now();
  const flexLoaded = new FlexIndex();
  for (const [key, data] of Object.entries(exported)) flexLoaded.import(key, data);
  const flexLoadMs = performance.now() - flexLoadStart;
  out.flexsearch = {
    buildMs: round(flex.ms),
    retainedMb: flex.retainedMb,
    peakRssGrowthMb: flex.peakRssGrowthMb,
    serializedMb: round(flexSize / 1e6, 2),
    loadMs: round(flexLoadMs),
    latency: flexLatency,
  };
  log(
    `  FlexSearch   build ${round(flex.ms / 1000, 1)} s, retained ${flex.retainedMb} MB, serialized ${round(flexSize / 1e6, 1)} MB, ` +
      `load ${round(flexLoadMs)} ms, query p50 ${flexLatency.p50} ms p95 ${flexLatency.p95} ms (no code-aware tokens, no filters)`,
  );

  // Default Lunr: naive use, raw query strings.
  let lunrLatency: Latency | null = null;
  if (n <= LUNR_MAX) {
    const built = measure(() =>
      lunr(function () {
        this.ref('id');
        this.field('title');
        this.field('body');
        this.field('replies');
        for (const r of records) this.add({ id: r.thread.id, ...fullText(r) });
      }),
    );
    const json = JSON.stringify(built.value);
    const lunrLoad = measure(() => lunr.Index.load(JSON.parse(json) as object));
    lunrLatency = latency((query) => built.value.search(query));
    out.lunr = {
      buildMs: round(built.ms),
      retainedMb: built.retainedMb,
      peakRssGrowthMb: built.peakRssGrowthMb,
      serializedMb: round(json.length / 1e6, 2),
      loadMs: round(lunrLoad.ms),
      latency: lunrLatency,
    };
    log(
      `  default Lunr build ${round(built.ms / 1000, 1)} s, retained ${built.retainedMb} MB, serialized ${round(json.length / 1e6, 1)} MB, ` +
        `load ${round(lunrLoad.ms)} ms, query p50 ${lunrLatency.p50} ms p95 ${lunrLatency.p95} ms, ` +
        `${lunrLatency.errors} of ${MIX.length} mix queries throw`,
    );
  } else {
    out.lunr = { skipped: "skipped at 100k: known to exceed Electron's 4 GB heap (~196 s, 4.8 GB)" };
    log(`  default Lunr skipped at ${n / 1000}k: known to exceed Electron's 4 GB heap (~196 s, 4.8 GB)`);
  }

  const ratio = (a: number, b: number) => round(a / b, 3);
  out.ratios = {
    forumkbOverBruteForce: {
      p50: ratio(fkbLatency.p50, bruteLatency.p50),
      p95: ratio(fkbLatency.p95, bruteLatency.p95),
    },
    forumkbOverLunr: lunrLatency
      ? { p50: ratio(fkbLatency.p50, lunrLatency.p50), p95: ratio(fkbLatency.p95, lunrLatency.p95) }
      : null,
    forumkbOverFlexsearch: { p50: ratio(fkbLatency.p50, flexLatency.p50), p95: ratio(fkbLatency.p95, flexLatency.p95) },
  };
  log(`  ratios       ${JSON.stringify(out.ratios)}`);
  return {
    out,
    figures: { p95: fkbLatency.p95, loadMs: load.ms, add100Ms, found },
  };
}

export async function runSearchBench(opts: { sizes: number[]; log?: (line: string) => void }): Promise<object> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sizes: Record<string, unknown>[] = [];
  let last: { p95: number; loadMs: number; add100Ms: number; found: boolean } | null = null;
  let lastSize = 0;
  for (const n of opts.sizes) {
    log(`search bench: ${n} threads (node ${process.version})`);
    const { out, figures } = await benchSize(n, log);
    sizes.push(out);
    last = figures;
    lastSize = n;
  }
  const targets = last
    ? {
        atThreads: lastSize,
        p95QueryMs: { target: TARGETS.p95Ms, actual: round(last.p95, 2), met: last.p95 <= TARGETS.p95Ms },
        loadMs: { target: TARGETS.loadMs, actual: round(last.loadMs), met: last.loadMs <= TARGETS.loadMs },
        add100SearchableMs: {
          target: TARGETS.add100Ms,
          actual: round(last.add100Ms),
          met: last.found && last.add100Ms <= TARGETS.add100Ms,
        },
      }
    : null;
  if (targets) {
    log(`targets at ${lastSize} threads:`);
    for (const [name, t] of Object.entries(targets))
      if (typeof t === 'object') log(`  ${name}: ${t.actual} (target ≤ ${t.target}) ${t.met ? 'MET' : 'MISSED'}`);
  }
  return { sizes, targets, mix: MIX };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const result = await runSearchBench({
    sizes: sizes.length > 0 ? sizes : [10_000, 100_000],
    log: json ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
