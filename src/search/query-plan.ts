/**
 * Turns a parsed query into clauses of weighted alternative terms, before any index is touched.
 * The weights encode ForumKB's ranking rules: an exact error code or API name outweighs a stemmed
 * word, which outweighs a prefix completion or a typo correction; an error code and its symbol
 * are alternatives of one clause, so `-1001` finds `NSURLErrorTimedOut` and the reverse.
 */
import { domainCodeTerm, findMessages, messageTerm } from './code-context';
import { lookupCode, lookupSymbol, type ErrorCodeInfo } from './error-codes';
import { phrasePairTerms } from './phrase-pairs';
import type { ParsedQuery, QueryWord } from './query-parser';
import { tagTerm } from './segment';
import { tokenize, type Token } from './tokenizer';

/**
 * `exact`: the term. `prefix`: terms that start with it. `fuzzy`: index terms within a small edit
 * distance (identifiers, stored whole). `edits`: words one edit away from the surface word as
 * typed, looked up by their stems (`certifcate` → certificate, never certified).
 */
export type MatchMode = 'exact' | 'prefix' | 'fuzzy' | 'edits';

export interface Alternative {
  term: string;
  mode: MatchMode;
  boost: number;
}

export interface Clause {
  alternatives: Alternative[];
  /** Every required clause must match (unless nothing matches them all; see `relaxed`). */
  required: boolean;
  /** A `tag:` filter looked up in the index: never relaxed, adds (almost) nothing to scores. */
  filter?: boolean;
  /**
   * A code the user typed (`-1009`): when no thread has it or what it stands for, the search says
   * so instead of relaxing to the other words (which are usually just `Code=`).
   */
  code?: string;
}

export interface QueryPlan {
  clauses: Clause[];
  /**
   * Excluded words and phrases: a thread with every term of one is excluded, a phrase's only when
   * the words also stand in that order (checked against the text).
   */
  excluded: { terms: string[]; phrase: string | null; pairs: string[] }[];
  /** Phrases to check against the text when it is available. */
  phrases: string[];
  /** The adjacent-word pair terms of every phrase (phrase-pairs.ts): a match has them all. */
  pairs: string[];
  /** What the codes and symbols in the query mean, the domain named in the query first. */
  codes: ErrorCodeInfo[];
}

export const BOOST = {
  code: 3,
  ident: 3,
  /** The same API written another way (`PacketTunnelProvider`, `NWConnection` for `nw_connection_t`). */
  apiVariant: 2.7,
  synonym: 2.5,
  /** A thread quoting a code's message (`"The request timed out."`) or naming its domain. */
  message: 2,
  /** The message typed out in the query, found quoted in a thread. */
  messageTyped: 5,
  acronym: 2,
  /** A number standing for the symbol typed (`ENETDOWN` → 50): below the symbol itself. */
  numberForSymbol: 1.5,
  /** A code written right after the domain the query names (`NEVPNErrorDomain Code=5`). */
  domainCode: 4,
  word: 1,
  phrase: 1.5,
  identPrefix: 1.2,
  prefix: 0.6,
  fuzzy: 0.4,
  /** Small enough not to change any ranking; non-zero so the clause registers a match. */
  filter: 1e-9,
} as const;

/** The index term a symbol or code turns into, e.g. `NSURLErrorTimedOut` → `nsurlerrortimedout`. */
function primaryTerm(text: string): string | null {
  return tokenize(text)[0]?.primary ?? null;
}

/** Apple's framework prefixes: `NEPacketTunnelProvider` is also written `PacketTunnelProvider`. */
const APPLE_PREFIX = /^(?:NS|CF|NE|NW|SC|CA|UI|SK|AV|MK|CL|WK|SF|Sec)(?=\p{Lu})/u;
const CAMEL_PARTS = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/**
 * The other spellings of an API name, as index terms: without its framework prefix when at least
 * two words remain (`PacketTunnelProvider`, not `Connection`), and C ↔ Swift for Network
 * framework types (`nw_connection_t` ↔ `NWConnection`, `nw_path_monitor_t` ↔ `NWPathMonitor`).
 */
