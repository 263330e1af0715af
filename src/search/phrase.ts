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

/** A thread's text is tokenized only around the places its first word occurs; this many at most. */
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
  if (lower.length !== text.length || !/^[\p{L}\p{N}_$]/u.test(first)) return inOrder(raws(text), want);
  const span = 2 * phrase.length + 200;
  let places = 0;
  for (let at = lower.indexOf(first); at >= 0; at = lower.indexOf(first, at + 1)) {
    if (++places > MAX_PLACES) return inOrder(raws(text), want);
    const from = Math.max(0, lastSpace(text, at));
    const end = text.slice(at + span).search(/\s/);
    const to = end < 0 ? text.length : at + span + end;
    if (inOrder(raws(text.slice(from, to)), want)) return true;
  }
  return false;
}

/** The position just after the last whitespace before `at` (0 at the start). */
function lastSpace(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (/\s/.test(text[i] as string)) return i + 1;
  return 0;
}
