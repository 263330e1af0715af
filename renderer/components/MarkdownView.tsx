import { useLayoutEffect, useMemo, useRef } from 'react';
import { openExternalLink, toast } from '../app/actions';
import { copyText } from '../app/clipboard';
import { threadIdFromLink } from '../../src/bridge/forumkb-link';
import { useUiStore } from '../state/ui-store';
import { renderMarkdown } from '../markdown/render-markdown';

/**
 * Sanitised Markdown in the page. Links never navigate the window: a click goes to the platform's
 * openExternal (which only opens allowed https hosts). Code blocks get a Copy button.
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  const ref = useRef<HTMLDivElement>(null);

  // The buttons are added to the sanitised DOM, not to the HTML string: nothing post-sanitising
  // goes through the HTML parser.
  useLayoutEffect(() => {
    for (const pre of ref.current?.querySelectorAll('pre') ?? []) {
      if (pre.parentElement?.classList.contains('code-block')) continue;
      const wrap = document.createElement('div');
      wrap.className = 'code-block';
      pre.replaceWith(wrap);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      wrap.append(button, pre);
    }
  }, [html]);

  const onClick = (e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    const copy = target.closest('.copy-code');
    if (copy) {
      const code = copy.parentElement?.querySelector('pre')?.textContent ?? '';
      void copyText(code).then((ok) => toast(ok ? 'Code copied' : 'Could not copy'));
      return;
    }
    const link = target.closest('a');
    if (!link) return;
    e.preventDefault();
    const href = link.getAttribute('href');
    if (!href) return;
    // forumkb://thread/<id> in a note or post opens that thread here.
    const threadId = link.dataset.internal === 'true' ? threadIdFromLink(href) : null;
    if (threadId) useUiStore.getState().selectThread(threadId);
    else if (link.dataset.external === 'true') void openExternalLink(href);
  };

  return (
    <div
      ref={ref}
      className={`markdown ${className ?? ''}`}
      onClick={onClick}
      onAuxClick={(e) => e.preventDefault()}
      // Sanitised by renderMarkdown (marked + DOMPurify + remote-image neutralising).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
