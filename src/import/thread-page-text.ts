/**
 * A thread page as text: what a scraper or a select-all copy gives.
 *
 *   [page URL] [`Captured: …`] [site banners]
 *   title                       (may be missing: the page then starts with the question)
 *   header: tags, counts (`Replies` / `2`, `2 replies`, the old forum's `12 Replies` and
 *           `Latest reply on … by NAME`), watch and lock notices, the old forum's badge line naming
 *           the asker, `Answered by NAME in POSTID` with the accepted answer's preview
 *   posts
 *
 * Scraped pages have no separators between posts: where one ends and the next begins is read from
 * cues (see `text-posts.ts`). A copied page has author and date lines, which split posts for sure.
 */
import type { AcceptedAnswer, ImportWarning } from '../model';
import { tagByName } from '../tags/forum-tags';
import { parseActivity } from './activity';
import { buildRecord } from './build-record';
import { isCount, parseCount } from './counts';
import { ImportError } from './import-error';
import {
  ACCEPTED,
  ANSWERED_BY,
  isBanner,
  isChrome,
  LEGACY_LATEST_REPLY,
  LEGACY_REPLY_COUNT,
  legacyBadgeAuthor,
} from './page-chrome';
import { isPostDate, parsePostDate } from './post-date';
import { captureHeaderDate } from './scrape-date';
import { splitPosts, type PageLine } from './text-posts';
import type { ThreadPageResult } from './thread-page';
import { isUrlLine, parseThreadUrl } from './thread-url';

type Stat = 'replies' | 'boosts' | 'views' | 'participants' | 'activity';
const STAT_LABEL = /^(replies|boosts|views|participants|activity)$/i;
const STAT_INLINE = /^([\d.,]+[kKmM]?)\s+(replies|reply|boosts|boost|views|view|participants)$/i;
/** The accepted answer's preview in the header is at most this long; beyond, it is not a preview. */
const MAX_PREVIEW_LINES = 60;
const MAX_TITLE = 200;
const DERIVED_TITLE = 90;

function statName(label: string): Stat {
  const l = label.toLowerCase();
  if (l.startsWith('repl')) return 'replies';
  if (l.startsWith('boost')) return 'boosts';
  if (l.startsWith('view')) return 'views';
  if (l.startsWith('partic')) return 'participants';
  return 'activity';
}

/**
 * Whether a page's first line is its title. A title is short and is not a sentence of prose:
 * the question's first line (`I developed a program to … API.`) ends in a full stop or a colon.
 */
