/** Text with the ranges a search matched, rendered as <mark> by React (never as raw HTML). */
export interface HighlightedText {
  text: string;
  /** [start, end) character offsets into text, sorted, not overlapping. */
  ranges: [number, number][];
}

/** Every case-insensitive occurrence of the terms in text, merged into sorted ranges. */
export function findRanges(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) ranges.push([i, i + t.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** A window of about `width` characters around the first match, with its ranges shifted to fit. */
export function snippetAround(text: string, ranges: [number, number][], width = 160): HighlightedText {
  if (ranges.length === 0) return { text: text.slice(0, width), ranges: [] };
  const first = ranges[0]![0];
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end) + (end < text.length ? '…' : ''),
    ranges: ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift]),
  };
}
