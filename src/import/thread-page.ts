/**
 * A saved thread page (developer.apple.com/forums/thread/NNN): the HTML a browser saves, or the
 * text a scraper or a copy-paste gives. Both end as one ThreadRecord: the question and its replies.
 */
import type { ImportWarning, ThreadRecord } from '../model';
import { parseThreadPageHtml } from './thread-page-html';
import { parseThreadPageText } from './thread-page-text';

export interface ThreadPageResult {
  records: ThreadRecord[];
  warnings: ImportWarning[];
}

export function isHtml(content: string): boolean {
  return /^\s*(\uFEFF)?\s*(<!doctype html|<html)/i.test(content);
}

export function parseThreadPage(file: string, content: string, capturedAt: Date | null): ThreadPageResult {
  return isHtml(content)
    ? parseThreadPageHtml(file, content, capturedAt)
    : parseThreadPageText(file, content, capturedAt);
}
