/**
 * `"exact phrases"`: the phrase's words, in order, next to each other, compared as the index
 * compares words (the tokenizer's tokens, so case, punctuation, stop words and Japanese word
 * boundaries are treated the same on both sides).
 */
import type { ThreadRecord } from '../model';
import { tokenize } from './tokenizer';

/** A thread's searchable text (title and every post), or null when unknown. */
export function recordText(record: ThreadRecord | undefined): string | null {
  return record ? [record.thread.title, ...record.posts.map((p) => p.body)].join('\n') : null;
}

/** Whether the tokens' raw forms hold `want` in a row. */
function inOrder(have: readonly string[], want: readonly string[]): boolean {
  outer: for (let i = 0; i + want.length <= have.length; i++) {
    for (let k = 0; k < want.length; k++) if (have[i + k] !== want[k]) continue outer;
    return true;
  }
  return false;
}

const raws = (text: string) => tokenize(text).map((t) => t.raw);

/** Beyond this many places of its first word, a thread's text is also tokenized whole when no place holds the phrase. */
const MAX_PLACES = 64;

/** Whether `text` holds `phrase` word by word in order. */
export function hasPhrase(text: string | null, phrase: string): boolean {
  if (text === null) return true;
  const want = raws(phrase);
  const first = want[0];
  if (first === undefined) return true;
  const lower = text.toLowerCase();
  // A token's raw form is its lowercased text (a code's sign aside), so the phrase can only start
  // where its first word does: tokenize a stretch from the whitespace before each such place.
  if (lower.length !== text.length || !NAME.test(first)) return inOrder(raws(text), want);
  const span = 2 * phrase.length + 200;
  // The other words (those that are their own text): a stretch lacking one cannot hold the phrase.
  const others = want.slice(1).filter((w) => NAME.test(w));
  // Each word's next place at or after the stretch's start (stretches start in ascending order,
  // so the text is searched once); -1: not looked for yet, -2: nowhere further on.
  const next = others.map(() => -1);
  const mayHold = (from: number, to: number): boolean => {
    for (let k = 0; k < others.length; k++) {
      const word = others[k] as string;
      let at = next[k] as number;
      if (at === -2) return false;
      if (at < from) {
        at = lower.indexOf(word, from);
        next[k] = at < 0 ? -2 : at;
        if (at < 0) return false;
      }
      if (at + word.length > to) return false;
    }
    return true;
  };
  // Counted as the stretches are tried: a thread holding the phrase is seldom searched to its end.
  let places = 0;
  for (let at = lower.indexOf(first); at >= 0; at = lower.indexOf(first, at + 1)) {
    places++;
    const from = Math.max(0, lastSpace(text, at));
    const end = text.slice(at + span).search(/\s/);
    const to = end < 0 ? text.length : at + span + end;
    if (mayHold(from, to) && holdsInOrder(text, from, to, want)) return true;
  }
  // Where the first word is too common, the stretches are a shortcut only: found in none of them,
  // the whole text decides (its tokens hold each stretch's, so a stretch's match is the text's).
  return places > MAX_PLACES && others.every((w) => lower.includes(w)) ? inOrder(raws(text), want) : false;
}

/** How far past its start a stretch is tokenized before looking for the phrase in it, then each step further. */
const STEP = 48;

const SPACE = /\s/g;

/** The first whitespace at or after `at` (the text's length when none). */
function nextSpace(text: string, at: number): number {
  SPACE.lastIndex = at;
  return SPACE.exec(text)?.index ?? text.length;
}

/**
 * `inOrder(raws(text.slice(from, to)), want)`, tokenizing a step at a time and stopping once the
 * phrase is found (most stretches tried hold it, near their start: the rest of the stretch, often a
 * pasted log line of addresses and ids, is never tokenized). Steps end at whitespace, which no token
 * spans, and a text tokenized from a whitespace on has the tokens it has there when tokenized whole
 * (the tokenizer looks back only to tell a code's sign, never past a whitespace).
 */
function holdsInOrder(text: string, from: number, to: number, want: readonly string[]): boolean {
  const have: string[] = [];
  for (let start = from; start < to;) {
    const end = Math.min(to, nextSpace(text, Math.min(to, start + STEP)));
    for (const token of tokenize(text.slice(start, end))) have.push(token.raw);
    if (inOrder(have, want)) return true;
    start = end;
  }
  return false;
}

/** A word whose raw form is its lowercased text: it starts with a letter, a digit, `_` or `$`. */
const NAME = /^[\p{L}\p{N}_$]/u;

/** The position just after the last whitespace before `at` (0 at the start). */
function lastSpace(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (/\s/.test(text[i] as string)) return i + 1;
  return 0;
}
