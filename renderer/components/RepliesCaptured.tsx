/**
 * "10 replies on the forum, none captured": the forum's count beside what was imported, so a thread
 * showing only its question says why. Nothing when the forum's count is unknown or zero.
 */
export function RepliesCaptured({ replies, captured }: { replies: number | null; captured: number }) {
  if (replies === null || replies === 0) return null;
  const missing = captured < replies;
  return (
    <p className={missing ? 'replies-captured replies-missing' : 'replies-captured'} role="note">
      {replies} {replies === 1 ? 'reply' : 'replies'} on the forum, {captured === 0 ? 'none' : captured} captured
      {missing && ' — import the saved thread page (or its feed) to read them here.'}
    </p>
  );
}
