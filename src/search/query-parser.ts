/**
 * ForumKB's query language. Raw input never reaches Lunr's (or anyone's) query syntax: it is
 * parsed here into plain data, and anything unrecognised becomes free text. Total by design:
 * every string parses, and problems are reported as warnings, never thrown.
 *
 *   free words   "exact phrase"   -word   -"phrase"
 *   tag:"Network Extension"  -tag:X  author:quinn  label:"to read"
 *   is:bookmarked|resource|answered   has:notes
 *   views:>1000  replies:0  boosts:>=2  views:10..100
 *   before:2025-06-01  after:2025-01
 *   sort:views|replies|boosts|activity
 *
 * `-1001` is an error code to find, never an exclusion: a minus followed by a digit is a sign.
 */
import { CODE_CUES } from './code-context';
import { domainOf } from './error-codes';
import { tokenize, type Token } from './tokenizer';

export type NumericField = 'views' | 'replies' | 'boosts';
export type SortKey = 'relevance' | 'views' | 'replies' | 'boosts' | 'activity';
export type Flag = 'bookmarked' | 'resource' | 'answered' | 'notes';

export type Filter =
  | { kind: 'tag'; value: string; negated: boolean }
  | { kind: 'author'; value: string; negated: boolean }
  | { kind: 'label'; value: string; negated: boolean }
  | { kind: 'flag'; flag: Flag; negated: boolean }
  | { kind: 'number'; field: NumericField; min: number; max: number; negated: boolean }
  | { kind: 'date'; before: boolean; time: number };

export interface QueryWord {
  token: Token;
  /** The token as typed (case kept: `NEPacketTunnelProvider`). */
  text: string;
  /** Search for the token's prefix too: the last word while the user is still typing. */
  prefix: boolean;
  /** A number that follows `error`/`code`/`errno`: look it up in the error-code table. */
  errorCode: boolean;
  /** `error`/`code` right before a code: helps ranking but is not required. */
  optional: boolean;
  /** The error domain named right before this code (`NEVPNErrorDomain Code=5`): its key. */
  domain?: string;
  /** This word is a domain whose code follows: the code's clause stands for both. */
  domainOfCode?: boolean;
}

export interface QueryPhrase {
  text: string;
  tokens: Token[];
}

export interface ParsedQuery {
  words: QueryWord[];
  phrases: QueryPhrase[];
  /** Excluded words (`-word`) and phrases (`-"a b"`): their tokens. */
  excluded: Token[][];
  /** Parallel to `excluded`: the phrase's text for `-"a b"` (only the phrase is excluded), else null. */
  excludedPhrases: (string | null)[];
  filters: Filter[];
  sort: SortKey;
  warnings: string[];
  /** Operators the query cannot mean (`is:unanswered`): the search has no answer, only these. */
  errors: string[];
}

/** Only this many free words are required to match (a query holds 32 clause bits); later ones only rank. */
export const MAX_WORDS = 32;

/** `[12:0x6000…]` in a pasted log line: a connection number and an address, not codes. */
const LOG_CONNECTION = /^\[?\d+:0x[0-9a-f]+\]?$/i;

interface RawPart {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
}

/** Splits input into `[-][key:]value` parts; quotes group, an unbalanced quote runs to the end. */
function lex(input: string): RawPart[] {
  const parts: RawPart[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i] ?? '')) i++;
    if (i >= n) break;
    let negated = false;
    // `-word`, `-tag:x`, `-"phrase"` exclude; `-1001`, `-0x…` and a lone `-` do not.
    if (input[i] === '-' && i + 1 < n && !/[\s\d-]/.test(input[i + 1] ?? '')) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    const keyMatch = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i, i + 20));
    if (keyMatch?.[1]) {
      key = keyMatch[1].toLowerCase();
      i += keyMatch[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      parts.push({ negated, key, value: input.slice(i + 1, end), quoted: true });
      i = close < 0 ? n : close + 1;
    } else {
      const start = i;
      while (i < n && !/\s/.test(input[i] ?? '')) i++;
      parts.push({ negated, key, value: input.slice(start, i), quoted: false });
    }
  }
  return parts;
}

/** `>1000`, `>=2`, `<5`, `0`, `10..100`, `1k`; null when it is not a number filter. */
function parseRange(value: string): { min: number; max: number } | null {
  const num = (s: string): number | null => {
    const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s);
    if (!m?.[1]) return null;
    const scale = m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1;
    return Number(m[1]) * scale;
  };
  const range = /^(.*)\.\.(.*)$/.exec(value);
  if (range) {
    const lo = range[1] ? num(range[1]) : 0;
    const hi = range[2] ? num(range[2]) : Infinity;
    return lo === null || hi === null ? null : { min: lo, max: hi };
  }
  const op = /^(>=|<=|>|<|=)?(.*)$/.exec(value);
  const x = num(op?.[2] ?? '');
  if (x === null) return null;
  switch (op?.[1]) {
    case '>':
      return { min: Math.floor(x) + 1, max: Infinity };
    case '>=':
      return { min: x, max: Infinity };
    case '<':
      return { min: -Infinity, max: Math.ceil(x) - 1 };
    case '<=':
      return { min: -Infinity, max: x };
    default:
      return { min: x, max: x };
  }
}

/** `2025`, `2025-06`, `2025-06-01` (UTC); null when not a date. */
function parseDate(value: string): number | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1));
  return Number.isNaN(time) ? null : time;
}

