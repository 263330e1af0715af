import { useEffect, useState } from 'react';
import { db } from '../db/database';
import { seedOnFirstStart } from '../db/seed';
import { searchClient, syncSearch } from '../search/search-instance';
import { platform } from '../platform';
import { useImportStore } from '../state/import-store';
import { useUiStore } from '../state/ui-store';
import { CommandPalette } from '../components/CommandPalette';
import { DatabaseError } from '../components/DatabaseError';
import { ImportProgressBar } from '../components/ImportProgressBar';
import { ImportReport } from '../components/ImportReport';
import { ListPane } from '../components/ListPane';
import { Reader } from '../components/Reader';
import { SearchBox } from '../components/SearchBox';
import { Sidebar } from '../components/Sidebar';
import { StatusBar } from '../components/StatusBar';
import { recoverUnsavedEdits } from '../components/unsaved-edits';
import { focusSearch } from './actions';
import { isMac } from './commands';
import { exportAllNotes } from './export-flow';
import { importPickedFiles } from './import-flow';
import { listenForCaptures } from './capture-import';
import { PairingDialog } from './PairingDialog';
import { useFileDrop } from './use-file-drop';
import { afterFirstPaint } from './use-threads';
import { useHashRoute } from './use-hash-route';
import { useShortcuts } from './use-shortcuts';

type Status = { kind: 'starting' } | { kind: 'ready'; seedError: string | null } | { kind: 'error'; error: unknown };

export function App() {
  const selectedThreadId = useUiStore((s) => s.selectedThreadId);
  const paletteOpen = useUiStore((s) => s.paletteOpen);
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const importing = useUiStore((s) => s.importProgress);
  const lastImport = useImportStore((s) => s.lastImport);
  const setLastImport = useImportStore((s) => s.setLastImport);
  const [status, setStatus] = useState<Status>({ kind: 'starting' });
  const ready = status.kind === 'ready';

  useEffect(() => {
    // Opening is separate from seeding: a database that cannot open is fatal and explained; a
    // bundled file that fails to import is not.
    db.open()
      .then(
        () =>
          // Edits a closed window left unsaved (components/unsaved-edits.ts) go in first.
          recoverUnsavedEdits(db)
            .catch(() => 0)
            .then(() => seedOnFirstStart(db, platform))
            .then(
              (seeded) => {
                setStatus({ kind: 'ready', seedError: null });
                // Start the search worker once the list shows: its index loads while the user looks.
                if (seeded) void syncSearch(seeded.changedIds);
                else afterFirstPaint(() => void searchClient().status());
              },
              (e: unknown) => setStatus({ kind: 'ready', seedError: String(e) }),
            ),
        (error: unknown) => setStatus({ kind: 'error', error }),
      )
      .catch((error: unknown) => setStatus({ kind: 'error', error }));
  }, []);

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'import') void importPickedFiles();
        if (command === 'export-notes') void exportAllNotes();
        if (command === 'focus-search') focusSearch();
      }),
    [],
  );

  // The browser clipper's captures, once the database is open (until then the clipper retries).
  useEffect(() => (ready ? listenForCaptures() : undefined), [ready]);

  useShortcuts();
  useHashRoute(ready);
  const dragging = useFileDrop(ready);

  if (status.kind === 'error') return <DatabaseError error={status.error} />;
  return (
    <div className="app" data-status={status.kind}>
      <header className="toolbar">
        <span className="app-name">ForumKB</span>
        <SearchBox />
        <button type="button" onClick={() => void importPickedFiles()} disabled={importing !== null}>
          Import…
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Command palette"
          title={`All commands (${isMac() ? '⌘' : 'Ctrl+'}P)`}
          onClick={() => setPaletteOpen(true)}
        >
          ⌘
        </button>
      </header>
      {importing && <ImportProgressBar progress={importing} />}
      {status.kind === 'ready' && status.seedError && (
        <p role="alert" className="banner">
          The bundled sample threads could not be imported ({status.seedError}). You can still import your own files.
        </p>
      )}
      {lastImport && <ImportReport summary={lastImport} onClose={() => setLastImport(null)} />}
      <div className="panes">
        <Sidebar />
        <ListPane />
        <section className="reader-pane" aria-label="Reader">
          <Reader threadId={selectedThreadId} />
        </section>
      </div>
      <StatusBar />
      {paletteOpen && <CommandPalette />}
      <PairingDialog />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop listing text, thread pages, feeds or a ForumKB archive to import them</p>
        </div>
      )}
    </div>
  );
}
