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

/** Whether `text` holds `phrase` word by word in order. */
export function hasPhrase(text: string | null, phrase: string): boolean {
  if (text === null) return true;
  const want = tokenize(phrase).map((t) => t.raw);
  if (want.length === 0) return true;
  const have = tokenize(text).map((t) => t.raw);
  outer: for (let i = 0; i + want.length <= have.length; i++) {
    for (let k = 0; k < want.length; k++) if (have[i + k] !== want[k]) continue outer;
    return true;
  }
  return false;
}
