import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import {
  copyThreadLink,
  focusList,
  focusReader,
  markThreadUnread,
  openNote,
  openOriginal,
  toggleThreadBookmark,
} from '../app/actions';
import { useUiStore } from '../state/ui-store';

export interface MenuAnchor {
  threadId: string;
  x: number;
  y: number;
}

/** A thread's menu (from its ⋯ button or a right-click): arrow keys move, Enter picks, Esc closes. */
export function ThreadMenu({
  anchor,
  bookmarked,
  hasUrl,
  onClose,
}: {
  anchor: MenuAnchor;
  bookmarked: boolean;
  hasUrl: boolean;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { threadId } = anchor;
  const items: { label: string; run: () => unknown; disabled?: boolean }[] = [
    {
      label: 'Open',
      run: () => {
        useUiStore.getState().selectThread(threadId);
        requestAnimationFrame(focusReader);
      },
    },
    { label: bookmarked ? 'Remove bookmark' : 'Bookmark', run: () => toggleThreadBookmark(threadId) },
    { label: 'Write note', run: () => openNote(threadId) },
    { label: 'Copy link', run: () => copyThreadLink(threadId) },
    { label: 'Open original page', run: () => openOriginal(threadId), disabled: !hasUrl },
    { label: 'Mark as unread', run: () => markThreadUnread(threadId) },
  ];

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'j') buttons[(i + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp' || e.key === 'k') buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
    else if (e.key === 'Escape' || e.key === 'Tab') {
      onClose();
      focusList();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const left = Math.min(anchor.x, window.innerWidth - 220);
  const top = Math.min(anchor.y, window.innerHeight - 240);
  // In a portal: inside the list's scroller (which has CSS containment) a fixed menu would be
  // positioned and clipped by the scroller instead of the window.
  return createPortal(
    <div ref={ref} className="menu" role="menu" aria-label="Thread actions" style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            void item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
