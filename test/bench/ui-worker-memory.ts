/**
 * The data worker's JavaScript heap, from outside the page: a DevTools session on the page
 * attaches to its dedicated workers (`Target.setAutoAttach`, messages passed through
 * `Target.sendMessageToTarget`, as Playwright's own worker sessions are not exposed) and asks
 * each for `Runtime.getHeapUsage`. The data worker is the one with the largest heap (the app has
 * one worker; the baseline had a search and a parse worker).
 *
 * Beside it, the RSS of the page's renderer process (the page and its workers, with what V8 and
 * Blink hold outside the JavaScript heap: IndexedDB values in flight, typed arrays' backing
 * stores count in both). Together they say whether the worker "stays under 1 GB" at a million.
 */
import type { CDPSession, Page } from 'playwright-core';

const round = (x: number) => Math.round(x * 10) / 10;

export interface WorkerHeap {
  /** Live JS heap of the busiest worker (MB), and its heap's total size. */
  usedMb: number;
  totalMb: number;
  /** After a forced garbage collection (else as found). */
  afterGc: boolean;
}

export class WorkerMemory {
  private readonly workers = new Map<string, string>();
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') this.workers.set(e.sessionId, e.targetInfo.url);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      this.workers.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === undefined) return;
      this.waiting.get(message.id)?.(message.error ? null : message.result);
      this.waiting.delete(message.id);
    });
  }

  /** Attaches to the page's workers, present and future (a new session per page load is not needed). */
  static async attach(page: Page): Promise<WorkerMemory> {
    const cdp = await page.context().newCDPSession(page);
    const memory = new WorkerMemory(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return memory;
  }

  private send(sessionId: string, method: string, timeoutMs = 60_000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => resolve(null));
    });
  }

  /** The largest worker heap, optionally after a full collection; null when no worker answered. */
  async heap(gc = false): Promise<WorkerHeap | null> {
    let best: WorkerHeap | null = null;
    for (const sessionId of [...this.workers.keys()]) {
      if (gc) await this.send(sessionId, 'HeapProfiler.collectGarbage');
      const usage = (await this.send(sessionId, 'Runtime.getHeapUsage')) as {
        usedSize: number;
        totalSize: number;
      } | null;
      if (!usage) continue;
      const found = { usedMb: round(usage.usedSize / 1e6), totalMb: round(usage.totalSize / 1e6), afterGc: gc };
      if (!best || found.usedMb > best.usedMb) best = found;
    }
    return best;
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

/** Peak renderer RSS and worker heap per phase, sampled every `everyMs` while it runs. */
export class MemoryPeaks {
  /** Per phase: the largest RSS sampled, the renderers' high-water mark at its last sample, the worker's heap. */
  readonly phases: Record<string, { rendererRssMb: number; rendererPeakRssMb: number; workerHeapMb: number | null }> =
    {};
  private phase = 'start';
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;

  constructor(
    private readonly memory: WorkerMemory | null,
    /** The renderer processes' RSS (ui-bench's chromiumRssMb). */
    private readonly rss: () => { renderer: number; rendererPeak: number } | null,
    private readonly everyMs = 5_000,
  ) {}

  start(phase: string): void {
    // The phase ending gets a last look at the RSS (its high-water mark then covers all of it).
    const rss = this.rss();
    const ending = this.phases[this.phase];
    if (rss && ending) this.note(ending, rss);
    this.phase = phase;
    this.timer ??= setInterval(() => void this.sample(), this.everyMs);
    void this.sample();
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const phase = this.phase;
      const rss = this.rss();
      const heap = this.memory ? await this.memory.heap(false) : null;
      const peak = (this.phases[phase] ??= { rendererRssMb: 0, rendererPeakRssMb: 0, workerHeapMb: null });
      if (rss) this.note(peak, rss);
      if (heap) peak.workerHeapMb = Math.max(peak.workerHeapMb ?? 0, heap.usedMb);
    } finally {
      this.busy = false;
    }
  }

  private note(peak: MemoryPeaks['phases'][string], rss: { renderer: number; rendererPeak: number }): void {
    peak.rendererRssMb = Math.max(peak.rendererRssMb, rss.renderer);
    peak.rendererPeakRssMb = Math.max(peak.rendererPeakRssMb, rss.rendererPeak);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
