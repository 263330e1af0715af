const COUNT = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKmM]?)$/;

/** Parses a forum count: `37`, `4.2k`, `1.2M`, `1,234`. Returns null when `text` is not a count. */
export function parseCount(text: string): number | null {
  const m = COUNT.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]!.replace(/,/g, ''));
  const unit = m[2]!.toLowerCase();
  const factor = unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1;
  return Math.round(value * factor);
}

export function isCount(text: string): boolean {
  return COUNT.test(text.trim());
}
