/**
 * A capture goes through the same parsers as a saved file: its visible text is a thread page's
 * text or a listing's, with the page's URL put on the first line the way scrapers save them. No
 * parser of its own, so whatever the thread-page and listing parsers learn, captures get too.
 */
import type { ImportWarning, ThreadRecord } from '../model';
import { decodeCapture, type Capture } from './capture-format';
import { detectFormat } from './detect-format';
import { ImportError } from './import-error';
import { ListingParser } from './listing-parser';
import { parseThreadPage } from './thread-page';
import { parseThreadUrl } from './thread-url';

export type CaptureKind = 'thread-page' | 'listing';

export interface ParsedCapture {
  kind: CaptureKind;
  records: ThreadRecord[];
  warnings: ImportWarning[];
}

const LISTING_PATH = /^\/forums\/(tags|topics)\//i;
const SITE_SUFFIX = /\s*[|–—-]\s*Apple Developer( Forums)?\s*$/i;

/** Which page the URL names; the text decides only for an address that names neither. */
function kindOf(capture: Capture, text: string, file: string): CaptureKind {
  if (parseThreadUrl(capture.url)?.threadId) return 'thread-page';
  let path = '';
  try {
    path = new URL(capture.url).pathname;
  } catch {
    // validateCapture checked the scheme; a malformed rest falls through to the text.
  }
  if (LISTING_PATH.test(path)) return 'listing';
  const detected = detectFormat(text);
  if (detected === 'thread-page' || detected === 'listing') return detected;
  throw new ImportError(
    file,
    null,
    `not a forum page: ${capture.url.slice(0, 200)} is neither a thread (…/forums/thread/NNN) nor a tag or topic listing, and its text reads as neither`,
  );
}

/**
 * The text the parsers read: the URL, then the page's text. On a thread page, the site's own
 * chrome above the title (navigation, banners) becomes blank lines, which every parser skips, so
 * line numbers in warnings stay those of the captured text. (A listing's parser finds where its
 * header ends by itself; a row's title may equal the page's.)
 */
function pageText(capture: Capture, kind: CaptureKind | null): string {
  const lines = capture.text.replace(/\r\n?/g, '\n').split('\n');
  const title = capture.title.replace(SITE_SUFFIX, '').trim();
  const at = kind !== 'thread-page' || title === '' ? -1 : lines.findIndex((l) => l.trim() === title);
  for (let i = 0; i < at; i++) lines[i] = '';
  // Text read from the live page is whole: it ends with a line break, as a saved page does, so the
  // thread-page parser does not take its last line for a capture cut off mid-line.
  return `${[capture.url, ...lines].join('\n')}\n`;
}

const hasPosts = (records: ThreadRecord[]) => records.some((r) => r.posts.some((p) => p.body.trim() !== ''));

function htmlPage(html: string, file: string, capturedAt: Date) {
  try {
    const parsed = parseThreadPage(file, html, capturedAt);
    return hasPosts(parsed.records) ? parsed : null;
  } catch {
    return null;
  }
}

/** Line numbers of the text field: the parsers saw the URL line first. */
const textLine = (line: number | null) => (line === null ? null : Math.max(1, line - 1));

export function parseCapture(capture: Capture, file: string): ParsedCapture {
  const capturedAt = new Date(capture.capturedAt);
  const hasText = capture.text.trim() !== '';
  const kind = kindOf(capture, hasText ? pageText(capture, null) : (capture.html ?? ''), file);
  const text = hasText ? pageText(capture, kind) : (capture.html ?? '');
  const warnings: ImportWarning[] = [];
  const records: ThreadRecord[] = [];
  const shift = (w: ImportWarning): ImportWarning => (hasText ? { ...w, line: textLine(w.line) } : w);
  try {
    if (kind === 'listing') {
      const parser = new ListingParser(file, capturedAt, {
        thread: (record) => records.push(record),
        warning: (w) => warnings.push(shift(w)),
      });
      for (const line of text.split('\n')) parser.push(line);
      parser.end();
      if (records.length === 0)
        throw new ImportError(file, null, 'a listing page without a single row the listing parser could read');
    } else {
      const parsed = parseThreadPage(file, text, capturedAt);
      // Text without a single post (a layout the text parser does not know yet): the DOM, if sent.
      const fromHtml =
        hasText && !hasPosts(parsed.records) && capture.html ? htmlPage(capture.html, file, capturedAt) : null;
      records.push(...(fromHtml ?? parsed).records);
      warnings.push(...(fromHtml ? fromHtml.warnings : parsed.warnings.map(shift)));
    }
  } catch (error) {
    if (error instanceof ImportError && hasText && error.line !== null)
      throw new ImportError(error.file, textLine(error.line), error.reason);
    throw error;
  }
  return { kind, records, warnings };
}

/** A capture file as the importers read it. */
export function parseCaptureFile(json: string, file: string): ParsedCapture {
  return parseCapture(decodeCapture(json, file), file);
}
