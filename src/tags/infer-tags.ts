import { INDEX_TAG_COUNT, TAG_RULES, type TagRule } from './tag-rules';

interface Match {
  tag: string;
  inTitle: boolean;
}

/**
 * All of a rule's patterns in one or two regexes (case-sensitive ones, case-insensitive ones), so
 * a rule that matches nowhere — most rules, for most threads — costs two scans, not one a pattern.
 * Listing files run to hundreds of MB, and tag inference was most of their parse time.
 */
interface CompiledRule {
  rule: TagRule;
  any: RegExp[];
}

function combine(patterns: RegExp[]): RegExp[] {
  const joined = (group: RegExp[], flags: string) =>
    group.length > 0 ? [new RegExp(group.map((p) => `(?:${p.source})`).join('|'), flags)] : [];
  return [
    ...joined(
      patterns.filter((p) => !p.flags.includes('i')),
      '',
    ),
    ...joined(
      patterns.filter((p) => p.flags.includes('i')),
      'i',
    ),
  ];
}

const COMPILED: CompiledRule[] = TAG_RULES.map((rule) => ({
  rule,
  any: combine([...rule.strong, ...(rule.weak ?? [])]),
}));

function match({ rule, any }: CompiledRule, title: string, body: string): Match | null {
  if (!any.some((re) => re.test(title) || re.test(body))) return null;
  const all = [...rule.strong, ...(rule.weak ?? [])];
  if (all.some((p) => p.test(title))) return { tag: rule.tag, inTitle: true };
  if (rule.strong.some((p) => p.test(body))) return { tag: rule.tag, inTitle: false };
  const weakHits = (rule.weak ?? []).filter((p) => p.test(body)).length;
  return weakHits >= 2 ? { tag: rule.tag, inTitle: false } : null;
}

/** Tags whose rule matches the title or the question, in the rule table's order. */
export function inferTags(title: string, body: string): string[] {
  const matches = COMPILED.map((c) => match(c, title, body)).filter((m): m is Match => m !== null);
  const kept = matches.length >= INDEX_TAG_COUNT ? matches.filter((m) => m.inTitle) : matches;
  return kept.map((m) => m.tag);
}
