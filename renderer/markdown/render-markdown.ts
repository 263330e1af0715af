/**
 * User notes (Markdown) and any HTML to HTML that is safe to put in the page. Scraped post bodies
 * do not come here: they are plain text (renderer/components/PostBody.tsx). Everything is treated as
 * untrusted: marked turns Markdown into HTML, DOMPurify then removes
 * scripts, event handlers, styles, forms and frames, and a last pass neutralises anything that
 * would load from the network (remote images) so reading a post never phones home.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * Raw HTML in a post is kept only when it starts with an ordinary formatting tag. Anything else —
 * `<key>` in a pasted plist, `<script>` — is shown as the text it is, which is what the author meant.
 */
const FORMATTING_TAG =
  /^<\/?(a|abbr|b|blockquote|br|code|dd|del|div|dl|dt|em|h[1-6]|hr|i|img|kbd|li|ol|p|pre|s|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b/i;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  // Scraped text keeps its line breaks; Markdown's soft wraps would run them together.
  breaks: true,
  extensions: [
    {
      // Only `*` makes emphasis: in networking posts `_` is in identifiers (`_tcp`, `nw_path_t`,
      // `SO_NECP_ATTRIBUTES`), and scraped text turning half a post italic is worse than losing `_em_`.
      name: 'underscoreIsText',
      level: 'inline',
      start: (src: string) => src.indexOf('_'),
      tokenizer(src: string) {
        const run = /^_+/.exec(src);
        return run ? { type: 'text', raw: run[0], text: run[0] } : undefined;
      },
    },
  ],
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = token.text;
      if (FORMATTING_TAG.test(text.trim())) return text;
      const escaped = escapeHtml(text);
      return 'block' in token && token.block ? `<p>${escaped.replace(/\n/g, '<br>')}</p>` : escaped;
    },
  },
});

const SANITIZE_CONFIG = {
  FORBID_TAGS: [
    'style',
    'script',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'link',
    'meta',
    'base',
    'svg',
    'math',
    'video',
    'audio',
    'source',
    'track',
    'picture',
    'template',
    'dialog',
  ],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'target', 'action', 'formaction', 'background', 'ping', 'poster'],
  // Links: the web, mail and ForumKB's own thread links; `javascript:` and friends are dropped.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|forumkb:|#|data:image\/(?:png|gif|jpeg|webp);)/i,
  ALLOW_DATA_ATTR: false,
};

/** Replaces images that would load from anywhere but the page itself with a quiet text marker. */
function neutraliseRemoteImages(root: DocumentFragment): void {
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (/^data:image\//i.test(src)) continue;
    const marker = img.ownerDocument.createElement('span');
    marker.className = 'blocked-image';
    marker.title = 'Remote image not loaded';
    marker.textContent = `[image${img.alt ? `: ${img.alt}` : ''}]`;
    img.replaceWith(marker);
  }
}

/** Links never navigate the app window: the reader opens them through the platform. */
function markLinks(root: DocumentFragment): void {
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('href');
    if (!href) continue;
    a.setAttribute('rel', 'noopener noreferrer');
    if (href.startsWith('forumkb:')) a.setAttribute('data-internal', 'true');
    else if (!href.startsWith('#')) a.setAttribute('data-external', 'true');
  }
}

/** Sanitises HTML (from marked or anywhere else) for the page. */
export function sanitizeHtml(html: string): string {
  const fragment = DOMPurify.sanitize(html, { ...SANITIZE_CONFIG, RETURN_DOM_FRAGMENT: true });
  neutraliseRemoteImages(fragment);
  markLinks(fragment);
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** Markdown (or plain text, or forum HTML) to sanitised HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source, { async: false }));
}
