import { decodeHTMLStrict } from 'entities';

/**
 * Decodes the HTML entities scrapers leave in text (`Set&lt;NWBrowser.Result&gt;`, `caf&eacute;`):
 * every entity HTML names, and numeric ones. Strict: only with the closing `;`, so `AT&T` or
 * `&copy` in plain text stay as written.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}
