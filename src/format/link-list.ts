/**
 * The link lists of resource posts (Quinn's "Networking Resources" and the like) as their scrape
 * ran them together: `TLS for App Developers forums post Choosing a Network Debugging Tool
 * documentation …`. Each entry ends with the kind of thing it links (`forums post`,
 * `documentation`, `sample code`, …) or starts with a document number (`TN3151`, `QA1948`);
 * sections start with a short heading and a colon (`Wi-Fi (iOS):`).
 */

export interface LinkItem {
  title: string;
  /** `forums post`, `documentation`, …; null when the entry does not say. */
  kind: string | null;
  /** What the post says about it, after its dash. */
  note: string | null;
}

export interface LinkSection {
  heading: string | null;
  /** `Forums tags: Foundation, CFNetwork`. */
  meta: string | null;
  items: LinkItem[];
}

const KINDS = [
  'forums post',
  'documentation',
  'sample code',
  'technote',
  'support article',
  'support document',
  'tech talk',
  'developer news post',
  'document',
];
const KIND = new RegExp(
  `\\s(${KINDS.join('|')})\\b((?:\\s*\\((?:aka [^)]*)\\))?(?:\\s*\\[\\d+\\])?)(\\s+—\\s+[^]*?[.?!](?=\\s|$))?`,
  'g',
);
const NUMBERED = /\s(?=(?:TN\d{4}|QA\d{4}|Technote \d+|WWDC \d{4} Session \d+)\b)/g;
const HEADING = /(?:^|\s)((?!Forums\b)[A-Z][\w-]*(?: \([\w ]+\)| [a-z][\w-]*){0,2}):\s/g;
const FORUMS_META = /^(?:More [\w-]+ )?forums (?:subtopic|tags?): /i;
/** A dash note on an entry without a kind ends with its sentence. */
const DASH_NOTE = /\s—\s[^]*?[.?!](?=\s+[A-Z0-9[])/g;

/** True when `text` reads as a run-on list of links: many entries ending in a kind. */
export function looksLikeLinkList(text: string): boolean {
  return [...text.matchAll(KIND)].length >= 5;
}

/** The tag list after `Forums tags:`, up to where the first entry starts (often the tag's own name again). */
function splitMeta(text: string): [string, string] {
  const m = FORUMS_META.exec(text);
  if (!m) return ['', text];
  if (/subtopic/i.test(m[0])) return [text, ''];
  let rest = text.slice(m[0].length);
  const tags: string[] = [];
  for (let t = /^([\w-]+(?: [A-Z][\w-]*)?), /.exec(rest); t; t = /^([\w-]+(?: [A-Z][\w-]*)?), /.exec(rest)) {
    tags.push(t[1]!);
    rest = rest.slice(t[0].length);
  }
  const words = rest.split(' ');
  let take = 1;
  for (let n = 1; n <= Math.min(3, words.length - 1); n++) {
    const name = words.slice(0, n).join(' ');
    if (
      words
        .slice(n)
        .join(' ')
        .startsWith(name + ' ')
    ) {
      take = n;
      break;
    }
  }
  tags.push(words.slice(0, take).join(' '));
  return [m[0] + tags.join(', '), words.slice(take).join(' ')];
}

function item(piece: string): LinkItem {
  const m =
    /^(.*?)\s(forums post|documentation|sample code|technote|support article|support document|tech talk|developer news post|document)\b((?:\s*\([^)]*\))?(?:\s*\[\d+\])?)(?:\s+—\s+([^]*))?$/.exec(
      piece,
    );
  if (!m) {
    const dash = /^(.*?)\s+—\s+([^]*)$/.exec(piece);
    return dash ? { title: dash[1]!, kind: null, note: dash[2]! } : { title: piece, kind: null, note: null };
  }
  return { title: (m[1]! + m[3]!).trim(), kind: m[2]!, note: m[4]?.trim() ?? null };
}

/** Splits a run-on link list into sections of entries; text before the first entry is a section without items. */
export function splitLinkList(text: string): LinkSection[] {
  const cuts = new Set<number>();
  for (const m of text.matchAll(KIND)) cuts.add(m.index + m[0].length);
  for (const m of text.matchAll(NUMBERED)) cuts.add(m.index);
  for (const m of text.matchAll(DASH_NOTE)) cuts.add(m.index + m[0].length);
  const headings = new Map<number, number>();
  for (const m of text.matchAll(HEADING)) {
    const at = m.index + m[0].indexOf(m[1]!);
    cuts.add(at);
    headings.set(at, at + m[1]!.length + 1);
  }
  const points = [0, ...[...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  const sections: LinkSection[] = [{ heading: null, meta: null, items: [] }];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const headingEnd = headings.get(from);
    let piece = text.slice(headingEnd ?? from, to).trim();
    if (headingEnd !== undefined) {
      const [meta, rest] = splitMeta(piece);
      sections.push({ heading: text.slice(from, headingEnd - 1), meta: meta || null, items: [] });
      piece = rest.trim();
    }
    if (piece) sections.at(-1)!.items.push(item(piece));
  }
  return sections.filter((s) => s.heading !== null || s.items.length > 0);
}
