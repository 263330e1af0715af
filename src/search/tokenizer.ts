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
import { HASHED_MIN_LENGTH, isHashedText } from './hashed-terms';

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

/**
 * The stem of a lowercase word, or null for a stop word. Cached: queries stem the same words
 * (and their typo variants) keystroke after keystroke. Indexing stems through the token table
 * (each token classified once), with `stemOf`: a stem cache there was mostly missed (new words).
 */
export function stemWord(lower: string): string | null {
  const hash = hashOf(lower);
  let stem = stemCache.get(lower, hash);
  if (stem !== undefined) return stem;
  stem = stemOf(lower);
  stemCache.set(lower, hash, stem);
  return stem;
}

/**
 * Lunr's longest stop word (`because`, `however`, `neither`): a longer word is none, and is not
 * looked up (Lunr's look-up, a property of an object by the word, was a tenth of indexing).
 */
export const STOP_WORD_MAX = 7;

/** The stem of a lowercase word, or null for a stop word, uncached. */
function stemOf(lower: string): string | null {
  const token = new lunr.Token(lower, {});
  if (lower.length <= STOP_WORD_MAX && !lunr.stopWordFilter(token)) return null;
  return lunr.stemmer(token).toString();
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
    const stem = /^\p{L}+$/u.test(word) ? stemOf(word) : word;
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
  /** `hashRaw(raw)`, for the indexer's pair terms (phrase-pairs.ts). */
  pairHash?: number;
  /** The code context's reading of the token (code-context.ts), once made. */
  context?: TokenRole;
};

/**
 * Tokens by their text: the same words recur all over a forum, and classifying, splitting and
 * stemming them again was most of the indexing time. An open-addressing table of typed arrays,
 * not Maps and objects: each token seen is an entry, a number, and what the indexer reads of it
 * per occurrence is one record, a cache line (`entryRecords`: its kind and flags, its pair hash,
 * two integers for the segment builder, and its text when short). A token found costs a probe of
 * the slot array and a read of its record; a Map lookup and a template object's fields cost
 * several cache misses each, and kept the indexer's time mostly waiting for memory (10k threads
 * of the bench's forum: 5M tokens). Entries are kept up to `TABLE_ENTRIES`, then all dropped at
 * the start of the next text (a forum's vocabulary comes back in the texts that follow).
 * Templates (objects) are made when an entry is, and can be dropped apart (`dropTokenTemplates`).
 */
const TABLE_ENTRIES = 1 << 18;

/**
 * Whether a chunk is likely seen once (a long token with digits: an address, a UUID part, a
 * timestamp, or a shorter hex or decimal number that makes a hashed term): keeping those would
 * only fill the table.
 */
