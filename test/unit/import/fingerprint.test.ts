import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, normaliseForIdentity } from '../../../src/import/fingerprint';

/** The definition: the hash of the title and the first 80 characters of the whole normalised body. */
function reference(title: string, body: string): string {
  const prefix = normaliseForIdentity(body).slice(0, 80);
  return fingerprint(title, prefix);
}

describe('fingerprint', () => {
  it('ignores case, curly quotes, whitespace and anything after the body start', () => {
    const start = 'when I connect to my accessory over the local network with NWConnection, it fails';
    const a = fingerprint('Why does  NWConnection fail?', `I’m seeing   “-65554”\n${start}. ${'x'.repeat(500)}`);
    const b = fingerprint(
      'why does NWConnection fail?',
      `I'm seeing "-65554" ${start.toUpperCase()}! ${'y'.repeat(20)}`,
    );
    expect(a).toBe(b);
    expect(a).not.toBe(fingerprint('Another title', `I’m seeing “-65554” ${start}`));
    expect(a).not.toBe(fingerprint('Why does NWConnection fail?', `I’m seeing “-65553” ${start}`));
  });

  it('normalising only a prefix gives the same result as normalising the whole body', () => {
    const body = fc.array(
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(' ', '\n', '   ', '’', 'ﬁ', '\u00a0')),
      {
        maxLength: 200,
      },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), body, (title, parts) => {
        const text = parts.join('');
        expect(fingerprint(title, text)).toBe(reference(title, text));
      }),
      { numRuns: 500 },
    );
  });
});
