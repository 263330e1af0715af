/**
 * File names from thread titles that are safe on macOS, Windows and Linux, and inside Obsidian
 * vaults: one path segment, no reserved device names, bounded length, and unique even on
 * case-insensitive file systems.
 */

/**
 * Bytes (UTF-8) for a whole name, extension included. File systems allow 255; staying well under
 * leaves room for the folder within Windows' 260-character path limit.
 */
export const MAX_NAME_BYTES = 120;

// Windows device names, reserved with any extension (`con.md` too); COM¹-COM³ count as well.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const encoder = new TextEncoder();

/** True for Windows device names (`CON`, `com1.md`…), which no file may be called. */
export function isReservedDeviceName(name: string): boolean {
  return RESERVED.test(name.split('.')[0]!.trim());
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;

/** Like truncateBytes, but at a word boundary when one is not too far back. */
function truncateWords(text: string, maxBytes: number): string {
  const cut = truncateBytes(text, maxBytes);
  if (cut.length === text.length || /\s/.test(text[cut.length] ?? '')) return cut;
  const space = cut.lastIndexOf(' ');
  return space > cut.length / 2 ? cut.slice(0, space) : cut;
}

/** The longest prefix of `text` within `maxBytes`, cut between user-perceived characters. */
function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const pieces = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
  let out = '';
  let bytes = 0;
  for (const piece of pieces) {
    const size = utf8Length(piece);
    if (bytes + size > maxBytes) break;
    out += piece;
    bytes += size;
  }
  return out;
}

/** Leading dots would hide the file on Unix; trailing dots and spaces are dropped by Windows. */
function trimEnds(text: string): string {
  return text.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/**
 * A file name stem (no extension) for `title`: at most `maxBytes` UTF-8 bytes, never empty.
 */
export function safeFileStem(title: string, maxBytes: number = MAX_NAME_BYTES - 3): string {
  let stem = title
    .normalize('NFC')
    // Lone surrogates cannot be encoded as UTF-8 file names.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    // Control characters, and format characters that can disguise a name (bidi overrides).
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, ' ')
    .replace(/:/g, ' -')
    .replace(/[/\\|]/g, '-')
    .replace(/"/g, "'")
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    // Windows forbids <>?*; Obsidian breaks links on # and ^.
    .replace(/[<>?*#^]/g, '')
    .replace(/\s+/g, ' ');
  stem = trimEnds(truncateWords(trimEnds(stem), maxBytes));
  if (stem === '') return 'Untitled';
  if (isReservedDeviceName(stem)) stem = trimEnds(truncateBytes(`_${stem}`, maxBytes));
  return stem;
}

/** The key two names collide under on case- and normalisation-insensitive file systems. */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}

export interface NamedItem {
  id: string;
  title: string;
}

function shortId(id: string): string {
  const safe = id.replace(/^fp-/, '').replace(/[^\p{L}\p{N}_-]/gu, '');
  return safe.slice(0, 10) || 'x';
}

/**
 * A unique file name (`stem + extension`) for each item, keyed by id. Titles that collide
 * (case-insensitively) all get a short id suffix, so a name depends on the titles present and
 * never on input order. `reserved` names (the index file) are never handed out.
 */
export function assignFileNames(
  items: readonly NamedItem[],
  extension: string,
  reserved: readonly string[] = [],
): Map<string, string> {
  const budget = MAX_NAME_BYTES - utf8Length(extension);
  const stems = new Map(items.map((item) => [item.id, safeFileStem(item.title, budget)]));
  const counts = new Map<string, number>();
  for (const stem of stems.values()) counts.set(fileNameKey(stem), (counts.get(fileNameKey(stem)) ?? 0) + 1);
  const taken = new Set(reserved.map(fileNameKey));
  const names = new Map<string, string>();
  const ordered = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id } of ordered) {
    const stem = stems.get(id)!;
    let name = `${stem}${extension}`;
    if ((counts.get(fileNameKey(stem)) ?? 0) > 1 || taken.has(fileNameKey(name))) {
      name = withSuffix(stem, ` (${shortId(id)})`, extension);
    }
    // Short ids can still meet (ids that differ only after ten characters); count on.
    for (let n = 2; taken.has(fileNameKey(name)); n++) name = withSuffix(stem, ` (${shortId(id)} ${n})`, extension);
    taken.add(fileNameKey(name));
    names.set(id, name);
  }
  return names;
}

function withSuffix(stem: string, suffix: string, extension: string): string {
  const room = MAX_NAME_BYTES - utf8Length(suffix) - utf8Length(extension);
  return `${trimEnds(truncateWords(stem, room)) || 'Untitled'}${suffix}${extension}`;
}