export function isOneOff(text: string): boolean {
  // A hashed term's token too (hashed-terms.ts): it is never numbered as a term of its own.
  if (text.length <= 8) return isHashedText(text, 0, text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Slots of the table (entry + 1, and the text's hash): twice the entries at least (grown as they come). */
let slots = new Int32Array(1 << 13);
let slotMask = slots.length / 2 - 1;
/**
 * The texts of the entries longer than `INLINE_UNITS` (shorter ones are in their records), as
 * UTF-16 code units one after another (where each starts is in its record): compared there, not
 * as a string (a token's text is often a slice of the whole post, which a string key would keep
 * alive and compare through).
 */
let keyUnits = new Uint16Array(1 << 12);
let keyUnitsUsed = 0;
/** Each entry's template (null for a stop word). */
let entryTemplates: (TokenTemplate | null)[] = [];
/** Record fields (see `entryRecords`); a record is a cache line (64 bytes). */
export const RECORD = 16;
export const R_FLAGS = 0;
export const R_PAIR_HASH = 1;
/** Scratch for the segment builder: the build (epoch) its term numbers below are for. */
export const R_EPOCH = 2;
export const R_IDS = 3;
/** Where the entry's text is in `keyUnits`, and its length. */
const R_KEY = 4;
const R_KEY_LENGTH = 5;
/**
 * The rest of the record holds the text itself when it is this short (most tokens): compared in
 * the line the token's record is read from anyway, not in `keyUnits`.
 */
const R_INLINE = 6;
const INLINE_UNITS = (RECORD - R_INLINE) * 2;
let records = new Int32Array(RECORD << 12);
/** `records` as UTF-16 units (for the texts kept in them). */
let recordUnits = new Uint16Array(records.buffer);
let entries = 0;
/** Counts the table's clears: entries (and their records) of an earlier generation are gone. */
let generation = 0;

/** The token table's generation (see `generation`). */
export function tokenTableGeneration(): number {
  return generation;
}

/** `R_FLAGS`: the kind (0 for a stop word: no token), then flags, then the count of terms. */
export const F_KIND = 0x7;
/** A kind that makes pairs (not hex, not a number: phrase-pairs.ts). */
export const F_PAIRS = 0x8;
/** A context term (code-context.ts), standing for no text. */
export const F_CONTEXT_TERM = 0x10;
/** Nothing for the code context: no message starts with it, no cue, no domain, not a number. */
export const F_PLAIN = 0x20;
/** `F_PLAIN` is known. */
export const F_ROLE = 0x40;
export const F_TERMS_SHIFT = 8;
const KINDS: readonly TokenKind[] = ['word', 'acronym', 'ident', 'code', 'hex', 'number'];

/** The records of the token table's entries (valid until the next tokenizing: it may grow). */
export function entryRecords(): Int32Array {
  return records;
}

/** The template of entry `e` (not a stop word's), made again from its text if dropped. */
export function entryTemplate(e: number): TokenTemplate {
  return entryTemplates[e] ?? remakeTemplate(e);
}

function remakeTemplate(e: number): TokenTemplate {
  const length = records[e * RECORD + R_KEY_LENGTH] as number;
  const units =
    length <= INLINE_UNITS
      ? recordUnits.subarray(2 * (e * RECORD + R_INLINE), 2 * (e * RECORD + R_INLINE) + length)
      : keyUnits.subarray(records[e * RECORD + R_KEY] as number, (records[e * RECORD + R_KEY] as number) + length);
  const text = String.fromCharCode.apply(null, units as unknown as number[]);
  const flags = records[e * RECORD + R_FLAGS] as number;
  const template = (flags & F_CONTEXT_TERM) !== 0 ? termTemplate(text) : (newTemplate(text) as TokenTemplate);
  entryTemplates[e] = template;
  return template;
}

/**
 * Lets go of the token templates (objects) but keeps the table: its entries, their records (kind,
 * flags, pair hash, the builder's term numbers) and texts, all in typed arrays the garbage
 * collector does not trace. For a streamed build's pages: a page's templates were most of what
 * each full collection marked, and a template is made again only when asked for (a token that
 * the code context reads, an entry the build has not numbered), not for every token seen again.
 */
export function dropTokenTemplates(): void {
  entryTemplates.fill(null);
}

/** How many entries the token table holds (tests). */
export function tokenTableSize(): number {
  return entries;
}

/**
 * Forgets the stems and tokens cached so far. For the end of a large build: they hold its
 * vocabulary, which a worker that then only answers queries would otherwise keep for good.
 */
export function releaseTokenCaches(): void {
  stemCache.clear();
  clearTable();
  // The table's arrays back to their first size (after a build they held 20+ MB).
  slots = new Int32Array(1 << 13);
  slotMask = slots.length / 2 - 1;
  records = new Int32Array(RECORD << 12);
  recordUnits = new Uint16Array(records.buffer);
  keyUnits = new Uint16Array(1 << 12);
}

/** The bytes of the token table's arrays (tests). */
export function tokenTableBytes(): number {
  return slots.byteLength + records.byteLength + keyUnits.byteLength;
}

/** `tokenEntries` calls under way (one, or none: the message table's texts are tokenized inside one). */
let entriesInUse = 0;

/**
 * Drops the table's entries once it holds `TABLE_ENTRIES`, at the start of a text and never
 * inside `tokenEntries` (whose caller holds entry numbers until it has read them).
 */
function keepBounded(): void {
  if (entries >= TABLE_ENTRIES && entriesInUse === 0) clearTable();
}

function clearTable(): void {
  if (entries === 0) return;
  generation++;
  slots.fill(0);
  records.fill(0, 0, entries * RECORD);
  keyUnitsUsed = 0;
  entryTemplates = [];
  entries = 0;
}

/** FNV-1a of the text, mixed: the table's slot from its low bits. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mixHash(h);
}

/** The last step of `hashOf`. */
function mixHash(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** The entry of `text` (hash `h`), or -1. */
function findEntry(text: string, h: number): number {
  return findEntryAt(text, 0, text.length, h);
}

/** A new entry for `text` (hash `h`, not in the table), made from its template. */
function addEntry(text: string, h: number, template: TokenTemplate | null): number {
  if (2 * (entries + 1) > slotMask + 1) growTable();
  const e = entries++;
  if (records.length < entries * RECORD) {
    const larger = new Int32Array(records.length * 2);
    larger.set(records);
    records = larger;
    recordUnits = new Uint16Array(records.buffer);
  }
  records[e * RECORD + R_KEY_LENGTH] = text.length;
  if (text.length <= INLINE_UNITS) {
    const at = 2 * (e * RECORD + R_INLINE);
    for (let i = 0; i < text.length; i++) recordUnits[at + i] = text.charCodeAt(i);
  } else {
    if (keyUnitsUsed + text.length > keyUnits.length) {
      const larger = new Uint16Array(Math.max(keyUnits.length * 2, keyUnitsUsed + text.length));
      larger.set(keyUnits.subarray(0, keyUnitsUsed));
      keyUnits = larger;
    }
    for (let i = 0; i < text.length; i++) keyUnits[keyUnitsUsed + i] = text.charCodeAt(i);
    records[e * RECORD + R_KEY] = keyUnitsUsed;
    keyUnitsUsed += text.length;
  }
  entryTemplates.push(template);
  records[e * RECORD + R_FLAGS] = flagsOf(template);
  records[e * RECORD + R_PAIR_HASH] = template ? (template.pairHash as number) : 0;
  let s = h & slotMask;
  while ((slots[2 * s] as number) !== 0) s = (s + 1) & slotMask;
  slots[2 * s] = e + 1;
  slots[2 * s + 1] = h;
  return e;
}

/** The slots doubled (the table grows with its entries; past `TABLE_ENTRIES` only inside one long text). */
function growTable(): void {
  const old = slots;
  slots = new Int32Array(old.length * 2);
  slotMask = slots.length / 2 - 1;
  for (let o = 0; o < old.length; o += 2) {
    const v = old[o] as number;
    if (v === 0) continue;
    const h = old[o + 1] as number;
    let s = h & slotMask;
    while ((slots[2 * s] as number) !== 0) s = (s + 1) & slotMask;
    slots[2 * s] = v;
    slots[2 * s + 1] = h;
  }
}

/** The flags of a template (see `F_KIND`), but `F_ROLE`'s. */
function flagsOf(template: TokenTemplate | null): number {
  if (!template) return 0;
  const kind = template.kind;
  let flags = KINDS.indexOf(kind) + 1;
  if (kind !== 'hex' && kind !== 'number') flags |= F_PAIRS;
  if (template.raw.charCodeAt(0) === 2) flags |= F_CONTEXT_TERM;
  return flags | (template.terms.length << F_TERMS_SHIFT);
}

/**
 * `F_ROLE` and `F_PLAIN` of an entry, known from its template's role. Not made with the entry: a
 * role may tokenize (the context's message table is made with the tokenizer on first use).
 */
function roleFlags(template: TokenTemplate): number {
  const role = roleOf(template);
  const kind = template.kind;
  const plain =
    kind !== 'code' &&
    kind !== 'number' &&
    role.starts === undefined &&
    !role.cue &&
    !role.between &&
    role.domain === null;
  return plain ? F_ROLE | F_PLAIN : F_ROLE;
}

/** A template for a token's text (null for a stop word). */
function newTemplate(text: string): TokenTemplate | null {
  const token = classifyToken(text, 0);
  return (
    token && {
      kind: token.kind,
      raw: token.raw,
      primary: token.primary,
      terms: token.terms,
      pairHash: hashRaw(token.raw),
      context: undefined,
    }
  );
}

/**
 * The entry of a token's text, made when new; -1 for a likely one-off token (`isOneOff`), which
 * is not kept.
 */
function entryOf(text: string): number {
  if (isOneOff(text)) return -1;
  const h = hashOf(text);
  const found = findEntry(text, h);
  if (found >= 0) return found;
  return addEntry(text, h, newTemplate(text));
}

/** The entry of a context term (code-context.ts). */
function termEntry(template: TokenTemplate): number {
  const h = hashOf(template.raw);
  const found = findEntry(template.raw, h);
  return found >= 0 ? found : addEntry(template.raw, h, template);
}

function templateOf(text: string): TokenTemplate | null {
  const e = entryOf(text);
  if (e < 0) return newTemplate(text);
  return ((records[e * RECORD + R_FLAGS] as number) & F_KIND) === 0 ? null : entryTemplate(e);
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
      const stem = stemOf(raw);
      return stem ? { kind, start, end: start + text.length, raw, primary: stem, terms: [stem] } : null;
    }
    case 'acronym': {
      const stem = stemOf(raw);
      if (!stem) return null;
      const terms = [raw];
      pushUnique(terms, stem);
      return { kind, start, end: start + text.length, raw, primary: raw, terms };
    }
    case 'ident':
      // A run of hex digits (a UUID's part, a hash: `9b25174a8440`) is one hashed term
      // (hashed-terms.ts), not split into parts and suffixes that only a random number would find.
      return {
        kind,
        start,
        end: start + text.length,
        raw,
        primary: raw,
        terms: isHashedText(raw, 0, raw.length) ? [raw] : identTerms(text, raw),
      };
    default:
      return { kind, start, end: start + text.length, raw, primary: raw, terms: [raw] };
  }
}

/** What a minus follows when it is not a sign (`18-19`). */
const SIGN_AFTER = /[\p{L}\p{N}_.]/u;

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
    if ((chunk[0] === '-' || chunk[0] === '−') && start > 0 && SIGN_AFTER.test(text[start - 1] ?? '')) {
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
  keepBounded();
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

/** The code context's reading of a template, kept on it. */
function roleOf(template: TokenTemplate): TokenRole {
  return (template.context ??= context.role(template));
}

/**
 * The tokens of `text` without positions, appended to `out`. Also appends the context terms (an
 * error message quoted, a code next to its domain).
 */
export function tokenTemplates(text: string, out: TokenTemplate[]): void {
  keepBounded();
  context.reset(text);
  scan(text, (chunk, start) => {
    const t = templateOf(chunk);
    if (!t) return;
    out.push(t);
    context.next(t, start, start + chunk.length, out);
  });
}

/** A list of numbers reused from text to text (the indexer's tokens). */
export class EntryList {
  items = new Int32Array(1024);
  length = 0;
  /** The templates of the tokens not kept in the table (`~item` for a negative item). */
  readonly transient: TokenTemplate[] = [];

  push(item: number): void {
    if (this.length === this.items.length) {
      const larger = new Int32Array(this.items.length * 2);
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = item;
  }

  clear(): void {
    this.length = 0;
    this.transient.length = 0;
  }
}

/** Scratch for `tokenEntries`: its own context (a `tokenTemplates` call may come in between). */
const entryContext = new CodeContext<TokenTemplate>((text) => tokenize(text).map((t) => t.raw), termTemplate);
const contextOut: TokenTemplate[] = [];

/**
 * The indexer's path: `tokenTemplates` as entries of the token table, appended to `out` (cleared
 * first): an entry's record is at `entryRecords()[item * RECORD]`, a negative item `~i` is the
 * token `out.transient[i]`, not kept (a likely one-off). The same tokens and context terms as
 * `tokenTemplates`, in the same order.
 */
export function tokenEntries(text: string, out: EntryList): void {
  out.clear();
  keepBounded();
  entryContext.reset(text);
  entriesInUse++;
  try {
    scanEntries(text, out);
  } finally {
    entriesInUse--;
  }
}

/** `CHUNK` matched only where it is told to start: `test` finds a token's end with no match array or text made. */
const CHUNK_AT = new RegExp(CHUNK.source, 'uy');

/** ASCII characters as `CHUNK`'s names read them: those that start one (`[\p{L}_$]`), those in one (`[\p{L}\p{N}_$]`). */
const NAME_START = 1;
const NAME_PART = 2;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c | 0x20) >= 97 && (c | 0x20) <= 122;
  if (letter || c === 95 || c === 36) ASCII[c] = NAME_START | NAME_PART;
  else if (c >= 48 && c <= 57) ASCII[c] = NAME_PART;
}

/** Whether a character can start a `CHUNK` token: a digit, a sign, `_`, `$` or a letter (any character from U+0080 may be one). */
function mayStart(c: number): boolean {
  return c >= 0x80 || ASCII[c] !== 0 || c === 45;
}

/**
 * Where `CHUNK`'s name (its last alternative, the only one a letter, `_` or `$` can start) that
 * starts at `at` ends, read by hand when it is ASCII to its end (the character after it included);
 * -1 when a character from U+0080 decides it (then the pattern reads it).
 */
function asciiNameEnd(text: string, at: number): number {
  const n = text.length;
  let i = at + 1;
  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return -1;
      if (((ASCII[c] as number) & NAME_PART) === 0) break;
      i++;
    }
    // A dot goes on with the name only before another name's start.
    if (i + 1 >= n || text.charCodeAt(i) !== 46) return i;
    const next = text.charCodeAt(i + 1);
    if (next >= 0x80) return -1;
    if (((ASCII[next] as number) & NAME_START) === 0) return i;
    i += 2;
  }
}

