/** `collapseSpaces` must equal `replace(/\s+/g, ' ')` on any text: every kind of whitespace, in any run. */
import { describe, expect, it } from 'vitest';
import { collapseSpaces } from '../../../src/search/snippet';
import { prng } from './synthetic-corpus';

const ALPHABET = [
  'a',
  'b',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u200b',
  'é',
];

describe('collapseSpaces', () => {
  it('equals collapsing every whitespace run with a regular expression', () => {
    const random = prng(5);
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      expect(collapseSpaces(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' '));
    }
  });
});
