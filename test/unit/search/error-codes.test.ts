import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES_TSV } from '../../../src/search/data/error-codes-tsv';
import { ERROR_CODES, lookupCode, lookupSymbol } from '../../../src/search/error-codes';

describe('error-code table', () => {
  it('is the checked-in TSV (regenerate with src/search/data/generate-error-codes-module.ts)', () => {
    const tsv = readFileSync(new URL('../../../src/search/data/error-codes.tsv', import.meta.url), 'utf8');
    expect(ERROR_CODES_TSV).toBe(tsv);
  });

  it('has all 311 rows, each with a domain, a meaning and a source', () => {
    expect(ERROR_CODES).toHaveLength(311);
    for (const row of ERROR_CODES) {
      expect(row.domain).not.toBe('');
      expect(row.meaning).not.toBe('');
      expect(row.source).not.toBe('');
    }
  });

  it("follows Apple's numbering of the NSURLErrorDomain SSL group (-1200…-1206)", () => {
    const ssl = (code: string) => lookupCode(code).filter((r) => r.domain === 'NSURLErrorDomain')[0]?.symbol;
    expect(ssl('-1200')).toBe('NSURLErrorSecureConnectionFailed');
    expect(ssl('-1201')).toBe('NSURLErrorServerCertificateHasBadDate');
    expect(ssl('-1202')).toBe('NSURLErrorServerCertificateUntrusted');
    expect(ssl('-1206')).toBe('NSURLErrorClientCertificateRequired');
    expect(lookupCode('-1207').filter((r) => r.domain === 'NSURLErrorDomain')).toEqual([]);
  });

  it('looks codes up both ways, unquoting CSV-style fields', () => {
    const [timedOut] = lookupCode('-1001');
    expect(timedOut?.symbol).toBe('NSURLErrorTimedOut');
    expect(timedOut?.meaning).toBe('request timed out ("The request timed out.")');
    expect(lookupSymbol('nsurlerrortimedout').map((r) => r.code)).toEqual(['-1001']);
    expect(lookupSymbol('ECONNABORTED').map((r) => r.code)).toEqual(['53']);
    expect(lookupSymbol('EWOULDBLOCK').map((r) => r.code)).toEqual(['35']);
    expect(lookupCode('-9806').map((r) => r.symbol)).toContain('errSSLClosedAbort');
  });

  it('finds nothing for non-codes', () => {
    expect(lookupCode('abc')).toEqual([]);
    expect(lookupCode('-998 .. -3007')).toEqual([]);
    expect(lookupSymbol('hello')).toEqual([]);
  });
});
