/**
 * Where one post ends and the next begins in a thread page's text. Scraped pages put nothing
 * between posts but blank lines, so the split is read from cues:
 *
 * - `Answered by NAME in POSTID` ends a post and starts the accepted answer, written by NAME;
 * - the old forum's `Replies` / `Accepted Reply` headings and `NAME Level 1 … (0 points)` badges;
 * - a copied page's author and date lines, and the buttons under each post;
 * - a staff signature (`Share and Enjoy` … `let myEmail = …`, `Kevin Elliott … DTS Engineer`),
 *   a sign-off name (`Thanks,` / `Dustin`, or a bullet `• Peter`) or closing words (`Thanks!`,
 *   `Any help … appreciated!`) end a post: the text after them is the next post;
 * - a paragraph that re-quotes a sentence of the question, or opens like a reply (`I have a
 *   similar problem`), starts one.
 *
 * Quinn's reference posts put his signature at the top, before the article (which repeats the
 * title): a signature in a short first stretch of the question does not end it.
 */
import type { AcceptedAnswer } from '../model';
import type { PostInput } from './build-record';
import { isCount, parseCount } from './counts';
import { decodeEntities } from './html-entities';
import { rejoinInlineCode } from './inline-code';
import {
  ACCEPTED,
  ACCEPTED_REPLY_HEADING,
  ANSWERED_BY,
  isBadge,
  isChrome,
  legacyBadgeAuthor,
  REPLIES_HEADING,
} from './page-chrome';
import { isPostDate, parsePostDate } from './post-date';
import {
  isBulletName,
  isClosing,
  isSignatureEnd,
  isSignatureLine,
  isBadgeOnly,
  sameUser,
  signOffName,
} from './signature';

