/**
 * Lookups over htmlparser2's tree that never recurse: a saved page is untrusted, and 5,000 nested
 * elements overflow the call stack of a recursive walk (DomUtils.findOne, textContent,
 * getOuterHTML). Each walks with an explicit stack, so depth costs heap, not stack, and each
 * visits a node once.
 */
import { ElementType, type DomUtils, type parseDocument } from 'htmlparser2';

type DomDocument = ReturnType<typeof parseDocument>;
export type DomNode = DomDocument | DomDocument['children'][number];
export type DomElement = ReturnType<typeof DomUtils.findAll>[number];
type DomText = Extract<DomNode, { type: typeof ElementType.Text }>;

const isTag = (node: DomNode): node is DomElement =>
  node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
const isText = (node: DomNode): node is DomText => node.type === ElementType.Text;
const isComment = (node: DomNode) => node.type === ElementType.Comment;
const childrenOf = (node: DomNode): readonly DomNode[] => ('children' in node ? node.children : []);

/** Every node under `roots` (the roots included) in document order, to `visit`; `false` skips its children. */
export function walk(roots: readonly DomNode[], visit: (node: DomNode) => boolean | void): void {
  const stack: DomNode[] = [...roots].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visit(node) === false) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Each element under `roots` in document order (the roots included). */
export function allElements(roots: readonly DomNode[]): DomElement[] {
  const found: DomElement[] = [];
  walk(roots, (node) => {
    if (isTag(node)) found.push(node);
  });
  return found;
}

/** The first element in document order that passes `test`, or null. */
export function findFirst(roots: readonly DomNode[], test: (el: DomElement) => boolean): DomElement | null {
  let found: DomElement | null = null;
  walk(roots, (node) => {
    if (found) return false;
    if (isTag(node) && test(node)) found = node;
    return found === null;
  });
  return found;
}

/** The elements that pass `test` and have no ancestor that passes it: one walk, no ancestor scans. */
export function findOutermost(roots: readonly DomNode[], test: (el: DomElement) => boolean): DomElement[] {
  const found: DomElement[] = [];
  walk(roots, (node) => {
    if (!isTag(node) || !test(node)) return true;
    found.push(node);
    return false;
  });
  return found;
}

/** The concatenated text of the nodes (comments left out), like DomUtils.textContent. */
export function textOf(roots: readonly DomNode[]): string {
  const parts: string[] = [];
  walk(roots, (node) => {
    if (isComment(node)) return false;
    if (isText(node)) parts.push(node.data);
    return true;
  });
  return parts.join('');
}

/**
 * Each node's opening and closing in document order, as a streaming parser reports them: lets a
 * tree be read by the same code that reads markup (see htmlToText).
 */
export function walkTags(
  roots: readonly DomNode[],
  on: { open(el: DomElement): boolean | void; text(data: string): void; close(el: DomElement): void },
): void {
  // A closing marker is the element itself pushed a second time, after its children.
  const stack: { node: DomNode; closing: boolean }[] = [...roots].reverse().map((node) => ({ node, closing: false }));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, closing } = item;
    if (isTag(node)) {
      if (closing) {
        on.close(node);
        continue;
      }
      if (on.open(node) === false) continue;
      stack.push({ node, closing: true });
    } else if (isText(node)) {
      on.text(node.data);
      continue;
    } else if (isComment(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, closing: false });
  }
}
