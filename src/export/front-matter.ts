/**
 * YAML front matter for exported notes. Titles come from the forum and can hold anything (quotes,
 * colons, `---`, newlines), so every string is double-quoted by the `yaml` package rather than
 * pasted into a template.
 */
import { stringify } from 'yaml';

export type FrontMatterValue = string | number | boolean | null | readonly string[];

const OPTIONS = {
  // Double quotes everywhere: no YAML 1.1 reader can mistake "no" or "1.0" for a bool or number,
  // and escapes keep newlines and `---` inside the value.
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
  lineWidth: 0,
} as const;

// Characters YAML does not allow raw even in quoted scalars (DEL, C1 controls, non-characters)
// plus the BOM; `yaml` leaves them raw, stricter readers (Obsidian's) refuse the file.
const NON_PRINTABLE = /[\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]/g;

/** `---`-fenced front matter with the fields in the given order. */
export function frontMatter(fields: Readonly<Record<string, FrontMatterValue>>): string {
  const yaml = stringify(fields, OPTIONS).replace(
    NON_PRINTABLE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `---\n${yaml}---\n`;
}

/**
 * The content with the front matter's `exported_at` line removed: two exports that differ only
 * in when they ran compare equal, so re-exporting does not rewrite every file.
 */
export function withoutExportTime(content: string): string {
  if (!content.startsWith('---\n')) return content;
  const end = content.indexOf('\n---\n', 3);
  if (end < 0) return content;
  const head = content
    .slice(0, end + 1)
    .split('\n')
    .filter((line) => !line.startsWith('exported_at:'))
    .join('\n');
  return head + content.slice(end + 1);
}
