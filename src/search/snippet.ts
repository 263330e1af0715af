/**
 * Result snippets: the stretch of a thread with the most matched terms, with the matches as
 * character ranges. Ranges, not HTML: the UI wraps them in <mark> itself, so thread text is never
 * interpreted as markup.
 */
import type { ThreadRecord } from '../model';
import { postTexts } from './doc-meta';
import { tokenize } from './tokenizer';

export interface Snippet {
  text: string;
  /** `[start, end)` offsets into `text`, ascending, not overlapping. */
  highlights: [number, number][];
}

/** The ranges of tokens in `text` that produced one of `terms`. */
export function highlightRanges(text: string, terms: ReadonlySet<string>): [number, number][] {
  const anchors = anchorsOf(terms);
  // No term of the text's own: no token yields a tag, context or pair term.
  if (anchors.length === 0) return [];
  const lower = anchorText(text);
  if (lower === null) return tokenRanges(text, terms, 0, text.length);
  const words = wordsHolding(lower, anchors);
  if (words === null) return tokenRanges(text, terms, 0, text.length);
  const ranges: [number, number][] = [];
  for (let i = 0; i < words.length; i += 2)
    for (const range of tokenRanges(text, terms, words[i] as number, words[i + 1] as number)) ranges.push(range);
  return ranges;
}

/** The ranges of the tokens of `text.slice(from, to)` that produced one of `terms`, as offsets in `text`. */
function tokenRanges(text: string, terms: ReadonlySet<string>, from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const token of tokenize(from === 0 && to === text.length ? text : text.slice(from, to))) {
    if (token.terms.some((t) => terms.has(t))) ranges.push([from + token.start, from + token.end]);
  }
  return ranges;
}

/**
 * What a token that yields `term` surely holds in its lowercased text: all of the term but its
 * last two characters (at least its first). A token's terms are its lowercased text, parts of it,
 * or the Porter stem of one of those (tokenizer.ts); a stem keeps a prefix of its word and adds at
 * most two letters of its own (`-bility` → `-ble`, the `i` from `-y` then an `e`: every rule of
 * lunr's stemmer either cuts a suffix or replaces it by one sharing all but its last one or two
 * letters). So the tokens to check are among those holding an anchor, and no other can match.
 */
function anchorsOf(terms: ReadonlySet<string>): string[] {
  const anchors: string[] = [];
  for (const term of terms) if (inText(term)) anchors.push(term.slice(0, Math.max(1, term.length - 2)));
  return anchors;
}

/**
 * `text` lowercased as each of its tokens is (tokenizer.ts: the token's own text lowercased, a
 * leading `−` as `-`), offset for offset; null when lowercasing the whole is not the same as
 * lowercasing each token: a character whose lowercase is longer (`İ`), or a capital sigma, whose
 * lowercase depends on the letters around it.
 */
function anchorText(text: string): string | null {
  let lower = text.toLowerCase();
  if (lower.length !== text.length || text.includes('Σ')) return null;
  if (lower.includes('−')) lower = lower.replaceAll('−', '-');
  return lower;
}

/** Beyond this many anchors found (or one per 16 characters), the whole text is tokenized (the same ranges, at once). */
const MAX_ANCHOR_HITS = 64;

/**
 * The space-delimited stretches of `lower` that hold an anchor, as `[from, to)` pairs, ascending
 * and apart; null when anchors are too many to be worth it. A token never spans a space, and
 * tokenizing from just after one gives the tokens a scan from the text's start gives there (the
 * tokenizer looks back only to tell a code's sign, and a space is no part of a word), so the
 * stretches' tokens are the text's tokens that hold an anchor. Snippet texts have their runs of
 * whitespace made single spaces; other whitespace only makes stretches longer.
 */
