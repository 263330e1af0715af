/** Putting forum text into Markdown so that it shows as written. */

// Backslash-escaping any ASCII punctuation is allowed by CommonMark; these are the ones that
// start markup in CommonMark, GFM or Obsidian ($ math, %% comments, == highlights, [[links]]).
// `!` needs none: an image needs `![`, and `[` is escaped.
const SPECIAL = /[\\`*_[\]<>#|~$%=&]/g;

/** Forum text as literal Markdown: no emphasis, links, HTML or list markers of its own. */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(SPECIAL, (ch) => `\\${ch}`)
        // A line start like `- `, `+ ` or `12. ` would begin a list.
        .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2'),
    )
    .join('\n');
}

/** Every line prefixed with `> ` (blank lines with `>`), so the whole text stays in the quote. */
export function blockquote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** At most `limit` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncateText(text: string, limit: number): string {
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  const chars = Array.from(normalised);
  if (chars.length <= limit) return normalised;
  const cut = chars.slice(0, limit).join('');
  const space = cut.search(/\s\S*$/);
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Forum text for inside `[...]` of a link or a heading: literal, on one line. */
export function inlineText(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}
