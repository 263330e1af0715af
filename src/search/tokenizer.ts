/**
 * One tokenizer for the index and for queries, so both sides always agree on terms.
 *
 * Forum text mixes English with code: error codes (`-1001`, `Code=-1001`, `0x8BADF00D`) must stay
 * whole and signed, API names (`NEFilterDataProvider`, `nw_connection_t`, `URLSession.shared`)
 * are kept whole and also split into their parts, and only plain English words are stemmed.
 * Text written without spaces (Japanese, Chinese) is split into words with `Intl.Segmenter`, the
 * same way on both sides. Around the tokens, `code-context.ts` adds terms for error messages and
 * for codes next to their domain.
 */
import lunr from 'lunr';
import { CodeContext, type TokenRole } from './code-context';
import { hashRaw } from './phrase-pairs';

export type TokenKind =
  /** A plain English word: lowercased, stop words dropped, stemmed. */
  | 'word'
  /** An all-caps word (`TLS`, `ECONNABORTED`): kept whole and also stemmed. */
  | 'acronym'
  /** camelCase, dotted or snake_case names, or names with digits (`TN3151`). */
  | 'ident'
  /** A signed number: `-1001`, `-9806`. */
  | 'code'
  /** `0x8BADF00D`, lowercased. */
  | 'hex'
  /** An unsigned number (`53`, `10.15`); `1001` and `-1001` are different terms. */
  | 'number';

export interface Token {
  kind: TokenKind;
  /** Offsets in the source text, for highlighting. */
  start: number;
  end: number;
  /** The lowercased source text (the sign of a code normalised to `-`). */
  raw: string;
  /** The term a query looks up first: the stem for words, the whole lowercased token otherwise. */
  primary: string;
  /** Every term the index stores for this token, `primary` first. Shared: do not modify. */
  readonly terms: readonly string[];
}

/**
 * Hex first (so `0x…` is not a number), then numbers (a `-` is a sign only where it starts a
 * token, see below), then names: letters, digits, `_` and `$`, joined by dots.
 */
const CHUNK =
  /0[xX][0-9a-fA-F]+\b|[-−]?\d+(?:\.\d+)*(?![\p{L}\d_])|\d[\p{L}\p{N}_]*|[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)*/gu;

/** The parts of one camelCase segment: `NSURLSession` → NSURL, Session; `iOS` → i, OS. */
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/** Apple's class prefixes, stripped so `URLSession` finds `NSURLSession`. */
const APPLE_PREFIX = /^(?:NS|CF|NE|NW|SC|CA|UI)(?=\p{Lu}{2})/u;

/** Longer names are split only this far: a pasted blob must not explode into terms. */
const MAX_PARTS = 8;

/**
 * A cache that keeps what is used: two generations of a Map; a hit in the older one moves the
 * entry to the newer, and when the newer is full the older is dropped. A forum's vocabulary
 * stays cached however many one-off tokens (log lines, UUIDs) go through it.
 */
export class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly generation: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}

/**
 * A `GenerationalCache` cut into 16 by a hash of the key, each part holding a sixteenth: a Map
 * grows by copying all its entries to a new table, and a Map of 150k entries took 15–35 ms to
 * grow in one step of an index build (a query arriving meanwhile waited); a part's map grows
 * in a sixteenth of that.
 */
export class ShardedCache<V> {
  private readonly shards: GenerationalCache<V>[];
  constructor(generation: number) {
    this.shards = Array.from({ length: 16 }, () => new GenerationalCache<V>(Math.ceil(generation / 16)));
  }

  /** @param hash any hash of `key` (the same one each time) */
  get(key: string, hash: number): V | undefined {
    return (this.shards[hash & 15] as GenerationalCache<V>).get(key);
  }

  set(key: string, hash: number, value: V): void {
    (this.shards[hash & 15] as GenerationalCache<V>).set(key, value);
  }

  clear(): void {
    for (const shard of this.shards) shard.clear();
  }
}

const stemCache = new ShardedCache<string | null>(100_000);

