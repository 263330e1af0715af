import type { Post, Thread } from '../../src/model';

/**
 * What this capture holds of the thread, so a partial one never looks complete: a reply count the
 * page did not show, an accepted answer the page named but did not include, a page that stopped
 * mid-post, a title made from the question. Says nothing when there is nothing to say.
 */
export function captureCoverage(thread: Thread, posts: readonly Post[]): string[] {
  if (posts.length === 0) return [];
  const captured = posts.filter((p) => p.index > 0).length;
  const notes: string[] = [];
  // A known count beside the replies captured is RepliesCaptured's line; an unknown one is said here.
  if (thread.replies === null)
    notes.push(`Replies on the forum: unknown (the page did not show a count); ${captured} captured.`);
  const answer = thread.acceptedAnswer;
  if (answer && !posts.some((p) => p.accepted))
    notes.push(`Answered${answer.by ? ` by ${answer.by}` : ''}; the accepted answer was not captured.`);
  if (thread.titleDerived) notes.push('The page had no title line: the title shown is the question’s first words.');
  if (thread.legacyMessageId)
    notes.push(`Saved from the old forum’s message ${thread.legacyMessageId}: the thread’s own id is not known.`);
  const cut = posts.find((p) => p.cut);
  if (cut)
    notes.push(
      `The capture stops inside ${cut.index === 0 ? 'the question' : `reply ${cut.index}`}: the text goes on past what is shown.`,
    );
  return notes;
}

export function CaptureCoverage({ thread, posts }: { thread: Thread; posts: readonly Post[] }) {
  const notes = captureCoverage(thread, posts);
  if (notes.length === 0) return null;
  return (
    <div className="muted capture-coverage" role="note" aria-label="What was captured">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
