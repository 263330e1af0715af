import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StalledError, watchForStall } from '../../../renderer/data/stall-watch';

describe('the data worker watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops work that shows no sign of life for the limit, naming the file last reported', async () => {
    const watched = watchForStall(new Promise<string>(() => undefined), 60_000);
    const outcome = watched.result.catch((error: unknown) => error);
    watched.alive('huge-page.html');
    await vi.advanceTimersByTimeAsync(59_000);
    watched.alive();
    // 59 s after the last sign of life: still waiting.
    await vi.advanceTimersByTimeAsync(59_000);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(StalledError);
    expect((error as StalledError).file).toBe('huge-page.html');
    expect((error as Error).message).toMatch(/did not answer for 60 s while reading huge-page\.html/);
  });

  it('passes through work that finishes, and its failures, and stops watching', async () => {
    const done = watchForStall(Promise.resolve(42), 1_000);
    await expect(done.result).resolves.toBe(42);
    const failed = watchForStall(Promise.reject(new Error('bad file')), 1_000);
    await expect(failed.result).rejects.toThrow('bad file');
    expect(vi.getTimerCount()).toBe(0);
  });
});
