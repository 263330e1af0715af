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

function templateOf(text: string): TokenTemplate | null {
  const once = isOneOff(text);
  const slot = once ? -1 : slotOf(text);
  if (slot >= 0 && hotKeys[slot] === text) return hotTemplates[slot] as TokenTemplate | null;
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

/**
 * Calls `emit` with each token's text and start, in source order. Reentrant: `emit` may tokenize
 * other text (the code context builds its message table with the tokenizer on first use, in the
 * middle of the first text indexed), so where to go on is kept here, not in the shared regex's
 * `lastIndex` (the inner scan reset it, and the first text of a process was scanned again from its
 * start: its first words indexed twice).
 */
function scan(text: string, emit: (chunk: string, start: number) => void): void {
  for (let at = 0; ;) {
    CHUNK.lastIndex = at;
    const match = CHUNK.exec(text);
    if (match === null) return;
    at = CHUNK.lastIndex;
    let chunk = match[0];
    let start = match.index;
    // A minus is a sign only at the start of a token (`Code=-1001`, ` -9806`), not in `18-19`.
    if ((chunk[0] === '-' || chunk[0] === '−') && start > 0 && /[\p{L}\p{N}_.]/u.test(text[start - 1] ?? '')) {
      chunk = chunk.slice(1);
      start++;
    }
    if (chunk.length > 200) chunk = chunk.slice(0, 200);
    if (mayBeCjk(chunk) && CJK.test(chunk)) {
      // A run without spaces (`Wi-Fi接続が不安定`): one word each, as Intl.Segmenter finds them.
      segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
      for (const part of segmenter.segment(chunk)) if (part.isWordLike) emit(part.segment, start + part.index);
    } else emit(chunk, start);
  }
}

/** Tokens in source order. Never throws; ignores what is neither a word, a name nor a number. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scan(text, (chunk, start) => {
    const t = templateOf(chunk);
    if (t)
      tokens.push({ kind: t.kind, start, end: start + chunk.length, raw: t.raw, primary: t.primary, terms: t.terms });
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
  scan(text, (chunk, start) => {
    const t = templateOf(chunk);
    if (!t) return;
    out.push(t);
    context.next(t, start, start + chunk.length, out);
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
