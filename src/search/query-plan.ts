/**
 * Turns a parsed query into clauses of weighted alternative terms, before any index is touched.
 * The weights encode ForumKB's ranking rules: an exact error code or API name outweighs a stemmed
 * word, which outweighs a prefix completion or a typo correction; an error code and its symbol
 * are alternatives of one clause, so `-1001` finds `NSURLErrorTimedOut` and the reverse.
 */
import { lookupCode, lookupSymbol, type ErrorCodeInfo } from './error-codes';
import type { ParsedQuery, QueryWord } from './query-parser';
import { tagTerm } from './segment';
import { tokenize, type Token } from './tokenizer';

export type MatchMode = 'exact' | 'prefix' | 'fuzzy';

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
}

export interface QueryPlan {
  clauses: Clause[];
  /** Token lists; a thread matching every token of one list is excluded. */
  excluded: string[][];
  /** Phrases to check against the text when it is available. */
  phrases: string[];
  /** What the codes and symbols in the query mean. */
  codes: ErrorCodeInfo[];
}

export const BOOST = {
  code: 3,
  ident: 3,
  synonym: 2.5,
  acronym: 2,
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

function clauseFor(word: QueryWord, codes: Map<string, ErrorCodeInfo>): Clause {
  const { token } = word;
  const alternatives: Alternative[] = [];
  const add = (term: string | null, mode: MatchMode, boost: number) => {
    if (term && !alternatives.some((a) => a.term === term && a.mode === mode)) alternatives.push({ term, mode, boost });
  };
  const synonyms = (infos: readonly ErrorCodeInfo[], toTerm: (info: ErrorCodeInfo) => string[]) => {
    for (const info of infos) {
      codes.set(`${info.domain}\t${info.code}\t${info.symbol}`, info);
      for (const term of toTerm(info)) add(primaryTerm(term), 'exact', BOOST.synonym);
    }
  };
  switch (token.kind) {
    case 'word':
      add(token.primary, 'exact', BOOST.word);
      if (word.prefix && token.raw.length >= 2) add(token.raw, 'prefix', BOOST.prefix);
      if (token.raw.length >= 5) add(token.primary, 'fuzzy', BOOST.fuzzy);
      break;
    case 'acronym':
      add(token.raw, 'exact', BOOST.acronym);
      for (const term of token.terms.slice(1)) add(term, 'exact', BOOST.word);
      if (word.prefix) add(token.raw, 'prefix', BOOST.prefix);
      synonyms(lookupSymbol(token.raw), (info) => [info.code]);
      break;
    case 'ident':
      add(token.raw, 'exact', BOOST.ident);
      // `NEFilter` finds `NEFilterDataProvider`, `NSURLError` finds `NSURLErrorDomain`.
      if (token.raw.length >= 3) add(token.raw, 'prefix', BOOST.identPrefix);
      synonyms(lookupSymbol(token.raw), (info) => [info.code]);
      break;
    case 'code':
    case 'hex':
      add(token.raw, 'exact', BOOST.code);
      synonyms(lookupCode(token.raw), (info) => info.symbols);
      break;
    case 'number':
      add(token.raw, 'exact', word.errorCode ? BOOST.code : BOOST.word);
      if (word.errorCode) synonyms(lookupCode(token.raw), (info) => info.symbols);
      else if (word.prefix) add(token.raw, 'prefix', BOOST.prefix);
      break;
  }
  return { alternatives, required: !word.optional };
}

function phraseClause(token: Token): Clause {
  return { alternatives: [{ term: token.primary, mode: 'exact', boost: BOOST.phrase }], required: true };
}

export function planQuery(query: ParsedQuery): QueryPlan {
  const codes = new Map<string, ErrorCodeInfo>();
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
  clauses.push(...query.words.map((w) => clauseFor(w, codes)));
  for (const phrase of query.phrases) clauses.push(...phrase.tokens.map(phraseClause));
  return {
    clauses,
    excluded: query.excluded.map((tokens) => tokens.map((t) => t.primary)),
    phrases: query.phrases.map((p) => p.text),
    codes: [...codes.values()],
  };
}
