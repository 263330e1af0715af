import { Fragment, useMemo } from 'react';
import { bodyBlocks, type BodyBlock, type LinkSection } from '../../src/format/body-blocks';
import { openExternalLink, toast } from '../app/actions';
import { copyText } from '../app/clipboard';

/** Web addresses in scraped text, without the punctuation that ends the sentence around them. */
const URL = /https?:\/\/[^\s<>"'()[\]]+[^\s<>"'()[\].,;:!?]/g;

/** Plain text with its web addresses as links (opened through the platform, never in the window). */
function Linked({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(URL)) {
    parts.push(text.slice(at, m.index));
    const href = m[0];
    parts.push(
      <a
        key={m.index}
        href={href}
        rel="noopener noreferrer"
        onClick={(e) => {
          e.preventDefault();
          void openExternalLink(href);
        }}
      >
        {href}
      </a>,
    );
    at = m.index + href.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function CodeBlock({ code, language }: { code: string; language: string }) {
  return (
    <div className="code-block">
      <button
        type="button"
        className="copy-code"
        aria-label="Copy code"
        onClick={() => void copyText(code).then((ok) => toast(ok ? 'Code copied' : 'Could not copy'))}
      >
        Copy
      </button>
      <pre data-language={language}>
        <code>{code}</code>
      </pre>
    </div>
  );
}

function Links({ sections }: { sections: LinkSection[] }) {
  return (
    <div className="body-links">
      {sections.map((section, i) => (
        <Fragment key={i}>
          {section.heading && <h3 className="body-links-heading">{section.heading}</h3>}
          {section.meta && <p className="body-links-meta">{section.meta}</p>}
          {section.items.length > 0 && (
            <ul>
              {section.items.map((item, j) => (
                <li key={j}>
                  <span className="link-title">{item.title}</span>
                  {item.kind && <span className="link-kind"> {item.kind}</span>}
                  {item.note && <span className="link-note"> — {item.note}</span>}
                </li>
              ))}
            </ul>
          )}
        </Fragment>
      ))}
    </div>
  );
}

function Block({ block }: { block: BodyBlock }) {
  switch (block.kind) {
    case 'text':
      return (
        <p>
          <Linked text={block.text} />
        </p>
      );
    case 'code':
      return <CodeBlock code={block.text} language={block.language} />;
    case 'links':
      return <Links sections={block.sections} />;
    case 'signature':
      return <p className="body-signature">{block.text}</p>;
    case 'heading':
      return <h2 className="body-heading">{block.text}</h2>;
  }
}

/**
 * A scraped post body. It is plain text, never Markdown (`\(hostname)` in Swift stays as typed):
 * React puts it in the page as text, laid out in the blocks `bodyBlocks` finds — paragraphs, code,
 * the link lists of resource posts, the signature.
 */
export function PostBody({ body, title }: { body: string; title?: string }) {
  const blocks = useMemo(() => bodyBlocks(body, title), [body, title]);
  return (
    <div className="post-body body-text">
      {blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </div>
  );
}
