/**
 * The browser implementation of the platform API (Actual Budget's browser-preload pattern): a
 * hidden file input for imports, Blob downloads for exports, window.open for links. Chosen at
 * build time (vite resolves `create-platform` to this file in the web build), so the Electron
 * bundle carries none of it, nor the bundled fixtures.
 */
import type { ExportFile, ForumKbApi, SourceFile } from '../../src/bridge/forumkb-api';
import { isAllowedExternalUrl } from '../../src/bridge/external-links';
import { emptyExportReport } from '../../src/export/export-report';
import manifest from '../../fixtures/seed.json';

const seedTexts = import.meta.glob('../../fixtures/*.{txt,xml,html,json}', { query: '?raw', import: 'default' });

/** A picked or dropped browser File as the data worker takes it (the File itself: no copy). */
export function browserFile(file: File): SourceFile {
  return { name: file.name, data: file, capturedAt: null, modifiedAt: new Date(file.lastModified).toISOString() };
}

function pickFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The browser's platform; a page given a bridge (a test standing in for Electron's preload) uses that. */
export function createPlatform(): ForumKbApi {
  return window.forumkb ?? webPlatform();
}

declare global {
  interface Window {
    forumkb?: ForumKbApi;
  }
}

function webPlatform(): ForumKbApi {
  return {
    platform: 'web',
    async loadSeedFiles(): Promise<SourceFile[]> {
      const files: SourceFile[] = [];
      for (const seed of manifest.files) {
        const load = seedTexts[`../../fixtures/${seed.path}`];
        if (load)
          files.push({
            name: seed.path,
            data: (await load()) as string,
            capturedAt: seed.capturedAt,
            modifiedAt: null,
          });
      }
      return files;
    },
    async pickFiles() {
      return (await pickFiles()).map(browserFile);
    },
    exportNotes(files: ExportFile[]) {
      // A browser cannot write into a folder: each file becomes a download.
      for (const file of files) download(file.path, file.content, 'text/markdown');
      const written = files.map((f) => f.path);
      return Promise.resolve({ saved: true, location: 'Downloads', ...emptyExportReport(), written });
    },
    saveFile(file: ExportFile) {
      download(file.path, file.content, file.path.endsWith('.json') ? 'application/json' : 'text/plain');
      return Promise.resolve({ saved: true, location: 'Downloads' });
    },
    openExternal(url: string) {
      if (!isAllowedExternalUrl(url)) return Promise.resolve(false);
      window.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve(true);
    },
    onMenuCommand() {
      return () => {}; // a browser tab has no native menu
    },
    connectorPairing() {
      return Promise.resolve(null); // the clipper pairs with the desktop app (or `cli connector`)
    },
    configureConnector() {
      return Promise.resolve(null);
    },
    onCapture() {
      return () => {}; // a browser tab runs no connector
    },
    onOpenThread() {
      return () => {}; // in a browser, forumkb links are the #/thread/<id> route itself
    },
  };
}