function wordsHolding(lower: string, anchors: readonly string[]): number[] | null {
  const starts: number[] = [];
  const most = Math.max(MAX_ANCHOR_HITS, lower.length >> 4);
  for (const anchor of anchors)
    for (let at = lower.indexOf(anchor); at >= 0; at = lower.indexOf(anchor, at + 1)) {
      if (starts.length >= most) return null;
      starts.push(at);
    }
  starts.sort((a, b) => a - b);
  const words: number[] = [];
  for (const at of starts) {
    // Inside the previous stretch already.
    if (words.length > 0 && at < (words[words.length - 1] as number)) continue;
    const end = lower.indexOf(' ', at);
    words.push(lower.lastIndexOf(' ', at) + 1, end < 0 ? lower.length : end);
  }
  return words;
}

const ELLIPSIS = '…';

/** Texts longer than this are tokenized only around their likely matches (a pasted log can be 20 KB). */
const NARROW_ABOVE = 700;
/** With no match found as plain text (a stem that is not a prefix of its word), this much is tokenized. */
const FALLBACK_LENGTH = 8000;

/** Terms that stand for no text of their own: tags (\u0001), context and pair terms (\u0002, \u0003). */
function inText(term: string): boolean {
  return term.charCodeAt(0) > 3;
}

function someInText(terms: ReadonlySet<string>): boolean {
  for (const term of terms) if (inText(term)) return true;
  return false;
}

/**
 * `highlightRanges` of `text`, tokenizing only the stretch where the terms occur most densely as
 * plain substrings (a stem is nearly always a prefix of its words); the text's start when none do.
 */
function matchRanges(text: string, terms: ReadonlySet<string>, maxLength: number): [number, number][] {
  if (text.length <= NARROW_ABOVE) return highlightRanges(text, terms);
  const words = [...terms].filter(inText);
  // A query of tags or codes' context alone highlights nothing in the text.
  if (words.length === 0) return [];
  const lower = text.toLowerCase();
  const hits: number[] = [];
  for (const term of words) {
    if (term.length < 2) continue;
    for (let at = lower.indexOf(term); at >= 0 && hits.length < 4000; at = lower.indexOf(term, at + term.length))
      hits.push(at);
  }
  if (hits.length === 0) return highlightRanges(text.slice(0, FALLBACK_LENGTH), terms);
  hits.sort((x, y) => x - y);
  let best = hits[0] as number;
  let bestCount = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && (hits[j] as number) < (hits[i] as number) + maxLength) j++;
    if (j - i > bestCount) [best, bestCount] = [hits[i] as number, j - i];
  }
  // Start and end at spaces so no token is cut in two.
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, best - maxLength)));
  const end = text.indexOf(' ', Math.min(text.length, best + 2 * maxLength));
  const to = end < 0 ? text.length : end;
  return highlightRanges(text.slice(from, to), terms).map(([s, e]): [number, number] => [s + from, e + from]);
}

/**
 * Runs of whitespace as one space (`text.replace(/\s+/g, ' ')`), replacing only what changes: runs
 * of two or more and single whitespace other than a space. Most runs are one space between words:
 * matching each of them made this a third of a page's snippet time.
 */
export function collapseSpaces(text: string): string {
  return text.replace(CHANGED_SPACE, ' ');
}

const CHANGED_SPACE = /\s{2,}|[^\S ]/g;

/**
 * The snippet of a text no term highlights (a search by filters alone: `label:`, `tag:X`,
 * `author:`): its start, read from the start alone rather than the whole text (a thread with a
 * pasted log is 10+ KB). Null when the start does not decide it (short, or mostly whitespace).
 */
