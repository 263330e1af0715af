/**
 * Long tasks per thread from a Chromium trace: the page's main thread and each of its dedicated
 * workers (the data worker; the baseline's search and parse workers). A frame recorder in the
 * page sees only the main thread, and only the frames it got to run; the trace sees every task.
 *
 * Tracing is started on the page's DevTools session with the timeline categories DevTools records
 * (`devtools.timeline`, `disabled-by-default-devtools.timeline`, and `toplevel` where Chromium
 * puts `RunTask`); events are streamed back as they are collected and only what is needed is kept
 * (task durations, thread names, the bench's own marks), so a long phase costs no memory here.
 */
import type { CDPSession, Page } from 'playwright-core';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'blink.user_timing',
  '__metadata',
  // More, to say what ran in a long task: FORUMKB_TRACE_CATEGORIES=v8.execute,IndexedDB (costs time).
  ...(process.env.FORUMKB_TRACE_CATEGORIES?.split(',').filter(Boolean) ?? []),
];
/** A mark the bench makes in the page when a phase starts: it names the page's renderer process. */
export const PHASE_MARK = 'forumkb-bench-phase';
const LONG_TASK_MS = 50;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (µs), where Chromium records it. */
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/** What ran inside one of a phase's longest tasks: its pieces of 5 ms or more, by name. */
export interface LongTask {
  thread: string;
  ms: number;
  /** Of it, the thread's CPU time (null when not recorded): far less than `ms` means the thread waited for a core. */
  cpuMs: number | null;
  /** `FunctionCall 812 (onmessage data-client.ts), Layout 40, MajorGC 31`. */
  parts: string;
}

export interface ThreadTasks {
  /** `main`, or `worker` (the busiest dedicated worker: the data worker), `worker 2`… */
  thread: string;
  longestTaskMs: number;
  tasksOver50Ms: number;
  /** The longest task by the thread's CPU time (null when not recorded): on a loaded machine, the part that is the app's. */
  longestTaskCpuMs: number | null;
  /** Time in tasks during the phase: the thread's CPU, roughly. */
  busyMs: number;
}

export interface TraceSummary {
  seconds: number;
  threads: ThreadTasks[];
  /** Chromium did not finish sending the trace in time: figures may miss threads. */
  incomplete?: true;
  /** The three longest tasks of the main thread and of the data worker, with what ran inside them. */
  longest?: LongTask[];
  /**
   * The app's own marks (`forumkb:…`, renderer/data/trace-mark.ts) in the phase, the first few:
   * ms after the phase began, e.g. when the data worker began and ended loading its index.
   */
  marks?: { name: string; atMs: number }[];
  /**
   * The main thread's time in the phase by kind of work (ms, summed; a style or layout forced by a
   * script is inside its FunctionCall too): where a frame's time goes beside the app's scripts.
   */
  mainWork?: Record<string, number>;
}

/** The kinds of main-thread work `mainWork` sums: scripts, then the frame's style, layout and paint. */
const MAIN_WORK = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];

/** Marks listed per phase at most (a search makes two). */
const MARKS_KEPT = 16;

const PART_MS = 5;
/** The scheduler's own events around a task: not what ran in it. */
const WRAPPERS = /RunTask|ThreadController|SequenceManager/;

const round = (x: number) => Math.round(x * 10) / 10;

export class PhaseTrace {
  /** Per thread (`pid:tid`): the longest task, how many were long, their total (ms). */
  private readonly tasks = new Map<
    string,
    { longest: number; long: number; busy: number; longestCpu: number | null }
  >();
  private readonly names = new Map<string, string>();
  private readonly markPids = new Set<number>();
  /** Long tasks and the events of 5 ms or more, per thread, to say what the longest ones did. */
  private readonly longTasks = new Map<string, TraceEvent[]>();
  private readonly parts = new Map<string, TraceEvent[]>();
  private started = 0;
  /** The phase mark's trace time (µs), and the app's marks. */
  private phaseTs: number | null = null;
  private readonly marks: { name: string; ts: number }[] = [];
  /** Per thread, µs in each kind of MAIN_WORK. */
  private readonly work = new Map<string, Map<string, number>>();

