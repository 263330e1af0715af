import { isActivity, parseActivity } from './activity';

const FULL_DATE =
  /^(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}(?:,? \d{1,2}:\d{2}(?: ?[AP]M)?)?|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)$/;

/** True for a line that is only a post date: `May 30, 2025`, `2025-05-30`, `Jun ’25`, `3w`. */
export function isPostDate(text: string): boolean {
  const t = text.trim();
  return FULL_DATE.test(t) || isActivity(t);
}

/** A post date as ISO-8601 (UTC midnight for a bare day), relative ones counted from `capturedAt`. */
export function parsePostDate(text: string, capturedAt: Date | null): string | null {
  const t = text.trim();
  if (FULL_DATE.test(t)) {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(t)
      ? Date.parse(`${t}T00:00:00Z`)
      : Date.parse(/\d{4}-/.test(t) ? t : `${t} UTC`);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  return parseActivity(t, capturedAt).date;
}