function isTitle(text: string, nextIsBlank: boolean): boolean {
  const t = text.trim();
  if (t.length > MAX_TITLE || /^(?:[[{(#/•*>-]|\d+[.)]\s)/.test(t) || /^(hi|hello|hey|dear)\b/i.test(t)) return false;
  if (/[.:;,]$/.test(t)) return false;
  // Followed at once by more text, only a short line without sentences inside reads as a title.
  return nextIsBlank || (t.length <= 150 && !/[.!?]\s+\S/.test(t));
}

/** A display title made from the question's first words, when the page has no title line. */
function deriveTitle(body: string): string {
  const first = body.trim().split('\n')[0]!.trim();
  const sentence = /^(.+?[.?!])(?:\s|$)/.exec(first)?.[1] ?? first;
  if (sentence.length <= DERIVED_TITLE) return sentence;
  const cut = sentence.slice(0, DERIVED_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).trimEnd()}…`;
}

/** A character cut in half by the capture: U+FFFD from a broken UTF-8 tail, or a lone high surrogate. */
const BROKEN_TAIL = /(?:\uFFFD+|[\uD800-\uDBFF])$/;

export function parseThreadPageText(file: string, content: string, capturedAt: Date | null): ThreadPageResult {
  const warnings: ImportWarning[] = [];
  let text = content.replace(/^\uFEFF/, '');
  const rawLines = text.split('\n');
  if (BROKEN_TAIL.test(text)) {
    text = text.replace(BROKEN_TAIL, '');
    warnings.push({
      file,
      line: rawLines.length,
      message: 'the page ends in a character cut in half: it was dropped',
    });
  }
  // A file cut off by its capture stops mid-line: a saved page ends with a line break.
  const cutOff = text.trim() !== '' && !/\n\s*$/.test(text) && !/\n$/.test(content);
  const lines: PageLine[] = text.split('\n').map((raw, i) => {
    const clean = raw.replace(/\r$/, '');
    return { raw: clean, text: clean.trim(), line: i + 1 };
  });

  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i]!.text === '') i++;
  };
  let url: string | null = null;
  // The page URL, the capture header (read by parse-source) and site banners come before the title.
  for (skipBlank(); i < lines.length; skipBlank()) {
    const t = lines[i]!.text;
    if (url === null && isUrlLine(t)) url = t;
    else if (!captureHeaderDate(t) && !isBanner(t) && !isChrome(t)) break;
    i++;
  }
  if (i >= lines.length) throw new ImportError(file, lines[0]?.line ?? 1, 'a thread page without a title');

  const titleLine = lines[i]!;
  const hasTitle = isTitle(titleLine.text, (lines[i + 1]?.text ?? '') === '');
  if (hasTitle) i++;

  // Header.
  const tags: string[] = [];
  const stats: Partial<Record<Stat, string>> = {};
  let headerAccepted: AcceptedAnswer | null = null;
  let asker: string | null = null;
  let latestReply: { date: string; by: string } | null = null;
  let repliesShown: number | null = null;
  const nonBlank: number[] = [];
  for (let k = i; k < lines.length; k++) if (lines[k]!.text !== '') nonBlank.push(k);
  let n = 0;
  const at = (m: number) => lines[nonBlank[m] ?? -1]?.text ?? '';
  for (; hasTitle && n < nonBlank.length; n++) {
    const t = at(n);
    const tag = tagByName(t);
    if (tag) {
      tags.push(tag);
      continue;
    }
    if (isChrome(t)) continue;
    const legacyCount = LEGACY_REPLY_COUNT.exec(t);
    if (legacyCount) {
      repliesShown = parseCount(legacyCount[1]!);
      continue;
    }
    const latest = LEGACY_LATEST_REPLY.exec(t);
    if (latest) {
      latestReply = { date: latest[1]!, by: latest[2]! };
      continue;
    }
    const badge = legacyBadgeAuthor(t);
    if (badge) {
      asker = badge;
      continue;
    }
    const answered = ANSWERED_BY.exec(t);
    if (answered && ACCEPTED.test(at(n + 1))) {
      headerAccepted = { by: answered[1]!, postId: answered[2]! };
      // The accepted answer's preview, repeated in full further down: skip up to `View in context`.
      const end = nonBlank.findIndex((_, m) => m > n && m <= n + MAX_PREVIEW_LINES && /^View in context$/i.test(at(m)));
      if (end > n) n = end;
      continue;
    }
    if (STAT_LABEL.test(t) && (isCount(at(n + 1)) || (/^activity$/i.test(t) && isPostDate(at(n + 1))))) {
      stats[statName(t)] = at(++n);
      continue;
    }
    if (isCount(t) && STAT_LABEL.test(at(n + 1))) {
      stats[statName(at(++n))] = t;
      continue;
    }
    const inline = STAT_INLINE.exec(t);
    if (inline) {
      stats[statName(inline[2]!)] = inline[1]!;
      continue;
    }
    break;
  }
  const bodyStart = nonBlank[n] ?? lines.length;

  const split = splitPosts(lines.slice(bodyStart), {
    title: hasTitle ? titleLine.text : null,
    asker,
    capturedAt,
    cutOff,
  });
  const posts = split.posts;
  for (const w of split.warnings) warnings.push({ file, ...w });
  const accepted = split.accepted ?? headerAccepted;
  if (accepted && headerAccepted && !split.accepted) {
    // A copied page: the header names the accepted answer's post id, the post itself is marked.
    const post = posts.find((p, k) => k > 0 && p.accepted);
    if (post) post.forumId = headerAccepted.postId;
  }
  if (posts.length === 0) warnings.push({ file, line: titleLine.line, message: 'a thread page without posts' });
  if (cutOff) {
    const last = lines.findLast((l) => l.text !== '') ?? titleLine;
    const lastPost = posts.at(-1);
    if (lastPost) lastPost.cut = true;
    warnings.push({
      file,
      line: last.line,
      message:
        'the page ends mid-line (no final line break), so it may be cut off: the last post is kept as far as it goes',
    });
  }

  const parsedUrl = url ? parseThreadUrl(url) : null;
  const title = hasTitle ? titleLine.text : deriveTitle(posts[0]?.body ?? titleLine.text);
  const lastDate = [...posts].reverse().find((p) => p.date !== null);
  const activity = stats.activity
    ? parseActivity(stats.activity, capturedAt)
    : latestReply
      ? { raw: latestReply.date, date: parsePostDate(latestReply.date, capturedAt) }
      : { raw: null, date: lastDate?.date ?? null };
  return {
    records: [
      buildRecord({
        title,
        titleDerived: !hasTitle,
        forumId: parsedUrl?.threadId ?? null,
        url: parsedUrl?.canonical ?? url,
        legacyMessageId: parsedUrl && parsedUrl.threadId === null ? (parsedUrl.postId ?? undefined) : undefined,
        posts,
        tags,
        // A count the page does not show is unknown: never the number of posts this capture holds.
        replies: stats.replies ? parseCount(stats.replies) : repliesShown,
        boosts: stats.boosts ? parseCount(stats.boosts) : (posts[0]?.boosts ?? null),
        views: stats.views ? parseCount(stats.views) : null,
        activity,
        capturedAt,
        source: 'thread-page',
        acceptedAnswer: accepted ?? undefined,
      }),
    ],
    warnings,
  };
}
