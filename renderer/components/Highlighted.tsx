import type { HighlightedText } from '../app/highlight';

/** Text with matched ranges as <mark>: built as React nodes, so search text can never become HTML. */
export function Highlighted({ value }: { value: HighlightedText }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  value.ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={i}>{value.text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}
