/**
 * Lays flattened code out on lines again, for reading only (the stored text is never changed):
 * Swift and C break at braces and statements and indent by nesting, plists put each key on a line,
 * logs each entry. Code that already has line breaks is left exactly as it is.
 */
import type { CodeLanguage } from './code-runs';

interface Token {
  text: string;
  /** Brackets `(` `[` opened minus closed, outside strings. */
  parens: number;
}

/** Splits at spaces outside string literals (`"…"` and `"""…"""`), counting brackets outside them. */
function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let parens = 0;
  let quote: '' | '"' | '"""' = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (!quote && /\s/.test(c)) {
      if (text) tokens.push({ text, parens });
      text = '';
      parens = 0;
      continue;
    }
    if (c === '\\') {
      text += c + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (code.startsWith('"""', i) && quote !== '"') {
      quote = quote ? '' : '"""';
      text += '"""';
      i += 2;
      continue;
    }
    if (c === '"' && quote !== '"""') quote = quote ? '' : '"';
    else if (!quote && (c === '(' || c === '[')) parens++;
    else if (!quote && (c === ')' || c === ']')) parens--;
    text += c;
  }
  if (text) tokens.push({ text, parens });
  return tokens;
}

const STATEMENT = new Set([
  'let',
  'var',
  'guard',
  'if',
  'for',
  'while',
  'return',
  'switch',
  'defer',
  'func',
  'private',
  'fileprivate',
  'public',
  'internal',
  'override',
  'static',
  'extension',
  'struct',
  'class',
  'enum',
  'protocol',
  'break',
  'continue',
  'do',
  'throw',
  'import',
  '@objc',
]);
const MODIFIERS = new Set(['private', 'fileprivate', 'public', 'internal', 'override', 'static', 'final', '@objc']);
const JOINERS = new Set([
  'let',
  'var',
  'case',
  'if',
  'guard',
  'while',
  'else',
  '=',
  'return',
  'in',
  'try',
  'await',
  '->',
  '&&',
  '||',
]);
/** Words that plainly start a statement: where a flattened `//` comment must have ended. */
const COMMENT_ENDERS = new Set([
  'let',
  'var',
  'guard',
  'func',
  'private',
  'fileprivate',
  'override',
  'extension',
  'struct',
  'class',
  'return',
  'defer',
  'import',
  'switch',
  '@objc',
]);
const CONTINUATIONS = new Set([
  'else',
  'in',
  'where',
  'as',
  'is',
  'catch',
  '=',
  '==',
  '!=',
  '->',
  '&&',
  '||',
  '??',
  ':',
]);

const isLiteral = (t: string) => /^".*"[,)]*$/.test(t) || /^-?\d[\d.]*$/.test(t) || /^(?:true|false|nil)$/.test(t);
const isName = (t: string) => /^[A-Za-z_$]/.test(t) && !CONTINUATIONS.has(t);

function startsStatement(tokens: Token[], i: number): boolean {
  const tok = tokens[i]!.text;
  const prev = tokens[i - 1]?.text ?? '';
  const next = tokens[i + 1]?.text ?? '';
  if (/[,(:]$/.test(prev) || JOINERS.has(prev) || MODIFIERS.has(prev)) return false;
  if (STATEMENT.has(tok)) return true;
  if (next === '=' && isName(tok)) return true;
  if (!isName(tok)) return false;
  // `foo() bar`, `x = 5 y`, `x = y z`: the previous statement is complete.
  return /[)\]]$/.test(prev) || isLiteral(prev) || (tokens[i - 2]?.text === '=' && isName(prev));
}

/** The index of the `}` closing the `{` at `open` when the block is short and flat, else -1. */
function shortBlockEnd(tokens: Token[], open: number): number {
  for (let j = open + 1; j < Math.min(tokens.length, open + 9); j++) {
    const t = tokens[j]!.text;
    if (t === '{' || t.startsWith('//')) return -1;
    if (t === '}') return j;
  }
  return -1;
}

function layoutBraces(code: string, language: 'swift' | 'c'): string {
  const tokens = tokenize(code);
  const lines: string[] = [];
  let line: string[] = [];
  let depth = 0;
  let parens = 0;
  let comment = false;
  const newline = () => {
    if (line.length > 0) lines.push('    '.repeat(depth) + line.join(' '));
    line = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const { text: tok } = tokens[i]!;
    const next = tokens[i + 1]?.text ?? '';
    if (comment) {
      // A flattened comment ends where a statement plainly starts.
      if (COMMENT_ENDERS.has(tok) || next === '=' || tok.startsWith('//')) {
        comment = false;
        newline();
      } else {
        line.push(tok);
        continue;
      }
    }
    if (parens <= 0 && tok.startsWith('//')) {
      newline();
      line.push(tok);
      comment = true;
      continue;
    }
    if (parens <= 0 && tok === '}') {
      newline();
      depth = Math.max(0, depth - 1);
      line.push(tok);
      if (!CONTINUATIONS.has(next) && !/^[.),\]]/.test(next)) newline();
      continue;
    }
    if (parens <= 0 && tok === '{') {
      const end = shortBlockEnd(tokens, i);
      if (end > 0) {
        line.push(...tokens.slice(i, end + 1).map((t) => t.text));
        i = end;
        const after = tokens[i + 1]?.text ?? '';
        if (!CONTINUATIONS.has(after) && !/^[.),\]]/.test(after)) newline();
        continue;
      }
      line.push(tok);
      // `{ results, _ in`: a closure's parameters stay on its first line.
      const params = tokens.slice(i + 1, i + 5).findIndex((t) => t.text === 'in');
      if (params >= 0 && tokens.slice(i + 1, i + 1 + params).every((t) => /^[\w$]+,?$/.test(t.text))) {
        line.push(...tokens.slice(i + 1, i + 2 + params).map((t) => t.text));
        i += 1 + params;
      }
      newline();
      depth++;
      continue;
    }
    if (language === 'swift' && parens <= 0 && line.length > 0 && startsStatement(tokens, i)) newline();
    line.push(tok);
    parens += tokens[i]!.parens;
    if (language === 'c' && parens <= 0 && tok.endsWith(';')) newline();
  }
  newline();
  return lines.join('\n');
}

function layoutXml(code: string): string {
  const lines: string[] = [];
  let depth = 0;
  for (const part of code.split(/\s+(?=<)/)) {
    if (/^<\/(?:dict|array|plist)>/.test(part)) depth = Math.max(0, depth - 1);
    lines.push('  '.repeat(depth) + part);
    if (/^<(?:dict|array|plist)\b[^/]*>$/.test(part)) depth++;
  }
  return lines.join('\n');
}

/** The code as it would have been written, when the scrape flattened it onto one line. */
export function layoutCode(code: string, language: CodeLanguage): string {
  if (code.includes('\n')) return code;
  switch (language) {
    case 'swift':
    case 'c':
      return layoutBraces(code, language);
    case 'xml':
      return layoutXml(code);
    case 'log':
      // One entry a line, when the excerpt starts with an entry: `type: debug time: …` (the `log`
      // tool) or `default 09:43:04.469189-0700 …` (Console); else where entries start is unknown.
      for (const entry of [/type: \w+ time: /, /(?:default|info|debug|error|fault|notice) \d{2}:\d{2}:\d{2}\./]) {
        if (entry.exec(code)?.index === 0) return code.replace(new RegExp(`\\s+(?=${entry.source})`, 'g'), '\n');
      }
      return code;
    default:
      return code;
  }
}
