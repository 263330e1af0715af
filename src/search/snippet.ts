/**
 * Result snippets: the stretch of a thread with the most matched terms, with the matches as
 * character ranges. Ranges, not HTML: the UI wraps them in <mark> itself, so thread text is never
 * interpreted as markup.
 */
import type { ThreadRecord } from '../model';
import { docFields } from './doc-meta';
import { tokenize } from './tokenizer';

export interface Snippet {
  text: string;
  /** `[start, end)` offsets into `text`, ascending, not overlapping. */
  highlights: [number, number][];
}

/** The ranges of tokens in `text` that produced one of `terms`. */
export function highlightRanges(text: string, terms: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const token of tokenize(text)) {
    if (token.terms.some((t) => terms.has(t))) ranges.push([token.start, token.end]);
  }
  return ranges;
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

/** Cuts `text` to about `maxLength` characters around its densest cluster of matches. */
export function makeSnippet(text: string, terms: ReadonlySet<string>, maxLength = 220): Snippet {
  const flat = collapseSpaces(text).trim();
  const ranges = matchRanges(flat, terms, maxLength);
  if (flat.length <= maxLength) return { text: flat, highlights: ranges };
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
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < flat.length ? ELLIPSIS : '';
  const highlights = ranges
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]): [number, number] => [s - from + prefix.length, e - from + prefix.length]);
  return { text: prefix + flat.slice(from, to) + suffix, highlights };
}

/** The snippet for a result: from the question and replies (the title is shown anyway). */
export function threadSnippet(record: ThreadRecord, terms: ReadonlySet<string>, maxLength?: number): Snippet {
  const fields = docFields(record);
  return makeSnippet([fields.body, fields.replies].filter(Boolean).join(' '), terms, maxLength);
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
