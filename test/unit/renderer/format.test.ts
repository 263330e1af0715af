import { describe, expect, it } from 'vitest';
import { formatActivity, formatCount } from '../../../renderer/app/format';

describe('list formatting', () => {
  it.each([
    [{ raw: '3w', date: '2026-02-22T00:00:00.000Z' }, '3w'],
    [{ raw: 'Jun ’25', date: '2025-06-01T00:00:00.000Z' }, 'Jun ’25'],
    [{ raw: null, date: '2025-05-28T17:20:00.000Z' }, 'May ’25'],
    [{ raw: null, date: null }, '–'],
    [{ raw: null, date: 'not a date' }, '–'],
  ])('activity %j shows as %s', (activity, shown) => {
    expect(formatActivity(activity)).toBe(shown);
  });

  it.each([
    [null, '–'],
    [37, '37'],
    [4200, '4.2k'],
    [1900, '1.9k'],
    [1_200_000, '1.2M'],
  ])('count %s shows as %s', (value, shown) => {
    expect(formatCount(value)).toBe(shown);
  });
});
