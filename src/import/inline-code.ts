/**
 * Inline code that a scraper pulled onto a line of its own. The old forum (and pages migrated from
 * it) rendered `code` inside a sentence as a block, so the text reads
 *
 *   Error -9802 is
 *
 *   errSSLFatalAlert
 *   , which is pretty generic
 *
 * Such a line is put back into its sentence: `Error -9802 is errSSLFatalAlert, which is pretty
 * generic`. Only a lone identifier-like token qualifies, and only when the next line goes on with
 * the sentence (a lower-case word or punctuation): code blocks and logs are left exactly as they are.
 */
const TOKEN = /^[-+]?[A-Za-z_][\w.:()[\]<>*-]*$/;
const CODE_LOOKING = /[a-z][A-Z]|[A-Z]{2,}[a-z]|[:()_]|^[-+]/;
/** A line that goes on with the sentence: starts with a lower-case word or with punctuation. */
const CONTINUES = /^(?:[a-z][a-z'’]*\b(?!\s*[=(:{[])|[.,;:!?)](?:\s|$))/;

function isInlineCodeLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && TOKEN.test(t) && CODE_LOOKING.test(t);
}

/** A prose line that stops mid-sentence: the code it was waiting for comes next. */
function endsMidSentence(text: string): boolean {
  const t = text.trimEnd();
  return /[A-Za-z,]$/.test(t) && / /.test(t.trim()) && !/^\s{4,}/.test(text) && !/[;{}=]/.test(t);
}

/** The line before `at` in `out` that a code line would join: the previous one, or the one before a blank line. */
function leadIn(out: string[]): { index: number; acrossBlank: boolean } | null {
  const k = out.length - 1;
  if (k >= 0 && out[k]!.trim() !== '') return { index: k, acrossBlank: false };
  if (k >= 1 && out[k]!.trim() === '' && out[k - 1]!.trim() !== '') return { index: k - 1, acrossBlank: true };
  return null;
}

export function rejoinInlineCode(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isInlineCodeLine(line)) {
      out.push(line);
      continue;
    }
    const next = lines[i + 1];
    const forward = next !== undefined && CONTINUES.test(next.trim());
    const lead = leadIn(out);
    const previous = lead ? out[lead.index]! : '';
    // Backwards across a blank line only when the sentence visibly stops short; on the very next
    // line also after a full stop (a paragraph the scraper broke at the code).
    const backward =
      lead !== null && (endsMidSentence(previous) || (forward && !lead.acrossBlank && /[.!?]$/.test(previous.trim())));
    if (!forward && !backward) {
      out.push(line);
      continue;
    }
    let text = line.trim();
    if (forward) {
      const rest = next.trim();
      text = /^[.,;:!?)]/.test(rest) ? `${text}${rest}` : `${text} ${rest}`;
      i++;
    }
    if (backward) {
      if (lead.acrossBlank) out.pop();
      out[lead.index] = `${previous.trimEnd()} ${text}`;
    } else {
      // Indentation of the code line is kept when it starts the sentence (a nested bullet).
      out.push(`${/^\s*/.exec(line)![0]}${text}`);
    }
  }
  return out;
}
