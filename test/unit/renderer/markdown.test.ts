// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from '../../../renderer/markdown/render-markdown';

const dom = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('renderMarkdown', () => {
  it('renders Markdown: emphasis, lists, code blocks', () => {
    const html = renderMarkdown('Some **bold** text\n\n- one\n- two\n\n```swift\nlet x = 1\n```');
    const root = dom(html);
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('pre code')?.textContent).toBe('let x = 1\n');
  });

  it('keeps the line breaks of scraped plain text', () => {
    expect(dom(renderMarkdown('line one\nline two')).querySelectorAll('br')).toHaveLength(1);
  });

  it('shows unknown tags such as a pasted plist as text', () => {
    const root = dom(renderMarkdown('<key>NSAppTransportSecurity</key> <true/>'));
    expect(root.textContent).toContain('<key>NSAppTransportSecurity</key>');
    expect(root.querySelector('key')).toBeNull();
  });

  it('runs no script: script tags become text, event handlers are dropped', () => {
    const html = renderMarkdown('<script>window.__pwned = 1</script>\n\nhi <img src=x onerror="window.__pwned=1">');
    const root = dom(html);
    expect(root.querySelector('script')).toBeNull();
    expect(html).not.toMatch(/onerror/i);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<script>window.__pwned = 1</script>');
  });

  it('drops javascript: links and marks web links external', () => {
    const root = dom(renderMarkdown('[bad](javascript:alert(1)) [good](https://developer.apple.com/x)'));
    const links = [...root.querySelectorAll('a')];
    expect(links.find((a) => a.textContent === 'bad')?.getAttribute('href')).toBeNull();
    const good = links.find((a) => a.textContent === 'good')!;
    expect(good.getAttribute('href')).toBe('https://developer.apple.com/x');
    expect(good.dataset.external).toBe('true');
    expect(good.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('autolinks bare URLs', () => {
    expect(dom(renderMarkdown('see https://developer.apple.com/forums')).querySelector('a')?.href).toBe(
      'https://developer.apple.com/forums',
    );
  });
});

describe('sanitizeHtml', () => {
  it('replaces remote images with a text marker and keeps data images', () => {
    const root = dom(
      sanitizeHtml('<img src="https://evil.example/t.gif" alt="track"><img src="data:image/png;base64,AAAA" alt="ok">'),
    );
    expect(root.querySelectorAll('img')).toHaveLength(1);
    expect(root.querySelector('.blocked-image')?.textContent).toBe('[image: track]');
  });

  it('removes iframes, forms, styles and style attributes', () => {
    const html = sanitizeHtml(
      '<iframe src="https://x"></iframe><form action="https://x"><input name=a></form><style>*{}</style><p style="color:red" onclick="x()">p</p>',
    );
    expect(html).toBe('<p>p</p>');
  });

  it('removes target and id (no new windows, no DOM clobbering)', () => {
    expect(sanitizeHtml('<a href="https://github.com" target="_blank" id="x">g</a>')).toBe(
      '<a href="https://github.com" rel="noopener noreferrer" data-external="true">g</a>',
    );
  });
});

describe('identifiers with underscores', () => {
  it('does not turn `_tcp` and `nw_path_t` into emphasis', () => {
    const root = dom(renderMarkdown('type: "_mytcpapp._tcp" with nw_path_t and SO_NECP_ATTRIBUTES, but *this* is em'));
    expect(root.querySelectorAll('em')).toHaveLength(1);
    expect(root.textContent).toContain('"_mytcpapp._tcp" with nw_path_t and SO_NECP_ATTRIBUTES');
  });
});

describe('forumkb links', () => {
  it('keeps forumkb://thread links and marks them internal', () => {
    const a = dom(renderMarkdown('[see](forumkb://thread/788211)')).querySelector('a')!;
    expect(a.getAttribute('href')).toBe('forumkb://thread/788211');
    expect(a.dataset.internal).toBe('true');
    expect(a.dataset.external).toBeUndefined();
  });
});