function headSnippet(text: string, maxLength: number): Snippet | null {
  const head = collapseSpaces(text.slice(0, 4 * maxLength + 64)).trimStart();
  // The whole text's first characters, up to past `maxLength`, are the head's when a non-space
  // follows them there: collapsing a run of whitespace cut short makes the same single space, and
  // trimming the end cannot reach them.
  let decided = false;
  for (let i = maxLength + 1; i < head.length && !decided; i++) decided = head.charCodeAt(i) !== 32;
  if (!decided) return null;
  // As below with no highlights: from the start, cut at a space in the second half.
  const space = head.lastIndexOf(' ', maxLength);
  const to = space > maxLength / 2 ? space : maxLength;
  return { text: head.slice(0, to) + ELLIPSIS, highlights: [] };
}

/** Cuts `text` to about `maxLength` characters around its densest cluster of matches. */
export function makeSnippet(text: string, terms: ReadonlySet<string>, maxLength = 220): Snippet {
  return snippetOfTexts([text], terms, maxLength);
}

/**
 * `makeSnippet` of the texts joined by line breaks, without joining them when they are long: then
 * the snippet is cut from the one text where the terms are densest (a post), and only that cut has
 * its spaces collapsed, lowercased and tokenized. A page's threads average 4 KB (pasted logs make
 * some 20 KB): collapsing and lowercasing all of it was most of a page's snippet time and half of
 * what a keystroke allocated.
 */
function snippetOfTexts(texts: readonly string[], terms: ReadonlySet<string>, maxLength: number): Snippet {
  if (!someInText(terms)) {
    const head = headSnippet(headOf(texts, 4 * maxLength + 64), maxLength);
    if (head) return head;
  }
  let length = texts.length - 1;
  for (const text of texts) length += text.length;
  const long = length > CUT_ABOVE * maxLength;
  const pattern = long ? termPattern(terms) : null;
  const cut = pattern && densestStretch(texts, pattern, maxLength);
  if (!cut) {
    const text = texts.join('\n');
    // No term as plain text (a stem that is no prefix of its words): its start is tokenized.
    const to = long ? spaceAtOrAfter(text, FALLBACK_LENGTH) : text.length;
    return snippetOf(
      collapseSpaces(text.slice(0, to)).trim(),
      terms,
      maxLength,
      false,
      someText(text, to, text.length),
    );
  }
  const text = texts[cut.text] as string;
  const before = someText(text, 0, cut.from) || texts.slice(0, cut.text).some((t) => someText(t, 0, t.length));
  const after = someText(text, cut.to, text.length) || texts.slice(cut.text + 1).some((t) => someText(t, 0, t.length));
  return snippetOf(collapseSpaces(text.slice(cut.from, cut.to)).trim(), terms, maxLength, before, after);
}

/** The first `length` characters of the texts joined by line breaks (all of them when shorter). */
function headOf(texts: readonly string[], length: number): string {
  let head = '';
  for (const text of texts) {
    head += (head === '' ? '' : '\n') + text.slice(0, length - head.length);
    if (head.length >= length) break;
  }
  return head;
}

/** Texts (together) longer than this many times the snippet are cut around their densest matches. */
const CUT_ABOVE = 6;

/**
 * Where the terms (`pattern`) are densest as plain text, in any case: the text holding the most
 * matches within `maxLength` characters, and a stretch of it around them: `maxLength` characters
 * before and twice that after, starting and ending at whitespace (a token never spans whitespace,
 * so the stretch's tokens are the text's). Null when no term occurs.
 */
function densestStretch(
  texts: readonly string[],
  pattern: RegExp,
  maxLength: number,
): { text: number; from: number; to: number } | null {
  let bestText = -1;
  let best = 0;
  let bestCount = 0;
  const hits: number[] = [];
  for (let k = 0; k < texts.length; k++) {
    const text = texts[k] as string;
    hits.length = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null && hits.length < 4000; m = pattern.exec(text)) hits.push(m.index);
    for (let i = 0, j = 0; i < hits.length; i++) {
      while (j < hits.length && (hits[j] as number) < (hits[i] as number) + maxLength) j++;
      if (j - i > bestCount) [bestText, best, bestCount] = [k, hits[i] as number, j - i];
    }
  }
  if (bestText < 0) return null;
  const text = texts[bestText] as string;
  return {
    text: bestText,
    from: afterSpaceBefore(text, best - maxLength),
    to: spaceAtOrAfter(text, best + 2 * maxLength),
  };
}

