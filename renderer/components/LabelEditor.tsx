import { useState } from 'react';
import { db } from '../db/database';
import { setLabels } from '../db/user-data';

/** A bookmark's labels as comma-separated text ("TLS, to read"), saved on Enter or leaving the field. */
export function LabelEditor({ targetId, labels }: { targetId: string; labels: string[] }) {
  const joined = labels.join(', ');
  const [text, setText] = useState(joined);
  // Follow changes made elsewhere (another window, Esc clearing the search) without an effect.
  const [seen, setSeen] = useState(joined);
  if (seen !== joined) {
    setSeen(joined);
    setText(joined);
  }
  const save = () => {
    if (text !== joined) void setLabels(db, targetId, text.split(','));
  };
  return (
    <label className="label-editor">
      <span>Labels</span>
      <input
        type="text"
        value={text}
        placeholder="e.g. TLS, to read"
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            save();
            e.currentTarget.blur();
          }
        }}
      />
    </label>
  );
}