const FLAGS: Record<string, Record<string, Flag>> = {
  is: { bookmarked: 'bookmarked', bookmark: 'bookmarked', resource: 'resource', answered: 'answered' },
  has: { notes: 'notes', note: 'notes', answer: 'answered', 'accepted-answer': 'answered' },
};

const SORTS: Record<string, SortKey> = {
  views: 'views',
  replies: 'replies',
  boosts: 'boosts',
  activity: 'activity',
  recent: 'activity',
  relevance: 'relevance',
};

export interface ParseOptions {
  /** The user is still typing: the last word also matches as a prefix. Default true. */
  typing?: boolean;
}

export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const query: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    excludedPhrases: [],
    filters: [],
    sort: 'relevance',
    warnings: [],
    errors: [],
  };
  const freeText: { token: Token; text: string; endsInput: boolean; noise: boolean }[] = [];
  const text = String(input);
  for (const part of lex(text)) {
    const { negated, key, value, quoted } = part;
    if (key !== null && parseFilter(key, value, negated, query) === 'handled') continue;
    // Not a known operator: the whole part, key included, is free text.
    const literal = key === null ? value : `${key}:${value}`;
    const tokens = tokenize(literal);
    if (tokens.length === 0) continue;
    if (negated) {
      query.excluded.push(tokens);
      query.excludedPhrases.push(quoted && tokens.length > 1 ? value : null);
    } else if (quoted && key === null) query.phrases.push({ text: value, tokens });
    else {
      const noise = !quoted && LOG_CONNECTION.test(literal);
      for (const token of tokens)
        freeText.push({ token, text: literal.slice(token.start, token.end), endsInput: false, noise });
    }
  }
  const typing = options.typing ?? true;
  const last = freeText.at(-1);
  if (last && typing && !/[\s"]$/.test(text)) last.endsInput = true;
  const isNumber = (t: Token | undefined) => !!t && (t.kind === 'code' || t.kind === 'number' || t.kind === 'hex');
  freeText.forEach(({ token, text: typed, endsInput, noise }, i) => {
    const previous = freeText[i - 1];
    const next = freeText[i + 1];
    if (noise) {
      query.words.push({ token, text: typed, prefix: false, errorCode: false, optional: true });
      return;
    }
    // `NEVPNErrorDomain Code=5`, `NEVPNConnectionErrorDomain 12`: the domain says what the code means.
    const domainAt = (j: number) => {
      const t = freeText[j];
      return t && !t.noise && (t.token.kind === 'ident' || t.token.kind === 'acronym') ? domainOf(t.token.raw) : null;
    };
    const domain = isNumber(token)
      ? (domainAt(i - 1) ?? (previous && CODE_CUES.has(previous.token.raw) ? domainAt(i - 2) : null))
      : null;
    const errorCode =
      token.kind === 'code' ||
      token.kind === 'hex' ||
      (token.kind === 'number' && !!previous && (CODE_CUES.has(previous.token.raw) || domain !== null));
    const cuesCode = CODE_CUES.has(token.raw) && isNumber(next?.token) && !next?.noise;
    const domainOfCode =
      domainAt(i) !== null &&
      ((isNumber(next?.token) && !next?.noise) ||
        (!!next && CODE_CUES.has(next.token.raw) && isNumber(freeText[i + 2]?.token) && !freeText[i + 2]?.noise));
    query.words.push({
      token,
      text: typed,
      prefix: endsInput,
      errorCode,
      optional: cuesCode || domainOfCode,
      ...(domain ? { domain } : {}),
      ...(domainOfCode ? { domainOfCode } : {}),
    });
  });
  if (query.words.length > MAX_WORDS) {
    query.warnings.push(`only the first ${MAX_WORDS} words are required to match`);
    for (const word of query.words.slice(MAX_WORDS)) word.optional = true;
  }
  return query;
}

/** Applies one `key:value`; 'literal' when the key is unknown, so it is searched as text. */
function parseFilter(key: string, value: string, negated: boolean, query: ParsedQuery): 'handled' | 'literal' {
  const clean = value.trim();
  switch (key) {
    case 'tag':
    case 'author':
    case 'label':
      if (clean) query.filters.push({ kind: key, value: clean, negated });
      return 'handled';
    case 'is':
    case 'has': {
      const flag = FLAGS[key]?.[clean.toLowerCase()];
      if (flag) query.filters.push({ kind: 'flag', flag, negated });
      else {
        const known = Object.keys(FLAGS[key] ?? {}).map((k) => `${key}:${k}`);
        query.errors.push(`${key}:${clean} is not a search operator; try ${known.join(', ')}`);
      }
      return 'handled';
    }
    case 'views':
    case 'replies':
    case 'boosts': {
      const range = parseRange(clean);
      if (range) query.filters.push({ kind: 'number', field: key, ...range, negated });
      else query.warnings.push(`${key}: expects a number like >1000, <=5, 0 or 10..100`);
      return 'handled';
    }
    case 'before':
    case 'after': {
      const time = parseDate(clean);
      if (time === null) query.warnings.push(`${key}: expects a date like 2025-06-01`);
      // after:2025-06 means from June on; before: means strictly earlier.
      else query.filters.push({ kind: 'date', before: key === 'before', time });
      return 'handled';
    }
    case 'sort': {
      const sort = SORTS[clean.toLowerCase()];
      if (sort) query.sort = sort;
      else query.warnings.push(`sort: expects views, replies, boosts or activity`);
      return 'handled';
    }
    default:
      return 'literal';
  }
}