  private constructor(private readonly cdp: CDPSession) {}

  static async start(page: Page): Promise<PhaseTrace> {
    const cdp = await page.context().newCDPSession(page);
    const trace = new PhaseTrace(cdp);
    cdp.on('Tracing.dataCollected', ({ value }) => trace.collect(value as unknown as TraceEvent[]));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES },
    });
    trace.started = Date.now();
    await page.evaluate((mark) => performance.mark(mark), PHASE_MARK).catch(() => undefined);
    return trace;
  }

  private collect(events: TraceEvent[]): void {
    for (const e of events) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) this.names.set(key, e.args.name);
      else if (e.name === PHASE_MARK) {
        this.markPids.add(e.pid);
        this.phaseTs ??= e.ts;
      } else if (e.name.startsWith('forumkb:') && this.marks.length < MARKS_KEPT)
        this.marks.push({ name: e.name.slice('forumkb:'.length), ts: e.ts });
      else if (e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined) {
        let t = this.tasks.get(key);
        if (!t) this.tasks.set(key, (t = { longest: 0, long: 0, busy: 0, longestCpu: null }));
        if (e.tdur !== undefined) t.longestCpu = Math.max(t.longestCpu ?? 0, e.tdur / 1000);
        const ms = e.dur / 1000;
        t.longest = Math.max(t.longest, ms);
        t.busy += ms;
        if (ms > LONG_TASK_MS) {
          t.long++;
          push(this.longTasks, key, e);
        }
      } else if (e.ph === 'X' && e.dur !== undefined) {
        if (MAIN_WORK.includes(e.name)) {
          let kinds = this.work.get(key);
          if (!kinds) this.work.set(key, (kinds = new Map()));
          kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur);
        }
        if (e.dur >= PART_MS * 1000 && !WRAPPERS.test(e.name)) push(this.parts, key, e);
      }
    }
  }

  /** Stops tracing and sums up the page renderer's threads. */
  async stop(): Promise<TraceSummary> {
    const complete = new Promise<void>((resolve) => this.cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.cdp.send('Tracing.end');
    // Thread names come in the last events; under load the flush can take a while.
    const completed = await Promise.race([
      complete.then(() => true),
      new Promise<false>((r) => setTimeout(r, 300_000, false)),
    ]);
    await this.cdp.detach().catch(() => undefined);
    const seconds = round((Date.now() - this.started) / 1000);
    // The page's renderer: where the phase mark is (a navigation in the phase can lose it: then
    // the renderer whose main thread ran the most).
    const busy = (key: string) => this.tasks.get(key)?.busy ?? 0;
    const mains = [...this.names].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key);
    const pid =
      mains.map((k) => Number(k.split(':')[0])).find((p) => this.markPids.has(p)) ??
      Number(mains.sort((a, b) => busy(b) - busy(a))[0]?.split(':')[0] ?? -1);
    const ofPid = [...this.names].filter(([key]) => Number(key.split(':')[0]) === pid);
    const summarize = (thread: string, key: string): ThreadTasks => {
      const t = this.tasks.get(key) ?? { longest: 0, long: 0, busy: 0, longestCpu: null };
      return {
        thread,
        longestTaskMs: round(t.longest),
        tasksOver50Ms: t.long,
        busyMs: Math.round(t.busy),
        longestTaskCpuMs: t.longestCpu === null ? null : round(t.longestCpu),
      };
    };
    const threads: ThreadTasks[] = [];
    const main = ofPid.find(([, name]) => name === 'CrRendererMain');
    if (main) threads.push(summarize('main', main[0]));
    const workers = ofPid
      .filter(([, name]) => /DedicatedWorker/.test(name))
      .map(([key]) => key)
      .sort((a, b) => busy(b) - busy(a));
    workers.forEach((key, i) => threads.push(summarize(i === 0 ? 'worker' : `worker ${i + 1}`, key)));
    const longest = [
      ...(main ? this.describeLongest(main[0], 'main') : []),
      // Every worker's: at a start the page's old data worker and its new one are both there.
      ...workers.flatMap((key, i) => this.describeLongest(key, i === 0 ? 'worker' : `worker ${i + 1}`)),
    ];
    const from = this.phaseTs ?? Math.min(...this.marks.map((m) => m.ts));
    const marks = this.marks
      .sort((a, b) => a.ts - b.ts)
      .map((m) => ({ name: m.name, atMs: round((m.ts - from) / 1000) }));
    const kinds = main ? this.work.get(main[0]) : undefined;
    const mainWork = kinds
      ? Object.fromEntries(MAIN_WORK.map((k) => [k, round((kinds.get(k) ?? 0) / 1000)]))
      : undefined;
    return { seconds, threads, longest, marks, mainWork, ...(completed ? {} : { incomplete: true }) };
  }

  private describeLongest(key: string, thread: string): LongTask[] {
    const tasks = [...(this.longTasks.get(key) ?? [])].sort((a, b) => b.dur! - a.dur!).slice(0, 3);
    const parts = this.parts.get(key) ?? [];
    return tasks.map((task) => {
      const inside = parts.filter((p) => p !== task && p.ts >= task.ts && p.ts + p.dur! <= task.ts + task.dur!);
      // Outermost pieces only: a piece inside another piece is counted in it.
      const outer = inside.filter(
        (p) => !inside.some((q) => q !== p && q.ts <= p.ts && q.ts + q.dur! >= p.ts + p.dur! && q.dur! > p.dur!),
      );
      const label = (p: TraceEvent) => {
        const fn = p.args?.data?.functionName;
        const file = p.args?.data?.url?.split('/').pop();
        const type = p.args?.data?.type;
        const what = [type, fn, file].filter(Boolean).join(' ');
        return `${p.name} ${round(p.dur! / 1000)}${what ? ` (${what})` : ''}`;
      };
      return {
        thread,
        ms: round(task.dur! / 1000),
        cpuMs: task.tdur === undefined ? null : round(task.tdur / 1000),
        parts:
          outer
            .sort((a, b) => b.dur! - a.dur!)
            .slice(0, 6)
            .map(label)
            .join(', ') || 'no piece of 5 ms or more',
      };
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `main 12.3 / worker 340.1 (2 > 50 ms)`: the longest task on each thread of a phase. */
export function describeTasks(summary: TraceSummary | null | undefined): string {
  if (!summary) return '–';
  if (summary.threads.length === 0) return 'no threads in the trace';
  return summary.threads
    .map(
      (t) =>
        `${t.thread} ${t.longestTaskMs}${t.tasksOver50Ms > 0 ? ` (${t.tasksOver50Ms}>50)` : ''}${
          t.longestTaskCpuMs !== null ? ` [CPU ${t.longestTaskCpuMs}]` : ''
        }`,
    )
    .join(', ');
}

export function longestOn(
  summary: TraceSummary | null | undefined,
  thread: 'main' | 'worker',
  by: 'wall' | 'cpu' = 'wall',
): number | null {
  if (!summary) return null;
  const matching = summary.threads.filter((t) => (thread === 'main' ? t.thread === 'main' : t.thread !== 'main'));
  return matching.reduce<number | null>((m, t) => {
    const ms = by === 'wall' ? t.longestTaskMs : t.longestTaskCpuMs;
    return ms === null ? m : Math.max(m ?? 0, ms);
  }, null);
}

/** The data worker's time in tasks during a phase (at a start: loading the index and the first answer). */
export function workerBusy(summary: TraceSummary | null | undefined): number | null {
  return summary?.threads.find((t) => t.thread === 'worker')?.busyMs ?? null;
}