/** Whether a minus after this character is no sign (`SIGN_AFTER`), for a character code. */
function signBreaker(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 95 || c === 46;
  return SIGN_AFTER.test(String.fromCharCode(c));
}

/**
 * `scan` for the indexer, with the token's work in line (no callback, no match array: the
 * sticky pattern is tried only where a token can start, and a token's text is made only for an
 * entry not in the table yet) and one pass over a token's characters for its hash, its digits (a
 * one-off?) and whether it may be Japanese or Chinese. The same tokens as `scan`: a global search
 * tries each position in turn (a code point at a time) and matches where no other could start.
 */
function scanEntries(text: string, out: EntryList): void {
  const n = text.length;
  for (let at = 0; at < n;) {
    const c = text.charCodeAt(at);
    if (!mayStart(c)) {
      at++;
      continue;
    }
    let start = at;
    // Most tokens are ASCII names, read here; the pattern reads the rest.
    const name = c < 0x80 && (ASCII[c] as number) & NAME_START ? asciiNameEnd(text, at) : -1;
    if (name >= 0) at = name;
    else {
      CHUNK_AT.lastIndex = at;
      if (!CHUNK_AT.test(text)) {
        // A code point at a time, as the global search advances.
        at += c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        continue;
      }
      at = CHUNK_AT.lastIndex;
    }
    if ((c === 0x2d || c === 0x2212) && start > 0 && signBreaker(text.charCodeAt(start - 1))) start++;
    const end = Math.min(at, start + 200);
    let h = 0x811c9dc5;
    let digits = false;
    let high = false;
    for (let i = start; i < end; i++) {
      const u = text.charCodeAt(i);
      h = Math.imul(h ^ u, 0x01000193);
      if (u >= 48 && u <= 57) digits = true;
      else if (u >= 0x2e80) high = true;
    }
    if (high) {
      const chunk = text.slice(start, end);
      if (CJK.test(chunk)) {
        segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
        for (const part of segmenter.segment(chunk))
          if (part.isWordLike) entryToken(part.segment, start + part.index, entryOf(part.segment), out);
        continue;
      }
    }
    let e = -1;
    if (!digits || (end - start <= 8 && (end - start < HASHED_MIN_LENGTH || !isHashedText(text, start, end)))) {
      h = mixHash(h);
      e = findEntryAt(text, start, end, h);
      if (e < 0) {
        const chunk = text.slice(start, end);
        e = addEntry(chunk, h, newTemplate(chunk));
      }
    }
    if (e >= 0) entryTokenAt(start, end, e, out);
    else entryToken(text.slice(start, end), start, e, out);
  }
}

