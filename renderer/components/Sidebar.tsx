import { TAG_RULES } from '../../src/tags/tag-rules';
import { useTagCounts } from '../app/use-threads';
import { useUiStore, type View } from '../state/ui-store';

const sameView = (a: View, b: View) => a.kind === b.kind && (a.kind !== 'tag' || (b.kind === 'tag' && a.tag === b.tag));

export function Sidebar() {
  const view = useUiStore((s) => s.view);
  const showView = useUiStore((s) => s.showView);
  const counts = useTagCounts();
  const ruleOrder = TAG_RULES.map((r) => r.tag);
  const tags = [...(counts?.keys() ?? [])].sort((a, b) => {
    const [ia, ib] = [ruleOrder.indexOf(a), ruleOrder.indexOf(b)];
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
  });
  const item = (target: View, label: string, count?: number) => (
    <li key={label}>
      <button
        type="button"
        className="sidebar-item"
        aria-current={sameView(view, target) ? 'page' : undefined}
        onClick={() => showView(target)}
      >
        <span>{label}</span>
        {count !== undefined && <span className="sidebar-count">{count}</span>}
      </button>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Views">
      <ul>
        {item({ kind: 'all' }, 'All threads')}
        {item({ kind: 'resources' }, 'Resources')}
      </ul>
      <h2 className="sidebar-heading">Tags</h2>
      <ul aria-label="Tags">{tags.map((tag) => item({ kind: 'tag', tag }, tag, counts?.get(tag)))}</ul>
    </nav>
  );
}
