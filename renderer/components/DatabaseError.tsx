/** Why the app cannot start, in words a user can act on, instead of an empty window. */
export function DatabaseError({ error }: { error: unknown }) {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const kind = `${name} ${inner} ${message}`;
  let cause = 'The browser refused to open ForumKB’s database.';
  let fix = 'Reload the window. If that does not help, restart the app.';
  if (/Quota/i.test(kind)) {
    cause = 'The disk (or this browser’s storage allowance) is full.';
    fix = 'Free some disk space, then reload.';
  } else if (/Version|Upgrade/i.test(kind)) {
    cause = 'The database was written by a newer version of ForumKB.';
    fix = 'Open it with the newer version, or update this one.';
  } else if (/Blocked|another/i.test(kind)) {
    cause = 'Another ForumKB window or tab is holding the database open.';
    fix = 'Close the other windows or tabs of ForumKB, then reload.';
  } else if (/MissingAPI|InvalidState|SecurityError|not allowed|denied/i.test(kind)) {
    cause = 'Storage is not available here: private browsing, or settings that block site data.';
    fix = 'Leave private browsing or allow site data for this page, then reload.';
  }
  return (
    <div className="fatal" role="alert">
      <h1>ForumKB cannot open its database</h1>
      <p>{cause}</p>
      <p>
        <strong>What to do:</strong> {fix}
      </p>
      <p className="muted">Your threads, bookmarks and notes are not deleted by this; they are where they were.</p>
      <details>
        <summary>Technical details</summary>
        <pre>{`${name || 'Error'}: ${message}`}</pre>
      </details>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
