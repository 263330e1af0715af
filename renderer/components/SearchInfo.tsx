import type { SearchState } from '../app/use-search';

/** Under the search results: what the error codes typed mean, and what the query could not use. */
export function SearchInfo({ search }: { search: SearchState }) {
  const { codes, relaxed, warnings } = search;
  if (codes.length === 0 && !relaxed && warnings.length === 0) return null;
  return (
    <div className="search-info" aria-label="About this search">
      {codes.length > 0 && (
        <ul className="search-codes" aria-label="Error codes">
          {codes.slice(0, 4).map((c) => (
            <li key={`${c.domain}:${c.code}:${c.symbol}`}>
              <code>{c.code}</code> <code>{c.symbol}</code> <span className="search-code-domain">{c.domain}</span>:{' '}
              {c.meaning}
            </li>
          ))}
        </ul>
      )}
      {relaxed && <p>No thread has every word; showing threads with some of them.</p>}
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
}
