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

/** The earliest and latest instants an activity date may name: four-digit years only. */
const EARLIEST_MS = new Date(0).setUTCFullYear(1, 0, 1);
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO-8601 date, or null when `ms` names no time a four-digit year can write. */
function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? new Date(ms).toISOString() : null;
}

export interface CheckedActivity {
  activity: Activity;
  /** Why a value that reads like activity gave no date (`300000y`): for a warning on its line. */
  problem: string | null;
}

/**
 * Turns the listing's activity text into an approximate date. Relative values count back from
 * `capturedAt`; a month becomes the first day of that month (UTC). The raw text is always kept;
 * a value out of any calendar's range (`300000y`, `99999999mo`) keeps it with no date, and says so.
 */
export function checkActivity(raw: string, capturedAt: Date | null): CheckedActivity {
  const t = raw.trim();
  const rel = RELATIVE.exec(t);
  if (rel) {
    if (!capturedAt) return { activity: { raw: t, date: null }, problem: null };
    const ms = Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!;
    return dated(t, isoOrNull(capturedAt.getTime() - ms));
  }
  const my = MONTH_YEAR.exec(t);
  if (my) {
    const month = monthIndex(my[1]!);
    const year = my[3] ? Number(my[3]) : 2000 + Number(my[2]);
    if (month >= 0) return dated(t, isoOrNull(Date.UTC(year, month, 1)));
  }
  return { activity: { raw: t, date: null }, problem: null };
}

function dated(raw: string, date: string | null): CheckedActivity {
  return {
    activity: { raw, date },
    problem: date === null ? `activity "${raw}" is out of range: kept as text, without a date` : null,
  };
}

/** `checkActivity` without the reason: for callers that have no line to warn on. */
export function parseActivity(raw: string, capturedAt: Date | null): Activity {
  return checkActivity(raw, capturedAt).activity;
}