/** The stem of a lowercase word, or null for a stop word. Cached: the stemmer is the hot path. */
export function stemWord(lower: string): string | null {
  const hash = slotOf(lower);
  let stem = stemCache.get(lower, hash);
  if (stem !== undefined) return stem;
  const token = new lunr.Token(lower, {});
  stem = lunr.stopWordFilter(token) ? lunr.stemmer(token).toString() : null;
  stemCache.set(lower, hash, stem);
  return stem;
}

function pushUnique(terms: string[], term: string): void {
  if (term.length > 0 && !terms.includes(term)) terms.push(term);
}

function identTerms(text: string, lower: string): string[] {
  const terms = [lower];
  const words: string[] = [];
  let offset = 0;
  let parts = 0;
  for (const segment of text.split(/[._$]+/)) {
    const segStart = text.indexOf(segment, offset);
    offset = segStart + segment.length;
    if (segment.length === 0) continue;
    const segLower = segment.toLowerCase();
    // A plain word between separators (`connection` in `nw_connection_t`) is covered by its stem.
    if (segLower.length >= 2 && classify(segment) !== 'word') pushUnique(terms, segLower);
    const prefix = APPLE_PREFIX.exec(segment);
    if (prefix) pushUnique(terms, segLower.slice(prefix[0].length));
    let first = true;
    for (const part of segment.matchAll(CAMEL_PART)) {
      if (++parts > MAX_PARTS) break;
      const partLower = part[0].toLowerCase();
      // Every suffix from a part boundary: `FilterDataProvider` finds `NEFilterDataProvider`.
      if (!first && segment.length - part.index >= 2) pushUnique(terms, segLower.slice(part.index));
      first = false;
      if (partLower.length >= 2) words.push(partLower);
    }
  }
  for (const word of words) {
    const stem = /^\p{L}+$/u.test(word) ? stemWord(word) : word;
    if (stem) pushUnique(terms, stem);
  }
  return terms;
}

/** Scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Kana-only function words and endings (particles, `です`, `ます`, `した` …): Japanese stop words. */
const KANA_STOP =
  /^(?:\p{Script=Hiragana}{1,2}|です|ません|ました|ください|される|されます|している|しています|という|ように)$/u;

let segmenter: Intl.Segmenter | null = null;

/** No character from U+2E80 up (where the CJK blocks start): surely no CJK. A cheap first check. */
function mayBeCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x2e80) return true;
  return false;
}

function classify(text: string): TokenKind {
  if (CJK.test(text)) return 'word';
  if (/^0x/i.test(text)) return 'hex';
  if (/^[-−]\d/.test(text)) return 'code';
  if (/^\d+(?:\.\d+)*$/.test(text)) return 'number';
  if (/[._$\d]/.test(text)) return 'ident';
  if (/^\p{Lu}{2,}$/u.test(text)) return 'acronym';
  if (/^.\p{Ll}*$/u.test(text)) return 'word';
  return 'ident';
}

/** A token without its position: what the index needs. */
export type TokenTemplate = Omit<Token, 'start' | 'end'> & {
  /** Scratch for the segment builder: `terms` as its term numbers, valid for build `epoch`. */
  ids?: number[];
  epoch?: number;
  /** `hashRaw(raw)`, for the indexer's pair terms (phrase-pairs.ts). */
  pairHash?: number;
  /** The code context's reading of the token (code-context.ts), once made. */
  context?: TokenRole;
};

/**
 * Tokens by their text: the same words recur all over a forum, and classifying, splitting and
 * stemming them again was most of the indexing time. Templates are shared, so never mutated.
 */
const templates = new ShardedCache<TokenTemplate | null>(150_000);

/**
 * Whether a chunk is likely seen once (a long token with digits: an address, a UUID part, a
 * timestamp): caching those would only push the vocabulary out of the cache.
 */
