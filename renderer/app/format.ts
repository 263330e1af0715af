import { isActivity } from '../../src/import/activity';

/** Counts as the forum shows them: 248, 4.2k, 1.2M. */
export function formatCount(value: number | null): string {
  if (value === null) return '–';
  if (value >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (value >= 1_000) return `${trim(value / 1_000)}k`;
  return String(value);
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}

/** One formatter for every date shown: `toLocaleDateString` builds a new one on each call (about a millisecond). */
let dateFormat: Intl.DateTimeFormat | undefined;

export function formatDate(iso: string | null): string {
  if (!iso) return 'unknown date';
  const date = new Date(iso);
  // Intl throws on an invalid date where toLocaleDateString said "Invalid Date".
  if (Number.isNaN(date.getTime())) return 'unknown date';
  dateFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return dateFormat.format(date);
}

/** `1 reply`, `10 replies`, `– replies` (unknown). */
export function formatCountOf(value: number | null, one: string, many: string): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Activity as the forum shows it: the listing's text (`3w`, `Jun ’25`) when that is what was
 * scraped, else the date in the forum's month style (a thread page or feed gives a date — a feed's
 * raw `2025-12-02T08:15:00Z` or `Wed, 09 Apr 2025 10:41:07 GMT` is not for reading).
 */
export function formatActivity(activity: { raw: string | null; date: string | null }): string {
  if (activity.raw && isActivity(activity.raw)) return activity.raw;
  if (!activity.date) return '–';
  const d = new Date(activity.date);
  return Number.isNaN(d.getTime()) ? '–' : `${MONTHS[d.getUTCMonth()]} ’${String(d.getUTCFullYear()).slice(2)}`;
}

/** Activity for the reader: the listing's text, else the full date the thread page or feed gave. */
export function formatActivityLong(activity: { raw: string | null; date: string | null }): string {
  if (activity.raw && isActivity(activity.raw)) return activity.raw;
  if (!activity.date || Number.isNaN(new Date(activity.date).getTime())) return 'at an unknown date';
  return `on ${formatDate(activity.date)}`;
}