export interface PageLine {
  /** The line as the file has it (indentation kept, `\r` dropped). */
  raw: string;
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface SplitContext {
  title: string | null;
  /** The asker, when the page's header names them (the old forum's badge line). */
  asker: string | null;
  capturedAt: Date | null;
  /** The file stops mid-line: its last line may be incomplete. */
  cutOff: boolean;
}

export interface SplitResult {
  posts: PostInput[];
  accepted: AcceptedAnswer | null;
  warnings: { line: number; message: string }[];
}

interface Draft {
  lines: PageLine[];
  author: string | null;
  date: string | null;
  accepted: boolean;
  forumId: string | null;
  boosts: number | null;
  /** Why the post is over: text after this starts the next post. */
  ended: 'signature' | 'sign-off' | 'closing' | 'buttons' | 'heading' | null;
  /** The name the post is signed off with (`Dustin`, `• Peter`). */
  signOff: string | null;
  /** Started by `Answered by …`: kept even before any text arrives. */
  fromMarker: boolean;
}

const newDraft = (init: Partial<Draft> = {}): Draft => ({
  lines: [],
  author: null,
  date: null,
  accepted: false,
  forumId: null,
  boosts: null,
  ended: null,
  signOff: null,
  fromMarker: false,
  ...init,
});

const hasText = (d: Draft) => d.lines.some((l) => l.text !== '');
/** The buttons under a post: where it ends. */
const FOOTER = /^(Copy to clipboard|Share this post|Copied to Clipboard|Add comment)$/i;
/** A paragraph that opens like a reply from another user. */
const REPLY_OPENER =
  /^(?:(?:I|We)(?:'m|’m| am| are|'ve|’ve| have| had)(?: been)?(?: \w+ing)?(?: into)?(?: (?:a|the|exactly the))? (?:similar|same) (?:problem|issue|error|behaviou?r)s?\b|Same (?:here|problem|issue)\b|Me too\b|\+1\b|Any (?:update|news)\b)/i;
/** An addition by the same author after their closing words. */
const ADDENDUM = /^(?:edit(?:ed)?|p\.\s?s\.?|ps)\b\s*[:\-–—]?/i;
/** How much of the question a re-quote is looked for in. */
const MAX_QUOTABLE = 64_000;
/** A preamble before a resource post's article is at most this long. */
const MAX_PREAMBLE = 300;

const normal = (s: string) => s.replace(/[“”]/g, '"').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/** A prose line (not code, not a log line) long enough to be recognised when quoted. */
function isProse(line: PageLine): boolean {
  return /^[A-Za-z“"']/.test(line.raw) && line.text.length >= 20 && line.text.split(/\s+/).length >= 4;
}

export function splitPosts(lines: readonly PageLine[], ctx: SplitContext): SplitResult {
  const drafts: Draft[] = [];
  const warnings: SplitResult['warnings'] = [];
  let accepted: AcceptedAnswer | null = null;
  let cur = newDraft({ author: ctx.asker });
  let lastContent = -1;
  for (let k = lines.length - 1; k >= 0; k--)
    if (lines[k]!.text !== '') {
      lastContent = k;
      break;
    }

  const nextText = (j: number): number => {
    for (let k = j + 1; k < lines.length; k++) if (lines[k]!.text !== '') return k;
    return -1;
  };
  const textAt = (k: number) => (k >= 0 ? lines[k]!.text : '');
  const prevText = (j: number): string | null => {
    for (let k = j - 1; k >= 0; k--) if (lines[k]!.text !== '') return lines[k]!.text;
    return null;
  };
  /** Starts a new post; a draft without text yet (a header, a marker) takes the new one's facts. */
  const start = (init: Partial<Draft>) => {
    if (hasText(cur)) {
      drafts.push(cur);
      cur = newDraft(init);
      return;
    }
    const known = Object.fromEntries(Object.entries(init).filter(([, v]) => v !== null && v !== false));
    cur = newDraft({ ...cur, ...known, ended: null });
  };
  /** A copied page's post header: [`Accepted Answer`] author [badge] date. */
  const postHeaderAt = (j: number) => {
    let k = j;
    const isAccepted = ACCEPTED.test(textAt(k));
    if (isAccepted) k = nextText(k);
    const author = textAt(k);
    if (k < 0 || isChrome(author) || isPostDate(author) || author.length > 60 || /[.?!:]$/.test(author)) return null;
    let d = nextText(k);
    if (d >= 0 && isBadge(textAt(d))) d = nextText(d);
    return d >= 0 && isPostDate(textAt(d)) ? { next: d, author, date: textAt(d), accepted: isAccepted } : null;
  };
  /** The question's text so far, normalised, for finding re-quotes (kept as it grows: no rescans). */
  let questionText = '';
  const quotesQuestion = (line: PageLine) => {
    if (drafts.length > 0 || !isProse(line)) return false;
    const quoted = normal(line.text.replace(/^(?:…|\.\.\.)\s*|\s*(?:…|\.\.\.)$/g, ''));
    return quoted.length >= 20 && questionText.includes(quoted);
  };
  /** Quinn's preamble: a signature early in the question, or right before the repeated title. */
  const isPreamble = (line: PageLine) => {
    if (drafts.length > 0 || cur.ended !== 'signature') return false;
    if (ctx.title !== null && normal(line.text) === normal(ctx.title)) return true;
    let chars = 0;
    for (let k = 0; k < cur.lines.length; k++) {
      const l = cur.lines[k]!;
      if (l.text !== '' && !isSignatureLine(l.text, k > 0 ? cur.lines[k - 1]!.text : null)) chars += l.text.length;
    }
    return chars <= MAX_PREAMBLE;
  };
  /** The title again at the end of the page, with nothing after it but stray navigation letters. */
  const isEndChrome = (j: number) => {
    if (ctx.title === null || normal(lines[j]!.text) !== normal(ctx.title) || !hasText(cur)) return false;
    for (let k = j + 1; k < lines.length; k++) {
      const t = lines[k]!.text;
      if (t !== '' && t.length > 3 && !isChrome(t)) return false;
    }
    return true;
  };

  for (let j = 0; j < lines.length; j++) {
    const l = lines[j]!;
    const t = l.text;
    if (t === '') {
      cur.lines.push(l);
      continue;
    }
    if (isEndChrome(j)) break;
    if (/^Boost$/i.test(t) && isCount(textAt(nextText(j)))) {
      cur.boosts = parseCount(textAt(nextText(j)));
      cur.ended = 'buttons';
      j = nextText(j);
      continue;
    }
    if (FOOTER.test(t)) {
      if (hasText(cur)) cur.ended = 'buttons';
      continue;
    }
    if (isChrome(t)) continue;
    const header = postHeaderAt(j);
    if (header) {
      start({ author: header.author, date: parsePostDate(header.date, ctx.capturedAt), accepted: header.accepted });
      j = header.next;
      continue;
    }
    if (ACCEPTED.test(t) || ACCEPTED_REPLY_HEADING.test(t)) {
      start({ accepted: true });
      continue;
    }
    const marker = ANSWERED_BY.exec(t);
    if (marker) {
      // The capture may have cut the post id short when the marker is its last line.
      const idMayBeCut = ctx.cutOff && j === lastContent;
      if (idMayBeCut)
        warnings.push({ line: l.line, message: 'the accepted-answer marker is cut off: its post id is not kept' });
      accepted = { by: marker[1]!, postId: idMayBeCut ? null : marker[2]! };
      start({ accepted: true, author: marker[1]!, forumId: accepted.postId, fromMarker: true });
      continue;
    }
    if (REPLIES_HEADING.test(t)) {
      if (hasText(cur)) cur.ended = 'heading';
      continue;
    }
    const badge = legacyBadgeAuthor(t);
    if (badge) {
      start({ author: badge });
      continue;
    }

    if (hasText(cur)) {
      const paragraphStart = j === 0 || lines[j - 1]!.text === '';
      if (cur.ended !== null) {
        // `Edit:` / `P.S.` after closing words is the same author adding to the post.
        if (isPreamble(l) || (cur.ended !== 'signature' && ADDENDUM.test(t))) cur.ended = null;
        else start({});
      } else if (quotesQuestion(l)) {
        const question = cur;
        start({});
        takeReplyStart(question, cur);
      } else if (paragraphStart && REPLY_OPENER.test(t)) start({});
    }
    cur.lines.push(l);
    if (drafts.length === 0 && questionText.length < MAX_QUOTABLE) questionText += ` ${normal(t)}`;

    const previous = prevText(j);
    const next = nextText(j);
    if (isSignatureLine(t, previous)) {
      if (isSignatureEnd(t) || next < 0 || !isSignatureLine(textAt(next), t)) cur.ended = 'signature';
      continue;
    }
    const name = signOffName(l.raw);
    if (name && (isBulletName(l.raw) || (previous !== null && isClosing(previous)))) {
      cur.ended = 'sign-off';
      // A name on the capture's last, cut line may be only its first letters.
      if (!(ctx.cutOff && j === lastContent)) cur.signOff = name;
      continue;
    }
    if (isClosing(t) && (next < 0 || !signOffName(lines[next]!.raw))) cur.ended = 'closing';
  }
  if (hasText(cur)) drafts.push(cur);

  splitSignedQuestion(drafts, ctx);
  dropRepeatedAnswer(drafts);
  nameAuthors(drafts, accepted);
  return {
    posts: drafts.map((d) => ({
      forumId: d.forumId,
      author: d.author,
      date: d.date,
      body: bodyText(d.lines),
      boosts: d.boosts,
      accepted: d.accepted,
    })),
    accepted,
    warnings,
  };
}

/**
 * A reply found by its re-quote of the question may have begun a little earlier. A question moved
 * from the old forum keeps its paragraphs two blank lines apart, while the reply's are one apart:
 * the last paragraphs before the quote that are only one apart belong to the reply.
 */
function takeReplyStart(question: Draft, reply: Draft): void {
  const paragraphs: { start: number; gapBefore: number }[] = [];
  let blanks = 0;
  question.lines.forEach((l, k) => {
    if (l.text === '') blanks++;
    else {
      if (k === 0 || question.lines[k - 1]!.text === '') paragraphs.push({ start: k, gapBefore: blanks });
      blanks = 0;
    }
  });
  let first = paragraphs.length;
  while (first > 1 && paragraphs[first - 1]!.gapBefore === 1) first--;
  const earlier = paragraphs.slice(1, first);
  if (first === paragraphs.length || earlier.length === 0 || earlier.some((p) => p.gapBefore < 2)) return;
  const at = paragraphs[first]!.start;
  reply.lines = [...question.lines.slice(at), ...reply.lines];
  question.lines = question.lines.slice(0, at);
}

function bodyText(lines: readonly PageLine[]): string {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.text === '') a++;
  while (b > a && lines[b - 1]!.text === '') b--;
  const kept = lines.slice(a, b).map((l) => l.raw.replace(/\s+$/, (ws) => (l.text === '' ? ws : '')));
  return decodeEntities(rejoinInlineCode(kept).join('\n'));
}

/**
 * A question that ends in a staff signature with no cue where the answer began (the old forum's
 * pages): the answer starts after the widest run of blank lines, when one run is wider than all
 * the others. Without one, the text stays whole rather than be cut at a guess.
 */
function splitSignedQuestion(drafts: Draft[], ctx: SplitContext): void {
  const question = drafts[0];
  if (!question || question.ended !== 'signature' || question.author !== null || ctx.asker !== null) return;
  const gaps: { at: number; width: number }[] = [];
  let lastText = -1;
  question.lines.forEach((l, k) => {
    if (l.text === '') return;
    if (lastText >= 0) gaps.push({ at: k, width: k - lastText - 1 });
    lastText = k;
  });
  const widest = Math.max(0, ...gaps.map((g) => g.width));
  const atWidest = gaps.filter((g) => g.width === widest);
  if (widest < 2 || atWidest.length !== 1) return;
  const answer = newDraft({ lines: question.lines.slice(atWidest[0]!.at), ended: 'signature' });
  question.lines = question.lines.slice(0, atWidest[0]!.at);
  question.ended = null;
  drafts.splice(1, 0, answer);
}

/**
 * The accepted answer is shown right after the question and again in its place among the replies:
 * the second copy is the same post, not another one. Its place stays the first (page order).
 */
function dropRepeatedAnswer(drafts: Draft[]): void {
  const answer = drafts.find((d) => d.fromMarker);
  if (!answer) return;
  const text = normal(answer.lines.map((l) => l.text).join(' '));
  if (text.length < 20) return;
  // Only later posts can be the repeat: the question (which the answer may quote) never is.
  for (let k = drafts.length - 1; k > drafts.indexOf(answer); k--) {
    const d = drafts[k]!;
    const other = normal(d.lines.map((l) => l.text).join(' '));
    if (other === text || (other.length >= 40 && (text.startsWith(other) || other.startsWith(text)))) {
      if (other.length > text.length) answer.lines = d.lines;
      answer.date ??= d.date;
      drafts.splice(k, 1);
    }
  }
}

/**
 * Authors the text gives: a header or badge, the accepted-answer marker, a sign-off name. A user
 * who signs `Peter` and is named `Peter_Si` by the marker is one person: the forum's name is kept.
 */
function nameAuthors(drafts: Draft[], accepted: AcceptedAnswer | null): void {
  const markerName = accepted?.by && !isBadgeOnly(accepted.by) ? accepted.by : null;
  const fullName = (signOff: string) => (markerName && sameUser(signOff, markerName) ? markerName : signOff);
  for (const d of drafts) {
    if (d.author === null && d.signOff !== null) d.author = fullName(d.signOff);
  }
}