export function isOneOff(text: string): boolean {
  if (text.length <= 8) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * The most frequent tokens, in front of the cache: a small table indexed by a hash of the text,
 * each slot holding the last token that landed there. 2^18 slots (4 MB): 10k threads of the
 * bench's forum tokenize about 12% faster than with 2^16 (fewer tokens go on to the Map); 2^20
 * gained nothing more. Most of a forum's tokens are a few thousand common words; finding them
 * here costs no lookup in a large Map.
 */
const HOT_SLOTS = 1 << 18;
const hotKeys: (string | undefined)[] = new Array<string | undefined>(HOT_SLOTS).fill(undefined);
const hotTemplates: (TokenTemplate | null)[] = new Array<TokenTemplate | null>(HOT_SLOTS).fill(null);

/**
 * Forgets the stems and token templates cached so far. For the end of a large build: they hold
 * its vocabulary (up to ~450k entries: 86 MB after 20k threads of the bench's forum), which a
 * worker that then only answers queries would otherwise keep for good.
 */
export function releaseTokenCaches(): void {
  stemCache.clear();
  templates.clear();
  hotKeys.fill(undefined);
  hotTemplates.fill(null);
}

function slotOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h ^ (h >>> 13)) & (HOT_SLOTS - 1);
}

/** `slotOf(text.slice(start, end))`, without the slice. */
function slotOfRange(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h ^ (h >>> 13)) & (HOT_SLOTS - 1);
}

/** `isOneOff(text.slice(start, end))`, without the slice. */
function isOneOffRange(text: string, start: number, end: number): boolean {
  if (end - start <= 8) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * The template of the token `text[start .. end]`: a frequent one (most tokens) is found in the
 * hot table by comparing its characters in place, without making a string of it.
 */
function templateAt(text: string, start: number, end: number): TokenTemplate | null {
  if (isOneOffRange(text, start, end)) return templateOf(text.slice(start, end), -1);
  const slot = slotOfRange(text, start, end);
  const key = hotKeys[slot];
  if (key !== undefined && key.length === end - start && text.startsWith(key, start))
    return hotTemplates[slot] as TokenTemplate | null;
  return templateOf(text.slice(start, end), slot);
}

/** The template of `text`, not in the hot table at `slot` (-1: a one-off token, never cached). */
function templateOf(text: string, slot: number): TokenTemplate | null {
  const once = slot < 0;
  let template = once ? undefined : templates.get(text, slot);
  if (slot >= 0 && template !== undefined) {
    hotKeys[slot] = text;
    hotTemplates[slot] = template;
  }
  if (template === undefined) {
    const token = classifyToken(text, 0);
    // ids and epoch present from the start: one object shape keeps the indexer's loop monomorphic.
    template = token && {
      kind: token.kind,
      raw: token.raw,
      primary: token.primary,
      terms: token.terms,
      ids: [],
      epoch: 0,
      pairHash: hashRaw(token.raw),
      context: undefined,
    };
    if (!once) templates.set(text, slot, template);
  }
  return template;
}

function classifyToken(text: string, start: number): Token | null {
  const kind = classify(text);
  const raw = text.replace('−', '-').toLowerCase();
  switch (kind) {
    case 'word': {
      if (CJK.test(raw)) {
        // Japanese and Chinese words are not stemmed; kana-only endings and particles are dropped.
        return KANA_STOP.test(raw) ? null : { kind, start, end: start + text.length, raw, primary: raw, terms: [raw] };
      }
      const stem = stemWord(raw);
      return stem ? { kind, start, end: start + text.length, raw, primary: stem, terms: [stem] } : null;
    }
    case 'acronym': {
      const stem = stemWord(raw);
      if (!stem) return null;
      const terms = [raw];
      pushUnique(terms, stem);
      return { kind, start, end: start + text.length, raw, primary: raw, terms };
    }
    case 'ident':
      return { kind, start, end: start + text.length, raw, primary: raw, terms: identTerms(text, raw) };
    default:
      return { kind, start, end: start + text.length, raw, primary: raw, terms: [raw] };
  }
}

/** ASCII character classes for the scanner (`chunkEnd`). */
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 4;
const DOLLAR = 8;
const HEX = 16;
const MINUS = 32;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] =
    (/[A-Za-z]/.test(ch) ? LETTER : 0) |
    (/\d/.test(ch) ? DIGIT : 0) |
    (ch === '_' ? UNDERSCORE : 0) |
    (ch === '$' ? DOLLAR : 0) |
    (/[0-9a-fA-F]/.test(ch) ? HEX : 0) |
    (ch === '-' ? MINUS : 0);
}
/** The class of char code `c`: 0 beyond ASCII and past the text's end (NaN). */
function classOf(c: number): number {
  return c < 128 ? (ASCII_CLASS[c] as number) : 0;
}

