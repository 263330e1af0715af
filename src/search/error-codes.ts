/**
 * The error-code knowledge table: lets `-1001` find threads that only say `NSURLErrorTimedOut`
 * (and the reverse), and lets results say what a code in the query means. The data is
 * data/error-codes.tsv (see data/error-codes-tsv.ts for where each row was read).
 */
import { ERROR_CODES_TSV } from './data/error-codes-tsv';

export interface ErrorCodeInfo {
  /** As the headers write it, e.g. `-1001`, `53`; a few rows hold a range (`-998 .. -3007`). */
  code: string;
  domain: string;
  /** The primary symbol, e.g. `NSURLErrorTimedOut`. */
  symbol: string;
  /** Every identifier in the symbol column (`EAGAIN/EWOULDBLOCK` gives both). */
  symbols: string[];
  meaning: string;
  source: string;
  /** The domain's own name, lowercased (`nsurlerrordomain`): the first identifier of `domain`. */
  domainKey: string;
  /** The messages users see for it, quoted in the table (`The request timed out.`). */
  messages: string[];
}

/** The table's fields may be CSV-quoted (`"a ""quoted"" word"`). */
function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"')
    ? field.slice(1, -1).replaceAll('""', '"')
    : field;
}

function parseTable(tsv: string): ErrorCodeInfo[] {
  const rows: ErrorCodeInfo[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [code = '', domain = '', symbolField = '', meaning = '', source = ''] = line.split('\t').map(unquote);
    // `kCFURLError* (same numeric values as NSURLError*)` names no symbol of its own.
    const symbols = [...symbolField.matchAll(/[A-Za-z_][A-Za-z0-9_]{2,}\*?/g)]
      .map((m) => m[0])
      .filter((s) => /[A-Z_]/.test(s) && !s.endsWith('*'));
    const domainKey = (/[A-Za-z_][\w.]*/.exec(domain)?.[0] ?? domain).toLowerCase();
    // `"request timed out (""The request timed out."")"` quotes the message; `...` marks a cut.
    const messages = [...meaning.matchAll(/"(\p{L}[^"]{8,})"/gu)].map((m) => (m[1] as string).replace(/\.{3}$/, ''));
    rows.push({
      code: code.trim(),
      domain,
      symbol: symbols[0] ?? symbolField,
      symbols,
      meaning,
      source,
      domainKey,
      messages,
    });
  }
  return rows;
}

export const ERROR_CODES: readonly ErrorCodeInfo[] = parseTable(ERROR_CODES_TSV);

const byCode = new Map<string, ErrorCodeInfo[]>();
const bySymbol = new Map<string, ErrorCodeInfo[]>();
for (const info of ERROR_CODES) {
  if (/^-?\d+$/.test(info.code)) {
    const key = String(Number(info.code));
    byCode.set(key, [...(byCode.get(key) ?? []), info]);
  }
  for (const symbol of info.symbols) {
    const key = symbol.toLowerCase();
    bySymbol.set(key, [...(bySymbol.get(key) ?? []), info]);
  }
}

/**
 * Names that stand for a domain next to a code, lowercased, to the domain's key: every identifier
 * in the table's domain column (`NSPOSIXErrorDomain / NWError.posix (errno)` gives three), and
 * Swift's `POSIXErrorCode(rawValue: 50)`.
 */
const domainAliases = new Map<string, string>([['posixerrorcode', 'nsposixerrordomain']]);
for (const info of ERROR_CODES)
  for (const m of info.domain.matchAll(/[A-Za-z_][\w.]*[A-Za-z]/g)) {
    const alias = m[0].toLowerCase();
    // Only names of domains and error types (not `userInfo`, `iOS`, `value`).
    if (/domain|error|^errno$/i.test(m[0]) && !domainAliases.has(alias)) domainAliases.set(alias, info.domainKey);
  }

/** The domain key a name in text stands for (`NEVPNErrorDomain`, `errno`, `NWError.posix`), or null. */
export function domainOf(name: string): string | null {
  return domainAliases.get(name.toLowerCase()) ?? null;
}

/** Every row with this numeric code (`-1001`, `53`); codes repeat across domains. */
export function lookupCode(code: string): readonly ErrorCodeInfo[] {
  if (!/^[-−]?\d{1,12}$/.test(code)) return [];
  return byCode.get(String(Number(code.replace('−', '-')))) ?? [];
}

/** The rows naming this symbol, case-insensitively (`NSURLErrorTimedOut`, `ECONNABORTED`). */
export function lookupSymbol(symbol: string): readonly ErrorCodeInfo[] {
  return bySymbol.get(symbol.toLowerCase()) ?? [];
}
