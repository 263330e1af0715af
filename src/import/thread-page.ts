/**
 * A saved thread page (developer.apple.com/forums/thread/NNN): the HTML a browser saves, or the
 * text a scraper or a copy-paste gives. Both end as one ThreadRecord: the question and its replies.
 */
import type { ImportWarning, ThreadRecord } from '../model';
import { isHtmlStart } from './detect-format';
import { parseThreadPageHtml } from './thread-page-html';
import { parseThreadPageText } from './thread-page-text';

export interface ThreadPageResult {
  records: ThreadRecord[];
  warnings: ImportWarning[];
}

export function parseThreadPage(file: string, content: string, capturedAt: Date | null): ThreadPageResult {
  return isHtmlStart(content.slice(0, 65_536))
    ? parseThreadPageHtml(file, content, capturedAt)
    : parseThreadPageText(file, content, capturedAt);
}
