import { TAG_RULES } from './tag-rules';

/** Tags whose rule matches the title or the body, in the rule table's order. */
export function inferTags(title: string, body: string): string[] {
  const text = `${title}\n${body}`;
  return TAG_RULES.filter((rule) => rule.patterns.some((p) => p.test(text))).map((rule) => rule.tag);
}
