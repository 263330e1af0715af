/**
 * When a file says it was captured. Counts are true "as of" a capture time, taken in this order: a
 * date the file states (a scraper's header line, a saved page's metadata), then a date the user
 * gives at import, then the file's modification time.
 *
 *   text:  `Captured: 2026-03-15T10:00:00Z` (or Saved / Scraped / Retrieved / Fetched / Downloaded,
 *          with or without `at`/`on`) on one of the first lines
 *   HTML:  SingleFile's `saved date: …` comment, Save Page WE's `<meta name="savepage-date">`,
 *          `<meta property="article:modified_time">` is NOT a capture date and is ignored
 */
export type CaptureSource = 'file' | 'user' | 'file-time';

const TEXT_HEADER = /^(?:Captured|Saved|Scraped|Retrieved|Fetched|Downloaded)(?: (?:at|on))?:\s*(.+?)\s*$/i;
const SINGLE_FILE = /<!--[\s\S]{0,2000}?\bsaved date:\s*([^\n]+?)\s*(?:\n|-->)/i;
const SAVE_PAGE_WE = /<meta\s+name=["']savepage-date["']\s+content=["']([^"']+)["']/i;
/** How many lines at the top of a text file may hold the header. */
const HEADER_LINES = 6;

function toDate(text: string): Date | null {
  // `Sat Nov 28 2026 10:00:00 GMT+0100 (Central European Standard Time)`: drop the zone's name.
  const ms = Date.parse(text.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A text file's capture header line, if `line` is one: its date. */
export function captureHeaderDate(line: string): Date | null {
  const m = TEXT_HEADER.exec(line.trim());
  return m ? toDate(m[1]!) : null;
}

/** The capture date a file states in its first kilobytes, or null. */
export function statedCaptureDate(head: string): Date | null {
  const html = SINGLE_FILE.exec(head) ?? SAVE_PAGE_WE.exec(head);
  if (html) return toDate(html[1]!);
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/, HEADER_LINES);
  for (const line of lines) {
    const date = captureHeaderDate(line);
    if (date) return date;
  }
  return null;
}

/** The capture time to use and where it came from (see the header comment for the order). */
export function resolveCaptureTime(
  stated: Date | null,
  given: Date | null | undefined,
  fileTime: Date | null,
): { capturedAt: Date | null; source: CaptureSource | null } {
  if (stated) return { capturedAt: stated, source: 'file' };
  if (given) return { capturedAt: given, source: 'user' };
  return { capturedAt: fileTime, source: fileTime ? 'file-time' : null };
}
