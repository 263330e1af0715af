/**
 * At most one request in flight, and of those asked for meanwhile only the latest is sent: while
 * one runs, each newer one replaces the waiting one, and the replaced ones resolve `SKIPPED`
 * without running. Typing sends its first key at once (no debounce to wait out) and never queues
 * a search per key behind a slow one.
 */
export const SKIPPED = Symbol('skipped');

export class LatestOnly {
  private running = false;
  private waiting: { task: () => Promise<unknown>; settle: (run: boolean) => void } | null = null;

  run<T>(task: () => Promise<T>): Promise<T | typeof SKIPPED> {
    if (!this.running) return this.start(task);
    this.waiting?.settle(false);
    return new Promise<T | typeof SKIPPED>((resolve, reject) => {
      this.waiting = {
        task,
        settle: (run) => (run ? this.start(task).then(resolve, reject) : resolve(SKIPPED)),
      };
    });
  }

  private async start<T>(task: () => Promise<T>): Promise<T> {
    this.running = true;
    try {
      return await task();
    } finally {
      this.running = false;
      const next = this.waiting;
      this.waiting = null;
      next?.settle(true);
    }
  }
}
