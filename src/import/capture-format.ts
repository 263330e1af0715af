/**
 * The capture: what the ForumKB Clipper reads from a forum page in the browser. The same JSON is
 * the body of `POST /capture` on the connector and a file format ("Save capture" in the extension,
 * the files `cli connector` writes), so a capture imports the same way however it arrives.
 *
 *   {"format": "forumkb-capture", "version": 1,
 *    "url": "https://developer.apple.com/forums/thread/790377",
 *    "title": "…", "text": "<the page's visible text>", "html": "<optional DOM>",
 *    "capturedAt": "2026-11-30T01:02:03.000Z"}
 *
 * `format` and `version` mark a file; a request body may leave them out.
 */
import { ImportError } from './import-error';

export const CAPTURE_FORMAT = 'forumkb-capture';
export const CAPTURE_VERSION = 1;

export interface Capture {
  url: string;
  title: string;
  /** The page's visible text (`innerText`): what the parsers read. */
  text: string;
  /** The page's DOM, when the extension sent it: read only when there is no text. */
  html?: string;
  /** When the page was read: the capture time of every count on it. */
  capturedAt: string;
}

export interface CaptureFile extends Capture {
  format: typeof CAPTURE_FORMAT;
  version: typeof CAPTURE_VERSION;
}

export type CaptureStatus = 'added' | 'updated' | 'unchanged';

/** One thread as the connector reports it back to the extension. */
export interface CapturedThread {
  id: string;
  title: string;
  status: CaptureStatus;
  /**
   * Replies the thread has now that the database did not have before: all of them when it was
   * added, the new ones when it was updated ("updated: 2 new replies").
   */
  newReplies: number;
}

/** The connector's answer to a capture. */
export interface CaptureAnswer {
  /** Which parser read the page: `thread-page` or `listing`. */
  kind: string;
  threads: CapturedThread[];
  /** The parsers' warnings, as `line N: message`. */
  warnings: string[];
}

/** The first bytes of a file say whether it is a capture (never its name). */
export function isCaptureHead(head: string): boolean {
  return /^\s*\{/.test(head) && /"format"\s*:\s*"forumkb-capture"/.test(head);
}

export function toCaptureFile(capture: Capture): CaptureFile {
  const { url, title, text, html, capturedAt } = capture;
  return {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    url,
    title,
    capturedAt,
    ...(html !== undefined ? { html } : {}),
    text,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a decoded capture (a request body or a file) and returns it typed; anything else is an
 * ImportError that says which field is wrong.
 */
export function validateCapture(value: unknown, file: string): Capture {
  const fail = (message: string): never => {
    throw new ImportError(file, null, `not a ForumKB capture: ${message}`);
  };
  if (!isRecord(value)) return fail('expected a JSON object');
  if (value.format !== undefined && value.format !== CAPTURE_FORMAT) fail(`"format" is not "${CAPTURE_FORMAT}"`);
  if (value.version !== undefined && value.version !== CAPTURE_VERSION)
    fail(`version ${JSON.stringify(value.version)} is not one this ForumKB reads (${CAPTURE_VERSION})`);
  const string = (key: string, required: boolean): string | undefined => {
    const v = value[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string') return fail(`"${key}" must be a string`);
    return v;
  };
  const url = string('url', true)!;
  if (!/^https?:\/\/[^\s/]+/i.test(url)) fail(`"url" is not an http(s) address: ${url.slice(0, 200)}`);
  const title = string('title', true)!;
  const text = string('text', true)!;
  const html = string('html', false);
  const capturedAt = string('capturedAt', true)!;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(capturedAt) || Number.isNaN(Date.parse(capturedAt)))
    fail(`"capturedAt" is not an ISO date and time: ${capturedAt.slice(0, 60)}`);
  if (text.trim() === '' && (html ?? '').trim() === '') fail('the page has neither text nor html');
  return { url, title, text, ...(html !== undefined ? { html } : {}), capturedAt };
}

/** Decodes a capture file's JSON; a syntax error names the file. */
export function decodeCapture(json: string, file: string): Capture {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(file, null, `not a ForumKB capture: the JSON does not parse (${(error as Error).message})`);
  }
  return validateCapture(value, file);
}