export function apiVariants(text: string): string[] {
  const variants: string[] = [];
  const prefix = APPLE_PREFIX.exec(text);
  if (prefix && /^[\p{L}\p{N}]+$/u.test(text)) {
    const rest = text.slice(prefix[0].length);
    if ((rest.match(CAMEL_PARTS) ?? []).length >= 2) variants.push(rest.toLowerCase());
    if (prefix[0] === 'NW') variants.push(`nw_${(rest.match(CAMEL_PARTS) ?? []).join('_').toLowerCase()}_t`);
  }
  // `nw_connection_t`, `nw_path_monitor`, `sec_trust_t`: a C prefix and at least one more word.
  const snake = /^(nw|sec|dns)_([a-z0-9_]+?)(?:_t|_ref)?$/i.exec(text);
  if (snake) variants.push(`${snake[1]}${(snake[2] as string).replaceAll('_', '')}`.toLowerCase());
  return variants.filter((v) => v !== text.toLowerCase());
}

function clauseFor(word: QueryWord, codes: Map<string, ErrorCodeInfo>): Clause {
  const { token } = word;
  const alternatives: Alternative[] = [];
  const add = (term: string | null, mode: MatchMode, boost: number) => {
    if (!term) return;
    const same = alternatives.find((a) => a.term === term && a.mode === mode);
    if (same) same.boost = Math.max(same.boost, boost);
    else alternatives.push({ term, mode, boost });
  };
  const remember = (info: ErrorCodeInfo) => codes.set(`${info.domain}\t${info.code}\t${info.symbol}`, info);
  /** The rows a code means here: the query's domain, when it names one that has the code. */
  const inDomain = (infos: readonly ErrorCodeInfo[]) => {
    const picked = word.domain ? infos.filter((i) => i.domainKey === word.domain) : [];
    return picked.length > 0 ? picked : infos;
  };
  switch (token.kind) {
    case 'word':
      add(token.primary, 'exact', BOOST.word);
      if (word.prefix && token.raw.length >= 2) add(token.raw, 'prefix', BOOST.prefix);
      if (token.raw.length >= 4 && /^[a-z]+$/.test(token.raw)) add(token.raw, 'edits', BOOST.fuzzy);
      break;
    case 'acronym':
    case 'ident': {
      add(token.raw, 'exact', token.kind === 'ident' ? BOOST.ident : BOOST.acronym);
      if (token.kind === 'acronym') for (const term of token.terms.slice(1)) add(term, 'exact', BOOST.word);
      for (const variant of apiVariants(word.text)) add(variant, 'exact', BOOST.apiVariant);
      // `NEFilter` finds `NEFilterDataProvider`, `NSURLError` finds `NSURLErrorDomain`.
      if (token.kind === 'ident' ? token.raw.length >= 3 : word.prefix)
        add(token.raw, 'prefix', token.kind === 'ident' ? BOOST.identPrefix : BOOST.prefix);
      if (token.raw.length >= 5) add(token.raw, 'fuzzy', BOOST.fuzzy);
      // `NSURLSesion`: also corrected without its prefix, as most threads write `URLSession`.
      for (const variant of apiVariants(word.text)) if (variant.length >= 5) add(variant, 'fuzzy', BOOST.fuzzy);
      // A symbol's code: a signed code as written anywhere, a small number only next to its domain
      // or after `error`/`errno` (a bare 50 is mostly not ENETDOWN), all below the symbol itself.
      for (const info of lookupSymbol(token.raw)) {
        remember(info);
        if (/^-\d/.test(info.code)) add(info.code, 'exact', BOOST.synonym);
        if (/^-?\d+$/.test(info.code)) {
          add(domainCodeTerm(info.domainKey, info.code), 'exact', BOOST.numberForSymbol);
          add(domainCodeTerm('', info.code), 'exact', BOOST.numberForSymbol);
        }
        if (info.messages.length > 0) add(messageTerm(info), 'exact', BOOST.message);
      }
      break;
    }
    case 'code':
    case 'hex':
    case 'number': {
      const isCode = token.kind !== 'number' || word.errorCode;
      // With a domain named, the number alone could mean anything: only its domain's meanings count.
      if (!word.domain) add(token.raw, 'exact', isCode ? BOOST.code : BOOST.word);
      else add(domainCodeTerm(word.domain, token.raw), 'exact', BOOST.domainCode);
      if (!isCode) {
        if (word.prefix) add(token.raw, 'prefix', BOOST.prefix);
        break;
      }
      // `-100` on the way to `-1001` already finds the codes it starts (below the code itself).
      if (word.prefix && token.kind === 'code' && !word.domain && token.raw.length >= 4)
        add(token.raw, 'prefix', BOOST.prefix);
      if (token.kind !== 'hex' && !word.domain) add(domainCodeTerm('', token.raw), 'exact', BOOST.numberForSymbol);
      for (const info of inDomain(lookupCode(token.raw))) {
        remember(info);
        for (const symbol of info.symbols) add(primaryTerm(symbol), 'exact', BOOST.synonym);
        if (info.messages.length > 0) add(messageTerm(info), 'exact', BOOST.message);
      }
      return { alternatives, required: !word.optional, ...(word.optional ? {} : { code: token.raw }) };
    }
  }
  return { alternatives, required: !word.optional };
}

