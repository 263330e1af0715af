import { useEffect, useState } from 'react';
import { dataApi, transferFiles } from '../data/data-client';
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
import { isMac, runCommand } from './commands';
import { importPickedFiles } from './import-flow';
import { listenForCaptures } from './capture-import';
import { PairingDialog } from './PairingDialog';
import { useFileDrop } from './use-file-drop';
import { afterFirstPaint } from './use-threads';
import { useHashRoute } from './use-hash-route';
import { useShortcuts } from './use-shortcuts';

type Status = { kind: 'starting' } | { kind: 'ready'; seedError: string | null } | { kind: 'error'; error: unknown };

/** The reader pane: the only part of the window that changes when another thread is selected. */
function ReaderPane() {
  const selectedThreadId = useUiStore((s) => s.selectedThreadId);
  return (
    <section className="reader-pane" aria-label="Reader">
      <Reader threadId={selectedThreadId} />
    </section>
  );
}

/** The import's progress bar: re-rendered a few times a second while an import runs, alone. */
function ImportProgress() {
  const importing = useUiStore((s) => s.importProgress);
  return importing && <ImportProgressBar progress={importing} />;
}

function ImportButton() {
  const importing = useUiStore((s) => s.importProgress !== null);
  return (
    <button type="button" onClick={() => void importPickedFiles()} disabled={importing}>
      Import…
    </button>
  );
}

export function App() {
  const paletteOpen = useUiStore((s) => s.paletteOpen);
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const lastImport = useImportStore((s) => s.lastImport);
  const setLastImport = useImportStore((s) => s.setLastImport);
  const [status, setStatus] = useState<Status>({ kind: 'starting' });
  const ready = status.kind === 'ready';

  useEffect(() => {
    // Opening is separate from seeding: a database that cannot open is fatal and explained; a
    // bundled file that fails to import is not.
    const data = dataApi();
    data
      .open()
      .then(
        ({ needsSeed }) =>
          // Edits a closed window left unsaved (components/unsaved-edits.ts) go in first.
          recoverUnsavedEdits(data)
            .catch(() => 0)
            .then(() =>
              needsSeed ? platform.loadSeedFiles().then((files) => data.importSeed(transferFiles(files))) : null,
            )
            .then(
              () => {
                setStatus({ kind: 'ready', seedError: null });
                // Load the search index once the list shows: it loads while the user looks.
                afterFirstPaint(() => void data.indexStatus());
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
        runCommand(command);
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
        <ImportButton />
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
      <ImportProgress />
      {status.kind === 'ready' && status.seedError && (
        <p role="alert" className="banner">
          The bundled sample threads could not be imported ({status.seedError}). You can still import your own files.
        </p>
      )}
      {lastImport && <ImportReport summary={lastImport} onClose={() => setLastImport(null)} />}
      <div className="panes">
        <Sidebar />
        <ListPane />
        <ReaderPane />
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
