/**
 * Highlights found by tokenizing only the words that hold a term's anchor (snippet.ts) must be the
 * ranges of every token of the text that yields a term, as tokenizing the whole text finds them:
 * the same snippets and title highlights, over threads with pasted logs, codes and API names,
 * stems that are no prefix of their word, and text whose lowercase differs in length or context.
 */
import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../../src/model';
import { docFields } from '../../../src/search/doc-meta';
import { collapseSpaces, highlightRanges, threadSnippet } from '../../../src/search/snippet';
import { stemWord, tokenize } from '../../../src/search/tokenizer';
import { forumThreads } from '../../bench/forum-corpus';
import { prng, syntheticThreads } from './synthetic-corpus';

/** Every token's range whose terms meet `terms`: what highlightRanges did before, the whole text tokenized. */
function everyToken(text: string, terms: ReadonlySet<string>): [number, number][] {
  return tokenize(text)
    .filter((t) => t.terms.some((term) => terms.has(term)))
    .map((t): [number, number] => [t.start, t.end]);
}

/** Some of a text's own terms, stems and whole tokens alike, and sometimes a tag or context term. */
function termsOf(text: string, random: () => number, take: number): Set<string> {
  const all = [...new Set(tokenize(text).flatMap((t) => t.terms))];
  const picked = new Set<string>();
  for (let i = 0; i < take && all.length > 0; i++) picked.add(all[Math.floor(random() * all.length)] as string);
  if (random() < 0.2) picked.add('\u0001tag:networkextension');
  if (random() < 0.2) picked.add('\u0002dc:nsurlerrordomain:-1001');
  return picked;
}

/** Words whose stem is not a prefix of them (`-y` → `-i`, `-bility` → `-ble`, `-ization` → `-ize`). */
const CHANGED_STEMS = [
  'happy',
  'possibly',
  'capability',
  'mobility',
  'sensibility',
  'relational',
  'conditional',
  'organization',
  'operator',
  'activities',
  'valency',
  'hesitancy',
  'probably',
  'hopefully',
  'generalization',
  'hoping',
  'filing',
  'conflated',
  'troubled',
  'sized',
  'Yelling',
  'yearly',
];

describe('highlightRanges over the words holding an anchor', () => {
  it('equals tokenizing the whole text, on threads with logs, codes and names', () => {
    const random = prng(21);
    let compared = 0;
    for (const record of [...forumThreads(300), ...syntheticThreads(200, { seed: 4 })]) {
      const fields = docFields(record);
      for (const text of [fields.title, fields.body, fields.replies.slice(0, 3000)]) {
        for (const take of [1, 2, 4]) {
          const terms = termsOf(text, random, take);
          expect(highlightRanges(text, terms), JSON.stringify([...terms])).toEqual(everyToken(text, terms));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('finds words whose stem is not a prefix of them, in any case and next to punctuation', () => {
    for (const word of CHANGED_STEMS) {
      const stem = stemWord(word.toLowerCase());
      expect(stem).not.toBeNull();
      const text = `It was ${word}, (${word.toUpperCase()}) and ${word}. Also x${word}y and ${word}Provider.`;
      const terms = new Set([stem as string]);
      const want = everyToken(text, terms);
      expect(want.length, word).toBeGreaterThan(0);
      expect(highlightRanges(text, terms), word).toEqual(want);
    }
  });

  it('equals tokenizing the whole text around signs, tabs, capital sigma, dotted I and Japanese', () => {
    const random = prng(8);
    const pieces = [
      'Code=−1001',
      '−1009',
      '-1200',
      '18-19',
      'ΟΔΟΣ:ΒΑΣ',
      'ΑΣ.Β',
      'Σ',
      'ΑΣ',
      'İstanbul',
      'connection',
      'Connections',
      '接続が不安定です',
      'NEFilterDataProvider',
      'nw_connection_t',
      'URLSession.shared',
      '0x8BADF00D',
      '\t',
      '\n',
      '  ',
      '…',
      'happy',
      'capability',
      'error 53',
      'e',
    ];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let k = 0; k < length; k++)
        text += pieces[Math.floor(random() * pieces.length)] + (random() < 0.7 ? ' ' : '');
      const terms = termsOf(text, random, 1 + Math.floor(random() * 3));
      expect(highlightRanges(text, terms), JSON.stringify([text, [...terms]])).toEqual(everyToken(text, terms));
    }
  });
});

/**
 * Where a snippet's text is in the whole text (spaces collapsed): its range there, and how many
 * characters its leading ellipsis adds; an ellipsis exactly where the text goes on. Null if nowhere.
 */
function stretchOf(snippet: string, flat: string): { from: number; to: number; shift: number } | null {
  for (const shift of [1, 0])
    for (const tail of [1, 0]) {
      if ((shift && !snippet.startsWith('…')) || (tail && !snippet.endsWith('…'))) continue;
      const core = snippet.slice(shift, snippet.length - tail);
      const from = flat.indexOf(core);
      if (from >= 0 && from > 0 === (shift === 1) && from + core.length < flat.length === (tail === 1))
        return { from, to: from + core.length, shift };
    }
  return null;
}

/** snippet.ts's `threadSnippet` as it was, every text it looked at tokenized whole. */
function snippetBefore(record: ThreadRecord, terms: ReadonlySet<string>, maxLength = 220) {
  const fields = docFields(record);
  const flat = collapseSpaces([fields.body, fields.replies].filter(Boolean).join(' ')).trim();
  const ranges = rangesBefore(flat, terms, maxLength);
  if (flat.length <= maxLength) return { text: flat, highlights: ranges };
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < ranges.length; i++) {
    const start = (ranges[i] as [number, number])[0];
    while (j < ranges.length && (ranges[j] as [number, number])[1] <= start + maxLength) j++;
    if (j - i > bestCount) [bestCount, best] = [j - i, start];
  }
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
  const prefix = from > 0 ? '…' : '';
  const suffix = to < flat.length ? '…' : '';
  const highlights = ranges
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]): [number, number] => [s - from + prefix.length, e - from + prefix.length]);
  return { text: prefix + flat.slice(from, to) + suffix, highlights };
}

