import { useEffect, useMemo, useRef, useState } from 'react';
import { allCommands, type Command } from '../app/commands';
import { useUiStore } from '../state/ui-store';

const matches = (c: Command, q: string) =>
  q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => c.title.toLowerCase().includes(w));

/** Every action in one searchable list (Cmd/Ctrl-P or Cmd/Ctrl-Shift-P). */
export function CommandPalette() {
  const setOpen = useUiStore((s) => s.setPaletteOpen);
  const hasThread = useUiStore((s) => s.selectedThreadId !== null);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef(document.activeElement as HTMLElement | null);
  // A modal dialog keeps the focus: a row or the reader that takes it as its data arrives (a
  // selection scrolled into view, a thread opened with Enter) would leave the palette open with
  // every key going elsewhere.
  const closing = useRef(false);
  useEffect(() => {
    const keep = (event: FocusEvent) => {
      if (closing.current) return;
      const palette = inputRef.current?.closest('.palette');
      if (palette && !palette.contains(event.target as Node)) inputRef.current?.focus();
    };
    document.addEventListener('focusin', keep);
    return () => document.removeEventListener('focusin', keep);
  }, []);
  const commands = useMemo(
    () => allCommands().filter((c) => matches(c, filter) && (!c.needsThread || hasThread)),
    [filter, hasThread],
  );

  const close = () => {
    closing.current = true;
    setOpen(false);
    returnFocus.current?.focus?.();
  };
  const run = (c: Command | undefined) => {
    if (!c) return;
    close();
    void c.run();
  };
  const move = (delta: number) => {
    const next = (active + delta + commands.length) % Math.max(1, commands.length);
    setActive(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={inputRef}
          autoFocus
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[active] ? `cmd-${commands[active].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') move(1);
            else if (e.key === 'ArrowUp') move(-1);
            else if (e.key === 'Enter') run(commands[active]);
            else if (e.key === 'Escape') close();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Commands" ref={listRef}>
          {commands.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(c)}
            >
              <span>{c.title}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {commands.length === 0 && <li className="muted">No command matches.</li>}
        </ul>
      </div>
    </div>
  );
}