/** The entry of `text.slice(from, to)` (hash `h`), or -1; the slice is not made. */
function findEntryAt(text: string, from: number, to: number, h: number): number {
  for (let s = h & slotMask; ; s = (s + 1) & slotMask) {
    const e = (slots[2 * s] as number) - 1;
    if (e < 0) return -1;
    if (slots[2 * s + 1] === h && isKeyAt(e, text, from, to)) return e;
  }
}

/** Whether entry `e`'s text is `text.slice(from, to)`. */
function isKeyAt(e: number, text: string, from: number, to: number): boolean {
  const n = to - from;
  if (records[e * RECORD + R_KEY_LENGTH] !== n) return false;
  if (n <= INLINE_UNITS) {
    const at = 2 * (e * RECORD + R_INLINE) - from;
    for (let i = from; i < to; i++) if (recordUnits[at + i] !== text.charCodeAt(i)) return false;
    return true;
  }
  const at = (records[e * RECORD + R_KEY] as number) - from;
  for (let i = from; i < to; i++) if (keyUnits[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** A token's entry (`e`; -1 for one not kept) and its context terms to `out`. */
function entryToken(chunk: string, start: number, e: number, out: EntryList): void {
  if (e >= 0) {
    entryTokenAt(start, start + chunk.length, e, out);
    return;
  }
  const fresh = numberTemplate(chunk) ?? newTemplate(chunk);
  if (!fresh) return;
  out.push(~out.transient.length);
  out.transient.push(fresh);
  contextTerms(fresh, start, start + chunk.length, out);
}

/**
 * The template `newTemplate` makes for a decimal or `0x` hex number, made without classifying it
 * (no patterns, no lowercasing of a number): most one-off tokens of a log are these, and each is
 * made anew. Null for any other text.
 */
function numberTemplate(chunk: string): TokenTemplate | null {
  const n = chunk.length;
  const first = chunk.charCodeAt(0);
  if (first < 48 || first > 57) return null;
  if (first === 48 && n > 2 && (chunk.charCodeAt(1) | 0x20) === 120) {
    for (let i = 2; i < n; i++) {
      const c = chunk.charCodeAt(i) | 0x20;
      if ((c < 48 || c > 57) && (c < 97 || c > 102)) return null;
    }
    const raw = chunk.toLowerCase();
    return { kind: 'hex', raw, primary: raw, terms: [raw], pairHash: hashRaw(raw), context: undefined };
  }
  for (let i = 1; i < n; i++) {
    const c = chunk.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return null;
  }
  return { kind: 'number', raw: chunk, primary: chunk, terms: [chunk], pairHash: hashRaw(chunk), context: undefined };
}

/** `entryToken` of a kept entry `e`, the token's text at `start..end`. */
function entryTokenAt(start: number, end: number, e: number, out: EntryList): void {
  let flags = records[e * RECORD + R_FLAGS] as number;
  if ((flags & F_KIND) === 0) return;
  if ((flags & F_ROLE) === 0) {
    flags |= roleFlags(entryTemplate(e));
    records[e * RECORD + R_FLAGS] = flags;
  }
  out.push(e);
  if ((flags & F_PLAIN) !== 0 && entryContext.idle) {
    entryContext.plain();
    return;
  }
  contextTerms(entryTemplate(e), start, end, out);
}

/** The context terms a token makes (code-context.ts), as entries to `out`. */
function contextTerms(t: TokenTemplate, start: number, end: number, out: EntryList): void {
  contextOut.length = 0;
  entryContext.next(t, start, end, contextOut);
  for (const term of contextOut) out.push(termEntry(term));
}

/** A template for a term that stands for no text of its own (a context term). */
function termTemplate(term: string): TokenTemplate {
  return { kind: 'code', raw: term, primary: term, terms: [term], pairHash: hashRaw(term), context: undefined };
}
