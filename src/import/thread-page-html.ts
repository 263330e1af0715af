/**
 * A thread page as the HTML a browser saves. Read with htmlparser2's own tree (no DOM APIs, so it
 * runs in Node and the renderer alike), looking for what the page marks up rather than exact class
 * names, which change: posts are elements with `data-post-id` (or `post-NNN` ids), authors are
 * profile links, dates are `<time datetime>`, tags are links to `/forums/tags/…`. A page without
 * such posts is read from its schema.org JSON-LD (QAPage or DiscussionForumPosting) if it has one.
 */
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import type { ImportWarning } from '../model';
import { tagByName } from '../tags/forum-tags';
import { parseActivity } from './activity';
import { buildRecord, type PostInput } from './build-record';
import { parseCount } from './counts';
import { allElements, findFirst, findOutermost, textOf, walk } from './dom-walk';
import { nodesToText } from './html-text';
import { ImportError } from './import-error';
import { threadFromJsonLd } from './thread-json-ld';
import { ACCEPTED, ANSWERED_BY, isChrome } from './page-chrome';
import type { ThreadPageResult } from './thread-page';
import { parseThreadUrl } from './thread-url';

type Element = ReturnType<typeof DomUtils.findAll>[number];

const attr = (el: Element, name: string) => DomUtils.getAttributeValue(el, name) ?? '';
const classes = (el: Element) => attr(el, 'class').toLowerCase();
const text = (el: Element | null) => (el ? textOf([el]).replace(/\s+/g, ' ').trim() : '');
const SITE_SUFFIX = /\s*[|–-]\s*Apple Developer Forums\s*$/i;

function metaContent(root: Element[], property: string): string | null {
  const meta = root.find(
    (el) => el.name === 'meta' && (attr(el, 'property') === property || attr(el, 'name') === property),
  );
  return meta ? attr(meta, 'content') || null : null;
}

function pageUrl(root: Element[]): string | null {
  const canonical = root.find((el) => el.name === 'link' && attr(el, 'rel') === 'canonical');
  return (canonical && attr(canonical, 'href')) || metaContent(root, 'og:url');
}

function isPostElement(el: Element): boolean {
  return el.attribs['data-post-id'] !== undefined || /^post-?\d+$/.test(attr(el, 'id'));
}

function postId(el: Element): string | null {
  const raw = attr(el, 'data-post-id') || attr(el, 'id').replace(/^post-?/, '');
  return /^\d+$/.test(raw) ? raw : null;
}

/** The post's text: its body element, or else the post without header and footer. */
function postBody(el: Element): string {
  const body = findFirst([el], (e) => /\b(post-body|post-content|message-body|markdown)\b/.test(classes(e)));
  if (body) return nodesToText([body]);
  return nodesToText([el], ['header', 'footer', 'time', 'button'])
    .split('\n')
    .filter((l) => !isChrome(l) && !ACCEPTED.test(l.trim()))
    .join('\n')
    .trim();
}

function readPost(el: Element): PostInput {
  const authorEl = findFirst(
    [el],
    (e) => /\b(author|user-?name|user-profile-link)\b/.test(classes(e)) || attr(e, 'href').includes('/forums/profile/'),
  );
  const time = findFirst([el], (e) => e.name === 'time');
  const boostEl = findFirst([el], (e) => /\bboost-count\b|\bboosts\b/.test(classes(e)));
  // The `Accepted Answer` mark is one run of text: testing text nodes, not each element's whole
  // text, keeps this linear however deep the post nests.
  const acceptedMark =
    /\baccepted\b|\baccepted-answer\b/.test(classes(el)) ||
    findFirst([el], (e) => /accepted/.test(classes(e))) !== null ||
    hasTextLine([el], ACCEPTED);
  const datetime = time ? attr(time, 'datetime') : '';
  const ms = datetime ? Date.parse(datetime) : NaN;
  return {
    forumId: postId(el),
    author: text(authorEl) || null,
    date: Number.isNaN(ms) ? null : new Date(ms).toISOString(),
    body: postBody(el),
    boosts: boostEl ? parseCount(text(boostEl)) : null,
    accepted: acceptedMark,
  };
}

