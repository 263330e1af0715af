import { describe, expect, it } from 'vitest';
import { WritePace } from '../../../renderer/data/write-pace';

describe('WritePace', () => {
  it('has no size before a write was timed, and none from writes of user data alone', () => {
    const pace = new WritePace(200, 10);
    expect(pace.size()).toBeUndefined();
    pace.wrote(0, 30);
    expect(pace.size()).toBeUndefined();
  });

  it('sizes the next write to last the target at the time per record of the last writes, never below its minimum', () => {
    const pace = new WritePace(200, 10, 2);
    pace.wrote(500, 1000);
    // 2 ms a record: 100 records in 200 ms.
    expect(pace.size()).toBe(100);
    pace.wrote(100, 100);
    // Over the last two: 1100 ms for 600 records.
    expect(pace.size()).toBe(Math.floor(200 / (1100 / 600)));
    pace.wrote(100, 100);
    // The first write is out of the window: 1 ms a record.
    expect(pace.size()).toBe(200);
    pace.wrote(10, 5000);
    pace.wrote(10, 5000);
    expect(pace.size()).toBe(10);
  });

  it('settles on the size whose write lasts the target, when each write costs a fixed time besides its records', () => {
    const pace = new WritePace(250, 10);
    // 100 ms a write, 2 ms a record: 75 records take 250 ms.
    let size = 10;
    for (let i = 0; i < 30; i++) {
      pace.wrote(size, 100 + 2 * size);
      size = pace.size()!;
    }
    expect(Math.abs(size - 75)).toBeLessThanOrEqual(1);
  });
});
