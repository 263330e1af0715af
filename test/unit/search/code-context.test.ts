/** Context terms the indexer adds: quoted error messages and codes next to their domain. */
import { describe, expect, it } from 'vitest';
import { domainCodeTerm, messageTerm } from '../../../src/search/code-context';
import { hasPhrase } from '../../../src/search/phrase';
import { tokenTemplates, type TokenTemplate } from '../../../src/search/tokenizer';
import { typoVariants } from '../../../src/search/typo-variants';

function contextTerms(text: string): string[] {
  const out: TokenTemplate[] = [];
  tokenTemplates(text, out);
  return out.map((t) => t.primary).filter((term) => term.startsWith('\u0002'));
}

describe('context terms', () => {
  it('stands a quoted message for its code, whatever the case and punctuation', () => {
    const term = messageTerm({ domainKey: 'nsurlerrordomain', code: '-1001' });
    expect(contextTerms('It failed: "The request timed out." again')).toEqual([term]);
    expect(contextTerms('the REQUEST timed   out')).toEqual([term]);
    expect(contextTerms('the request was slow and timed out')).toEqual([]);
  });

  it('ties a code to the domain named just before it', () => {
    expect(contextTerms('Error Domain=NEVPNErrorDomain Code=5 "IPC failed"')).toEqual([
      domainCodeTerm('nevpnerrordomain', '5'),
      domainCodeTerm('', '5'),
    ]);
    expect(contextTerms('.failed(POSIXErrorCode(rawValue: 50))')).toEqual([domainCodeTerm('nsposixerrordomain', '50')]);
    expect(contextTerms('NEVPNErrorDomain, and much later, something about 5 cats')).toEqual([]);
  });

  it('does not read a log line connection number as a code', () => {
    expect(contextTerms('nw_connection_copy_connected_local_endpoint [C7] Error [12:0x600002e1c000]')).toEqual([]);
    expect(contextTerms('recv failed with error 12')).toEqual([domainCodeTerm('', '12')]);
  });
});

describe('typo variants', () => {
  it('lists every string one edit away, including swapped letters', () => {
    const variants = new Set(typoVariants('tunel'));
    for (const v of ['tunnel', 'tune', 'tnuel', 'funel']) expect(variants.has(v)).toBe(true);
    expect(variants.has('tunnels')).toBe(false);
  });
});

describe('phrases', () => {
  it('matches word by word in order, across punctuation and case', () => {
    expect(hasPhrase('We lost, network access too', 'lost network')).toBe(true);
    expect(hasPhrase('The network was lost', 'lost network')).toBe(false);
    expect(hasPhrase('VPNトンネルが切断されました', 'トンネル 切断')).toBe(true);
  });
});
