/**
 * One entry point for every importer: detects the format from the content and streams the
 * file's threads out. Errors are always ImportError, naming the file and, where known, the line.
 */
import { archiveRecords } from '../archive/archive-records';
import { decodeArchive } from '../archive/decode-archive';
import type { ImportWarning, ThreadRecord } from '../model';
import type { UserData } from '../user-data/merge-user-data';
import { parseCaptureFile } from './capture-import';
import { detectFormat, type Format } from './detect-format';
import { ImportError } from './import-error';
import { parseFeed } from './feed-parser';
import { ListingParser } from './listing-parser';
import { resolveCaptureTime, statedCaptureDate, type CaptureSource } from './scrape-date';
import { parseThreadPage } from './thread-page';
import type { TextSource } from './text-source';
import { Pacer } from '../search/slices';

export interface ParseOptions {
  /**
   * When the user says the files were captured. A date the file states itself wins over it; the
   * file's modification time is used only when neither is known (see `scrape-date.ts`).
   */
  capturedAt?: Date | null;
  /** Above this many bytes a file that is read whole is refused (tests lower it); see WHOLE_FILE_LIMITS. */
  wholeFileLimits?: Partial<Record<WholeFormat, number>>;
  /**
   * A listing's lines are read at most this long (ms) before other tasks get a turn (default 20):
   * lines already read resolve as microtasks, which no message can get in between.
   */
  sliceMs?: number;
}

type WholeFormat = 'feed' | 'thread-page' | 'capture' | 'archive';

const MB = 1024 * 1024;
/**
 * The memory limit of an import. Listings stream in flat memory whatever their size; the other
 * formats are read whole, and parsing a saved page takes about 45 MB of memory a MB at its peak
 * (`npm run bench -- --only html`), so a page over 64 MB would need gigabytes and could take the
 * data worker down with it. An archive is JSON, parsed at a few times its size. Above these, the
 * file is refused with a clear error before it is read, and the other files still go in.
 */
export const WHOLE_FILE_LIMITS: Record<WholeFormat, number> = {
  feed: 64 * MB,
  'thread-page': 64 * MB,
  capture: 64 * MB,
  archive: 1024 * MB,
};

const FORMAT_NAMES: Record<WholeFormat, string> = {
  feed: 'a feed',
  'thread-page': 'a saved thread page',
  capture: 'a clipper capture',
  archive: 'a ForumKB archive',
};

/** Refuses a file read whole that is larger than its format's limit (the import's memory limit). */
function checkWholeFileSize(source: TextSource, format: WholeFormat, options: ParseOptions): void {
  const limit = options.wholeFileLimits?.[format] ?? WHOLE_FILE_LIMITS[format];
  if (source.size === undefined || source.size === null || source.size <= limit) return;
  const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
  throw new ImportError(
    source.name,
    null,
    `too large to import: ${FORMAT_NAMES[format]} is read whole, and this one is ${mb(source.size)} ` +
      `(the limit is ${mb(limit)}, to keep the import within memory)`,
  );
}

export interface ParseCallbacks {
  /** May return a promise: the parser then waits before reading on (backpressure for batching). */
  record(record: ThreadRecord): void | Promise<void>;
  warning(warning: ImportWarning): void;
  /** Bookmarks, notes and read state: only a ForumKB archive has them. */
  userData?(data: UserData): void;
  /**
   * The capture time the file's counts are read as of, and where it came from. Not called for an
   * archive or a clipper capture, whose records carry their own.
   */
  captured?(capturedAt: Date | null, source: CaptureSource | null): void;
}

export interface ParsedFile {
  file: string;
  format: Format;
  records: ThreadRecord[];
  warnings: ImportWarning[];
  userData?: UserData;
  capturedAt: Date | null;
  captureSource: CaptureSource | null;
}

export async function parseSource(source: TextSource, options: ParseOptions, out: ParseCallbacks): Promise<Format> {
  try {
    return await parseDetected(source, options, out);
  } catch (error) {
    throw asImportError(source.name, error);
  }
}