/** Whether a text node under `roots` reads, whitespace collapsed, as `pattern`. */
function hasTextLine(roots: Element[], pattern: RegExp): boolean {
  let found = false;
  walk(roots, (node) => {
    if (found) return false;
    if (node.type === ElementType.Text && node.data.length <= 200)
      found = pattern.test(node.data.replace(/\s+/g, ' ').trim());
    return !found;
  });
  return found;
}

/** `2 Replies`, `1.1k Views`: counts in the thread header, by the label next to the number. */
function headerStats(elements: Element[]): Record<string, number> {
  const stats: Record<string, number> = {};
  for (const el of elements.filter((e) => /\bstat\b|\bthread-stat/.test(classes(e)))) {
    const m = /([\d.,]+[kKmM]?)\s*(replies|boosts|views|participants)/i.exec(text(el));
    const n = m ? parseCount(m[1]!) : null;
    if (m && n !== null) stats[m[2]!.toLowerCase()] = n;
  }
  return stats;
}

export function parseThreadPageHtml(file: string, html: string, capturedAt: Date | null): ThreadPageResult {
  const doc = parseDocument(html, { decodeEntities: true });
  const all = allElements(doc.children);
  const warnings: ImportWarning[] = [];

  const jsonLd = threadFromJsonLd(
    all
      .filter((el) => el.name === 'script' && attr(el, 'type').toLowerCase() === 'application/ld+json')
      .map((el) => textOf([el])),
  );
  const h1 = all.find((el) => el.name === 'h1');
  const titleEl = all.find((el) => el.name === 'title');
  const title =
    text(h1 ?? null) ||
    jsonLd?.title ||
    (metaContent(all, 'og:title') ?? text(titleEl ?? null)).replace(SITE_SUFFIX, '');
  if (!title) throw new ImportError(file, 1, 'a thread page without a title');

  const url = pageUrl(all) ?? jsonLd?.url ?? null;
  const parsedUrl = url ? parseThreadUrl(url) : null;
  const tags = [
    ...new Set(
      all
        .filter((el) => el.name === 'a' && /\/forums\/tags\/(?!rssFeed)/.test(attr(el, 'href')))
        .map((el) => tagByName(text(el)) ?? text(el))
        .filter((t) => t !== ''),
    ),
  ];

  // Posts, outermost only (a post element's own children may carry ids too).
  const outer = findOutermost(doc.children, isPostElement);
  const fromMarkup = outer.map(readPost);
  const posts = fromMarkup.length > 0 ? fromMarkup : (jsonLd?.posts ?? []);
  // Listing and tag pages saved as HTML link to threads too, but have no posts of their own.
  if (posts.length === 0) throw new ImportError(file, 1, 'an HTML page without forum posts: not a saved thread page');
  // The question's element carries the thread id: it is not a post id of its own.
  if (posts[0] && posts[0].forumId === parsedUrl?.threadId) posts[0].forumId = null;
  if (posts[0]) posts[0].accepted = false;

  const answered = nodesToText(doc.children)
    .split('\n')
    .map((line) => ANSWERED_BY.exec(line.trim()))
    .find((m) => m !== null);
  if (answered) {
    const post = posts.find((p) => p.forumId === answered[2]);
    if (post) post.accepted = true;
  }

  const stats = headerStats(all);
  const last = [...posts].reverse().find((p) => p.date !== null);
  return {
    records: [
      buildRecord({
        title,
        forumId: parsedUrl?.threadId ?? null,
        url: parsedUrl?.canonical ?? url,
        posts,
        tags,
        // A count the page does not show is unknown, not the number of posts it holds.
        replies: stats['replies'] ?? jsonLd?.replies ?? null,
        boosts: stats['boosts'] ?? posts[0]?.boosts ?? null,
        views: stats['views'] ?? jsonLd?.views ?? null,
        activity: last?.date ? { raw: null, date: last.date } : parseActivity('', capturedAt),
        capturedAt,
        source: 'thread-page',
        acceptedAnswer: answered ? { by: answered[1]!, postId: answered[2]! } : undefined,
      }),
    ],
    warnings,
  };
}