/** The in-text terms (two characters or more) as one case-insensitive pattern; null when none. */
function termPattern(terms: ReadonlySet<string>): RegExp | null {
  let source = '';
  for (const term of terms) {
    if (!inText(term) || term.length < 2) continue;
    source += (source ? '|' : '') + term.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  // V8 caches compiled patterns by their source: the same terms compile once.
  return source ? new RegExp(source, 'gi') : null;
}

/** Whitespace as `\s` matches it. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Just after the last whitespace before `at` (0 when none). */
function afterSpaceBefore(text: string, at: number): number {
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  return 0;
}

/** The first whitespace at or after `at` (the text's length when none). */
function spaceAtOrAfter(text: string, at: number): number {
  for (let i = Math.max(0, at); i < text.length; i++) if (isSpace(text.charCodeAt(i))) return i;
  return text.length;
}

/** Whether `text.slice(from, to)` holds anything but whitespace. */
function someText(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * The ranges of the tokens around `flat.slice(from, to)`, from the spaces before and after it.
 * For a text tokenized only where its terms were densest as plain text (`matchRanges`): a window
 * with no match there falls outside that stretch.
 */
function windowRanges(flat: string, terms: ReadonlySet<string>, from: number, to: number): [number, number][] {
  const start = from === 0 ? 0 : flat.lastIndexOf(' ', from - 1) + 1;
  const space = flat.indexOf(' ', to);
  const end = space < 0 ? flat.length : space;
  return highlightRanges(flat.slice(start, end), terms).map(([s, e]): [number, number] => [s + start, e + start]);
}

/**
 * The snippet of `flat` (spaces collapsed, trimmed), a stretch of a longer text when `before` or
 * `after` says there is more of it there (then marked with an ellipsis).
 */
function snippetOf(
  flat: string,
  terms: ReadonlySet<string>,
  maxLength: number,
  before: boolean,
  after: boolean,
): Snippet {
  const ranges = matchRanges(flat, terms, maxLength);
  if (flat.length <= maxLength && !before && !after) return { text: flat, highlights: ranges };
  // The window starting at match i that holds the most matches.
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < ranges.length; i++) {
    const start = (ranges[i] as [number, number])[0];
    while (j < ranges.length && (ranges[j] as [number, number])[1] <= start + maxLength) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = start;
    }
  }
  // Some context before the first match, starting at a word.
  let from = Math.max(0, best - 40);
  if (from > 0) {
    const space = flat.indexOf(' ', from);
    from = space >= 0 && space < best ? space + 1 : from;
  }
  let to = Math.min(flat.length, from + maxLength);
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to);
    if (space > from + maxLength / 2) to = space;
  }
  const prefix = from > 0 || before ? ELLIPSIS : '';
  const suffix = to < flat.length || after ? ELLIPSIS : '';
  const highlights = (flat.length <= NARROW_ABOVE ? ranges : windowRanges(flat, terms, from, to))
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]): [number, number] => [s - from + prefix.length, e - from + prefix.length]);
  return { text: prefix + flat.slice(from, to) + suffix, highlights };
}

/** The snippet for a result: from the question and replies (the title is shown anyway). */
export function threadSnippet(record: ThreadRecord, terms: ReadonlySet<string>, maxLength = 220): Snippet {
  return snippetOfTexts(postTexts(record), terms, maxLength);
}

/** The snippet with plain markers around matches, for terminals and logs. */
export function markSnippet(snippet: Snippet, open = '«', close = '»'): string {
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    out += snippet.text.slice(at, start) + open + snippet.text.slice(start, end) + close;
    at = end;
  }
  return out + snippet.text.slice(at);
}