function rangesBefore(text: string, terms: ReadonlySet<string>, maxLength: number): [number, number][] {
  if (text.length <= 700) return everyToken(text, terms);
  const words = [...terms].filter((t) => t.charCodeAt(0) > 3);
  if (words.length === 0) return [];
  const lower = text.toLowerCase();
  const hits: number[] = [];
  for (const term of words) {
    if (term.length < 2) continue;
    for (let at = lower.indexOf(term); at >= 0 && hits.length < 4000; at = lower.indexOf(term, at + term.length))
      hits.push(at);
  }
  if (hits.length === 0) return everyToken(text.slice(0, 8000), terms);
  hits.sort((x, y) => x - y);
  let best = hits[0] as number;
  let bestCount = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && (hits[j] as number) < (hits[i] as number) + maxLength) j++;
    if (j - i > bestCount) [best, bestCount] = [hits[i] as number, j - i];
  }
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, best - maxLength)));
  const end = text.indexOf(' ', Math.min(text.length, best + 2 * maxLength));
  const to = end < 0 ? text.length : end;
  return everyToken(text.slice(from, to), terms).map(([s, e]): [number, number] => [s + from, e + from]);
}

describe('snippets with anchored highlights', () => {
  it('are a stretch of the text whose highlights are every token in it that yields a term, on threads with logs', () => {
    const random = prng(33);
    let highlighted = 0;
    let cut = 0;
    for (const record of [...forumThreads(400, 8, 5000), ...syntheticThreads(100, { seed: 9 })]) {
      const fields = docFields(record);
      const text = `${fields.body} ${fields.replies}`;
      const flat = collapseSpaces(text).trim();
      const tokens = tokenize(flat);
      for (const take of [1, 3]) {
        const terms = termsOf(text, random, take);
        // Sometimes a term's prefix, as typing expands it, or a word of another thread.
        if (random() < 0.3) terms.add('conn');
        if (random() < 0.3) terms.add('capabl');
        const snippet = threadSnippet(record, terms);
        const at = stretchOf(snippet.text, flat);
        expect(at, snippet.text).not.toBeNull();
        const { from, to, shift } = at as { from: number; to: number; shift: number };
        expect(to - from).toBeLessThanOrEqual(220);
        const want = tokens
          .filter((t) => t.start >= from && t.end <= to && t.terms.some((term) => terms.has(term)))
          .map((t): [number, number] => [t.start - from + shift, t.end - from + shift]);
        expect(snippet.highlights, JSON.stringify([...terms])).toEqual(want);
        highlighted += want.length;
        if (from > 0 && flat.length > 6 * 220) cut++;
      }
    }
    expect(highlighted).toBeGreaterThan(500);
    // Long threads were cut around their matches, not shown from their start.
    expect(cut).toBeGreaterThan(100);
  });

  it('are where the terms are densest in a long text, however far into it', () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => `line ${i} of the log:\n\n    status ok`).join('\n');
    const body = `${filler(300)}\n  the tunnel failed\twith NEPacketTunnelProvider error -1009 and the tunnel stopped\n${filler(300)}`;
    const record = { ...[...forumThreads(1)][0]!, posts: [] } as ThreadRecord;
    const snippet = threadSnippet(
      { ...record, thread: { ...record.thread, excerpt: body } },
      new Set(['tunnel', '-1009']),
    );
    expect(snippet.text).toMatch(
      /^….*the tunnel failed with NEPacketTunnelProvider error -1009 and the tunnel stopped.*…$/,
    );
    const marked = snippet.highlights.map(([s, e]) => snippet.text.slice(s, e));
    expect(marked).toEqual(['tunnel', 'NEPacketTunnelProvider', '-1009', 'tunnel']);
  });

  it('are the start of the text when no term is in it (filters alone), read from the start only', () => {
    const random = prng(34);
    const spaces = [' ', '  ', '\n', '\n\n', '\t', ' \u00a0 ', '\r\n    '];
    const words = ['connection', 'NEFilterDataProvider', 'Code=-1001', 'a', 'timeout', '接続', 'x'.repeat(230)];
    const records = [...forumThreads(150, 8, 9000)];
    for (let i = 0; i < 400; i++) {
      // Whitespace-heavy starts too: long runs, a text all spaces at first, a word longer than the snippet.
      let body = random() < 0.3 ? spaces[Math.floor(random() * spaces.length)]!.repeat(Math.floor(random() * 400)) : '';
      const length = Math.floor(random() * 300);
      for (let k = 0; k < length; k++)
        body += words[Math.floor(random() * words.length)]! + spaces[Math.floor(random() * spaces.length)]!;
      const base = records[i % records.length] as ThreadRecord;
      const record: ThreadRecord =
        i % 2 === 0 ? base : { ...base, posts: base.posts.map((p, k) => (k === 0 ? { ...p, body } : p)) };
      for (const terms of [new Set<string>(), new Set(['\u0001tag:bonjour']), new Set(['\u0002dc::53'])])
        expect(threadSnippet(record, terms)).toEqual(snippetBefore(record, terms));
    }
  });
});
