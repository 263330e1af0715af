/**
 * Plain text from an HTML fragment (a feed item's description, a post body), with htmlparser2 so
 * it runs in Node and in the renderer alike. Block elements become line breaks and code keeps its
 * own lines, so the text reads like the post; scripts and styles are dropped.
 */
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'hr',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button']);

export function htmlToText(html: string): string {
  let out = '';
  let skipDepth = 0;
  let preDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (name === 'pre') preDepth++;
        if (BLOCK.has(name)) out += '\n';
        if (name === 'li') out += '• ';
      },
      ontext(text) {
        if (skipDepth > 0) return;
        out += preDepth > 0 ? text : text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (BLOCK.has(name)) out += '\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return tidy(out);
}

/** Drops the space whitespace-collapsing left at line ends and starts; keeps code indentation. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd().replace(/^ (?=\S)/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
