/**
 * A scraped post body, made readable without changing the stored text: the blocks the reader
 * shows. Scraped bodies are plain text (never Markdown), often with paragraphs, lists and code run
 * together onto one line. This finds what the layout lost — code runs, the run-on link lists of
 * resource posts, the DTS signature — and hands each to the reader as its own block.
 */
import { findCodeRuns, type CodeLanguage } from './code-runs';
import { layoutCode } from './code-layout';
import { looksLikeLinkList, splitLinkList, type LinkSection } from './link-list';

export type { CodeLanguage } from './code-runs';
export type { LinkItem, LinkSection } from './link-list';

export type BodyBlock =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string; language: CodeLanguage }
  | { kind: 'links'; sections: LinkSection[] }
  | { kind: 'signature'; text: string }
  /** An article's title repeated after its signature: its heading. */
  | { kind: 'heading'; text: string };

const SIGNATURES = [
  // Quinn's: `Share and Enjoy — Quinn “The Eskimo!” @ Developer Technical Support @ Apple let myEmail = …`
  /Share and Enjoy[\s—–-]*[^]{0,100}?@\s*Apple\b(?:\s*let myEmail = [^\n]*?"apple\.com")?/g,
  // `__ Kevin Elliott DTS Engineer, CoreOS/Hardware`, at the end of a post.
  /(?:^|\s)(?:_{2,}\s+)?(?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+\s+(?:DTS Engineer|Developer Technical Support)(?:,\s*[\w/ ]{1,40}?)?\s*$/g,
];

/** A line that is a log entry: a timestamp within its first words. */
const LOG_LINE = /^(?:\S+\s+){0,2}(?:\d{4}-\d{2}-\d{2}[ T])?\d{2}:\d{2}:\d{2}\.\d+/;
/** A line of a plist or other XML: a tag first and last. */
const XML_LINE = /^\s*<\/?[A-Za-z][\w.-]*\/?>.*>\s*$/;

/** Where a flattened article starts a new paragraph: footnotes, callouts, revision history. */
const PARAGRAPH_CUES =
  /(?<=[.?!:)”"]|\(-:)\s+(?=\[\d+\] |Revision History\b|IMPORTANT\b|WARNING\b|Important:|Note:? [A-Z]|STEPS TO REPRODUCE\b|Questions:)/g;
const REVISION = /\s+(?=\d{4}-\d{2}-\d{2} [A-Z])/g;

function splitSignatures(body: string): { text: string; signature: boolean }[] {
  const found: [number, number][] = [];
  for (const re of SIGNATURES) for (const m of body.matchAll(re)) found.push([m.index, m.index + m[0].length]);
  found.sort((a, b) => a[0] - b[0]);
  const parts: { text: string; signature: boolean }[] = [];
  let at = 0;
  for (const [start, end] of found) {
    if (start < at) continue;
    parts.push({ text: body.slice(at, start), signature: false });
    parts.push({ text: body.slice(start, end).replace(/^\s*_{2,}\s*/, ''), signature: true });
    at = end;
  }
  parts.push({ text: body.slice(at), signature: false });
  return parts.filter((p) => p.text.trim() !== '');
}

function proseBlocks(text: string): BodyBlock[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (looksLikeLinkList(trimmed)) return [{ kind: 'links', sections: splitLinkList(trimmed) }];
  let parts = trimmed.split(PARAGRAPH_CUES);
  if (/Revision History/.test(trimmed)) parts = parts.flatMap((p) => p.split(REVISION));
  return parts.filter((p) => p.trim()).map((p) => ({ kind: 'text', text: p.trim() }));
}

/** One line: prose with the code runs in it taken out as code blocks. */
function lineBlocks(line: string): BodyBlock[] {
  if (LOG_LINE.test(line)) return [{ kind: 'code', text: line, language: 'log' }];
  if (XML_LINE.test(line) && !line.includes('\n')) {
    const runs = findCodeRuns(line);
    if (runs.length === 0 || runs[0]!.start === 0)
      return [{ kind: 'code', text: layoutCode(line, 'xml'), language: 'xml' }];
  }
  const blocks: BodyBlock[] = [];
  let at = 0;
  for (const run of findCodeRuns(line)) {
    blocks.push(...proseBlocks(line.slice(at, run.start)));
    const code = line.slice(run.start, run.end).trim();
    blocks.push({ kind: 'code', text: layoutCode(code, run.language), language: run.language });
    at = run.end;
  }
  blocks.push(...proseBlocks(line.slice(at)));
  return blocks;
}

/** Joins what one line break apart belongs together: log lines into one block, text lines into one paragraph. */
function mergeLines(lines: BodyBlock[][]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const blocks of lines) {
    blocks.forEach((block, i) => {
      const last = out.at(-1);
      const continues = i === 0 && last !== undefined;
      if (continues && block.kind === 'code' && last.kind === 'code' && block.language === last.language)
        last.text += `\n${block.text}`;
      else if (continues && block.kind === 'text' && last.kind === 'text' && blocks.length === 1)
        last.text += `\n${block.text}`;
      else out.push({ ...block });
    });
  }
  return out;
}

/** The blocks to show for a scraped body: text, code, link lists and signatures, in order. */
export function bodyBlocks(body: string, title?: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const part of splitSignatures(body)) {
    if (part.signature) {
      blocks.push({ kind: 'signature', text: part.text.trim().replace(/\s+/g, ' ') });
      continue;
    }
    // Quinn's articles: a preface, the signature, then the article under its own title.
    const text = part.text.trimStart();
    if (title && blocks.length > 0 && text.startsWith(`${title} `)) {
      blocks.push({ kind: 'heading', text: title });
      part.text = text.slice(title.length);
    }
    for (const paragraph of part.text.split(/\n\s*\n/)) {
      const lines = paragraph.split('\n').filter((l) => l.trim() !== '');
      blocks.push(...mergeLines(lines.map(lineBlocks)));
    }
  }
  return blocks;
}
