// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findRanges, snippetAround } from '../../../../renderer/app/highlight';
import { Highlighted } from '../../../../renderer/components/Highlighted';

afterEach(cleanup);

describe('Highlighted', () => {
  it('renders matches as <mark> and everything as text, never as HTML', () => {
    const text = 'error <img src=x onerror=alert(1)> -1001 and -1001';
    const { container } = render(<Highlighted value={{ text, ranges: findRanges(text, ['-1001']) }} />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['-1001', '-1001']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe(text);
  });
});

describe('findRanges / snippetAround', () => {
  it('finds case-insensitive matches and merges overlaps', () => {
    expect(findRanges('NWConnection nwconnection', ['nwconn', 'connection'])).toEqual([
      [0, 12],
      [13, 25],
    ]);
  });

  it('cuts a window around the first match and shifts the ranges into it', () => {
    const text = `${'a'.repeat(300)} NSURLErrorTimedOut ${'b'.repeat(300)}`;
    const snippet = snippetAround(text, findRanges(text, ['timedout']), 100);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [[start, end]] = snippet.ranges as [[number, number]];
    expect(snippet.text.slice(start, end)).toBe('TimedOut');
  });
});