function phraseClause(token: Token): Clause {
  return { alternatives: [{ term: token.primary, mode: 'exact', boost: BOOST.phrase }], required: true };
}

export function planQuery(query: ParsedQuery): QueryPlan {
  const codes = new Map<string, ErrorCodeInfo>();
  const domainNamed = query.words.find((w) => w.domain)?.domain;
  // Tag filters first: clause bits are limited, and these must never be dropped.
  const clauses: Clause[] = query.filters.flatMap((f) =>
    f.kind === 'tag' && !f.negated
      ? [
          {
            alternatives: [{ term: tagTerm(f.value), mode: 'exact' as const, boost: BOOST.filter }],
            required: true,
            filter: true,
          },
        ]
      : [],
  );
  const words = query.words.map((w) => ({ ...w }));
  // A message typed out (`The request timed out.`) stands for its code: one clause matching the
  // message quoted, the code or its symbol; its words only rank.
  const raws = words.map((w) => w.token.raw);
  for (const { from, to, info } of findMessages(raws, (text) => tokenize(text).map((t) => t.raw))) {
    for (const w of words.slice(from, to)) w.optional = true;
    codes.set(`${info.domain}\t${info.code}\t${info.symbol}`, info);
    clauses.push({
      alternatives: [
        // The message as typed first; its code and symbol are the same error, written otherwise.
        { term: messageTerm(info), mode: 'exact', boost: BOOST.messageTyped },
        { term: info.code, mode: 'exact', boost: BOOST.message },
        ...info.symbols.flatMap((s) => {
          const term = primaryTerm(s);
          return term ? [{ term, mode: 'exact' as const, boost: BOOST.message }] : [];
        }),
      ],
      required: true,
    });
  }
  clauses.push(...words.map((w) => clauseFor(w, codes)));
  for (const phrase of query.phrases) clauses.push(...phrase.tokens.map(phraseClause));
  return {
    clauses,
    excluded: query.excluded.map((tokens, i) => {
      const phrase = query.excludedPhrases[i] ?? null;
      return { terms: tokens.map((t) => t.primary), phrase, pairs: phrase === null ? [] : phrasePairTerms(tokens) };
    }),
    phrases: query.phrases.map((p) => p.text),
    pairs: [...new Set(query.phrases.flatMap((p) => phrasePairTerms(p.tokens)))],
    codes: [...codes.values()].sort(
      (a, b) => Number(b.domainKey === domainNamed) - Number(a.domainKey === domainNamed),
    ),
  };
}
