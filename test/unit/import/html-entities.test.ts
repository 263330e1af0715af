import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/import/html-entities';

describe('decodeEntities', () => {
  it.each([
    ['Set&lt;NWBrowser.Result&gt;', 'Set<NWBrowser.Result>'],
    ['caf&eacute; &uuml;ber &euro;5 &copy; &trade;', 'café über €5 © ™'],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['AT&T and &copy without a semicolon', 'AT&T and &copy without a semicolon'],
    ['&notanentity; stays', '&notanentity; stays'],
    ['no ampersand', 'no ampersand'],
  ])('%s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});
