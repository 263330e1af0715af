import { describe, expect, it } from 'vitest';
import { runSliced } from '../../../src/search/slices';

describe('runSliced', () => {
  it('tells how long each slice ran, the last one included', async () => {
    function* work() {
      for (let i = 0; i < 5; i++) yield;
      return 'done';
    }
    const times: number[] = [];
    let ends = 0;
    const value = await runSliced(work(), { sliceUnits: 2, onSlice: () => ends++, onSliceMs: (ms) => times.push(ms) });
    expect(value).toBe('done');
    // Units 1–2, 3–4, 5 and the end: three slices, two of them followed by a yield to other tasks.
    expect(times).toHaveLength(3);
    expect(ends).toBe(2);
    expect(times.every((ms) => ms >= 0)).toBe(true);
  });
});

describe('runSliced with yieldTo', () => {
  it('waits between slices for the work it yields to, and runs no unit meanwhile', async () => {
    const log: string[] = [];
    function* work() {
      for (let i = 1; i <= 4; i++) {
        yield;
        log.push(`unit ${i}`);
      }
    }
    let release!: () => void;
    let held: Promise<void> | null = new Promise<void>((resolve) => (release = resolve));
    const run = runSliced(work(), { sliceUnits: 2, yieldTo: () => held });
    // The first slice runs units 1 (its first step starts the generator) and stops at its limit.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['unit 1']);
    log.push('write ends');
    held = null;
    release();
    await run;
    expect(log).toEqual(['unit 1', 'write ends', 'unit 2', 'unit 3', 'unit 4']);
  });

  it('goes on when the work it yields to fails', async () => {
    function* work() {
      yield;
      yield;
      yield;
      return 'done';
    }
    let calls = 0;
    const failing = Promise.reject(new Error('the write was aborted'));
    failing.catch(() => undefined);
    const value = await runSliced(work(), { sliceUnits: 1, yieldTo: () => (calls++ === 0 ? failing : null) });
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });
});
