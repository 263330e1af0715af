/**
 * Drops the entries of `map` inserted first until it holds at most `max` (a Map keeps insertion
 * order, so a cache that re-inserts what it uses keeps what was used last).
 */
export function keepNewest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) break;
    map.delete(key);
  }
}
