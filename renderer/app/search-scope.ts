import type { View } from '../state/ui-store';

/** What a search runs inside: the selected view and tags, named for the user and as filters. */
export interface SearchScope {
  label: string;
  query: string;
}

const quoted = (value: string) => `"${value.replaceAll('"', '')}"`;

/** The scope of a search made while `view` and `tags` are selected; null for all threads. */
export function searchScope(view: View, tags: readonly string[]): SearchScope | null {
  const labels: string[] = [];
  const filters: string[] = [];
  switch (view.kind) {
    case 'bookmarks':
      labels.push(view.label ? `Bookmarks labelled ${view.label}` : 'Bookmarks');
      filters.push('is:bookmarked', ...(view.label ? [`label:${quoted(view.label)}`] : []));
      break;
    case 'resources':
      labels.push('Resources');
      filters.push('is:resource');
      break;
    case 'notes':
      labels.push('Notes');
      filters.push('has:notes');
      break;
    case 'all':
      break;
  }
  for (const tag of tags) {
    labels.push(tag);
    filters.push(`tag:${quoted(tag)}`);
  }
  return filters.length > 0 ? { label: labels.join(' · '), query: filters.join(' ') } : null;
}
