import { describe, expect, it } from 'vitest';
import {
  formatActivity,
  formatActivityLong,
  formatCount,
  formatCountOf,
  formatDate,
} from '../../../renderer/app/format';

describe('list formatting', () => {
  it.each([
    [{ raw: '3w', date: '2026-02-22T00:00:00.000Z' }, '3w'],
    [{ raw: 'Jun ’25', date: '2025-06-01T00:00:00.000Z' }, 'Jun ’25'],
    [{ raw: null, date: '2025-05-28T17:20:00.000Z' }, 'May ’25'],
    [{ raw: null, date: null }, '–'],
    [{ raw: null, date: 'not a date' }, '–'],
    // A feed keeps its timestamp as raw text: that is not what the forum shows.
    [{ raw: '2025-12-02T08:15:00Z', date: '2025-12-02T08:15:00.000Z' }, 'Dec ’25'],
    [{ raw: 'Wed, 09 Apr 2025 10:41:07 GMT', date: '2025-04-09T10:41:07.000Z' }, 'Apr ’25'],
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

  it.each([
    [1, '1 reply'],
    [0, '0 replies'],
    [10, '10 replies'],
    [null, '– replies'],
  ])('%s replies reads %s', (value, shown) => {
    expect(formatCountOf(value, 'reply', 'replies')).toBe(shown);
  });

  it('shows a feed date in full in the reader, and the listing text as it was', () => {
    expect(formatActivityLong({ raw: '2025-12-02T08:15:00Z', date: '2025-12-02T08:15:00.000Z' })).toMatch(/^on .*2025/);
    expect(formatActivityLong({ raw: '3w', date: '2026-02-22T00:00:00.000Z' })).toBe('3w');
    expect(formatActivityLong({ raw: null, date: null })).toBe('at an unknown date');
  });

  it('formats dates as the locale does, and an unreadable one as unknown', () => {
    const options = { year: 'numeric', month: 'short', day: 'numeric' } as const;
    expect(formatDate('2026-03-15T12:00:00.000Z')).toBe(
      new Date('2026-03-15T12:00:00.000Z').toLocaleDateString(undefined, options),
    );
    expect(formatDate('2025-06-01T12:00:00.000Z')).toBe(
      new Date('2025-06-01T12:00:00.000Z').toLocaleDateString(undefined, options),
    );
    expect(formatDate('not a date')).toBe('unknown date');
    expect(formatDate(null)).toBe('unknown date');
  });
});
