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
