/**
 * Terms that come from a few tokens together, not from one: an error message quoted without its
 * code (`"The request timed out."` stands for NSURLErrorDomain -1001), and a code next to the
 * domain that gives it its meaning (`NEVPNErrorDomain Code=5`, `POSIXErrorCode(rawValue: 50)`,
 * `errno 61`). The index stores them as terms of their own, so a query for `-1001` or
 * `NSURLErrorTimedOut` finds the quoted message, and `NEVPNErrorDomain Code=5` prefers threads
 * where the 5 belongs to that domain. A connection number in a log line (`Error [12:0x6000…]`)
 * is not a code.
 */
import { ERROR_CODES, domainOf, type ErrorCodeInfo } from './error-codes';

/** Context terms start with \u0002: no text yields that, so they never collide with words. */
export const MESSAGE_TERM = '\u0002msg:';

export function messageTerm(info: Pick<ErrorCodeInfo, 'domainKey' | 'code'>): string {
  return `${MESSAGE_TERM}${info.domainKey}:${normalCode(info.code)}`;
}

/** `domainKey` '' for a code after `error`/`errno`/`code` with no domain in sight. */
export function domainCodeTerm(domainKey: string, code: string): string {
  return `\u0002dc:${domainKey}:${normalCode(code)}`;
}

export function normalCode(code: string): string {
  const n = Number(code.replace('−', '-'));
  return Number.isSafeInteger(n) ? String(n) : code;
}

/** Words right before a number that make it an error code. */
export const CODE_CUES = new Set(['error', 'code', 'errno', 'err', 'status', 'oserror', 'osstatus']);
/** Tokens allowed between a domain and its code (`Code=`, `rawValue:`). */
const BETWEEN = new Set(['code', 'rawvalue', 'error', 'errno', 'err']);

/** What the context needs of a token: its kind and lowercased text. */
interface Tok {
  kind: string;
  raw: string;
  /** What the context makes of the token, kept on it once known (the indexer's templates recur). */
  context?: TokenRole;
}

/** What a token is to the context: all from its kind and text. */
export interface TokenRole {
  /** The messages that start with it. */
  starts: Message[] | undefined;
  /** A word that makes the number after it a code (`error`, `errno`). */
  cue: boolean;
  /** Allowed between a domain and its code. */
  between: boolean;
  /** The domain it names, if it names one. */
  domain: string | null;
}

/** The role of a token that is nothing to the context (shared: never modified). */
const NO_ROLE: TokenRole = Object.freeze({ starts: undefined, cue: false, between: false, domain: null });

interface Message {
  raws: string[];
  info: ErrorCodeInfo;
}

let messagesByFirst: Map<string, Message[]> | null = null;

/** Messages by their first token, built on first use with the tokenizer's own tokens. */
function messages(tokenRaws: (text: string) => string[]): Map<string, Message[]> {
  if (messagesByFirst) return messagesByFirst;
  const map = new Map<string, Message[]>();
  for (const info of ERROR_CODES)
    for (const text of info.messages) {
      const raws = tokenRaws(text);
      // Two words are too common a sequence to stand for a code.
      if (raws.length < 3) continue;
      const first = raws[0] as string;
      map.set(first, [...(map.get(first) ?? []), { raws, info }]);
    }
  messagesByFirst = map;
  return map;
}

/** Where the messages of the table occur in a token sequence: `[from, to)` and the row. */
export function findMessages(
  raws: readonly string[],
  tokenRaws: (text: string) => string[],
): { from: number; to: number; info: ErrorCodeInfo }[] {
  const found: { from: number; to: number; info: ErrorCodeInfo }[] = [];
  const table = messages(tokenRaws);
  raws.forEach((raw, i) => {
    for (const m of table.get(raw) ?? [])
      if (m.raws.every((r, k) => raws[i + k] === r)) found.push({ from: i, to: i + m.raws.length, info: m.info });
  });
  return found;
}

/** Fed the tokens of one text in order; appends context terms as it recognises them. */
export class CodeContext<T extends Tok = Tok> {
  private text = '';
  private domain: string | null = null;
  private sinceDomain = 0;
  private cue = false;
  private partial: { message: Message; next: number }[] = [];

  constructor(
    private readonly tokenRaws: (text: string) => string[],
    private readonly template: (term: string) => T,
  ) {}

  reset(text: string): void {
    this.text = text;
    this.domain = null;
    this.cue = false;
    this.partial.length = 0;
  }

  /** Whether no message is under way: a plain token (see `plain`) then changes only the code state. */
  get idle(): boolean {
    return this.partial.length === 0;
  }

  /**
   * `next` for a token with nothing for the context (no message starts with it, not a cue, not
   * between a domain and its code, no domain, not a number or code) while `idle`: the same
   * state afterwards, without the token.
   */
  plain(): void {
    this.cue = false;
    this.sinceDomain++;
    this.domain = null;
  }

  /** What the context makes of a token (`next` keeps it on the token). */
  role(t: Tok): TokenRole {
    const starts = messages(this.tokenRaws).get(t.raw);
    const cue = CODE_CUES.has(t.raw);
    const between = BETWEEN.has(t.raw);
    // `errno` is a plain word, and names the POSIX domain as much as `NSPOSIXErrorDomain` does.
    const domain = t.kind === 'ident' || t.kind === 'acronym' || t.raw === 'errno' ? domainOf(t.raw) : null;
    // Most tokens are nothing to the context: one role for them all (an index build keeps one per token).
    if (starts === undefined && !cue && !between && domain === null) return NO_ROLE;
    return { starts, cue, between, domain };
  }

  next(t: Tok, start: number, end: number, out: T[]): void {
    const role = (t.context ??= this.role(t));
    this.messageStep(t.raw, role.starts, out);
    const cue = this.cue;
    this.cue = role.cue;
    this.sinceDomain++;
    if (t.kind === 'number' || t.kind === 'code') {
      // `[12:0x6000…]` in a log line is a connection number and an address, not a code.
      if (this.text[start - 1] === '[' && this.text[end] === ':') return;
      if (this.domain !== null && this.sinceDomain <= 3) out.push(this.term(domainCodeTerm(this.domain, t.raw)));
      if (cue) out.push(this.term(domainCodeTerm('', t.raw)));
      this.domain = null;
      return;
    }
    if (role.domain) {
      this.domain = role.domain;
      this.sinceDomain = 0;
      return;
    }
    if (!role.between) this.domain = null;
  }

  private readonly terms = new Map<string, T>();

  private term(term: string): T {
    let t = this.terms.get(term);
    if (!t) {
      if (this.terms.size > 10_000) this.terms.clear();
      this.terms.set(term, (t = this.template(term)));
    }
    return t;
  }

  private messageStep(raw: string, starting: Message[] | undefined, out: T[]): void {
    const partial = this.partial;
    if (partial.length > 0) {
      let kept = 0;
      for (const p of partial) {
        if (p.message.raws[p.next] !== raw) continue;
        if (++p.next === p.message.raws.length) out.push(this.term(messageTerm(p.message.info)));
        else partial[kept++] = p;
      }
      partial.length = kept;
    }
    if (starting) for (const message of starting) partial.push({ message, next: 1 });
  }
}
