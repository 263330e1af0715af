/**
 * Listing text: what a scraper saves from a subtopic or tag listing page. A streaming state
 * machine over lines, so a 200 MB file never sits in memory: it keeps only the lines of the entry
 * it is reading.
 *
 * Entries come in two layouts, both after a page header:
 *   compact:  title, body…, replies, boosts, views, activity
 *   labelled: title, body…, Replies, n, Boosts, n, Views, n, Activity, value
 */
import type { ImportWarning, ThreadRecord } from '../model';
import { tagByName, tagFromUrl } from '../tags/forum-tags';
import { checkActivity, isActivity } from './activity';
import { buildRecord } from './build-record';
import { parseCount, isCount } from './counts';
import { decodeEntities } from './html-entities';
import { captureHeaderDate } from './scrape-date';

export interface ListingScope {
  kind: 'subtopic' | 'tag';
  name: string;
}

export interface ListingHeader {
  pageUrl: string | null;
  scope: ListingScope | null;
  postCount: number | null;
}

export interface ListingSink {
  thread(record: ThreadRecord, line: number): void;
  warning(warning: ImportWarning): void;
}

interface NumberedLine {
  text: string;
  line: number;
}

const COLUMN_TITLES = ['post', 'replies', 'boosts', 'views', 'activity'];
/** Sorted by creation date, the page's last column is `Created`; its values read the same way. */
const LAST_COLUMN = ['activity', 'created'];
const LABELS = ['replies', 'boosts', 'views', 'activity'];
const SCOPE = /^Posts under (.+?) (subtopic|tag)$/i;
const POST_COUNT = /^([\d,]+) Posts?$/i;
/** An entry longer than this many lines is not an entry: the file is not a listing. */
const MAX_ENTRY_LINES = 5_000;

/** The listing page's own header: `Posts under … subtopic|tag`, the column titles, or its URL. */
export function hasListingHeader(head: string): boolean {
  const lines = head.split(/\r?\n/).map((l) => l.replace(/^\uFEFF/, '').trim());
  const lower = lines.map((l) => l.toLowerCase());
  const hasColumns =
    COLUMN_TITLES.slice(0, 4).every((t) => lower.includes(t)) && LAST_COLUMN.some((t) => lower.includes(t));
  const first = lines.find((l) => l !== '') ?? '';
  const listingUrl = /^https?:\/\/\S+\/forums\/(tags|topics)\/\S*$/i.test(first);
  return hasColumns || listingUrl || lines.some((l) => SCOPE.test(l));
}

/** Listing text without its header: labelled counts, or a compact entry's four count lines. */
export function looksLikeListing(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const labelled = lines.filter((l) => LABELS.includes(l.toLowerCase())).length >= 4;
  const compactEntry = lines.some(
    (_, i) =>
      i >= 1 &&
      isCount(lines[i]!) &&
      isCount(lines[i + 1] ?? '') &&
      isCount(lines[i + 2] ?? '') &&
      isActivity(lines[i + 3] ?? ''),
  );
  return hasListingHeader(head) || labelled || compactEntry;
}

export class ListingParser {
  private readonly file: string;
  private readonly capturedAt: Date | null;
  private readonly sink: ListingSink;
  private lineNo = 0;
  private inHeader = true;
  /** The last column is `Created` (a page sorted by creation date): its values are not activity. */
  private createdColumn = false;
  private pending: NumberedLine[] = [];
  readonly header: ListingHeader = { pageUrl: null, scope: null, postCount: null };

  constructor(file: string, capturedAt: Date | null, sink: ListingSink) {
    this.file = file;
    this.capturedAt = capturedAt;
    this.sink = sink;
  }

  push(rawLine: string): void {
    this.lineNo++;
    const text = rawLine.replace(/\r$/, '').trim();
    if (text === '') return;
    if (this.inHeader && this.readHeaderLine(text)) return;
    if (!this.inHeader && this.readPageBreak(text)) return;
    this.pending.push({ text, line: this.lineNo });
    this.tryCompleteEntry();
    if (this.pending.length > MAX_ENTRY_LINES) {
      this.warn(this.pending[0]!.line, `no counts after ${MAX_ENTRY_LINES} lines: skipped them`);
      this.pending = [];
    }
  }

  end(): void {
    if (this.pending.length > 0) {
      const first = this.pending[0]!;
      this.warn(first.line, `entry "${first.text.slice(0, 60)}" is cut off before its counts: skipped`);
      this.pending = [];
    }
  }

