// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureCoverage } from '../../../../renderer/components/CaptureCoverage';
import type { Post, Thread } from '../../../../src/model';
import { makePost, makeThread } from '../../archive/archive-fixtures';

afterEach(cleanup);

const posts = (n: number, extra: Partial<Post> = {}): Post[] =>
  Array.from({ length: n }, (_, i) => ({ ...makePost('790377', i, `post ${i}`), ...extra }));
const note = () => screen.queryByRole('note')?.textContent ?? null;
const show = (thread: Partial<Thread>, list: Post[]) =>
  render(<CaptureCoverage thread={makeThread('790377', 'T', thread)} posts={list} />);

describe('CaptureCoverage', () => {
  it('leaves a known count to the replies line, and says nothing when nothing is missing', () => {
    show({ replies: 10 }, posts(2));
    expect(note()).toBeNull();
  });

  it('shows an unknown count as unknown, never as 0', () => {
    show({ replies: null }, posts(1));
    expect(note()).toBe('Replies on the forum: unknown (the page did not show a count); 0 captured.');
  });

  it('names an accepted answer the page marked but did not include, and a cut-off post', () => {
    const list = posts(1);
    list[0]!.cut = true;
    show({ replies: 0, acceptedAnswer: { by: 'DTS Engineer', postId: null } }, list);
    expect(note()).toBe(
      'Answered by DTS Engineer; the accepted answer was not captured.' +
        'The capture stops inside the question: the text goes on past what is shown.',
    );
  });

  it('says when the title was made from the question, and when only an old message id is known', () => {
    show({ replies: 1, titleDerived: true, legacyMessageId: '305518' }, posts(2));
    expect(note()).toBe(
      'The page had no title line: the title shown is the question’s first words.' +
        'Saved from the old forum’s message 305518: the thread’s own id is not known.',
    );
  });
});