/**
 * A file that cannot be read (gone, a directory, no permission) is an ImportError like any other,
 * and so is any failure a parser did not foresee (a RangeError, a stack overflow): it names the
 * file, so one bad file never takes the rest of the batch down with it.
 */
function asImportError(file: string, error: unknown): ImportError {
  if (error instanceof ImportError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return new ImportError(file, null, `cannot read the file (${code})`);
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ImportError(file, null, `could not be read (${what})`);
}

async function parseDetected(source: TextSource, options: ParseOptions, out: ParseCallbacks): Promise<Format> {
  const head = await source.head();
  const format = detectFormat(head);
  const { capturedAt, source: from } = resolveCaptureTime(
    statedCaptureDate(head),
    options.capturedAt,
    source.modifiedAt,
  );
  // An archive's threads and a clipper capture carry their own capture times.
  if (format !== 'archive' && format !== 'capture') out.captured?.(capturedAt, from);
  if (format !== null && format !== 'listing') checkWholeFileSize(source, format, options);
  switch (format) {
    case 'listing': {
      // The parser emits synchronously; records queue here and go out between lines, so an
      // asynchronous consumer (a store applying batches) slows the reading down instead of
      // letting records pile up.
      let queue: ThreadRecord[] = [];
      const parser = new ListingParser(source.name, capturedAt, {
        thread: (record) => queue.push(record),
        warning: (w) => out.warning(w),
      });
      const drain = async () => {
        const ready = queue;
        queue = [];
        for (const record of ready) {
          const pending = out.record(record);
          if (pending) await pending;
        }
      };
      const pacer = new Pacer(options.sliceMs);
      for await (const line of source.lines()) {
        parser.push(line);
        if (queue.length > 0) await drain();
        const pause = pacer.pause();
        if (pause) await pause;
      }
      parser.end();
      await drain();
      return format;
    }
    case 'feed':
    case 'thread-page': {
      // Feeds and thread pages are small: read whole, parsed at once.
      const parsed = parseWhole(format, source.name, await source.text(), capturedAt);
      for (const record of parsed.records) await out.record(record);
      parsed.warnings.forEach((w) => out.warning(w));
      return format;
    }
    case 'capture': {
      // A capture carries its own capture time: the moment the extension read the page.
      const parsed = parseCaptureFile(await source.text(), source.name);
      for (const record of parsed.records) await out.record(record);
      parsed.warnings.forEach((w) => out.warning(w));
      return format;
    }
    case 'archive': {
      const { records, userData } = archiveRecords(decodeArchive(await source.text(), source.name));
      for (const record of records) await out.record(record);
      out.userData?.(userData);
      return format;
    }
    case null:
      throw new ImportError(
        source.name,
        1,
        'not a format ForumKB knows (listing text, thread page, RSS/Atom feed, ForumKB archive or capture)',
      );
  }
}

function parseWhole(format: 'feed' | 'thread-page', file: string, content: string, capturedAt: Date | null) {
  return format === 'feed' ? parseFeed(file, content, capturedAt) : parseThreadPage(file, content, capturedAt);
}

/** Parses a whole file into memory: for small files, tests and the IPC boundary. */
export async function parseToFile(source: TextSource, options: ParseOptions = {}): Promise<ParsedFile> {
  const records: ThreadRecord[] = [];
  const warnings: ImportWarning[] = [];
  let userData: UserData | undefined;
  let captured: Pick<ParsedFile, 'capturedAt' | 'captureSource'> = { capturedAt: null, captureSource: null };
  const format = await parseSource(source, options, {
    captured: (capturedAt, captureSource) => {
      captured = { capturedAt, captureSource };
    },
    record: (r) => {
      records.push(r);
    },
    warning: (w) => warnings.push(w),
    userData: (data) => {
      userData = data;
    },
  });
  return { file: source.name, format, records, warnings, ...captured, ...(userData ? { userData } : {}) };
}