  /** Header lines are consumed here; returns false at the first line that is not header. */
  private readHeaderLine(text: string): boolean {
    const lower = text.toLowerCase();
    if (this.lineNo === 1 && /^https?:\/\//i.test(text)) {
      this.header.pageUrl = text;
      return true;
    }
    // `Captured: …`: read by parse-source as the capture time; not an entry.
    if (this.pending.length === 0 && captureHeaderDate(text)) return true;
    const scope = SCOPE.exec(text);
    if (scope) {
      this.header.scope = { kind: scope[2]!.toLowerCase() as ListingScope['kind'], name: scope[1]! };
      this.pending = [];
      return true;
    }
    const count = POST_COUNT.exec(text);
    if (count && this.header.scope) {
      this.header.postCount = Number(count[1]!.replace(/,/g, ''));
      return true;
    }
    if (LAST_COLUMN.includes(lower) && this.endsWithColumnTitles()) {
      // The column titles end the header: whatever came before them was page chrome.
      this.pending = [];
      this.inHeader = false;
      this.createdColumn = lower === 'created';
      return true;
    }
    return false;
  }

  /**
   * Two pages saved into one file: the second page's header (`Posts under … subtopic`, then the
   * column titles) comes between two entries. It is a page break: the lines gathered since the
   * last entry were that page's chrome, not a thread called "Networking".
   */
  private readPageBreak(text: string): boolean {
    if (SCOPE.test(text)) {
      this.inHeader = true;
      return this.readHeaderLine(text);
    }
    const lower = text.toLowerCase();
    if (LAST_COLUMN.includes(lower) && this.endsWithColumnTitles()) {
      this.pending = [];
      this.createdColumn = lower === 'created';
      return true;
    }
    return false;
  }

  private endsWithColumnTitles(): boolean {
    const tail = this.pending.slice(-4).map((l) => l.text.toLowerCase());
    return tail.join('|') === COLUMN_TITLES.slice(0, 4).join('|');
  }

  private tryCompleteEntry(): void {
    const n = this.pending.length;
    const last = (k: number) => this.pending[n - k]!.text;
    const labelAt = (i: number) => last(8 - 2 * i).toLowerCase();
    const labelled = () =>
      LABELS.every((label, i) => labelAt(i) === label || (i === 3 && LAST_COLUMN.includes(labelAt(i))));
    if (n >= 9 && isActivity(last(1)) && labelled()) {
      const [r, b, v] = [last(7), last(5), last(3)];
      if (isCount(r) && isCount(b) && isCount(v))
        return this.emit(n - 8, r, b, v, last(1), this.createdColumn || labelAt(3) === 'created');
    }
    if (n >= 5 && isActivity(last(1)) && isCount(last(2)) && isCount(last(3)) && isCount(last(4))) {
      this.emit(n - 4, last(4), last(3), last(2), last(1), this.createdColumn);
    }
  }

  private emit(
    statsAt: number,
    replies: string,
    boosts: string,
    views: string,
    dateText: string,
    created: boolean,
  ): void {
    const lines = this.pending.slice(0, statsAt);
    this.pending = [];
    this.inHeader = false;
    if (lines.length === 0) {
      this.warn(this.lineNo, 'counts without a title: skipped');
      return;
    }
    const titleLine = lines[0]!;
    const title = decodeEntities(titleLine.text);
    const body = decodeEntities(
      lines
        .slice(1)
        .map((l) => l.text)
        .join('\n'),
    );
    const boostCount = parseCount(boosts);
    const checked = checkActivity(dateText, this.capturedAt);
    if (checked.problem) this.warn(this.lineNo, checked.problem);
    const date = checked.activity;
    const record = buildRecord({
      title,
      forumId: null,
      url: null,
      // A `Created` value dates the question; the thread's last activity is then unknown.
      posts: [
        { forumId: null, author: null, date: created ? date.date : null, body, boosts: boostCount, accepted: false },
      ],
      // A tag page lists only threads carrying that tag: the forum gave it, so it is explicit.
      tags: this.scopeTag() ? [this.scopeTag()!] : [],
      replies: parseCount(replies),
      boosts: boostCount,
      views: parseCount(views),
      activity: created ? { raw: null, date: null } : date,
      capturedAt: this.capturedAt,
      source: 'listing',
    });
    this.sink.thread(record, titleLine.line);
  }

  private scopeTag(): string | null {
    if (this.header.scope?.kind === 'tag') return tagByName(this.header.scope.name) ?? this.header.scope.name;
    return this.header.pageUrl ? tagFromUrl(this.header.pageUrl) : null;
  }

  private warn(line: number, message: string): void {
    this.sink.warning({ file: this.file, line, message });
  }
}
