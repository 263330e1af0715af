import { describe, expect, it } from 'vitest';
import { hasSearchText } from '../../../renderer/app/use-search';

describe('hasSearchText', () => {
  it('waits while a query is only an operator on its way', () => {
    for (const q of ['-', '"', '-"', '" -', '*']) expect(hasSearchText(q), q).toBe(false);
  });

  it('searches once a letter or digit is typed, in any script', () => {
    for (const q of ['-1', '"c', 'views:>=0', 'ネットワーク', 'is:bookmarked']) expect(hasSearchText(q), q).toBe(true);
  });
});
