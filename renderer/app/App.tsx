import { useEffect, useState } from 'react';
import { db } from '../db/database';
import { importIntoDb, type ImportSummary } from '../db/import-into-db';
import { seedOnFirstStart } from '../db/seed';
import { platform } from '../platform';
import { useUiStore } from '../state/ui-store';
import { Reader } from '../components/Reader';
import { Sidebar } from '../components/Sidebar';
import { ThreadList } from '../components/ThreadList';
import { ImportReport } from '../components/ImportReport';
import { useThreads } from './use-threads';

async function pickAndImport(): Promise<ImportSummary | null> {
  const files = await platform.pickAndParseFiles();
  return files.length > 0 ? importIntoDb(db, files) : null;
}

export function App() {
  const view = useUiStore((s) => s.view);
  const selectedThreadId = useUiStore((s) => s.selectedThreadId);
  const threads = useThreads(view);
  const [status, setStatus] = useState<'starting' | 'ready' | 'error'>('starting');
  const [error, setError] = useState<string | null>(null);
  const [lastImport, setLastImport] = useState<ImportSummary | null>(null);

  useEffect(() => {
    seedOnFirstStart(db, platform)
      .then(() => setStatus('ready'))
      .catch((e: unknown) => {
        setError(String(e));
        setStatus('error');
      });
  }, []);

  const importFiles = async () => {
    const summary = await pickAndImport();
    if (summary) setLastImport(summary);
  };

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'import') void importFiles();
      }),
    [],
  );

  return (
    <div className="app" data-status={status}>
      <header className="toolbar">
        <span className="app-name">ForumKB</span>
        <button type="button" onClick={() => void importFiles()}>
          Import…
        </button>
        <span className="toolbar-status" role="status">
          {threads ? `${threads.length} threads` : ''}
        </span>
      </header>
      {error && (
        <p role="alert" className="error">
          The database could not be opened: {error}
        </p>
      )}
      {lastImport && <ImportReport summary={lastImport} onClose={() => setLastImport(null)} />}
      <div className="panes">
        <Sidebar />
        <main className="list-pane">
          <ThreadList threads={threads} />
        </main>
        <section className="reader-pane" aria-label="Reader">
          <Reader threadId={selectedThreadId} />
        </section>
      </div>
    </div>
  );
}
