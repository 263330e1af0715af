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

export function formatDate(iso: string | null): string {
  if (!iso) return 'unknown date';
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Activity as the forum shows it: the scraped text (`3w`, `Jun ’25`) when there is one, else the
 * date in the forum's month style (a thread page or feed gives a date, not the listing's text).
 */
export function formatActivity(activity: { raw: string | null; date: string | null }): string {
  if (activity.raw) return activity.raw;
  if (!activity.date) return '–';
  const d = new Date(activity.date);
  return Number.isNaN(d.getTime()) ? '–' : `${MONTHS[d.getUTCMonth()]} ’${String(d.getUTCFullYear()).slice(2)}`;
}
