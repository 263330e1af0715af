/**
 * Finds the code in a post whose scrape ran everything onto one line: Swift, Objective-C and C
 * (declarations, braces), shell commands (`$ …`), plists and logs with timestamps. A run starts at
 * something only code looks like (`func name(`, `let x =`, `<key>`, `11:30:33.029032`) and ends
 * where prose resumes: a few plain words in a row once every bracket it opened is closed.
 */

export type CodeLanguage = 'swift' | 'c' | 'shell' | 'log' | 'xml' | 'data';

export interface CodeRun {
  start: number;
  end: number;
  language: CodeLanguage;
}

interface Start {
  index: number;
  language: CodeLanguage;
}

const STARTS: { re: RegExp; language: CodeLanguage }[] = [
  {
    re: /(?:(?:private|fileprivate|public|internal|override|static|final|@objc|@MainActor)\s+)*func\s+\w+\s*[(<]/g,
    language: 'swift',
  },
  { re: /\b(?:let|var)\s+\w+\s*(?::\s*[\w<>[\]?.]+\s*)?(?:=\s*\S|\{)/g, language: 'swift' },
  { re: /\b(?:struct|class|enum|extension|protocol)\s+\w+(?:\s*:\s*\w+)?\s*\{/g, language: 'swift' },
  {
    re: /\bimport\s+(?:Foundation|Network|NetworkExtension|UIKit|AppKit|SwiftUI|Darwin|CoreWLAN)\b/g,
    language: 'swift',
  },
  { re: /\bextern\s+(?:const\s+)?\w+\s*\*?\s*\w+\s*\(/g, language: 'c' },
  { re: /#(?:include|import)\s*[<"]/g, language: 'c' },
  { re: /<(?:key|dict|array|plist|\?xml)\b[^>]*>/g, language: 'xml' },
  { re: /\btype: (?:debug|info|default|error|fault) time: /g, language: 'log' },
  { re: /\b\d{2}:\d{2}:\d{2}\.\d{3,}/g, language: 'log' },
  { re: /(?:^|\s)\$ (?=[\w/.~-])/g, language: 'shell' },
  { re: /\[\s*"\w+"\s*:/g, language: 'data' },
];

const KEYWORDS = new Set([
  'func',
  'let',
  'var',
  'guard',
  'struct',
  'extern',
  'const',
  'nil',
  'self',
  'defer',
  'override',
  'private',
  'fileprivate',
  'typedef',
  'sizeof',
  'NULL',
  'int',
  'void',
  'char',
  'bool',
  'return',
  'extension',
  'import',
]);

/** A word plain prose is made of: `the`, `Finally,`, `Here’s`, `Wi-Fi`. */
const PROSE_WORD = /^[A-Za-z][a-z’'-]*[,.:;?!]?$/;
/** The field names of a unified-log entry as `log` prints it. */
const LOG_KEY = /^(?:type|time|process|subsystem|category|message|library|pid|tid|thread):$/;
const TIMESTAMP = /\d{2}:\d{2}:\d{2}/;

type Kind = 'code' | 'prose' | 'neutral';

function classify(word: string, language: CodeLanguage): Kind {
  const bare = word.replace(/[,.:;?!]+$/, '');
  if (KEYWORDS.has(bare)) return 'code';
  if (language === 'log' && (/^[A-Za-z]+:$/.test(word) || TIMESTAMP.test(word))) return 'code';
  if (/^\d[\d.,:]*[a-z]{0,2}$/.test(word) || word === '…' || word === '-' || word === '—') return 'neutral';
  if (/^(?:if|else|for|in|case|break|true|false|continue|while|do|try|await|as|is)$/.test(bare)) return 'neutral';
  if (PROSE_WORD.test(word)) return 'prose';
  // `iOS`, `IPv4`, `TN3158`, `HTTP`: names prose is full of. A long lowerCamel word is an identifier.
  if (/^[A-Za-z]+\d*[,.:;?!]?$/.test(word)) return /^[a-z]+[A-Z]/.test(word) && bare.length >= 7 ? 'code' : 'neutral';
  // `Console.app's`, `info.plist`: file names in a sentence.
  if (/^[A-Za-z]+\.(?:app|plist|txt|json|swift|h|m|c)(?:[’']s)?[,.:]?$/.test(word)) return 'neutral';
  return 'code';
}

/** Where a log excerpt begins: after the `…log:` that introduces it, if that is close before. */
function logStart(text: string, index: number, floor: number): number {
  const before = text.slice(floor, index);
  const words = [...before.matchAll(/\S+/g)];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 8); i--) {
    const w = words[i]!;
    if (/[a-z]:$/.test(w[0]) && !LOG_KEY.test(w[0])) return floor + w.index + w[0].length + 1;
  }
  return index;
}

function findStarts(text: string): Start[] {
  const starts: Start[] = [];
  for (const { re, language } of STARTS) {
    for (const m of text.matchAll(re)) {
      const at = m.index + (m[0].length - m[0].trimStart().length);
      starts.push({ index: at, language });
    }
  }
  return starts.sort((a, b) => a.index - b.index);
}

/** The code runs in `text`, in order, not overlapping. */
export function findCodeRuns(text: string): CodeRun[] {
  const runs: CodeRun[] = [];
  const starts = findStarts(text);
  let floor = 0;
  for (let s = 0; s < starts.length; s++) {
    const first = starts[s]!;
    if (first.index < floor) continue;
    let start = first.index;
    if (first.language === 'log' && !text.startsWith('type:', start)) start = logStart(text, start, floor);
    const end = runEnd(text, first.index, first.language, starts, s + 1);
    runs.push({ start, end, language: refine(text.slice(start, end), first.language) });
    floor = end;
  }
  return runs;
}

/** Where the next log entry starts after `at`, from the starts at `k` on; Infinity when none does. */
function nextLogStart(starts: Start[], k: number, at: number): number {
  for (let i = k; i < starts.length && starts[i]!.index - at < 300; i++)
    if (starts[i]!.language === 'log' && starts[i]!.index > at) return starts[i]!.index;
  return Infinity;
}

/** Swift and C share their starts; semicolons ending statements say C. */
function refine(code: string, language: CodeLanguage): CodeLanguage {
  if (language === 'swift' && /;\s*(?:\}|\w)/.test(code) && !/\bfunc\b/.test(code)) return 'c';
  return language;
}

/**
 * Walks word by word from a start: brackets outside strings nest, string contents and `//`
 * comments count as neither code nor prose. The run ends before prose resumes for good, or where
 * code of another kind starts after some prose (a shell command after a log).
 */
function runEnd(text: string, from: number, language: CodeLanguage, starts: Start[], after: number): number {
  // The starts after this one, walked alongside the words (both are in text order).
  let k = after;
  let depth = 0;
  let inString = false;
  let comment = 0;
  let prose = 0;
  let lastCode = from;
  const words = text.slice(from).matchAll(/\S+/g);
  for (const m of words) {
    const at = from + m.index;
    const word = m[0];
    while (k < starts.length && starts[k]!.index < at) k++;
    const next = starts[k];
    if (next && next.index === at && next.language !== language && at > from && prose > 0) return lastCode;
    const wasInString = inString;
    for (let i = 0; i < word.length; i++) {
      const c = word[i]!;
      if (c === '\\') i++;
      else if (c === '"') inString = !inString;
      else if (!inString && '{[('.includes(c)) depth++;
      else if (!inString && '}])'.includes(c)) depth = Math.max(0, depth - 1);
    }
    if (wasInString && inString) continue;
    if (word.startsWith('//')) {
      comment = 10;
      lastCode = at + word.length;
      continue;
    }
    const kind = classify(word, language);
    if (comment > 0 && kind !== 'code') {
      comment--;
      continue;
    }
    comment = 0;
    if (kind === 'prose') {
      prose++;
      const limit = depth > 0 ? 14 : 3;
      // A log entry's message is prose; the next entry's timestamp close ahead says the log goes on.
      const logGoesOn = language === 'log' && nextLogStart(starts, k, at) - at < 300;
      if (prose >= limit && !logGoesOn) return lastCode;
    } else if (kind === 'code') {
      prose = 0;
      lastCode = at + word.length;
    }
  }
  return prose > 0 ? lastCode : text.length;
}
