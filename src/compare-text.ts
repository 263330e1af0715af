/**
 * The project's one string order: by UTF-16 code unit, the same on every machine and locale (unlike
 * localeCompare, which is also about ten times slower on 100k threads). ISO dates order correctly
 * as plain strings; null sorts first.
 */
export function compareText(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
