/**
 * A thread page as text: what a scraper or a select-all copy gives. Line grammar (blank lines
 * ignored):
 *
 *   [page URL]
 *   title
 *   header: tag names, counts (`Replies` / `2`, `2` / `Replies` or `2 replies`), watch messages,
 *           `Answered by NAME in POSTID`, and the accepted answer's preview (`Accepted Answer` …
 *           `View in context`)
 *   posts:  [`Accepted Answer`] author [badge] date, body lines, [`Boost` count], buttons
 *
 * The question may come without its author and date (title, then the question at once).
 */
import type { ImportWarning } from '../model';
import { tagByName } from '../tags/forum-tags';
import { parseActivity } from './activity';
import { buildRecord, type PostInput } from './build-record';
import { isCount, parseCount } from './counts';
import { decodeEntities } from './html-entities';
import { ImportError } from './import-error';
import { ACCEPTED, ANSWERED_BY, isBadge, isChrome } from './page-chrome';
import { isPostDate, parsePostDate } from './post-date';
import type { ThreadPageResult } from './thread-page';
import { isUrlLine, parseThreadUrl } from './thread-url';

interface Line {
  text: string;
  line: number;
}

type Stat = 'replies' | 'boosts' | 'views' | 'participants' | 'activity';
const STAT_LABEL = /^(replies|boosts|views|participants|activity)$/i;
const STAT_INLINE = /^([\d.,]+[kKmM]?)\s+(replies|reply|boosts|boost|views|view|participants)$/i;
/** The buttons under a post: where it ends. */
const FOOTER = /^(Copy to clipboard|Share this post|Copied to Clipboard|Add comment)$/i;
/** The accepted answer's preview in the header is at most this long; beyond, it is not a preview. */
const MAX_PREVIEW_LINES = 60;

function statName(label: string): Stat {
  const l = label.toLowerCase();
  if (l.startsWith('repl')) return 'replies';
  if (l.startsWith('boost')) return 'boosts';
  if (l.startsWith('view')) return 'views';
  if (l.startsWith('partic')) return 'participants';
  return 'activity';
}

export function parseThreadPageText(file: string, content: string, capturedAt: Date | null): ThreadPageResult {
  const lines: Line[] = [];
  content.split('\n').forEach((raw, i) => {
    const text = raw
      .replace(/\r$/, '')
      .replace(/^\uFEFF/, '')
      .trim();
    if (text !== '') lines.push({ text, line: i + 1 });
  });
  const warnings: ImportWarning[] = [];
  let i = 0;
  let url: string | null = null;
  if (lines[0] && isUrlLine(lines[0].text)) url = lines[i++]!.text;
  const titleLine = lines[i++];
  if (!titleLine) throw new ImportError(file, lines[0]?.line ?? 1, 'a thread page without a title');
  const title = decodeEntities(titleLine.text);

  // Header.
  const tags: string[] = [];
  const stats: Partial<Record<Stat, string>> = {};
  let accepted: { author: string; postId: string } | null = null;
  const at = (k: number) => lines[k]?.text ?? '';
  for (; i < lines.length; i++) {
    const t = at(i);
    const tag = tagByName(t);
    if (tag) {
      tags.push(tag);
      continue;
    }
    if (isChrome(t)) continue;
    const answered = ANSWERED_BY.exec(t);
    if (answered) {
      accepted = { author: answered[1]!, postId: answered[2]! };
      continue;
    }
    if (STAT_LABEL.test(t) && (isCount(at(i + 1)) || (/^activity$/i.test(t) && isPostDate(at(i + 1))))) {
      stats[statName(t)] = at(++i);
      continue;
    }
    if (isCount(t) && STAT_LABEL.test(at(i + 1))) {
      stats[statName(at(++i))] = t;
      continue;
    }
    const inline = STAT_INLINE.exec(t);
    if (inline) {
      stats[statName(inline[2]!)] = inline[1]!;
      continue;
    }
    if (ACCEPTED.test(t) && accepted) {
      // The accepted answer's preview, repeated in full further down: skip up to `View in context`.
      const end = lines.findIndex((l, k) => k > i && k <= i + MAX_PREVIEW_LINES && /^View in context$/i.test(l.text));
      if (end > i) {
        i = end;
        continue;
      }
    }
    break;
  }

  // Posts.
  const posts: (PostInput & { line: number })[] = [];
  const postHeaderAt = (k: number): { next: number; author: string; date: string; accepted: boolean } | null => {
    let j = k;
    const isAccepted = ACCEPTED.test(at(j));
    if (isAccepted) j++;
    if (j >= lines.length || isChrome(at(j)) || isPostDate(at(j))) return null;
    if (isPostDate(at(j + 1))) return { next: j + 2, author: at(j), date: at(j + 1), accepted: isAccepted };
    if (isBadge(at(j + 1)) && isPostDate(at(j + 2)))
      return { next: j + 3, author: at(j), date: at(j + 2), accepted: isAccepted };
    return null;
  };
  while (i < lines.length) {
    // Buttons between posts.
    if (isChrome(at(i))) {
      i++;
      continue;
    }
    const startLine = lines[i]!.line;
    const header = postHeaderAt(i);
    let accepted = header?.accepted ?? false;
    if (header) i = header.next;
    else if (ACCEPTED.test(at(i))) {
      // A scrape without author lines still marks the accepted answer.
      accepted = true;
      i++;
    }
    const body: string[] = [];
    let boosts: number | null = null;
    while (i < lines.length) {
      const t = at(i);
      if (postHeaderAt(i) || (ACCEPTED.test(t) && body.length > 0)) break;
      if (/^Boost$/i.test(t) && isCount(at(i + 1))) {
        boosts = parseCount(at(i + 1));
        i += 2;
        break;
      }
      // A post's buttons end it, even when the scrape kept no author line for the next one.
      if (FOOTER.test(t) && body.length > 0) break;
      if (!isChrome(t)) body.push(t);
      i++;
    }
    if (!header && !accepted && body.length === 0) continue;
    posts.push({
      forumId: null,
      author: header?.author ?? null,
      date: header ? parsePostDate(header.date, capturedAt) : null,
      body: decodeEntities(body.join('\n')),
      boosts,
      accepted,
      line: startLine,
    });
  }
  if (posts.length === 0) warnings.push({ file, line: titleLine.line, message: 'a thread page without posts' });

  // The accepted answer's post id comes from `Answered by … in NNN`.
  if (accepted) {
    const post = posts.find((p, k) => k > 0 && p.accepted);
    if (post) post.forumId = accepted.postId;
  }

  const parsedUrl = url ? parseThreadUrl(url) : null;
  const lastDate = [...posts].reverse().find((p) => p.date !== null);
  return {
    records: [
      buildRecord({
        title,
        forumId: parsedUrl?.threadId ?? null,
        url: parsedUrl?.canonical ?? url,
        posts: posts.map(({ line: _line, ...p }) => p),
        tags,
        replies: stats.replies ? parseCount(stats.replies) : Math.max(0, posts.length - 1),
        boosts: stats.boosts ? parseCount(stats.boosts) : (posts[0]?.boosts ?? null),
        views: stats.views ? parseCount(stats.views) : null,
        activity: stats.activity
          ? parseActivity(stats.activity, capturedAt)
          : { raw: null, date: lastDate?.date ?? null },
        capturedAt,
        source: 'thread-page',
      }),
    ],
    warnings,
  };
}
