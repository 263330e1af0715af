/**
 * Plain text from an HTML fragment (a feed item's description, a post body), with htmlparser2 so
 * it runs in Node and in the renderer alike. Block elements become line breaks and code keeps its
 * own lines, so the text reads like the post; scripts and styles are dropped.
 */
import { Parser } from 'htmlparser2';
import { walkTags, type DomNode } from './dom-walk';

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

/** Plain text as markup is read: one opening, text or closing at a time, never recursing. */
class TextCollector {
  private parts: string[] = [];
  private skipDepth = 0;
  private preDepth = 0;

  constructor(private readonly skip: ReadonlySet<string> = SKIP) {}

  open(name: string): void {
    if (this.skip.has(name)) this.skipDepth++;
    if (this.skipDepth > 0) return;
    if (name === 'pre') this.preDepth++;
    if (BLOCK.has(name)) this.parts.push('\n');
    if (name === 'li') this.parts.push('• ');
  }

  text(text: string): void {
    if (this.skipDepth > 0) return;
    this.parts.push(this.preDepth > 0 ? text : text.replace(/\s+/g, ' '));
  }

  close(name: string): void {
    if (this.skip.has(name)) {
      this.skipDepth = Math.max(0, this.skipDepth - 1);
      return;
    }
    if (this.skipDepth > 0) return;
    if (name === 'pre') this.preDepth = Math.max(0, this.preDepth - 1);
    if (BLOCK.has(name)) this.parts.push('\n');
  }

  result(): string {
    return tidy(this.parts.join(''));
  }
}

export function htmlToText(html: string): string {
  const out = new TextCollector();
  const parser = new Parser(
    { onopentag: (name) => out.open(name), ontext: (text) => out.text(text), onclosetag: (name) => out.close(name) },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.result();
}

/**
 * The same text from an already parsed tree, without serializing and parsing it again; elements
 * named in `leaveOut` are dropped with their content, like scripts and styles.
 */
export function nodesToText(nodes: readonly DomNode[], leaveOut: readonly string[] = []): string {
  const out = new TextCollector(new Set([...SKIP, ...leaveOut]));
  walkTags(nodes, {
    open: (el) => out.open(el.name),
    text: (data) => out.text(data),
    close: (el) => out.close(el.name),
  });
  return out.result();
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