/** `chunkEnd`: no chunk starts here. */
const NONE = -1;
/** `chunkEnd`: the answer depends on a character beyond ASCII: ask `CHUNK`. */
const ASK_REGEX = -2;

/**
 * Where the chunk `CHUNK` matches at `s` ends (`s` holds an ASCII character), written out over
 * char codes for ASCII text: `NONE` when `CHUNK` matches nothing starting at `s`, `ASK_REGEX`
 * when a character it would look at is beyond ASCII. The alternatives in `CHUNK`'s order:
 */
function chunkEnd(text: string, s: number): number {
  const n = text.length;
  const c = text.charCodeAt(s);
  // `0[xX][0-9a-fA-F]+\b`: the longest run of hex digits, if no word character follows it
  // (shorter runs end between two word characters: no \b there).
  if (c === 48 && (text.charCodeAt(s + 1) | 32) === 120 && classOf(text.charCodeAt(s + 2)) & HEX) {
    let e = s + 3;
    while (classOf(text.charCodeAt(e)) & HEX) e++;
    const d = text.charCodeAt(e);
    if (d >= 128) return ASK_REGEX;
    if (!(classOf(d) & (LETTER | DIGIT | UNDERSCORE))) return e;
  }
  // `[-−]?\d+(?:\.\d+)*(?![\p{L}\d_])`: every \d+ is whole (a shorter one is followed by a digit),
  // so the match is the longest run of dotted parts that no letter, digit or `_` follows.
  let p = s;
  if (c === 45) {
    p = s + 1;
    if (!(classOf(text.charCodeAt(p)) & DIGIT)) return NONE;
  }
  if (classOf(text.charCodeAt(p)) & DIGIT) {
    let e = p + 1;
    let best = NONE;
    for (;;) {
      while (classOf(text.charCodeAt(e)) & DIGIT) e++;
      const d = text.charCodeAt(e);
      if (d >= 128) return ASK_REGEX;
      if (!(classOf(d) & (LETTER | UNDERSCORE))) best = e;
      if (d === 46 && classOf(text.charCodeAt(e + 1)) & DIGIT) e += 2;
      else break;
    }
    if (best !== NONE) return best;
    // A sign starts no other alternative.
    if (c === 45) return NONE;
    // `\d[\p{L}\p{N}_]*`
    let e3 = s + 1;
    for (; e3 < n; e3++) {
      const d = text.charCodeAt(e3);
      if (d >= 128) return ASK_REGEX;
      if (!(classOf(d) & (LETTER | DIGIT | UNDERSCORE))) break;
    }
    return e3;
  }
  // `[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)*`
  if (classOf(c) & (LETTER | UNDERSCORE | DOLLAR)) {
    let e = s + 1;
    for (;;) {
      for (; e < n; e++) {
        const d = text.charCodeAt(e);
        if (d >= 128) return ASK_REGEX;
        if (!(classOf(d) & (LETTER | DIGIT | UNDERSCORE | DOLLAR))) break;
      }
      if (text.charCodeAt(e) !== 46) return e;
      const d = text.charCodeAt(e + 1);
      if (d >= 128) return ASK_REGEX;
      if (!(classOf(d) & (LETTER | UNDERSCORE | DOLLAR))) return e;
      e += 2;
    }
  }
  return NONE;
}

/**
 * Calls `emit` with the token(s) `scan` makes of the chunk `text[start .. end]` (`ascii`: found by
 * `chunkEnd`, so all ASCII: no CJK to split).
 */
