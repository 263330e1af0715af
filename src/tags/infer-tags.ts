import { INDEX_TAG_COUNT, TAG_RULES, type TagRule } from './tag-rules';

interface Match {
  tag: string;
  inTitle: boolean;
}

function match(rule: TagRule, title: string, body: string): Match | null {
  const all = [...rule.strong, ...(rule.weak ?? [])];
  if (all.some((p) => p.test(title))) return { tag: rule.tag, inTitle: true };
  if (rule.strong.some((p) => p.test(body))) return { tag: rule.tag, inTitle: false };
  const weakHits = (rule.weak ?? []).filter((p) => p.test(body)).length;
  return weakHits >= 2 ? { tag: rule.tag, inTitle: false } : null;
}

/** Tags whose rule matches the title or the question, in the rule table's order. */
export function inferTags(title: string, body: string): string[] {
  const matches = TAG_RULES.map((rule) => match(rule, title, body)).filter((m): m is Match => m !== null);
  const kept = matches.length >= INDEX_TAG_COUNT ? matches.filter((m) => m.inTitle) : matches;
  return kept.map((m) => m.tag);
}
