/**
 * `hasPhrase` looks at the stretches around its first word's places, and skips those lacking one of
 * the other words: it must answer exactly as the version that tokenized every stretch (and the
 * whole text when the first word is common), kept here as the reference.
 */
import { describe, expect, it } from 'vitest';
import { hasPhrase } from '../../../src/search/phrase';
import { tokenize } from '../../../src/search/tokenizer';
import { prng, syntheticThreads } from './synthetic-corpus';

/** The implementation before the skipping (commit 75922c6), for comparison. */
function reference(text: string | null, phrase: string): boolean {
  if (text === null) return true;
  const raws = (t: string) => tokenize(t).map((x) => x.raw);
  const inOrder = (have: readonly string[], want: readonly string[]) => {
    outer: for (let i = 0; i + want.length <= have.length; i++) {
      for (let k = 0; k < want.length; k++) if (have[i + k] !== want[k]) continue outer;
      return true;
    }
    return false;
  };
  const lastSpace = (at: number) => {
    for (let i = at - 1; i >= 0; i--) if (/\s/.test(text[i] as string)) return i + 1;
    return 0;
  };
  const want = raws(phrase);
  const first = want[0];
  if (first === undefined) return true;
  const lower = text.toLowerCase();
  if (lower.length !== text.length || !/^[\p{L}\p{N}_$]/u.test(first)) return inOrder(raws(text), want);
  const span = 2 * phrase.length + 200;
  let places = 0;
  for (let at = lower.indexOf(first); at >= 0; at = lower.indexOf(first, at + 1)) {
    if (++places > 64) return inOrder(raws(text), want);
    const from = Math.max(0, lastSpace(at));
    const end = text.slice(at + span).search(/\s/);
    const to = end < 0 ? text.length : at + span + end;
    if (inOrder(raws(text.slice(from, to)), want)) return true;
  }
  return false;
}

describe('hasPhrase', () => {
  it('answers as tokenizing every stretch did, for phrases in and not in random threads', () => {
    const random = prng(17);
    const threads = [...syntheticThreads(150, { seed: 21, vocabulary: 400 })];
    let found = 0;
    let checked = 0;
    for (const record of threads) {
      let text = [record.thread.title, ...record.posts.map((p) => p.body)].join('\n');
      // Some texts repeat a word often (a pasted log), past the places looked at one by one; some
      // hold a phrase whose words stand far apart (only punctuation between), beyond a stretch.
      const far = ` connection ${'- '.repeat(300)} local endpoint`;
      const log = '\nconnection has failed\n'.repeat(70);
      const kind = random();
      if (kind < 0.2) text += `${log} connection has no local endpoint`;
      else if (kind < 0.4) text += log + far;
      else if (kind < 0.5) text += far;
      const words = text.split(/\s+/).filter(Boolean);
      for (let i = 0; i < 12; i++) {
        const at = Math.floor(random() * Math.max(1, words.length - 4));
        const length = 1 + Math.floor(random() * 4);
        let phrase = words.slice(at, at + length).join(' ');
        // Half the time, a phrase that may not be there: its words shuffled or one replaced.
        if (random() < 0.5) phrase = phrase.split(' ').reverse().join(' ');
        if (random() < 0.2) phrase = `${phrase} ${words[Math.floor(random() * words.length)] ?? ''}`;
        for (const p of [
          phrase,
          'connection has no local endpoint',
          'connection has failed connection',
          'connection local endpoint',
        ]) {
          const want = reference(text, p);
          expect(hasPhrase(text, p), p).toBe(want);
          checked++;
          if (want) found++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
    // Both kinds of answer are well represented.
    expect(found).toBeGreaterThan(checked / 5);
    expect(found).toBeLessThan((checked * 4) / 5);
  });

  it('finds a phrase whose words stand apart within a stretch, past the first steps tokenized', () => {
    // Punctuation and stop words between the words: a stretch holds them, tokenized a step at a time.
    for (const gap of [0, 20, 60, 120, 200, 260]) {
      const between = ' , the'.repeat(gap / 6);
      for (const before of ['', 'nw_connection_copy [C12] ', 'x '.repeat(40)]) {
        const text = `${before}connection${between} local${between} endpoint and more text after it`;
        for (const p of ['connection local endpoint', 'connection has no local endpoint', 'local endpoint']) {
          expect(hasPhrase(text, p), JSON.stringify([gap, before, p])).toBe(reference(text, p));
          if (gap <= 60) expect(hasPhrase(text, p), JSON.stringify([gap, before, p])).toBe(true);
        }
      }
    }
  });
});