function emitChunk(
  text: string,
  start: number,
  end: number,
  ascii: boolean,
  emit: (start: number, end: number) => void,
): void {
  // A minus is a sign only at the start of a token (`Code=-1001`, ` -9806`), not in `18-19`.
  const first = text.charCodeAt(start);
  if ((first === 45 || first === 0x2212) && start > 0) {
    const before = text.charCodeAt(start - 1);
    if (
      before < 128
        ? before === 46 || classOf(before) & (LETTER | DIGIT | UNDERSCORE)
        : /[\p{L}\p{N}_.]/u.test(text[start - 1] as string)
    )
      start++;
  }
  if (end - start > 200) end = start + 200;
  if (!ascii) {
    const chunk = text.slice(start, end);
    if (mayBeCjk(chunk) && CJK.test(chunk)) {
      // A run without spaces (`Wi-Fi接続が不安定`): one word each, as Intl.Segmenter finds them.
      segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
      for (const part of segmenter.segment(chunk))
        if (part.isWordLike) emit(start + part.index, start + part.index + part.segment.length);
      return;
    }
  }
  emit(start, end);
}

/**
 * Calls `emit` with each token's start and end, in source order: the chunks `CHUNK` matches,
 * found over char codes where the text is ASCII (`chunkEnd`) and by `CHUNK` itself elsewhere.
 * No string is made of a token here (`templateAt` makes one only for a token it has not seen).
 */
function scan(text: string, emit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!(classOf(c) & (LETTER | DIGIT | UNDERSCORE | DOLLAR | MINUS))) {
        i++;
        continue;
      }
      const end = chunkEnd(text, i);
      if (end === NONE) {
        i++;
        continue;
      }
      if (end !== ASK_REGEX) {
        emitChunk(text, i, end, true, emit);
        i = end;
        continue;
      }
    }
    // Beyond ASCII: the next match of `CHUNK` from here (none may start before it).
    CHUNK.lastIndex = i;
    const match = CHUNK.exec(text);
    if (match === null) return;
    i = match.index + match[0].length;
    emitChunk(text, match.index, i, false, emit);
  }
}

/**
 * The chunks `scan` emits, found by `CHUNK` alone: the scanner as it was before `chunkEnd`, kept
 * as its definition for the tests. `[chunk, start]` in order.
 */
export function chunksByRegex(text: string): [string, number][] {
  const out: [string, number][] = [];
  const emit = (chunk: string, start: number) => out.push([chunk, start]);
  CHUNK.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CHUNK.exec(text)) !== null) {
    let chunk = match[0];
    let start = match.index;
    if ((chunk[0] === '-' || chunk[0] === '−') && start > 0 && /[\p{L}\p{N}_.]/u.test(text[start - 1] ?? '')) {
      chunk = chunk.slice(1);
      start++;
    }
    if (chunk.length > 200) chunk = chunk.slice(0, 200);
    if (mayBeCjk(chunk) && CJK.test(chunk)) {
      segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
      for (const part of segmenter.segment(chunk)) if (part.isWordLike) emit(part.segment, start + part.index);
    } else emit(chunk, start);
  }
  return out;
}

/** The chunks `scan` emits: `[chunk, start]` in order (tests). */
export function chunks(text: string): [string, number][] {
  const out: [string, number][] = [];
  scan(text, (start, end) => out.push([text.slice(start, end), start]));
  return out;
}

/** Tokens in source order. Never throws; ignores what is neither a word, a name nor a number. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scan(text, (start, end) => {
    const t = templateAt(text, start, end);
    if (t) tokens.push({ kind: t.kind, start, end, raw: t.raw, primary: t.primary, terms: t.terms });
  });
  return tokens;
}

/** Scratch for the indexer: one context, reset per field. */
const context = new CodeContext<TokenTemplate>((text) => tokenize(text).map((t) => t.raw), termTemplate);

/**
 * The tokens of `text` without positions, appended to `out`: the indexer's allocation-free path.
 * Also appends the context terms (an error message quoted, a code next to its domain).
 */
export function tokenTemplates(text: string, out: TokenTemplate[]): void {
  context.reset(text);
  scan(text, (start, end) => {
    const t = templateAt(text, start, end);
    if (!t) return;
    out.push(t);
    context.next(t, start, end, out);
  });
}

/** A template for a term that stands for no text of its own (a context term). */
function termTemplate(term: string): TokenTemplate {
  return {
    kind: 'code',
    raw: term,
    primary: term,
    terms: [term],
    ids: [],
    epoch: 0,
    pairHash: hashRaw(term),
    context: undefined,
  };
}
