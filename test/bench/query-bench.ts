/**
 * Query-only bench: the search bench's query mix over an index built once and kept on disk, so
 * the query path can be measured and profiled again and again without rebuilding (a 100k build
 * takes minutes of CPU).
 *
 *   npx tsx test/bench/query-bench.ts build 100000 /tmp/forumkb-100k
 *   npx tsx test/bench/query-bench.ts run /tmp/forumkb-100k [--rounds 5] [--dump answers.json]
 *   node --cpu-prof --import tsx test/bench/query-bench.ts run /tmp/forumkb-100k --rounds 20
 *
 * `--only alone|page` measures one of the two. `run` prints, as the search bench does, the keystroke path (a page of 25 with snippets, the
 * page's threads read from a file) and the index alone, p50 / p95 CPU and p95 by kind. `--dump`
 * writes every answer (ids, scores, totals) of the mix and of more pages, to compare two versions
 * of the query code: they must give the same answers.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ThreadRecord } from '../../src/model';
import { PersistentSearchIndex } from '../../src/search/persistent-index';
import { FileSegmentStorage } from './file-segment-storage';
import { forumThreads } from './forum-corpus';
import { MIX, PAGE, userData } from './search-bench';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function build(n: number, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const storage = new FileSegmentStorage(join(dir, 'index'));
  const fd = openSync(join(dir, 'records.jsonl'), 'w');
  const starts = new Float64Array(n + 1);
  let at = 0;
  let i = 0;
  function* corpus(): Generator<ThreadRecord> {
    for (const record of forumThreads(n)) {
      const bytes = Buffer.from(JSON.stringify(record));
      writeSync(fd, bytes, 0, bytes.length, at);
      starts[i++] = at;
      at += bytes.length;
      yield record;
    }
  }
  const c = cpuMs();
  const index = await PersistentSearchIndex.open(storage);
  await index.rebuild(corpus());
  starts[i] = at;
  closeSync(fd);
  writeFileSync(join(dir, 'starts.bin'), Buffer.from(starts.buffer));
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n }));
  process.stdout.write(`built ${n} threads in ${round((cpuMs() - c) / 1000, 1)} s CPU\n`);
}

async function run(dir: string, rounds: number, dump: string | null, only: string | null): Promise<void> {
  const { n } = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { n: number };
  const starts = new Float64Array(readFileSync(join(dir, 'starts.bin')).buffer.slice(0));
  const fd = openSync(join(dir, 'records.jsonl'), 'r');
  const read = (ids: string[]): Promise<ThreadRecord[]> =>
    Promise.resolve(
      ids.map((id) => {
        const slot = Number(id) - 700_001;
        const from = starts[slot] as number;
        const bytes = Buffer.alloc((starts[slot + 1] as number) - from);
        readSync(fd, bytes, 0, bytes.length, from);
        return JSON.parse(bytes.toString('utf8')) as ThreadRecord;
      }),
    );
  const storage = new FileSegmentStorage(join(dir, 'index'));
  const c0 = cpuMs();
  const w0 = performance.now();
  const index = await PersistentSearchIndex.open(storage);
  process.stdout.write(
    `${n} threads, ${index.segmentIds.length} segments; load ${round(cpuMs() - c0, 1)} ms CPU (${round(performance.now() - w0, 1)} wall)\n`,
  );
  const data = userData(n);
  type Q = (typeof MIX)[number];
  const opts = (q: Q, offset: number, limit: number) => ({
    limit,
    offset,
    typing: true,
    userData: data,
    sort: q.sort,
    ...(q.scope ? { scope: q.scope } : {}),
  });
  const page = (q: Q, offset = 0, limit = PAGE) => index.searchPage(q.query, opts(q, offset, limit), read);
  const alone = (q: Q) => index.search(q.query, opts(q, 0, PAGE));
  const measure = async (name: string, f: (q: Q) => Promise<unknown>) => {
    for (let w = 0; w < 2; w++) for (const q of MIX) await f(q);
    const cpu: number[] = [];
    const byKind: Record<string, number[]> = {};
    const byQuery = new Map<string, number[]>();
    const worst: [string, number][] = [];
    for (let r = 0; r < rounds; r++)
      for (const q of MIX) {
        const c = cpuMs();
        await f(q);
        const t = cpuMs() - c;
        cpu.push(t);
        (byKind[q.kind] ??= []).push(t);
        byQuery.set(q.query, [...(byQuery.get(q.query) ?? []), t]);
        worst.push([q.query, t]);
      }
    const kinds = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(percentile(v, 95))]));
    process.stdout.write(
      `${name}: p50 ${round(percentile(cpu, 50))} / p95 ${round(percentile(cpu, 95))} ms CPU; by kind ${JSON.stringify(kinds)}\n`,
    );
    const slow = [...byQuery]
      .map(([query, v]) => [query, round(percentile(v, 50))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    process.stdout.write(`  slowest p50: ${slow.map(([q, t]) => `${q}=${t}`).join(', ')}\n`);
    worst.sort((a, b) => b[1] - a[1]);
    process.stdout.write(
      `  slowest runs: ${worst
        .slice(0, 8)
        .map(([q, t]) => `${q}=${round(t)}`)
        .join(', ')}\n`,
    );
  };
  if (only !== 'alone') await measure(`keystroke (page of ${PAGE} + snippets)`, page);
  if (only !== 'page') await measure('index alone', alone);
  process.stdout.write(`cached blocks ${round(index.cachedBytes / 1e6, 1)} MB; ${uptime()}\n`);
  if (dump) {
    const answers: unknown[] = [];
    for (const q of MIX)
      for (const [offset, limit] of [
        [0, PAGE],
        [PAGE, PAGE],
        [0, 1000],
        [990, 20],
      ] as const) {
        const r = await index.search(q.query, opts(q, offset, limit));
        answers.push({
          query: q.query,
          offset,
          limit,
          total: r.total,
          relaxed: r.relaxed,
          results: r.results.map((x) => [x.id, x.score, x.matchedTerms.join(' ')]),
        });
      }
    writeFileSync(dump, JSON.stringify(answers));
    process.stdout.write(`answers written to ${dump}\n`);
  }
  closeSync(fd);
}

function uptime(): string {
  try {
    return `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;
  } catch {
    return '';
  }
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
if (args[0] === 'build') await build(Number(args[1]), args[2] as string);
else if (args[0] === 'run') {
  const dir = args[1] as string;
  if (!existsSync(join(dir, 'meta.json'))) throw new Error(`no index in ${dir}: build it first`);
  await run(dir, Number(flag('--rounds') ?? 5), flag('--dump'), flag('--only'));
} else process.stderr.write('usage: query-bench.ts build <threads> <dir> | run <dir> [--rounds n] [--dump file]\n');
