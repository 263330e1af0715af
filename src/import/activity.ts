import type { Activity } from '../model';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RELATIVE = /^(\d+)\s*(s|m|min|h|d|w|mo|y)$/i;
// `Jun ’25`, `Jun '25`, `Jun 2025`
const MONTH_YEAR = /^([A-Za-z]{3})[a-z]*\.?\s*(?:[’'‘`](\d{2})|(\d{4}))$/;
const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/** True when `text` is an activity value as the listing shows it. */
export function isActivity(text: string): boolean {
  const t = text.trim();
  if (RELATIVE.test(t)) return true;
  const m = MONTH_YEAR.exec(t);
  return m !== null && monthIndex(m[1]!) >= 0;
}

/**
 * Turns the listing's activity text into an approximate date. Relative values count back from
 * `capturedAt`; a month becomes the first day of that month (UTC). The raw text is always kept.
 */
export function parseActivity(raw: string, capturedAt: Date | null): Activity {
  const t = raw.trim();
  const rel = RELATIVE.exec(t);
  if (rel) {
    if (!capturedAt) return { raw: t, date: null };
    const ms = Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!;
    return { raw: t, date: new Date(capturedAt.getTime() - ms).toISOString() };
  }
  const my = MONTH_YEAR.exec(t);
  if (my) {
    const month = monthIndex(my[1]!);
    const year = my[3] ? Number(my[3]) : 2000 + Number(my[2]);
    if (month >= 0) return { raw: t, date: new Date(Date.UTC(year, month, 1)).toISOString() };
  }
  return { raw: t, date: null };
}
