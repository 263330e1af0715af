import { useId, useState } from 'react';
import { useLabelCounts } from '../app/use-user-data';
import { useFlushOnLeave } from '../app/use-flush-on-leave';
import { dataApi } from '../data/data-client';
import { normaliseLabels } from '../db/user-data-store';
import { labelJournal } from './unsaved-edits';

/**
 * A bookmark's labels as a picker: each label a chip with a remove button, and a field that
 * suggests the labels already in use. A label goes in on Enter or a comma, and also when the field
 * is left, the window hidden or closed with it half-typed: nothing typed is lost.
 */
export function LabelEditor({ targetId, labels }: { targetId: string; labels: string[] }) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const known = useLabelCounts();
  const suggestions = [...(known?.keys() ?? [])].filter(
    (l) => !labels.some((x) => x.toLowerCase() === l.toLowerCase()),
  );

  // Edits, not whole lists: the labels shown may not yet include the one added a moment ago.
  const remove = (label: string) => void dataApi().editLabels(targetId, { remove: [label] });
  const commit = (value: string = draft) => {
    const added = normaliseLabels(value.split(','));
    setDraft('');
    // The journal keeps the labels until they are stored: a window closing now loses nothing.
    labelJournal.saving(targetId, added);
    if (added.length > 0)
      void dataApi()
        .editLabels(targetId, { add: added })
        .then(() => labelJournal.saved(targetId, added));
  };
  const type = (value: string) => {
    // A comma ends a label, as Enter does.
    if (value.includes(',')) {
      const parts = value.split(',');
      const rest = parts.pop() ?? '';
      commit(parts.join(','));
      setDraft(rest);
      labelJournal.put(targetId, rest);
      return;
    }
    setDraft(value);
    labelJournal.put(targetId, value);
  };

  useFlushOnLeave(() => commit());

  return (
    <div className="label-editor" role="group" aria-label="Bookmark labels">
      <span>Labels</span>
      <ul className="label-chips">
        {labels.map((label) => (
          <li key={label} className="label-chip">
            {label}
            <button type="button" aria-label={`Remove label ${label}`} title="Remove" onClick={() => remove(label)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        type="text"
        aria-label="Labels"
        list={listId}
        value={draft}
        placeholder={labels.length === 0 ? 'Add a label, e.g. TLS' : 'Add a label'}
        onChange={(e) => type(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Adds the label and gives the keys back to the app (j, k, b…), as before the picker.
            e.preventDefault();
            commit();
            e.currentTarget.blur();
          } else if (e.key === 'Backspace' && draft === '' && labels.length > 0) {
            remove(labels.at(-1)!);
          }
        }}
      />
      <datalist id={listId}>
        {suggestions.map((label) => (
          <option key={label} value={label} />
        ))}
      </datalist>
    </div>
  );
}
