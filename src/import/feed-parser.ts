/**
 * RSS 2.0 and Atom feeds of a forum tag or subtopic (`/forums/tags/rssFeed/network`). Each item is
 * a thread: its URL and id, title, date, author, and the feed's tag. The item's description is the
 * start of the question, so it computes the same fingerprint a listing entry would.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportWarning, ThreadRecord } from '../model';
import { tagByName, tagFromUrl } from '../tags/forum-tags';
import { buildRecord } from './build-record';
import { decodeEntities } from './html-entities';
import { htmlToText } from './html-text';
import { ImportError } from './import-error';
import { parseThreadUrl } from './thread-url';

export interface FeedResult {
  records: ThreadRecord[];
  warnings: ImportWarning[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['item', 'entry', 'category', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

function asNode(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

/** The text of an element that may be a string, a number or an object with `#text`. */
function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  const node = asNode(value);
  return node ? text(node['#text']) : null;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** RSS `<link>text</link>` or Atom `<link href rel="alternate"/>`. */
function linkOf(item: Node): string | null {
  for (const link of list(item['link'])) {
    const node = asNode(link);
    if (node && typeof node['@_href'] === 'string') {
      const rel = node['@_rel'];
      if (rel === undefined || rel === 'alternate') return node['@_href'];
    } else {
      const t = text(link);
      if (t) return t;
    }
  }
  return text(item['guid']) ?? text(item['id']);
}

function isoDate(raw: string | null): string | null {
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function authorOf(item: Node): string | null {
  const atom = asNode(list(item['author'])[0]);
  if (atom) return text(atom['name']);
  const raw = text(item['dc:creator']) ?? text(item['author']);
  // RSS <author> is `email (Name)`: keep the name.
  const paren = raw ? /\(([^)]+)\)\s*$/.exec(raw) : null;
  return paren ? paren[1]!.trim() : raw;
}

function categoriesOf(item: Node): string[] {
  return list(item['category'])
    .map((c) => {
      const node = asNode(c);
      return node && typeof node['@_term'] === 'string' ? node['@_term'] : text(c);
    })
    .filter((c): c is string => c !== null);
}

/** Topics and subtopics (`App & System Services`, `Networking`) are where a thread is, not tags. */
function isTopic(category: string): boolean {
  return category.includes('&') || /^Networking$/i.test(category.trim());
}

export function parseFeed(file: string, xml: string, capturedAt: Date | null): FeedResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ImportError(file, valid.err.line ?? null, `not well-formed XML: ${valid.err.msg}`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new ImportError(file, null, `cannot read the feed: ${String(error)}`);
  }
  const rss = asNode(doc['rss']);
  const channel = rss ? asNode(list(rss['channel'])[0]) : null;
  const atom = asNode(doc['feed']);
  const feed = channel ?? atom;
  if (!feed) throw new ImportError(file, 1, 'neither an RSS channel nor an Atom feed');
  const items = list(channel ? feed['item'] : feed['entry']).map(asNode);

  // The feed's own tag: from its self link (`…/rssFeed/network`), its page link, or its title.
  const feedLinks = [...list(feed['atom:link']), ...list(feed['link'])]
    .map((l) => asNode(l)?.['@_href'] ?? text(l))
    .filter((l): l is string => typeof l === 'string');
  const feedTitle = text(feed['title']);
  const feedTag =
    feedLinks.map(tagFromUrl).find((t) => t !== null) ??
    (feedTitle ? tagByName(feedTitle.replace(/\s+Posts?$/i, '')) : null);

  const records: ThreadRecord[] = [];
  const warnings: ImportWarning[] = [];
  items.forEach((item, i) => {
    const title = item ? text(item['title']) : null;
    if (!item || !title) {
      warnings.push({ file, line: null, message: `item ${i + 1} has no title: skipped` });
      return;
    }
    const url = linkOf(item);
    const parsedUrl = url ? parseThreadUrl(url) : null;
    const summaryHtml = text(item['description']) ?? text(item['summary']) ?? text(item['content']) ?? '';
    const summary = htmlToText(summaryHtml);
    const rawDate = text(item['pubDate']) ?? text(item['published']) ?? text(item['updated']) ?? text(item['dc:date']);
    const date = isoDate(rawDate);
    const author = authorOf(item);
    const tags = [
      ...(feedTag ? [feedTag] : []),
      ...categoriesOf(item)
        .filter((c) => !isTopic(c))
        .map((c) => tagByName(c) ?? c),
    ];
    records.push(
      buildRecord({
        title: decodeEntities(title),
        forumId: parsedUrl?.threadId ?? null,
        url: parsedUrl?.canonical ?? url,
        posts: summary ? [{ forumId: null, author, date, body: summary, boosts: null, accepted: false }] : [],
        tags,
        replies: null,
        boosts: null,
        views: null,
        activity: { raw: rawDate, date },
        capturedAt,
        source: 'feed',
        author,
      }),
    );
  });
  return { records, warnings };
}
